"""Tests for the pure flag rules in ``checkins.flags`` (no database, no settings needed)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checkins.catalog import Dimension, WarningSign
from checkins.flags import (
    CoupleWeek,
    Flag,
    FlagKind,
    PartnerWeek,
    Sharing,
    Thresholds,
    all_templates,
    count_words,
    flags_for,
    history_flags,
    other,
    sharing_measure,
    week_flags,
    written,
)

ROOT = Path(__file__).resolve().parents[1]
EMO, EXP, INT, PHY = Dimension.values
CORE = (EMO, EXP, INT)
ALL_DIMENSIONS = (*Dimension.values, "custom")
ALL_SIGNS = (*WarningSign.values, "custom")
MONDAY = date(2025, 1, 6)
DEFAULTS = Thresholds()


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def partner(**kwargs: object) -> PartnerWeek:
    """A submitted week from texts (``reflections``, ``needs``, ``appreciation``), counted
    with ``count_words`` as saving them counts them in the app."""
    kwargs.setdefault("submitted", True)
    return written(**kwargs)  # type: ignore[arg-type]


def couple(
    a: PartnerWeek, b: PartnerWeek, dims: tuple[str, ...] = CORE, index: int = 0
) -> CoupleWeek:
    return CoupleWeek(week=MONDAY + timedelta(weeks=index), a=a, b=b, dimensions=dims)


def dated(weeks: Sequence[CoupleWeek]) -> list[CoupleWeek]:
    return [replace(w, week=MONDAY + timedelta(weeks=i)) for i, w in enumerate(weeks)]


def swap_week(week: CoupleWeek) -> CoupleWeek:
    return replace(week, a=week.b, b=week.a)


def swap_flag(flag: Flag) -> Flag:
    more = other(flag.more) if flag.more else None
    less = other(flag.less) if flag.less else None
    return replace(flag, more=more, less=less)


def kinds(flags: Sequence[Flag]) -> list[FlagKind]:
    return [f.kind for f in flags]


def one_sided(week: CoupleWeek, t: Thresholds = DEFAULTS) -> Flag | None:
    found = [f for f in week_flags(week, t) if f.kind == FlagKind.ONE_SIDED_WEEK]
    return found[0] if found else None


def render(text: object) -> str:
    """Evaluate a lazy text; outside pytest-django, with minimal settings and no i18n."""
    from django.conf import settings as django_settings

    if not django_settings.configured:
        django_settings.configure(USE_I18N=False)
    return str(text)


def sharer(n: int) -> PartnerWeek:
    return partner(reflections={EMO: words(n)})


def rated(rating_a: int, rating_b: int, dims: tuple[str, ...] = (EXP,)) -> CoupleWeek:
    return couple(
        partner(ratings=dict.fromkeys(dims, rating_a)),
        partner(ratings=dict.fromkeys(dims, rating_b)),
        dims,
    )


# --------------------------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------------------------

VOCABULARY = (
    "I",
    "love",
    "don't",
    "well-being",
    "tired",
    "我",
    "爱你",
    "コーヒー",
    "שלום",
    "مرحبا",
    "नमस्ते",
    "안녕",
    "😀",
    "❤️",
    "👍🏽",
    "\u200f",
    "42",
    "{less}",
)
texts = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join),
    st.text(max_size=30),
)
text_maps = st.dictionaries(st.sampled_from(ALL_DIMENSIONS), texts, max_size=5)
# What the rules read: the stored counts of such texts (``written`` counts texts, and
# ``test_written_counts_each_text_with_count_words`` ties the two together).
counts = st.one_of(st.just(0), st.integers(0, 2), st.integers(0, 80))
count_maps = st.dictionaries(st.sampled_from(ALL_DIMENSIONS), counts, max_size=5)
dimension_sets = st.lists(st.sampled_from(ALL_DIMENSIONS), max_size=5).map(tuple)
rating_maps = st.one_of(
    st.fixed_dictionaries({d: st.integers(1, 5) for d in CORE}),
    st.dictionaries(st.sampled_from(ALL_DIMENSIONS), st.integers(1, 5)),
)


@st.composite
def partner_weeks(
    draw: st.DrawFn, submitted: bool | None = None, rated: bool = False
) -> PartnerWeek:
    full_ratings = st.fixed_dictionaries({d: st.integers(1, 5) for d in CORE})
    return PartnerWeek(
        submitted=draw(st.sampled_from((True, True, False))) if submitted is None else submitted,
        ratings=draw(full_ratings if rated else rating_maps),
        reflection_words=draw(count_maps),
        need_words=draw(count_maps),
        appreciation_words=draw(counts),
        signs=draw(st.frozensets(st.sampled_from(ALL_SIGNS))),
        follow_through=draw(st.sampled_from(("", "yes", "partly", "not_yet"))),
    )


@st.composite
def couple_weeks(draw: st.DrawFn, revealed: bool = False, rated: bool = False) -> CoupleWeek:
    """A week; ``rated`` ones are revealed, ask the core dimensions and carry every rating."""
    submitted = True if revealed or rated else None
    dimensions = st.just(CORE) if rated else st.sampled_from((CORE, (EMO,))) | dimension_sets
    return CoupleWeek(
        week=MONDAY,
        a=draw(partner_weeks(submitted, rated)),
        b=draw(partner_weeks(submitted, rated)),
        dimensions=draw(dimensions),
    )


# Mixed histories, and steadily rated ones (which is where drifting can show).
histories = st.one_of(
    st.lists(couple_weeks(), max_size=9),
    st.lists(couple_weeks() | couple_weeks(rated=True) | couple_weeks(rated=True), max_size=9),
).map(dated)


@st.composite
def any_thresholds(draw: st.DrawFn) -> Thresholds:
    pattern_weeks = draw(st.integers(1, 6))
    return Thresholds(
        one_sided_ratio=draw(st.integers(1, 100)) / 100,
        one_sided_min_words=draw(st.integers(1, 40)),
        pattern_weeks=pattern_weeks,
        pattern_min=draw(st.integers(1, pattern_weeks)),
        rating_gap=draw(st.integers(1, 4)),
        drift_weeks=draw(st.integers(2, 6)),
        drift_drop=draw(st.integers(1, 16)) / 4,
        close_rating=draw(st.integers(1, 5)),
        rise_min=draw(st.integers(1, 16)) / 4,
    )


thresholds = st.one_of(st.just(DEFAULTS), any_thresholds())


# --------------------------------------------------------------------------------------------
# Property tests
# --------------------------------------------------------------------------------------------


@given(histories, thresholds)
def test_swapping_partners_swaps_positions_and_nothing_else(
    weeks: list[CoupleWeek], t: Thresholds
) -> None:
    flags = flags_for(weeks, t)
    swapped = flags_for([swap_week(w) for w in weeks], t)
    assert Counter(swapped) == Counter(swap_flag(f) for f in flags)
    assert kinds(swapped) == kinds(flags)


@given(couple_weeks(revealed=True), thresholds)
def test_week_flags_are_symmetric(week: CoupleWeek, t: Thresholds) -> None:
    flags = week_flags(week, t)
    assert Counter(week_flags(swap_week(week), t)) == Counter(swap_flag(f) for f in flags)


@given(partner_weeks(submitted=True), partner_weeks(submitted=True), dimension_sets, thresholds)
def test_equal_sharing_is_never_one_sided(
    a: PartnerWeek, b_answers: PartnerWeek, dims: tuple[str, ...], t: Thresholds
) -> None:
    # Same texts, but the other partner's own ratings and signs.
    b = replace(a, ratings=b_answers.ratings, signs=b_answers.signs)
    assert one_sided(couple(a, b, dims), t) is None


@given(
    couple_weeks(revealed=True),
    thresholds,
    st.sampled_from(("reflection", "need", "appreciation")),
    st.sampled_from(ALL_DIMENSIONS),
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=60).map(" ".join),
)
def test_more_words_from_the_lesser_sharer_never_create_a_one_sided_flag(
    week: CoupleWeek, t: Thresholds, where: str, dimension: str, extra: str
) -> None:
    totals = {p: sharing_measure(week.partner(p), week.dimensions).words for p in ("a", "b")}
    if totals["a"] == totals["b"]:
        return
    lesser = "a" if totals["a"] < totals["b"] else "b"
    pw = week.partner(lesser)
    more = count_words(extra)  # appending words to a text adds their count to its count
    if where == "appreciation":
        pw = replace(pw, appreciation_words=pw.appreciation_words + more)
    else:
        field_name = "reflection_words" if where == "reflection" else "need_words"
        counts = dict(getattr(pw, field_name))
        counts[dimension] = counts.get(dimension, 0) + more
        pw = replace(pw, **{field_name: counts})
    after_week = replace(week, **{lesser: pw})
    before, after = one_sided(week, t), one_sided(after_week, t)

    # Never a new flag saying the lesser sharer shared less...
    if after is not None and after.less == lesser:
        assert before is not None
        assert before.less == lesser
    # ...and no new flag at all while they have not overtaken the other partner.
    new_total = sharing_measure(pw, week.dimensions).words
    if after is not None and new_total <= totals[other(lesser)]:
        assert before is not None


@given(
    st.integers(0, 200),
    st.integers(0, 200),
    st.integers(1, 100),
    st.integers(1, 60),
)
def test_one_sided_week_follows_the_exact_rule(
    words_a: int, words_b: int, percent: int, min_words: int
) -> None:
    t = Thresholds(one_sided_ratio=percent / 100, one_sided_min_words=min_words)
    larger, smaller = max(words_a, words_b), min(words_a, words_b)
    expected = larger >= min_words and smaller * 100 < percent * larger
    assert (one_sided(couple(sharer(words_a), sharer(words_b)), t) is not None) == expected


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=8))
def test_drifting_follows_the_exact_rule(ratings: list[tuple[int, int]]) -> None:
    t = Thresholds(drift_weeks=len(ratings))
    weeks = dated([rated(a, b, (EXP,)) for a, b in ratings])
    means = [Fraction(a + b, 2) for a, b in ratings]
    half = len(ratings) // 2
    drop = sum(means[:half]) / half - sum(means[-half:]) / half
    drifting = [f for f in history_flags(weeks, t) if f.kind == FlagKind.DRIFTING]
    assert bool(drifting) == (drop >= 1)
    if drifting:
        assert drifting[0].drop == pytest.approx(float(drop))


@given(histories, thresholds)
def test_every_flag_renders_with_every_placeholder_filled_in(
    weeks: list[CoupleWeek], t: Thresholds
) -> None:
    for flag in flags_for(weeks, t):
        for text in (flag.title, flag.explanation, flag.suggestion):
            rendered = render(text)
            assert rendered
            assert "{" not in rendered


@given(histories, thresholds)
@settings(max_examples=50)
def test_flags_are_deterministic_and_ordered(weeks: list[CoupleWeek], t: Thresholds) -> None:
    flags = flags_for(weeks, t)
    assert flags == flags_for(list(weeks), t)
    order = list(FlagKind)
    assert [order.index(k) for k in kinds(flags)] == sorted(order.index(k) for k in kinds(flags))
    newest = week_flags(weeks[-1], t) if weeks else []
    assert Counter(flags) == Counter(newest + history_flags(weeks, t))


# --------------------------------------------------------------------------------------------
# Threshold edges
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words_a", "words_b", "flagged"),
    [
        (25, 10, False),  # exactly 40%: not less than 40%
        (25, 9, True),
        (24, 9, False),  # larger below 25 words
        (25, 0, True),  # exactly 25 words is enough
        (24, 0, False),
        (100, 39, True),
        (100, 40, False),
        (30, 30, False),
    ],
)
def test_one_sided_week_edges(words_a: int, words_b: int, flagged: bool) -> None:
    assert (one_sided(couple(sharer(words_a), sharer(words_b))) is not None) == flagged


@pytest.mark.parametrize(("rating_a", "rating_b", "flagged"), [(5, 3, True), (4, 3, False)])
def test_rating_gap_edges(rating_a: int, rating_b: int, flagged: bool) -> None:
    flags = week_flags(rated(rating_a, rating_b), DEFAULTS)
    assert (FlagKind.RATING_GAP in kinds(flags)) == flagged


@pytest.mark.parametrize(
    ("ratings", "flagged"),
    [
        ([(4, 4), (4, 4), (3, 3), (3, 3)], True),  # exactly 1.0
        ([(5, 4), (4, 5), (4, 3), (3, 4)], True),  # 4.5 to 3.5, exactly 1.0
        ([(4, 4), (4, 4), (4, 3), (3, 3)], False),  # 0.75
        ([(4, 4), (4, 4), (4, 4), (3, 3)], False),  # one bad week: 0.5
        ([(5, 5), (5, 5), (1, 1), (5, 5)], True),  # 5 to 3
        ([(3, 3), (3, 3), (4, 4), (5, 5)], False),  # rising
    ],
)
def test_drift_edges(ratings: list[tuple[int, int]], flagged: bool) -> None:
    weeks = dated([rated(a, b, CORE) for a, b in ratings])
    flags = [f for f in history_flags(weeks, DEFAULTS) if f.kind == FlagKind.DRIFTING]
    assert [f.dimensions for f in flags] == ([(EMO,), (EXP,), (INT,)] if flagged else [])


def test_drift_half_point_threshold() -> None:
    weeks = dated([rated(a, b) for a, b in [(4, 4), (4, 4), (4, 3), (3, 3)]])
    (flag,) = history_flags(weeks, Thresholds(drift_drop=0.75))
    assert (flag.before, flag.after, flag.drop, flag.window) == (4.0, 3.25, 0.75, 4)


# --------------------------------------------------------------------------------------------
# Example tests, one per flag kind
# --------------------------------------------------------------------------------------------


def test_it_flags_a_one_sided_week_and_names_the_widest_dimension() -> None:
    a = partner(reflections={EMO: words(30), INT: words(5)}, needs={EXP: words(10)})
    b = partner(reflections={EMO: words(4), INT: words(5)}, needs={EXP: "ok"}, appreciation="a b c")
    (flag,) = week_flags(couple(a, b), DEFAULTS)
    assert flag == Flag(
        FlagKind.ONE_SIDED_WEEK, (EMO,), more="a", less="b", words_more=45, words_less=13
    )
    assert render(flag.title) == "One of you had more to say this week"
    assert render(flag.explanation).startswith(
        "This week one of you wrote a lot more than the other, most of all about "
        "\u201cFeeling close\u201d."
    )
    assert "naming one feeling" in render(flag.suggestion)


def test_it_lists_every_dimension_tied_for_the_widest_gap() -> None:
    a = partner(reflections={EMO: words(20), EXP: words(20)})
    b = partner(reflections={INT: words(2)})
    flags = week_flags(couple(a, b), DEFAULTS)
    assert flags[0].kind == FlagKind.ONE_SIDED_WEEK
    assert flags[0].dimensions == (EMO, EXP)
    assert "\u201cFeeling close\u201d and \u201cDoing things together\u201d" in render(
        flags[0].explanation
    )


def test_one_sided_gap_only_in_the_appreciation_names_no_dimension() -> None:
    week = couple(partner(appreciation=words(30)), partner(appreciation=words(2)), ())
    flag = one_sided(week)
    assert flag is not None
    assert flag.dimensions == ()
    assert "most of all" not in render(flag.explanation)


def test_overtaking_the_other_partner_flips_the_flag() -> None:
    # Documented limit of the "more words never create a flag" property.
    assert one_sided(couple(sharer(5), sharer(20))) is None
    flag = one_sided(couple(sharer(105), sharer(20)))
    assert flag is not None
    assert (flag.more, flag.less) == ("a", "b")


def test_it_flags_silent_dimensions_once_per_quiet_partner() -> None:
    a = partner(reflections={EMO: "I felt close", EXP: ""}, needs={INT: "talk more"})
    b = partner(reflections={EXP: "the hike was lovely"}, needs={EMO: "   "})
    flags = week_flags(couple(a, b), DEFAULTS)
    assert flags == [
        Flag(FlagKind.SILENT_DIMENSION, (EMO, INT), more="a", less="b"),
        Flag(FlagKind.SILENT_DIMENSION, (EXP,), more="b", less="a"),
    ]
    title = "Only one of you wrote about \u201cFeeling close\u201d and \u201cSharing ideas\u201d"
    assert render(flags[0].title) == title
    assert "the other's answer was left blank" in render(flags[0].explanation)


def test_punctuation_or_emoji_alone_counts_as_blank() -> None:
    a = partner(reflections={EMO: "🙂 …"})
    b = partner(reflections={EMO: "ok"})
    assert kinds(week_flags(couple(a, b), DEFAULTS)) == [FlagKind.SILENT_DIMENSION]


def test_it_flags_a_rating_gap_per_dimension() -> None:
    a = partner(ratings={EMO: 5, EXP: 2, INT: 3})
    b = partner(ratings={EMO: 2, EXP: 4, INT: 3, PHY: 1})
    flags = week_flags(couple(a, b), DEFAULTS)
    assert flags == [
        Flag(FlagKind.RATING_GAP, (EMO,), more="a", less="b", gap=3),
        Flag(FlagKind.RATING_GAP, (EXP,), more="b", less="a", gap=2),
    ]
    assert render(flags[0].title) == "You see \u201cFeeling close\u201d differently this week"
    assert "were 3 apart" in render(flags[0].explanation)
    assert "against the problem" in render(flags[0].suggestion)


def test_a_dimension_rated_by_only_one_partner_has_no_gap() -> None:
    week = couple(partner(ratings={EMO: 5}), partner(ratings={}))
    assert week_flags(week, DEFAULTS) == []


def test_it_flags_each_shared_sign() -> None:
    a = partner(signs=frozenset({WarningSign.NO_HELP, WarningSign.NOT_LISTENED, "distant"}))
    b = partner(signs=frozenset({WarningSign.NOT_LISTENED, WarningSign.NO_HELP}))
    flags = week_flags(couple(a, b), DEFAULTS)
    assert flags == [
        Flag(FlagKind.SHARED_SIGN, sign=WarningSign.NOT_LISTENED),
        Flag(FlagKind.SHARED_SIGN, sign=WarningSign.NO_HELP),
    ]
    assert "ten minutes each" in render(flags[0].suggestion).lower()
    assert "one small, concrete bit of help" in render(flags[1].suggestion)


def test_an_unknown_shared_sign_gets_the_general_wording() -> None:
    signs = frozenset({"new{x}"})
    (flag,) = week_flags(couple(partner(signs=signs), partner(signs=signs)), DEFAULTS)
    assert render(flag.title) == "You both ticked \u201cnew{x}\u201d"


def test_it_flags_a_pattern_of_one_sided_sharing() -> None:
    weeks = dated(
        [
            couple(sharer(50), sharer(10)),
            couple(sharer(5), PartnerWeek(submitted=False)),  # b skipped
            couple(sharer(50), sharer(60)),
            couple(sharer(30), sharer(29)),
        ]
    )
    flags = history_flags(weeks, DEFAULTS)
    assert flags == [
        Flag(FlagKind.ONE_SIDED_PATTERN, more="a", less="b", count=3, window=4),
    ]
    assert render(flags[0].explanation).startswith(
        "In 3 of your last 4 check-ins, the same one of you wrote more, or filled in a week "
        "the other skipped."
    )


@pytest.mark.parametrize(
    ("pairs", "flagged"),
    [
        ([(9, 1), (9, 1), (9, 1), (1, 9)], True),
        ([(9, 1), (9, 1), (5, 5), (1, 9)], False),  # a tie does not count
        ([(9, 1), (9, 1), (1, 9), (1, 9)], False),
        ([(9, 1), (9, 1), (9, 1), (1, 9), (1, 9)], False),  # only the last 4 count
        ([(9, 1), (9, 1), (9, 1)], True),  # 3 of the 3 there are
    ],
)
def test_pattern_window_edges(pairs: list[tuple[int, int]], flagged: bool) -> None:
    weeks = dated([couple(sharer(a), sharer(b)) for a, b in pairs])
    assert (FlagKind.ONE_SIDED_PATTERN in kinds(history_flags(weeks, DEFAULTS))) == flagged


def test_pattern_ignores_weeks_nobody_submitted_and_the_week_in_progress() -> None:
    nobody = couple(PartnerWeek(), PartnerWeek())
    in_progress = couple(sharer(5), PartnerWeek())
    weeks = dated(
        [
            couple(sharer(9), sharer(1)),
            couple(sharer(9), sharer(1)),
            nobody,
            couple(sharer(9), sharer(1)),
            in_progress,
        ]
    )
    (flag,) = history_flags(weeks, DEFAULTS)
    assert (flag.kind, flag.less, flag.count, flag.window) == (
        FlagKind.ONE_SIDED_PATTERN,
        "b",
        3,
        3,
    )
    # Once a newer week exists, the skip counts (and the window moves on).
    weeks.append(replace(nobody, week=MONDAY + timedelta(weeks=5)))
    (flag,) = history_flags(weeks, DEFAULTS)
    assert (flag.count, flag.window) == (4, 4)


def test_a_pattern_going_both_ways_is_not_one_sided() -> None:
    weeks = dated([couple(sharer(9), sharer(1)), couple(sharer(1), sharer(9))])
    t = Thresholds(pattern_weeks=2, pattern_min=1)
    assert history_flags(weeks, t) == []


def test_it_flags_drifting_with_the_dimension_suggestion() -> None:
    weeks = dated([rated(a, b, (EXP, INT)) for a, b in [(5, 4), (4, 4), (4, 3), (3, 3)]])
    flags = history_flags(weeks, DEFAULTS)
    assert flags == [
        Flag(FlagKind.DRIFTING, (EXP,), window=4, before=4.25, after=3.25, drop=1.0),
        Flag(FlagKind.DRIFTING, (INT,), window=4, before=4.25, after=3.25, drop=1.0),
    ]
    assert render(flags[0].title) == "A slow slide in \u201cDoing things together\u201d"
    assert "from 4.25 in the earlier weeks to 3.25" in render(flags[0].explanation)
    assert "Try something new together" in render(flags[0].suggestion)
    assert "ask for the other's opinion" in render(flags[1].suggestion)


def test_drift_needs_enough_revealed_weeks_and_every_rating() -> None:
    falling = [rated(a, a) for a in (5, 5, 3, 3)]
    assert history_flags(dated(falling[1:]), DEFAULTS) == []
    unrevealed = couple(PartnerWeek(ratings={EXP: 1}), partner(ratings={EXP: 1}), (EXP,))
    flags = history_flags(dated([*falling[:2], unrevealed, *falling[2:]]), DEFAULTS)
    assert FlagKind.DRIFTING in kinds(flags)
    missing = rated(3, 3, (EMO,))
    assert history_flags(dated([*falling[:3], missing]), DEFAULTS) == []


# --------------------------------------------------------------------------------------------
# Empty and partial weeks
# --------------------------------------------------------------------------------------------


def test_no_weeks_no_flags() -> None:
    assert flags_for([], DEFAULTS) == []
    assert history_flags([], DEFAULTS) == []


def test_an_empty_revealed_week_has_no_flags() -> None:
    week = couple(partner(), partner())
    assert flags_for([week], DEFAULTS) == []


def test_a_partially_submitted_week_has_no_week_flags() -> None:
    week = couple(sharer(100), PartnerWeek(signs=frozenset({"distant"})))
    assert week_flags(week, DEFAULTS) == []
    assert week_flags(replace(week, a=PartnerWeek(), b=PartnerWeek()), DEFAULTS) == []


# --------------------------------------------------------------------------------------------
# Counting words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("  \n\t ", 0),
        ("hello world", 2),
        ("Hello,world!", 2),
        ("don't stop", 2),
        ("well-being", 1),
        ("rock\u2019n\u2019roll", 1),
        ("- dash -", 1),
        ("caf\u0065\u0301 ole\u0301", 2),  # combining accents stay inside the word
        ("我爱你", 2),  # Han: two thirds of a word each, the run rounded up
        ("今日は楽しかった。", 4),  # 3 Han (4/6) + 5 kana (2/6) = 22/6
        ("コーヒー", 2),  # kana: a third of a word each
        ("I ❤️ you 😀😀", 2),
        ("👨\u200d👩\u200d👧", 0),
        ("\u200f\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd\u200f", 2),  # Hebrew, RTL marks
        ("مرحبا بالعالم", 2),
        ("नमस्ते दुनिया", 2),
        ("안녕하세요 여러분", 2),
        ("我有3个苹果", 5),  # 我有, 3, 个苹果
        ("𠀋𠀋", 2),  # CJK extension B
        ("\uff28\uff29 \uff57\uff4f\uff52\uff4c\uff44", 2),  # full-width Latin
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_sharing_measure_counts_words_and_substantial_sections() -> None:
    pw = written(
        reflections={EMO: "I felt close", EXP: "ok", "custom": words(10)},
        needs={EXP: "more walks", INT: "我们聊聊吧"},
        appreciation="thank you 🙏",
    )
    assert sharing_measure(pw, CORE) == Sharing(words=12, sections=2)
    assert sharing_measure(pw, (EMO, EMO)) == Sharing(words=5, sections=1)
    assert sharing_measure(PartnerWeek(), CORE) == Sharing(words=0, sections=0)


def test_a_rating_outside_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="emotional"):
        PartnerWeek(ratings={EMO: 6})
    with pytest.raises(ValueError, match="1 to 5"):
        PartnerWeek(ratings={EMO: True})


@pytest.mark.parametrize(
    "counts",
    [
        {"reflection_words": {EMO: -1}},
        {"need_words": {EMO: 1.5}},
        {"appreciation_words": True},
        {"reflection_words": {EMO: "three words here"}},
    ],
)
def test_a_word_count_that_is_not_a_whole_number_is_refused(counts: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="word counts"):
        PartnerWeek(**counts)  # type: ignore[arg-type]


@given(text_maps, text_maps, texts)
def test_written_counts_each_text_with_count_words(
    reflections: dict[str, str], needs: dict[str, str], appreciation: str
) -> None:
    pw = written(reflections=reflections, needs=needs, appreciation=appreciation)
    assert pw.reflection_words == {d: count_words(t) for d, t in reflections.items()}
    assert pw.need_words == {d: count_words(t) for d, t in needs.items()}
    assert pw.appreciation_words == count_words(appreciation)


# --------------------------------------------------------------------------------------------
# Thresholds from settings
# --------------------------------------------------------------------------------------------


def test_thresholds_from_mapping_accepts_either_case_and_keeps_defaults() -> None:
    t = Thresholds.from_mapping({"ONE_SIDED_RATIO": 0.5, "rating_gap": 3, "DRIFT_DROP": 1})
    assert t == Thresholds(one_sided_ratio=0.5, rating_gap=3, drift_drop=1)
    assert Thresholds.from_mapping({}) == DEFAULTS


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"ONE_SIDED_RATIO": 0}, "ONE_SIDED_RATIO"),
        ({"ONE_SIDED_RATIO": 1.5}, "ONE_SIDED_RATIO"),
        ({"ONE_SIDED_RATIO": "0.4"}, "ONE_SIDED_RATIO"),
        ({"ONE_SIDED_RATIO": float("nan")}, "ONE_SIDED_RATIO"),
        ({"ONE_SIDED_MIN_WORDS": 0}, "ONE_SIDED_MIN_WORDS"),
        ({"ONE_SIDED_MIN_WORDS": 25.0}, "ONE_SIDED_MIN_WORDS"),
        ({"PATTERN_WEEKS": True}, "PATTERN_WEEKS"),
        ({"PATTERN_MIN": 5}, "PATTERN_MIN"),
        ({"PATTERN_WEEKS": 2}, "PATTERN_MIN"),
        ({"RATING_GAP": 5}, "RATING_GAP"),
        ({"DRIFT_WEEKS": 1}, "DRIFT_WEEKS"),
        ({"DRIFT_DROP": -1.0}, "DRIFT_DROP"),
        ({"DRIFT_DROP": None}, "DRIFT_DROP"),
        ({"SHARING_RATIO": 0.4}, "SHARING_RATIO"),
        ({"rating_gap": 2, "RATING_GAP": 2}, "RATING_GAP"),
    ],
)
def test_thresholds_from_mapping_names_the_bad_key(mapping: dict[str, object], key: str) -> None:
    with pytest.raises(ValueError, match=re.escape(key)):
        Thresholds.from_mapping(mapping)


def test_thresholds_from_mapping_refuses_a_non_mapping() -> None:
    with pytest.raises(ValueError, match="TWOWAY_FLAGS"):
        Thresholds.from_mapping([("RATING_GAP", 2)])  # type: ignore[arg-type]


def test_thresholds_validate_direct_construction_too() -> None:
    with pytest.raises(ValueError, match="drift_weeks"):
        Thresholds(drift_weeks=0)


# --------------------------------------------------------------------------------------------
# Purity, linearity and the docs
# --------------------------------------------------------------------------------------------


def test_it_needs_no_settings_to_import_or_compute() -> None:
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from django.conf import settings\n"
        "from checkins.flags import *\n"
        "ours = {m for m in sys.modules if m.partition('.')[0] in"
        " ('intimacy', 'accounts', 'checkins', 'counselling')}\n"
        "pure = {'checkins', 'checkins.catalog', 'checkins.flags'}\n"
        "assert {m for m in ours if not m.startswith('checkins.flags.')} <= pure, ours\n"
        "a = PartnerWeek(True, {'emotional': 5}, {'emotional': 40}, {}, 1,"
        " frozenset({'distant'}))\n"
        "b = PartnerWeek(True, {'emotional': 1}, {}, {}, 0, frozenset({'distant'}))\n"
        "week = CoupleWeek(date(2025, 1, 6), a, b, ('emotional',))\n"
        "flags = flags_for([week] * 6, Thresholds())\n"
        "texts = [f.explanation for f in vary(flags, seed=week_seed(week.week))]\n"
        "spots = bright_spots([week] * 6, Thresholds())\n"
        "print(len(flags), repr(flags[0])[:20])\n"
        "assert not settings.configured\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("5 Flag(")


class CountingWeeks(Sequence[CoupleWeek]):
    def __init__(self, weeks: list[CoupleWeek]) -> None:
        self.weeks = weeks
        self.reads = 0

    def __len__(self) -> int:
        return len(self.weeks)

    def __getitem__(self, index: int) -> CoupleWeek:  # type: ignore[override]
        self.reads += 1
        return self.weeks[index]


@pytest.mark.parametrize("count", [13, 52, 520])
def test_flags_for_reads_only_the_windows_it_needs(count: int) -> None:
    weeks = CountingWeeks(dated([couple(sharer(9), sharer(1)) for _ in range(count)]))
    flags_for(weeks, DEFAULTS)
    assert weeks.reads <= 1 + DEFAULTS.pattern_weeks + DEFAULTS.drift_weeks


def test_flags_for_reads_each_week_a_bounded_number_of_times_at_worst() -> None:
    # Nobody submitted for a long time: the windows have to look back through everything.
    empty = [couple(PartnerWeek(), PartnerWeek()) for _ in range(100)]
    weeks = CountingWeeks(dated(empty))
    flags_for(weeks, DEFAULTS)
    assert weeks.reads <= 1 + 2 * len(empty)


def _normalise(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def test_docs_quote_every_wording_exactly() -> None:
    docs = _normalise((ROOT / "docs" / "flags.md").read_text(encoding="utf-8"))
    missing = [t for t in all_templates() if _normalise(t) not in docs]
    assert missing == []


def test_docs_name_every_setting() -> None:
    docs = (ROOT / "docs" / "flags.md").read_text(encoding="utf-8")
    for field in fields(DEFAULTS):  # the settings, not cached derived values
        assert f"`{field.name.upper()}`" in docs
