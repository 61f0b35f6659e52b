"""Bright spots (``checkins.flags.bright_spots``): what went well in a revealed week. Pure
rules on plain data, property-tested like the flags; no database, no settings."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checkins.flags import BrightKind, BrightSpot, CoupleWeek, PartnerWeek, Thresholds, bright_spots
from tests.test_flags import (
    CORE,
    DEFAULTS,
    EMO,
    EXP,
    INT,
    MONDAY,
    couple,
    couple_weeks,
    dated,
    histories,
    partner,
    render,
    swap_week,
    thresholds,
)

ORDER = list(BrightKind)


def kinds(spots: list[BrightSpot]) -> list[BrightKind]:
    return [s.kind for s in spots]


def of_kind(spots: list[BrightSpot], kind: BrightKind) -> BrightSpot | None:
    found = [s for s in spots if s.kind == kind]
    assert len(found) <= 1
    return found[0] if found else None


def rated_week(a: dict[str, int], b: dict[str, int], dims=CORE, **kwargs: str) -> CoupleWeek:
    return couple(partner(ratings=a, **kwargs), partner(ratings=b), dims)


def without_text(week: CoupleWeek) -> CoupleWeek:
    def blank(pw: PartnerWeek) -> PartnerWeek:
        return replace(
            pw, reflection_words={}, need_words={}, appreciation_words=0, signs=frozenset()
        )

    return replace(week, a=blank(week.a), b=blank(week.b))


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@given(histories, thresholds)
@settings(max_examples=60, deadline=None)
def test_a_revealed_week_always_has_something_warm_to_say_and_an_unrevealed_one_nothing(
    weeks: list[CoupleWeek], t: Thresholds
) -> None:
    """Catches a week with no flags left with nothing good to say, or bright spots leaking
    out of a week still waiting for one of you."""
    spots = bright_spots(weeks, t)
    if not weeks or not weeks[-1].revealed:
        assert spots == []
        return
    assert kinds(spots)[-1] == BrightKind.BOTH_CHECKED_IN
    assert kinds(spots) == sorted(set(kinds(spots)), key=ORDER.index)  # one each, in order
    for spot in spots:
        assert render(spot.title)
        assert render(spot.text)
        assert "{" not in render(spot.title) + render(spot.text)


@given(histories, thresholds)
@settings(max_examples=60, deadline=None)
def test_bright_spots_are_about_the_two_of_you(weeks: list[CoupleWeek], t: Thresholds) -> None:
    """Swapping the partners changes nothing: no bright spot is one partner's."""
    assert bright_spots([swap_week(w) for w in weeks], t) == bright_spots(weeks, t)


@given(histories, thresholds)
@settings(max_examples=60, deadline=None)
def test_bright_spots_never_read_the_words(weeks: list[CoupleWeek], t: Thresholds) -> None:
    """Catches a bright spot that depends on what was written (it uses ratings and the
    "did we manage it?" answers only)."""
    assert bright_spots([without_text(w) for w in weeks], t) == bright_spots(weeks, t)


@given(couple_weeks(revealed=True), st.integers(1, 5))
def test_close_for_both_follows_the_exact_rule(week: CoupleWeek, close: int) -> None:
    t = Thresholds(close_rating=close)
    expected = tuple(
        d
        for d in ("emotional", "experiential", "intellectual", "physical", "custom")
        if d in week.dimensions and min(week.a.ratings.get(d, 0), week.b.ratings.get(d, 0)) >= close
    )
    spot = of_kind(bright_spots([week], t), BrightKind.BOTH_CLOSE)
    assert (spot.dimensions if spot else ()) == expected
    if spot:
        assert spot.rating == close


@given(couple_weeks(revealed=True))
def test_a_wish_met_counts_each_yes(week: CoupleWeek) -> None:
    yes = [pw.follow_through == "yes" for pw in (week.a, week.b)].count(True)
    spot = of_kind(bright_spots([week], DEFAULTS), BrightKind.WISH_MET)
    assert (spot.count if spot else 0) == yes


@given(
    st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=2),
    st.booleans(),
    st.integers(1, 8).map(lambda quarters: quarters / 4),
)
def test_closer_than_last_time_follows_the_exact_rule(
    pairs: list[tuple[int, int]], gap_between: bool, rise: float
) -> None:
    """The shared rating (the mean of both) of the newest week against the revealed week
    before it, even with an unrevealed week in between."""
    (a0, b0), (a1, b1) = pairs
    weeks = [rated_week({EXP: a0}, {EXP: b0}, (EXP,)), rated_week({EXP: a1}, {EXP: b1}, (EXP,))]
    if gap_between:
        waiting = couple(partner(ratings={EXP: 1}), PartnerWeek(), (EXP,))
        weeks.insert(1, waiting)
    spots = bright_spots(dated(weeks), Thresholds(rise_min=rise))
    then, now = Fraction(a0 + b0, 2), Fraction(a1 + b1, 2)
    spot = of_kind(spots, BrightKind.RATING_ROSE)
    assert (spot is not None) == (now - then >= Fraction(str(rise)))
    if spot:
        assert (spot.before, spot.after) == (float(then), float(now))


