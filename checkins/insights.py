"""Gentle, pure rules that turn a couple's check-ins into flags worth talking about.

Everything here is plain data in and plain data out: no database, and no access to Django
settings at import or call time. Flag texts are lazy translation strings, evaluated only when
a template (or ``str()``) renders them. The exact rules are written up for couples and
counsellors in ``docs/flags.md``; keep the two in step.

Partners are only ever positions, ``"a"`` and ``"b"``. A flag's ``title``, ``explanation``
and ``suggestion`` may contain the placeholders ``{more}`` and ``{less}``, which stand for the
partners in the flag's ``more`` and ``less`` fields. Render them with ``Flag.title_for``,
``Flag.explanation_for`` and ``Flag.suggestion_for``, passing ``{"a": name, "b": name}``.
"""

from __future__ import annotations

import enum
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from checkins.catalog import Dimension, WarningSign

Position = Literal["a", "b"]
POSITIONS: tuple[Position, Position] = ("a", "b")
Text = str | Promise

#: A reflection or need "has substance" when it has at least this many words.
SUBSTANTIAL_WORDS = 3

#: The Django setting the thresholds are read from (see ``Thresholds.from_mapping``).
SETTING = "TWOWAY_FLAGS"


def other(position: Position) -> Position:
    """The other partner's position."""
    return "b" if position == "a" else "a"


# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerWeek:
    """What one partner shared for one week. Private notes are never part of it."""

    submitted: bool = False
    ratings: Mapping[str, int] = field(default_factory=dict)
    reflections: Mapping[str, str] = field(default_factory=dict)
    needs: Mapping[str, str] = field(default_factory=dict)
    appreciation: str = ""
    signs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for dimension, rating in self.ratings.items():
            if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
                raise ValueError(f"rating for {dimension!r} must be an integer from 1 to 5")


@dataclass(frozen=True)
class CoupleWeek:
    """One week of a couple's check-in: both partners' answers and the dimensions asked."""

    week: date
    a: PartnerWeek
    b: PartnerWeek
    dimensions: tuple[str, ...]

    @property
    def revealed(self) -> bool:
        """Both partners submitted, so both sets of answers are visible."""
        return self.a.submitted and self.b.submitted

    def partner(self, position: Position) -> PartnerWeek:
        return self.a if position == "a" else self.b


# --------------------------------------------------------------------------------------------
# Thresholds
# --------------------------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return _is_int(value) or isinstance(value, float)


def _require(ok: bool, label: str, rule: str, value: object) -> None:
    if not ok:
        raise ValueError(f"{label} must be {rule}, got {value!r}")


def _check_threshold(name: str, value: Any, label: str) -> None:
    """Raise ValueError, naming ``label``, when ``value`` is no good for field ``name``."""
    if name in ("one_sided_ratio", "drift_drop"):
        high = 1 if name == "one_sided_ratio" else 4
        rule = f"a number greater than 0 and at most {high}"
        _require(_is_number(value) and 0 < value <= high, label, rule, value)
        return
    low, high = {"rating_gap": (1, 4), "drift_weeks": (2, None)}.get(name, (1, None))
    rule = f"an integer from {low} to {high}" if high else f"an integer of at least {low}"
    ok = _is_int(value) and value >= low and (high is None or value <= high)
    _require(ok, label, rule, value)


@dataclass(frozen=True)
class Thresholds:
    """The tunable numbers behind the flags; see ``docs/flags.md`` for what each one does."""

    one_sided_ratio: float = 0.4
    one_sided_min_words: int = 25
    pattern_weeks: int = 4
    pattern_min: int = 3
    rating_gap: int = 2
    drift_weeks: int = 4
    drift_drop: float = 1.0

    def __post_init__(self) -> None:
        for f in fields(self):
            _check_threshold(f.name, getattr(self, f.name), f.name)
        if self.pattern_min > self.pattern_weeks:
            raise ValueError("pattern_min must not be greater than pattern_weeks")

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Thresholds:
        """Build thresholds from the ``TWOWAY_FLAGS`` setting.

        Keys are the field names in upper or lower case (``"ONE_SIDED_RATIO"``); missing keys
        keep their defaults. Unknown keys, wrong types and out-of-range values raise
        ValueError naming the offending key.
        """
        if not isinstance(mapping, Mapping):
            raise ValueError(f"{SETTING} must be a dict, got {type(mapping).__name__}")
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        labels: dict[str, str] = {}
        for key, value in mapping.items():
            label = f"{SETTING}[{key!r}]"
            name = key.lower() if isinstance(key, str) else None
            if name not in names:
                raise ValueError(f"{label} is not a known flag threshold")
            if name in values:
                raise ValueError(f"{label} is given twice, in different cases")
            _check_threshold(name, value, label)
            values[name], labels[name] = value, label
        merged = {**{f.name: f.default for f in fields(cls)}, **values}
        if merged["pattern_min"] > merged["pattern_weeks"]:
            label = labels.get("pattern_min", f"{SETTING}['PATTERN_MIN']")
            raise ValueError(f"{label} must not be greater than PATTERN_WEEKS")
        return cls(**values)

    @property
    def ratio(self) -> Fraction:
        """``one_sided_ratio`` as an exact fraction of its decimal form (0.4 is exactly 2/5)."""
        return Fraction(str(self.one_sided_ratio))

    @property
    def drop(self) -> Fraction:
        """``drift_drop`` as an exact fraction of its decimal form."""
        return Fraction(str(self.drift_drop))


