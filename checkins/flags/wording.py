"""Wording: plain English templates; translated lazily when a flag's text is rendered.

The sentences are quoted word for word in ``docs/flags.md``; keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.translation import gettext

from checkins.catalog import Dimension, WarningSign
from checkins.flags.kinds import FlagKind

if TYPE_CHECKING:
    from checkins.flags.flag import Flag


@dataclass(frozen=True)
class Wording:
    title: str
    explanation: str
    suggestion: str


def gettext_noop(message: str) -> str:
    """Mark a template for translation (``makemessages`` looks for this name) and return it.

    Django's own ``gettext_noop`` reads settings, which this module must not do.
    """
    return message


DIMENSION_PHRASES: dict[str, str] = {
    Dimension.EMOTIONAL: gettext_noop("emotional closeness"),
    Dimension.EXPERIENTIAL: gettext_noop("doing things together"),
    Dimension.INTELLECTUAL: gettext_noop("sharing ideas"),
    Dimension.PHYSICAL: gettext_noop("physical affection"),
}

ONE_SIDED_WEEK_WIDEST = gettext_noop(
    "This week {more} wrote {words_more} words and {less} wrote {words_less}; the difference "
    "was biggest in {dims}. Some weeks one of you simply has more to say, and that's fine. "
    "A relationship is a two-way street, though, so it's worth noticing when the talking "
    "runs mostly one way."
)

WORDING: dict[FlagKind, Wording] = {
    FlagKind.ONE_SIDED_WEEK: Wording(
        gettext_noop("One of you shared much more this week"),
        gettext_noop(
            "This week {more} wrote {words_more} words and {less} wrote {words_less}. Some "
            "weeks one of you simply has more to say, and that's fine. A relationship is a "
            "two-way street, though, so it's worth noticing when the talking runs mostly one "
            "way."
        ),
        gettext_noop(
            "Each day this week, take turns naming one feeling you had that day, and ask each "
            "other what made you laugh. A sentence or two each is plenty."
        ),
    ),
    FlagKind.ONE_SIDED_PATTERN: Wording(
        gettext_noop("Lately the sharing has leaned one way"),
        gettext_noop(
            "In {count} of your last {window} check-ins, {more} wrote more than {less}, or "
            "filled in a week that {less} skipped. Nobody is doing it wrong: opening up comes "
            "more easily to some people than to others, and being vulnerable can feel risky. "
            "It's something to look at together, as a team."
        ),
        gettext_noop(
            "Set aside ten minutes this week. Each of you finishes the sentence \u201cSomething "
            "I'd love from you is\u2026\u201d, and the other simply says thank you: no "
            "debating, no fixing."
        ),
    ),
    FlagKind.SILENT_DIMENSION: Wording(
        gettext_noop("Only one of you wrote about {dims}"),
        gettext_noop(
            "This week, one of you wrote about {dims}, and the other's answer was left blank. "
            "A blank can mean \u201cnothing to add\u201d or \u201chard to put into words\u201d; "
            "only the two of you know which."
        ),
        gettext_noop(
            "Ask each other one open question about {dims}, such as \u201cHow are we doing "
            "here, really?\u201d, and listen to the whole answer before you reply."
        ),
    ),
    FlagKind.RATING_GAP: Wording(
        gettext_noop("You see {dims} differently this week"),
        gettext_noop(
            "Your closeness ratings for {dims} were {gap} apart on the 1 to 5 scale. Neither "
            "number is wrong; you may simply have had different moments in mind."
        ),
        gettext_noop(
            "Tell each other what your number meant: which moments were you thinking of when "
            "you chose it? Treat it as the two of you against the problem, never one of you "
            "against the other."
        ),
    ),
    FlagKind.SHARED_SIGN: Wording(
        gettext_noop("You both ticked \u201c{sign}\u201d"),
        gettext_noop(
            "You both ticked \u201c{sign}\u201d this week. Seeing the same thing at the same "
            "time is a good start: you're already on the same side."
        ),
        gettext_noop(
            "Pick one evening this week to talk about it, and take turns: one of you speaks "
            "while the other listens without interrupting."
        ),
    ),
    FlagKind.DRIFTING: Wording(
        gettext_noop("A slow slide in {dims}"),
        gettext_noop(
            "Over your last {window} check-ins, your shared average for {dims} went from "
            "{before} in the earlier weeks to {after} in the later ones. Drifting is normal "
            "when life gets busy; think of this as a nudge, not a verdict."
        ),
        gettext_noop(
            "Plan one small thing for {dims} this week, and agree on when you'll do it. "
            "Putting it in the diary makes it real."
        ),
    ),
}

SIGN_WORDING: dict[str, Wording] = {
    WarningSign.DISTANT: Wording(
        gettext_noop("You both feel a little distant"),
        gettext_noop(
            "You both ticked \u201cFeeling distant from each other\u201d this week. Distance "
            "tends to grow quietly, when time is short or opening up feels hard. Noticing it "
            "together is a good sign: you're on the same side."
        ),
        gettext_noop(
            "Plan one evening this week for something you both enjoy, like cooking a meal or "
            "playing a game, with notifications off and phones in another room."
        ),
    ),
    WarningSign.NOT_LISTENED: Wording(
        gettext_noop("You both want to feel heard"),
        gettext_noop(
            "You both ticked \u201cNot feeling listened to\u201d this week. When both people "
            "are waiting to be heard, it's easy for nobody to feel listened to. Saying so is "
            "the first step."
        ),
        gettext_noop(
            "Take ten minutes each: one of you talks while the other only reflects back what "
            "they heard (\u201cIt sounds like\u2026\u201d), then swap. No advice until you've "
            "both had your turn."
        ),
    ),
    WarningSign.NO_HELP: Wording(
        gettext_noop("You're both carrying things alone"),
        gettext_noop(
            "You both ticked \u201cNot asking each other for help or support\u201d this week. "
            "When nobody asks, you each end up managing too much on your own, and that can "
            "wear you both down."
        ),
        gettext_noop(
            "Each of you asks the other for one small, concrete bit of help this week: picking "
            "something up on the way home, or an opinion on a decision you're weighing."
        ),
    ),
    WarningSign.NOT_TALKING: Wording(
        gettext_noop("You both miss talking about your lives"),
        gettext_noop(
            "You both ticked \u201cNot talking about our lives\u201d this week. Busy weeks "
            "can leave little room to keep up with each other, and you've both noticed."
        ),
        gettext_noop(
            "Each evening this week, swap one update about your day and one thing that made "
            "you laugh. Five minutes is enough."
        ),
    ),
    WarningSign.ONLY_ONE_SHARES: Wording(
        gettext_noop("You both feel like the only one sharing"),
        gettext_noop(
            "You both ticked \u201cFeeling like the only one who shares\u201d this week. When "
            "both of you feel that way, you may be sharing in different ways, or missing each "
            "other's attempts."
        ),
        gettext_noop(
            "Tell each other about one moment recently when the other opened up and it meant "
            "something to you, and one thing you'd love to hear more about."
        ),
    ),
}

DRIFT_SUGGESTIONS: dict[str, str] = {
    Dimension.EMOTIONAL: gettext_noop(
        "Spend a few minutes each day naming how you feel, the hard feelings too, and ask "
        "each other for one thing you need."
    ),
    Dimension.EXPERIENTIAL: gettext_noop(
        "Try something new together this week, like a class, a walk somewhere you've never "
        "been or a recipe neither of you has cooked, with your phones put away."
    ),
    Dimension.INTELLECTUAL: gettext_noop(
        "Share an article, podcast or idea that caught your attention and ask for the "
        "other's opinion. Listen all the way through before offering ideas or advice."
    ),
    Dimension.PHYSICAL: gettext_noop(
        "Agree on one small, regular moment of affection that feels good to you both, like a "
        "longer hug hello or holding hands on a walk."
    ),
}


def wording(flag: Flag) -> Wording:
    """The untranslated English templates behind a flag's title, explanation and suggestion."""
    base = WORDING[flag.kind]
    if flag.kind == FlagKind.SHARED_SIGN and flag.sign in SIGN_WORDING:
        return SIGN_WORDING[flag.sign]
    if flag.kind == FlagKind.ONE_SIDED_WEEK and flag.dimensions:
        return Wording(base.title, ONE_SIDED_WEEK_WIDEST, base.suggestion)
    first = flag.dimensions[0] if flag.dimensions else ""
    if flag.kind == FlagKind.DRIFTING and first in DRIFT_SUGGESTIONS:
        return Wording(base.title, base.explanation, DRIFT_SUGGESTIONS[first])
    return base


def _escape_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _phrase_list_now(dimensions: tuple[str, ...]) -> str:
    phrases = [
        _escape_braces(gettext(DIMENSION_PHRASES[d]) if d in DIMENSION_PHRASES else d)
        for d in dimensions
    ]
    if len(phrases) < 2:
        return "".join(phrases)
    return gettext("{rest} and {last}").format(rest=", ".join(phrases[:-1]), last=phrases[-1])


def _sign_label_now(sign: str) -> str:
    label = WarningSign(sign).label if sign in WarningSign.values else sign
    return _escape_braces(str(label))


_phrase_list = lazy(_phrase_list_now, str)
_sign_label = lazy(_sign_label_now, str)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _placeholders(flag: Flag) -> dict[str, object]:
    """Values for the templates; ``{more}``/``{less}`` are kept for the second pass."""
    return {
        "more": "{more}",
        "less": "{less}",
        "dims": _phrase_list(flag.dimensions),
        "sign": _sign_label(flag.sign or ""),
        "words_more": flag.words_more,
        "words_less": flag.words_less,
        "gap": flag.gap,
        "count": flag.count,
        "window": flag.window,
        "before": _number(flag.before),
        "after": _number(flag.after),
    }