@given(st.lists(st.sampled_from(("both", "waiting", "gap")), max_size=10))
@settings(max_examples=200)
def test_weeks_in_a_row_counts_back_to_the_first_gap(shape: list[str]) -> None:
    """``both``: a revealed week; ``waiting``: only one of you submitted; ``gap``: no week
    stored at all (nobody started), which breaks a run as much as a waiting week does."""
    weeks, day = [], MONDAY
    for entry in [*shape, "both"]:
        if entry != "gap":
            b = partner() if entry == "both" else PartnerWeek()
            weeks.append(CoupleWeek(week=day, a=partner(), b=b, dimensions=CORE))
        day += timedelta(weeks=1)
    expected = 0
    for entry in reversed([*shape, "both"]):
        if entry != "both":
            break
        expected += 1
    spot = of_kind(bright_spots(weeks, DEFAULTS), BrightKind.BOTH_CHECKED_IN)
    assert spot is not None
    assert spot.count == expected


@given(couple_weeks(revealed=True), st.sampled_from(CORE))
def test_a_higher_rating_never_takes_close_for_both_away(week: CoupleWeek, dim: str) -> None:
    before = of_kind(bright_spots([week], DEFAULTS), BrightKind.BOTH_CLOSE)
    ratings = dict(week.a.ratings) | {dim: 5}
    after = of_kind(
        bright_spots([replace(week, a=replace(week.a, ratings=ratings))], DEFAULTS),
        BrightKind.BOTH_CLOSE,
    )
    assert set(before.dimensions if before else ()) <= set(after.dimensions if after else ())


# --------------------------------------------------------------------------------------------
# Examples, with their words
# --------------------------------------------------------------------------------------------


def test_a_good_week_has_every_bright_spot_in_order() -> None:
    last = rated_week({EMO: 3, EXP: 4, INT: 2}, {EMO: 3, EXP: 4, INT: 2})
    now = rated_week({EMO: 4, EXP: 5, INT: 2}, {EMO: 4, EXP: 4, INT: 2}, follow_through="yes")
    spots = bright_spots(dated([last, now]), DEFAULTS)
    assert spots == [
        BrightSpot(BrightKind.BOTH_CLOSE, (EMO, EXP), rating=4),
        BrightSpot(BrightKind.WISH_MET, count=1),
        BrightSpot(BrightKind.RATING_ROSE, (EMO, EXP)),
        BrightSpot(BrightKind.BOTH_CHECKED_IN, count=2),
    ]
    texts = [(render(s.title), render(s.text)) for s in spots]
    assert texts[0] == (
        "Close for both of you: \u201cFeeling close\u201d and \u201cDoing things together\u201d",
        "You both rated \u201cFeeling close\u201d and \u201cDoing things together\u201d at least 4 "
        "out of 5 this week. Whatever made it feel that way is worth doing again.",
    )
    assert texts[1][0] == "A wish from last week came true"
    assert texts[2][1].startswith("Your shared ratings for \u201cFeeling close\u201d and ")
    assert texts[3] == (
        "2 weeks in a row together",
        "You've both checked in 2 weeks running. Keeping the habit going is how closeness grows.",
    )


def test_one_part_closer_than_last_time_says_by_how_much() -> None:
    weeks = dated([rated_week({INT: 2}, {INT: 3}, (INT,)), rated_week({INT: 3}, {INT: 3}, (INT,))])
    spot = of_kind(bright_spots(weeks, DEFAULTS), BrightKind.RATING_ROSE)
    assert spot is not None
    assert render(spot.text).startswith(
        "Your shared rating for \u201cSharing ideas\u201d went from 2.5 to 3 since your last "
        "check-in together."
    )


def test_both_wishes_met_and_a_first_week() -> None:
    week = couple(partner(follow_through="yes"), partner(follow_through="yes"))
    spots = bright_spots([week], DEFAULTS)
    assert [render(s.title) for s in spots] == [
        "Last week's wishes came true, both ways",
        "You both made time for this",
    ]


def test_partly_and_not_yet_are_not_a_wish_met() -> None:
    week = couple(partner(follow_through="partly"), partner(follow_through="not_yet"))
    assert kinds(bright_spots([week], DEFAULTS)) == [BrightKind.BOTH_CHECKED_IN]


def test_a_week_still_waiting_has_no_bright_spots() -> None:
    week = couple(partner(ratings={EMO: 5}), PartnerWeek(ratings={EMO: 5}))
    assert bright_spots([week], DEFAULTS) == []
    assert bright_spots([], DEFAULTS) == []


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"CLOSE_RATING": 0}, "CLOSE_RATING"),
        ({"CLOSE_RATING": 6}, "CLOSE_RATING"),
        ({"CLOSE_RATING": 4.0}, "CLOSE_RATING"),
        ({"RISE_MIN": 0}, "RISE_MIN"),
        ({"RISE_MIN": 4.5}, "RISE_MIN"),
        ({"RISE_MIN": "1"}, "RISE_MIN"),
    ],
)
def test_bright_spot_thresholds_are_validated(mapping: dict[str, object], key: str) -> None:
    with pytest.raises(ValueError, match=re.escape(key)):
        Thresholds.from_mapping(mapping)
    assert Thresholds.from_mapping({"close_rating": 5, "RISE_MIN": 1}) == Thresholds(
        close_rating=5, rise_min=1
    )