# --------------------------------------------------------------------------------------------
# Counting words
# --------------------------------------------------------------------------------------------

# Scripts written without spaces between words, where each letter counts as one word: Han
# ideographs (all extensions), Japanese kana, Bopomofo and the CJK letter-like symbols.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3005, 0x303F),  # iteration marks and other CJK letters/numerals (punctuation is skipped)
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x31A0, 0x31FF),  # Bopomofo extended, Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # Half-width Katakana
    (0x1B000, 0x1B16F),  # Kana supplement and extensions
    (0x20000, 0x3FFFF),  # CJK extensions B onwards, compatibility supplement
)
_CJK_STARTS = tuple(start for start, _end in _CJK_RANGES)

# Inside a word these keep it going ("don't", "well-being"); they never start one.
_JOINERS = frozenset("'\u2019\u2018-\u2010\u2011\u00b7")


def _is_cjk_letter(char: str, category: str) -> bool:
    if category[0] not in "LN":
        return False
    code = ord(char)
    index = bisect_right(_CJK_STARTS, code) - 1
    return index >= 0 and code <= _CJK_RANGES[index][1]


def count_words(text: str) -> int:
    """Count words in any script.

    A word is a run of letters and digits (Unicode categories L and N), which may continue
    with combining marks (M, as in Arabic, Hebrew or Devanagari vowel signs) and with an
    apostrophe or hyphen between letters. Everything else (spaces, punctuation, emoji,
    symbols, direction marks) separates words and is not counted. In scripts written
    without spaces (Chinese, Japanese) each ideograph or kana counts as one word.
    """
    words = 0
    in_word = False
    for char in text:
        category = unicodedata.category(char)
        if _is_cjk_letter(char, category):
            words += 1
            in_word = False
        elif category[0] in "LN":
            words += 0 if in_word else 1
            in_word = True
        elif not (in_word and (category[0] == "M" or char in _JOINERS)):
            in_word = False
    return words


@dataclass(frozen=True)
class Sharing:
    """How much one partner shared: total words, and dimensions written about with substance."""

    words: int
    sections: int


def _dimension_words(pw: PartnerWeek, dimension: str) -> tuple[int, int]:
    reflection = count_words(pw.reflections.get(dimension, ""))
    need = count_words(pw.needs.get(dimension, ""))
    return reflection, need


def sharing_measure(pw: PartnerWeek, dimensions: Sequence[str]) -> Sharing:
    """Words across the reflections and needs of ``dimensions`` plus the appreciation.

    ``sections`` counts the dimensions whose reflection or need (either one) has at least
    ``SUBSTANTIAL_WORDS`` words.
    """
    words = count_words(pw.appreciation)
    sections = 0
    for dimension in _unique(dimensions):
        reflection, need = _dimension_words(pw, dimension)
        words += reflection + need
        sections += max(reflection, need) >= SUBSTANTIAL_WORDS
    return Sharing(words=words, sections=sections)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


class FlagKind(enum.StrEnum):
    ONE_SIDED_WEEK = "one_sided_week"
    ONE_SIDED_PATTERN = "one_sided_pattern"
    SILENT_DIMENSION = "silent_dimension"
    RATING_GAP = "rating_gap"
    SHARED_SIGN = "shared_sign"
    DRIFTING = "drifting"


