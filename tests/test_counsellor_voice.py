"""Flags in a counsellor's voice: every kind has a sentence, and each sentence names the
right person for the right number (swapping who shared or rated more fails here)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkins.catalog import Dimension, WarningSign
from checkins.flags import Flag, FlagKind
from counselling import voice

DIMS = Dimension.values
NAMES = {"a": "Alex", "b": "Sam"}


# ---- examples -------------------------------------------------------------------------------


def test_a_rating_gap_names_who_rated_what_with_the_scale_words():
    flag = Flag(FlagKind.RATING_GAP, ("emotional",), more="b", less="a", gap=2)
    ratings = {"a": {"emotional": 2}, "b": {"emotional": 4}}
    assert (
        voice.sentence(flag, names=NAMES, ratings=ratings)
        == "Sam rated Feeling close 4 (Close), Alex 2 (A bit distant)"
    )


def test_a_rating_gap_without_the_weeks_ratings_still_names_them():
    flag = Flag(FlagKind.RATING_GAP, ("physical",), more="a", less="b", gap=3)
    assert (
        voice.sentence(flag, names=NAMES, ratings={})
        == "Alex rated Affection 3 points higher than Sam"
    )


def test_a_one_sided_week_gives_each_persons_words():
    flag = Flag(
        FlagKind.ONE_SIDED_WEEK, ("emotional",), more="a", less="b", words_more=140, words_less=12
    )
    assert voice.sentence(flag, names=NAMES, ratings={}) == (
        "Alex wrote 140 words, Sam 12 (the widest difference: Feeling close)"
    )


def test_a_silent_part_names_the_writer_and_who_left_it_blank():
    flag = Flag(FlagKind.SILENT_DIMENSION, ("emotional", "physical"), more="b", less="a")
    assert voice.sentence(flag, names=NAMES, ratings={}) == (
        "Sam wrote about Feeling close and Affection; Alex left them blank"
    )


def test_a_shared_sign_quotes_the_catalogs_words():
    flag = Flag(FlagKind.SHARED_SIGN, sign="not_listened")
    assert voice.sentence(flag, names=NAMES, ratings={}) == "Both ticked “Not feeling listened to”"


def test_drifting_gives_the_average_before_and_after():
    flag = Flag(FlagKind.DRIFTING, ("emotional",), window=4, before=4.0, after=2.5, drop=1.5)
    assert voice.sentence(flag, names=NAMES, ratings={}) == (
        "Feeling close ratings (both partners' average) fell from 4.0 to 2.5 over the last "
        "4 weeks checked in together"
    )


def test_a_one_sided_pattern_names_who_shared_less():
    flag = Flag(FlagKind.ONE_SIDED_PATTERN, more="a", less="b", count=3, window=4)
    assert voice.sentence(flag, names=NAMES, ratings={}) == (
        "Sam shared less in 3 of the last 4 weeks"
    )


def test_a_flag_about_two_people_without_them_is_refused():
    with pytest.raises(ValueError, match="names who"):
        voice.sentence(Flag(FlagKind.RATING_GAP, ("emotional",)), names=NAMES, ratings={})


# ---- properties -----------------------------------------------------------------------------

# Names that are never inside each other or inside the sentence's other words.
names = st.sampled_from(["Ayo", "Bea", "Kai", "Lou", "Noor", "Zed"])
pair = st.tuples(names, names).filter(lambda p: p[0] != p[1])
positions = st.sampled_from([("a", "b"), ("b", "a")])
dims = st.lists(st.sampled_from(DIMS), min_size=1, max_size=4, unique=True).map(tuple)
ratings_1_5 = st.integers(1, 5)


def _who(data, couple, order):
    more, less = order
    who = {"a": couple[0], "b": couple[1]}
    return who, who[more], who[less], more, less


@st.composite
def any_flag(draw):
    kind = draw(st.sampled_from(list(FlagKind)))
    more, less = draw(positions)
    d = draw(dims)
    return Flag(
        kind,
        d[:1] if kind in {FlagKind.RATING_GAP, FlagKind.DRIFTING} else d,
        more=more,
        less=less,
        sign=draw(st.sampled_from(WarningSign.values)),
        words_more=draw(st.integers(30, 500)),
        words_less=draw(st.integers(0, 29)),
        gap=draw(st.integers(2, 4)),
        count=draw(st.integers(1, 4)),
        window=draw(st.integers(4, 8)),
        before=draw(st.floats(3, 5)),
        after=draw(st.floats(1, 3)),
    )


@given(any_flag(), pair)
def test_every_kind_has_one_plain_sentence(flag, couple):
    who = {"a": couple[0], "b": couple[1]}
    text = voice.sentence(flag, names=who, ratings={})
    assert text
    assert "{" not in text
    assert "%(" not in text
    assert "\n" not in text
    if flag.kind in {FlagKind.SHARED_SIGN, FlagKind.DRIFTING}:
        # About both of them: nobody singled out.
        assert couple[0] not in text
        assert couple[1] not in text


@given(pair, positions, st.sampled_from(DIMS), ratings_1_5, ratings_1_5)
def test_a_rating_gap_puts_each_rating_with_its_rater(couple, order, dim, high, low):
    who, more_name, less_name, more, less = _who(None, couple, order)
    flag = Flag(FlagKind.RATING_GAP, (dim,), more=more, less=less, gap=abs(high - low))
    ratings = {more: {dim: high}, less: {dim: low}}
    text = voice.sentence(flag, names=who, ratings=ratings)
    label = str(Dimension(dim).label)
    assert text.startswith(f"{more_name} rated {label} {high} (")
    assert f", {less_name} {low} (" in text


@given(pair, positions, st.integers(30, 999), st.integers(0, 29))
def test_a_one_sided_week_puts_each_count_with_its_writer(couple, order, many, few):
    who, more_name, less_name, more, less = _who(None, couple, order)
    flag = Flag(FlagKind.ONE_SIDED_WEEK, (), more=more, less=less, words_more=many, words_less=few)
    assert voice.sentence(flag, names=who, ratings={}) == (
        f"{more_name} wrote {many} words, {less_name} {few}"
    )


@given(pair, positions, dims)
def test_a_silent_part_names_the_writer_first(couple, order, parts):
    who, more_name, less_name, more, less = _who(None, couple, order)
    flag = Flag(FlagKind.SILENT_DIMENSION, parts, more=more, less=less)
    text = voice.sentence(flag, names=who, ratings={})
    assert text.startswith(f"{more_name} wrote about ")
    assert f"; {less_name} left " in text
    for d in parts:
        assert str(Dimension(d).label) in text


@given(pair, positions, st.integers(1, 8), st.integers(4, 8))
def test_a_one_sided_pattern_names_only_who_shared_less(couple, order, count, window):
    who, more_name, less_name, more, less = _who(None, couple, order)
    flag = Flag(FlagKind.ONE_SIDED_PATTERN, more=more, less=less, count=count, window=window)
    text = voice.sentence(flag, names=who, ratings={})
    assert text.startswith(f"{less_name} shared less in {count} of the last {window}")
    assert more_name not in text


@given(st.sampled_from(WarningSign.values))
def test_a_shared_sign_uses_the_catalogs_label(sign):
    text = voice.sentence(Flag(FlagKind.SHARED_SIGN, sign=sign), names=NAMES, ratings={})
    assert str(WarningSign(sign).label) in text


def test_counsellor_flags_keep_the_kind_and_order():
    found = voice.counsellor_flags(
        [
            Flag(FlagKind.SHARED_SIGN, sign="distant"),
            Flag(FlagKind.ONE_SIDED_PATTERN, more="a", less="b", count=3, window=4),
        ],
        names=NAMES,
        ratings={},
    )
    assert [f.kind for f in found] == ["shared_sign", "one_sided_pattern"]
