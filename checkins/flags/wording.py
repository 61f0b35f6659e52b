"""Wording: plain English templates; translated lazily when a flag's text is rendered.

No template names a partner or gives one partner's numbers against the other's: every flag
speaks about the two of you. A flag's explanation is what was noticed (``notice``, one
sentence, specific to the flag) followed by one kind word (``reassurances``); its suggestion
is one of several ideas. ``checkins.flags.variety`` chooses among them for a week's page so
that no sentence is said twice on it.

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
    from checkins.flags.bright import BrightSpot
    from checkins.flags.flag import Flag


def gettext_noop(message: str) -> str:
    """Mark a template for translation (``makemessages`` looks for this name) and return it.

    Django's own ``gettext_noop`` reads settings, which this module must not do.
    """
    return message


@dataclass(frozen=True)
class Wording:
    """A flag's templates: a title, what was noticed, kind words and ideas to try."""

    title: str
    notice: str
    reassurances: tuple[str, ...]
    suggestions: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """The explanation with the first kind word (what a flag says unless varied)."""
        return f"{self.notice} {self.reassurances[0]}"

    @property
    def suggestion(self) -> str:
        return self.suggestions[0]

    def templates(self) -> tuple[str, ...]:
        return (self.title, self.notice, *self.reassurances, *self.suggestions)


@dataclass(frozen=True)
class BrightWording:
    """A bright spot's title and its one or two sentences."""

    title: str
    text: str


# The parts by their friendly names (the same words as ``checkins.catalog.Dimension``), shown
# in quotes inside a sentence: "You see “Sharing ideas” differently this week".
DIMENSION_PHRASES: dict[str, str] = {
    Dimension.EMOTIONAL: gettext_noop("Feeling close"),
    Dimension.EXPERIENTIAL: gettext_noop("Doing things together"),
    Dimension.INTELLECTUAL: gettext_noop("Sharing ideas"),
    Dimension.PHYSICAL: gettext_noop("Affection"),
}

ONE_SIDED_WEEK_WIDEST = gettext_noop(
    "This week one of you wrote a lot more than the other, most of all about {dims}."
)