@dataclass(frozen=True)
class Flag:
    """Something worth a gentle look. Plain, hashable data; the texts are built on access.

    ``more``/``less``: ONE_SIDED_WEEK and ONE_SIDED_PATTERN: who shared more/less;
    SILENT_DIMENSION: who wrote / who left it blank; RATING_GAP: who rated higher/lower.
    Numbers: ``words_more``/``words_less`` (ONE_SIDED_WEEK); ``gap`` (RATING_GAP);
    ``count`` of ``window`` check-ins (ONE_SIDED_PATTERN); ``before``, ``after``, ``drop``
    over ``window`` check-ins (DRIFTING).
    """

    kind: FlagKind
    dimensions: tuple[str, ...] = ()
    more: Position | None = None
    less: Position | None = None
    sign: str | None = None
    words_more: int | None = None
    words_less: int | None = None
    gap: int | None = None
    count: int | None = None
    window: int | None = None
    before: float | None = None
    after: float | None = None
    drop: float | None = None

    @property
    def title(self) -> Text:
        return self._text(wording(self).title)

    @property
    def explanation(self) -> Text:
        return self._text(wording(self).explanation)

    @property
    def suggestion(self) -> Text:
        return self._text(wording(self).suggestion)

    def title_for(self, names: Mapping[str, str]) -> Text:
        return self._with_names(self.title, names)

    def explanation_for(self, names: Mapping[str, str]) -> Text:
        return self._with_names(self.explanation, names)

    def suggestion_for(self, names: Mapping[str, str]) -> Text:
        return self._with_names(self.suggestion, names)

    def _text(self, template: str) -> Text:
        return format_lazy(gettext_lazy(template), **_placeholders(self))

    def _with_names(self, text: Text, names: Mapping[str, str]) -> Text:
        more = names[self.more] if self.more else ""
        less = names[self.less] if self.less else ""
        return format_lazy(text, more=more, less=less)


# --------------------------------------------------------------------------------------------
# Wording (plain English templates; translated lazily when a flag's text is rendered)
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Ordering
# --------------------------------------------------------------------------------------------

_KIND_ORDER = {kind: index for index, kind in enumerate(FlagKind)}
_DIMENSION_ORDER = {value: index for index, value in enumerate(Dimension.values)}
_SIGN_ORDER = {value: index for index, value in enumerate(WarningSign.values)}


def _dimension_key(dimension: str) -> tuple[int, str]:
    return _DIMENSION_ORDER.get(dimension, len(_DIMENSION_ORDER)), dimension


def _unique(dimensions: Sequence[str]) -> tuple[str, ...]:
    """The dimensions once each, in the catalogue's order (unknown ones after, A to Z)."""
    return tuple(sorted(set(dimensions), key=_dimension_key))


def _flag_key(flag: Flag) -> tuple[Any, ...]:
    sign = flag.sign or ""
    return (
        _KIND_ORDER[flag.kind],
        tuple(_dimension_key(d) for d in flag.dimensions),
        (_SIGN_ORDER.get(sign, len(_SIGN_ORDER)), sign),
        flag.less or "",
    )


def _ordered(flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=_flag_key)


# --------------------------------------------------------------------------------------------
# This week's flags
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """Per-partner word counts of a week: total and per dimension (reflection + need)."""

    total: dict[Position, int]
    per_dimension: dict[Position, dict[str, int]]


def _words(week: CoupleWeek, dimensions: tuple[str, ...]) -> _Words:
    total: dict[Position, int] = {}
    per_dimension: dict[Position, dict[str, int]] = {}
    for position in POSITIONS:
        pw = week.partner(position)
        per_dimension[position] = {d: sum(_dimension_words(pw, d)) for d in dimensions}
        total[position] = count_words(pw.appreciation) + sum(per_dimension[position].values())
    return _Words(total=total, per_dimension=per_dimension)


def _lesser(total: Mapping[Position, int]) -> Position | None:
    if total["a"] == total["b"]:
        return None
    return "a" if total["a"] < total["b"] else "b"


def _one_sided_week(words: _Words, dimensions: tuple[str, ...], t: Thresholds) -> list[Flag]:
    less = _lesser(words.total)
    if less is None:
        return []
    more = other(less)
    larger, smaller = words.total[more], words.total[less]
    if larger < t.one_sided_min_words or not smaller < t.ratio * larger:
        return []
    diffs = {d: words.per_dimension[more][d] - words.per_dimension[less][d] for d in dimensions}
    widest = max(diffs.values(), default=0)
    dims = tuple(d for d in dimensions if diffs[d] == widest) if widest > 0 else ()
    flag = Flag(FlagKind.ONE_SIDED_WEEK, dims, more, less, words_more=larger, words_less=smaller)
    return [flag]


def _silent_dimensions(words: _Words, dimensions: tuple[str, ...]) -> list[Flag]:
    flags = []
    for silent in POSITIONS:
        writer = other(silent)
        dims = tuple(
            d
            for d in dimensions
            if words.per_dimension[writer][d] > 0 and words.per_dimension[silent][d] == 0
        )
        if dims:
            flags.append(Flag(FlagKind.SILENT_DIMENSION, dims, more=writer, less=silent))
    return flags


def _rating_gaps(week: CoupleWeek, dimensions: tuple[str, ...], t: Thresholds) -> list[Flag]:
    flags = []
    for d in dimensions:
        rating_a, rating_b = week.a.ratings.get(d), week.b.ratings.get(d)
        if rating_a is None or rating_b is None or abs(rating_a - rating_b) < t.rating_gap:
            continue
        more: Position = "a" if rating_a > rating_b else "b"
        gap = abs(rating_a - rating_b)
        flags.append(Flag(FlagKind.RATING_GAP, (d,), more, other(more), gap=gap))
    return flags