WORDING: dict[FlagKind, Wording] = {
    FlagKind.ONE_SIDED_WEEK: Wording(
        gettext_noop("One of you had more to say this week"),
        gettext_noop("This week one of you wrote a lot more than the other."),
        (
            gettext_noop(
                "Some weeks one of you simply has more to say, and that's fine. A relationship "
                "is a two-way street, though, so it's worth noticing when the talking runs "
                "mostly one way."
            ),
            gettext_noop(
                "Nobody is keeping score: a busy or heavy week can leave less to say. It's "
                "still worth a gentle word, so that sharing keeps flowing both ways."
            ),
        ),
        (
            gettext_noop(
                "Each day this week, take turns naming one feeling you had that day, and ask "
                "each other what made you laugh. A sentence or two each is plenty."
            ),
            gettext_noop(
                "Over dinner one evening, each of you tells the story of one moment from your "
                "week, and the other asks one question about it before sharing their own."
            ),
            gettext_noop(
                "Pick a quiet ten minutes and take turns answering “What's been on your "
                "mind lately?”: one of you talks, the other only listens, then swap."
            ),
        ),
    ),
    FlagKind.ONE_SIDED_PATTERN: Wording(
        gettext_noop("Lately the sharing has leaned one way"),
        gettext_noop(
            "In {count} of your last {window} check-ins, the same one of you wrote more, or "
            "filled in a week the other skipped."
        ),
        (
            gettext_noop(
                "Nobody is doing it wrong: opening up comes more easily to some people than to "
                "others, and being vulnerable can feel risky. It's something to look at "
                "together, as a team."
            ),
            gettext_noop(
                "Patterns like this are common and say nothing about who cares more. Opening up "
                "gets easier when it feels safe on both sides."
            ),
        ),
        (
            gettext_noop(
                "Set aside ten minutes this week. Each of you finishes the sentence "
                "“Something I'd love from you is…”, and the other simply says "
                "thank you: no debating, no fixing."
            ),
            gettext_noop(
                "Ask each other what makes sharing feel easy and what makes it feel hard, and "
                "agree on one small change that would help."
            ),
            gettext_noop(
                "Agree on a regular time to do your check-ins, at the same moment and in the "
                "same room, so that it becomes something you do together."
            ),
        ),
    ),
    FlagKind.SILENT_DIMENSION: Wording(
        gettext_noop("Only one of you wrote about {dims}"),
        gettext_noop(
            "This week, one of you wrote about {dims}, and the other's answer was left blank."
        ),
        (
            gettext_noop(
                "A blank can mean “nothing to add” or “hard to put into "
                "words”; only the two of you know which."
            ),
            gettext_noop(
                "Leaving a part blank is allowed, and it may simply have been a full week. A "
                "gentle question is often all it takes to find out."
            ),
        ),
        (
            gettext_noop(
                "Ask each other one open question about {dims}, such as “How are we doing "
                "here, really?”, and listen to the whole answer before you reply."
            ),
            gettext_noop(
                "Next time you're together without screens, each of you shares one small moment "
                "from this week that belongs under {dims}, however ordinary."
            ),
            gettext_noop(
                "Each of you names one thing you'd love more of in {dims}, and the other simply "
                "listens, without fixing anything."
            ),
        ),
    ),
    FlagKind.RATING_GAP: Wording(
        gettext_noop("You see {dims} differently this week"),
        gettext_noop("Your closeness ratings for {dims} were {gap} apart on the 1 to 5 scale."),
        (
            gettext_noop(
                "Neither number is wrong; you may simply have had different moments in mind."
            ),
            gettext_noop("Different numbers are normal: you each lived the week from your side."),
            gettext_noop("A gap like this is something to learn from, not a verdict on anyone."),
            gettext_noop("Two honest answers can differ, and both can be true at once."),
        ),
        (
            gettext_noop(
                "Tell each other what your number meant: which moments were you thinking of "
                "when you chose it? Treat it as the two of you against the problem, never one "
                "of you against the other."
            ),
            gettext_noop(
                "Each of you describes the best moment of your week for {dims}, then look "
                "together for what made it good."
            ),
            gettext_noop(
                "Ask each other “What would move your number up by one next week?”, "
                "and pick one answer to try together."
            ),
            gettext_noop(
                "Sit side by side and talk about {dims} as a puzzle you share: the two of you "
                "on one side, the problem on the other."
            ),
        ),
    ),
    FlagKind.SHARED_SIGN: Wording(
        gettext_noop("You both ticked “{sign}”"),
        gettext_noop("You both ticked “{sign}” this week."),
        (
            gettext_noop(
                "Seeing the same thing at the same time is a good start: you're already on the "
                "same side."
            ),
        ),
        (
            gettext_noop(
                "Pick one evening this week to talk about it, and take turns: one of you speaks "
                "while the other listens without interrupting."
            ),
            gettext_noop(
                "Each of you names one small thing that would help with it, and together you "
                "choose one to try this week."
            ),
        ),
    ),
    FlagKind.DRIFTING: Wording(
        gettext_noop("A slow slide in {dims}"),
        gettext_noop(
            "Over your last {window} check-ins, your shared average for {dims} went from "
            "{before} in the earlier weeks to {after} in the later ones."
        ),
        (
            gettext_noop(
                "Drifting is normal when life gets busy; think of this as a nudge, not a verdict."
            ),
            gettext_noop(
                "Every relationship has stretches like this, and noticing one early makes it "
                "easier to turn around."
            ),
            gettext_noop("Slides like this usually come from full weeks, not from caring less."),
            gettext_noop("Small steps are usually enough to change the direction of a slide."),
        ),
        (
            gettext_noop(
                "Plan one small thing for {dims} this week, and agree on when you'll do it. "
                "Putting it in the diary makes it real."
            ),
            gettext_noop(
                "Each of you suggests one small step for {dims}, and you try the one you both "
                "like best."
            ),
        ),
    ),
}