def _shared_signs(week: CoupleWeek) -> list[Flag]:
    return [Flag(FlagKind.SHARED_SIGN, sign=s) for s in week.a.signs & week.b.signs]


def week_flags(week: CoupleWeek, t: Thresholds) -> list[Flag]:
    """Flags about one week. Only a revealed week (both submitted) has any."""
    if not week.revealed:
        return []
    dimensions = _unique(week.dimensions)
    words = _words(week, dimensions)
    return _ordered(
        [
            *_one_sided_week(words, dimensions, t),
            *_silent_dimensions(words, dimensions),
            *_rating_gaps(week, dimensions, t),
            *_shared_signs(week),
        ]
    )


# --------------------------------------------------------------------------------------------
# Flags across weeks
# --------------------------------------------------------------------------------------------


def _newest_first(
    weeks: Sequence[CoupleWeek], size: int, window: list[CoupleWeek]
) -> Iterator[tuple[int, CoupleWeek]]:
    """Weeks newest first with their index, stopping unread once ``window`` is full."""
    for index in range(len(weeks) - 1, -1, -1):
        if len(window) >= size:
            return
        yield index, weeks[index]


def _pattern_window(weeks: Sequence[CoupleWeek], size: int) -> list[CoupleWeek]:
    """The newest ``size`` weeks in which at least one partner submitted.

    The newest week is left out while it is waiting for one partner: it may be in progress.
    """
    window: list[CoupleWeek] = []
    newest = len(weeks) - 1
    for index, week in _newest_first(weeks, size, window):
        if index == newest and not week.revealed:
            continue
        if week.a.submitted or week.b.submitted:
            window.append(week)
    return window


def _shared_less(week: CoupleWeek) -> Position | None:
    """Who shared less in a counted week: fewer words, or skipped while the other submitted."""
    if not week.revealed:
        return "a" if not week.a.submitted else "b"
    return _lesser(_words(week, _unique(week.dimensions)).total)


def _one_sided_pattern(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    window = _pattern_window(weeks, t.pattern_weeks)
    tally: dict[Position, int] = {"a": 0, "b": 0}
    for week in window:
        less = _shared_less(week)
        if less is not None:
            tally[less] += 1
    qualifying = [p for p in POSITIONS if tally[p] >= t.pattern_min]
    if len(qualifying) != 1:
        return []
    less = qualifying[0]
    flag = Flag(
        FlagKind.ONE_SIDED_PATTERN,
        more=other(less),
        less=less,
        count=tally[less],
        window=len(window),
    )
    return [flag]


def _drift_window(weeks: Sequence[CoupleWeek], size: int) -> list[CoupleWeek]:
    """The newest ``size`` revealed weeks, oldest first."""
    window: list[CoupleWeek] = []
    for _index, week in _newest_first(weeks, size, window):
        if week.revealed:
            window.append(week)
    return window[::-1]


def _couple_rating(week: CoupleWeek, dimension: str) -> Fraction | None:
    if dimension not in week.dimensions:
        return None
    rating_a, rating_b = week.a.ratings.get(dimension), week.b.ratings.get(dimension)
    if rating_a is None or rating_b is None:
        return None
    return Fraction(rating_a + rating_b, 2)


def _drift_for(window: list[CoupleWeek], dimension: str, t: Thresholds) -> Flag | None:
    ratings = [_couple_rating(week, dimension) for week in window]
    known = [r for r in ratings if r is not None]
    if len(known) < len(ratings):
        return None
    half = len(known) // 2
    before = sum(known[:half], Fraction(0)) / half
    after = sum(known[-half:], Fraction(0)) / half
    if before - after < t.drop:
        return None
    return Flag(
        FlagKind.DRIFTING,
        (dimension,),
        window=len(window),
        before=float(before),
        after=float(after),
        drop=float(before - after),
    )


def _drifting(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    window = _drift_window(weeks, t.drift_weeks)
    if len(window) < t.drift_weeks:
        return []
    flags = (_drift_for(window, d, t) for d in _unique(window[-1].dimensions))
    return [flag for flag in flags if flag is not None]


def history_flags(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    """Flags about the last few weeks; ``weeks`` run oldest to newest, revealed or not."""
    return _ordered([*_one_sided_pattern(weeks, t), *_drifting(weeks, t)])


def flags_for(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    """All flags to show with the newest week: its own flags and the history flags, in order.

    Only the windows the rules need are read, newest first, so the work grows at most
    linearly with the number of weeks (and stays flat when the recent weeks are complete).
    """
    if not weeks:
        return []
    return _ordered([*week_flags(weeks[-1], t), *history_flags(weeks, t)])