SIGN_WORDING: dict[str, Wording] = {
    WarningSign.DISTANT: Wording(
        gettext_noop("You both feel a little distant"),
        gettext_noop("You both ticked “Feeling distant from each other” this week."),
        (
            gettext_noop(
                "Distance tends to grow quietly, when time is short or opening up feels hard. "
                "Noticing it together is a good sign: you're on the same side."
            ),
        ),
        (
            gettext_noop(
                "Plan one evening this week for something you both enjoy, like cooking a meal "
                "or playing a game, with notifications off and phones in another room."
            ),
            gettext_noop(
                "Set aside twenty minutes each evening this week just to be together, with the "
                "television off and phones out of reach."
            ),
        ),
    ),
    WarningSign.NOT_LISTENED: Wording(
        gettext_noop("You both want to feel heard"),
        gettext_noop("You both ticked “Not feeling listened to” this week."),
        (
            gettext_noop(
                "When both people are waiting to be heard, it's easy for nobody to feel "
                "listened to. Saying so is the first step."
            ),
        ),
        (
            gettext_noop(
                "Take ten minutes each: one of you talks while the other only reflects back "
                "what they heard (“It sounds like…”), then swap. No advice until "
                "you've both had your turn."
            ),
            gettext_noop(
                "This week, when one of you starts telling the other something, the listener "
                "puts down whatever is in their hands and turns to face them."
            ),
        ),
    ),
    WarningSign.NO_HELP: Wording(
        gettext_noop("You're both carrying things alone"),
        gettext_noop("You both ticked “Not asking each other for help or support” this week."),
        (
            gettext_noop(
                "When nobody asks, you each end up managing too much on your own, and that can "
                "wear you both down."
            ),
        ),
        (
            gettext_noop(
                "Each of you asks the other for one small, concrete bit of help this week: "
                "picking something up on the way home, or an opinion on a decision you're "
                "weighing."
            ),
            gettext_noop(
                "Write down what's on each of your plates this week and swap one task, so that "
                "each of you carries a little of the other's load."
            ),
        ),
    ),
    WarningSign.NOT_TALKING: Wording(
        gettext_noop("You both miss talking about your lives"),
        gettext_noop("You both ticked “Not talking about our lives” this week."),
        (
            gettext_noop(
                "Busy weeks can leave little room to keep up with each other, and you've both "
                "noticed."
            ),
        ),
        (
            gettext_noop(
                "Each evening this week, swap one update about your day and one thing that "
                "made you laugh. Five minutes is enough."
            ),
            gettext_noop(
                "Tell each other about one thing coming up next week, at work, with friends or "
                "with family, and ask how you can be part of it."
            ),
        ),
    ),
    WarningSign.ONLY_ONE_SHARES: Wording(
        gettext_noop("You both feel like the only one sharing"),
        gettext_noop("You both ticked “Feeling like the only one who shares” this week."),
        (
            gettext_noop(
                "When both of you feel that way, you may be sharing in different ways, or "
                "missing each other's attempts."
            ),
        ),
        (
            gettext_noop(
                "Tell each other about one moment recently when the other opened up and it "
                "meant something to you, and one thing you'd love to hear more about."
            ),
            gettext_noop(
                "Each of you tells the other how you like to share, in words, in time together "
                "or in small gestures, so that you can spot each other's attempts."
            ),
        ),
    ),
}

DRIFT_SUGGESTIONS: dict[str, tuple[str, ...]] = {
    Dimension.EMOTIONAL: (
        gettext_noop(
            "Spend a few minutes each day naming how you feel, the hard feelings too, and ask "
            "each other for one thing you need."
        ),
        gettext_noop(
            "Before sleep each night this week, tell each other one thing you felt today and "
            "one thing you're looking forward to."
        ),
    ),
    Dimension.EXPERIENTIAL: (
        gettext_noop(
            "Try something new together this week, like a class, a walk somewhere you've never "
            "been or a recipe neither of you has cooked, with your phones put away."
        ),
        gettext_noop(
            "Pick a hobby you both enjoy, or one the other has mentioned before, and put a time "
            "for it in the diary this week."
        ),
    ),
    Dimension.INTELLECTUAL: (
        gettext_noop(
            "Share an article, podcast or idea that caught your attention and ask for the "
            "other's opinion. Listen all the way through before offering ideas or advice."
        ),
        gettext_noop(
            "Choose a question you both wonder about, big or small, and talk it over on a walk, "
            "each trying to understand the other's view before explaining your own."
        ),
    ),
    Dimension.PHYSICAL: (
        gettext_noop(
            "Agree on one small, regular moment of affection that feels good to you both, like "
            "a longer hug hello or holding hands on a walk."
        ),
        gettext_noop(
            "Ask each other what kind of touch feels most comforting at the end of a long day, "
            "and offer it once this week."
        ),
    ),
}

#: Ideas any flag may borrow once its own have all been used on the page.
GENERAL_SUGGESTIONS: tuple[str, ...] = (
    gettext_noop(
        "Choose a regular, unhurried time to talk about how you're both doing, with phones in "
        "another room."
    ),
    gettext_noop(
        "Make a list of the things you like about each other, in writing or out loud, and "
        "share it over a cup of tea."
    ),
    gettext_noop(
        "Ask each other “What's one thing I could do this week that would help?”, and "
        "each pick one answer to try."
    ),
    gettext_noop("Share one hope for the coming weeks, big or small, and ask for the other's."),
)


def wording(flag: Flag) -> Wording:
    """The untranslated English templates behind a flag's texts."""
    base = WORDING[flag.kind]
    if flag.kind == FlagKind.SHARED_SIGN and flag.sign in SIGN_WORDING:
        return SIGN_WORDING[flag.sign]
    if flag.kind == FlagKind.ONE_SIDED_WEEK and flag.dimensions:
        return Wording(base.title, ONE_SIDED_WEEK_WIDEST, base.reassurances, base.suggestions)
    first = flag.dimensions[0] if flag.dimensions else ""
    if flag.kind == FlagKind.DRIFTING and first in DRIFT_SUGGESTIONS:
        return Wording(base.title, base.notice, base.reassurances, DRIFT_SUGGESTIONS[first])
    return base


def suggestion_choices(flag: Flag) -> tuple[str, ...]:
    """Every idea a flag may offer, its own first: the index ``Flag.suggestion_pick`` uses."""
    return (*wording(flag).suggestions, *GENERAL_SUGGESTIONS)


# --------------------------------------------------------------------------------------------
# Bright spots
# --------------------------------------------------------------------------------------------

BOTH_CLOSE = BrightWording(
    gettext_noop("Close for both of you: {dims}"),
    gettext_noop(
        "You both rated {dims} at least {rating} out of 5 this week. Whatever made it feel that "
        "way is worth doing again."
    ),
)
WISH_MET_ONE = BrightWording(
    gettext_noop("A wish from last week came true"),
    gettext_noop(
        "One of you asked for something last week, and this week you said you managed it. "
        "Small promises kept are how trust grows."
    ),
)
WISH_MET_BOTH = BrightWording(
    gettext_noop("Last week's wishes came true, both ways"),
    gettext_noop(
        "You each said you managed what the other asked for last week. That give and take is "
        "what a relationship runs on."
    ),
)
RATING_ROSE_ONE = BrightWording(
    gettext_noop("Closer than last time: {dims}"),
    gettext_noop(
        "Your shared rating for {dims} went from {before} to {after} since your last check-in "
        "together. Something the two of you did is working."
    ),
)
RATING_ROSE_MANY = BrightWording(
    gettext_noop("Closer than last time: {dims}"),
    gettext_noop(
        "Your shared ratings for {dims} all rose since your last check-in together. Whatever "
        "changed, it's working for you both."
    ),
)
CHECKED_IN_ONCE = BrightWording(
    gettext_noop("You both made time for this"),
    gettext_noop(
        "You each took a few quiet minutes this week to think about the two of you. That habit "
        "is the heart of it."
    ),
)
CHECKED_IN_RUN = BrightWording(
    gettext_noop("{count} weeks in a row together"),
    gettext_noop(
        "You've both checked in {count} weeks running. Keeping the habit going is how "
        "closeness grows."
    ),
)
BRIGHT_WORDING: tuple[BrightWording, ...] = (
    BOTH_CLOSE,
    WISH_MET_ONE,
    WISH_MET_BOTH,
    RATING_ROSE_ONE,
    RATING_ROSE_MANY,
    CHECKED_IN_ONCE,
    CHECKED_IN_RUN,
)


def bright_wording(spot: BrightSpot) -> BrightWording:
    from checkins.flags.bright import BrightKind

    if spot.kind == BrightKind.BOTH_CLOSE:
        return BOTH_CLOSE
    if spot.kind == BrightKind.WISH_MET:
        return WISH_MET_BOTH if spot.count == 2 else WISH_MET_ONE
    if spot.kind == BrightKind.RATING_ROSE:
        return RATING_ROSE_ONE if len(spot.dimensions) == 1 else RATING_ROSE_MANY
    return CHECKED_IN_RUN if (spot.count or 1) > 1 else CHECKED_IN_ONCE


def all_templates() -> list[str]:
    """Every template a couple may read, for the docs check and the no-repeats check."""
    flags = [*WORDING.values(), *SIGN_WORDING.values()]
    return [
        *(t for w in flags for t in w.templates()),
        ONE_SIDED_WEEK_WIDEST,
        *(s for ideas in DRIFT_SUGGESTIONS.values() for s in ideas),
        *GENERAL_SUGGESTIONS,
        *(t for b in BRIGHT_WORDING for t in (b.title, b.text)),
        *DIMENSION_PHRASES.values(),
    ]


# --------------------------------------------------------------------------------------------
# Placeholders
# --------------------------------------------------------------------------------------------


def _phrase_list_now(dimensions: tuple[str, ...]) -> str:
    # The quotation marks are translated too: other languages quote differently.
    quoted = gettext("“{part}”")
    phrases = [
        quoted.format(part=gettext(DIMENSION_PHRASES[d]) if d in DIMENSION_PHRASES else d)
        for d in dimensions
    ]
    if len(phrases) < 2:
        return "".join(phrases)
    return gettext("{rest} and {last}").format(rest=", ".join(phrases[:-1]), last=phrases[-1])


def _sign_label_now(sign: str) -> str:
    return str(WarningSign(sign).label) if sign in WarningSign.values else sign


_phrase_list = lazy(_phrase_list_now, str)
_sign_label = lazy(_sign_label_now, str)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def placeholders(
    *,
    dimensions: tuple[str, ...] = (),
    sign: str | None = None,
    **numbers: int | float | None,
) -> dict[str, object]:
    """Values for a template's placeholders: the parts as a list, the sign, the numbers."""
    values: dict[str, object] = {"dims": _phrase_list(dimensions), "sign": _sign_label(sign or "")}
    for name, value in numbers.items():
        values[name] = _number(value) if isinstance(value, float) else value
    return values
