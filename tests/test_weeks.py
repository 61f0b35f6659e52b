from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkins.weeks import (
    WeekState,
    current_week,
    is_open,
    is_week_start,
    next_week,
    previous_week,
    recent_weeks,
    week_bounds,
    week_index,
    week_start_for,
    week_state,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SANTIAGO = ZoneInfo("America/Santiago")
MONDAY, WEDNESDAY, SUNDAY = 0, 2, 6


def hours(span: tuple[datetime, datetime]) -> float:
    start, end = span
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


# --- week_start_for -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_weekday", "expected"),
    [(MONDAY, date(2025, 6, 2)), (WEDNESDAY, date(2025, 6, 4)), (SUNDAY, date(2025, 6, 1))],
)
def test_week_start_depends_on_the_chosen_weekday(start_weekday: int, expected: date) -> None:
    thursday_noon = datetime(2025, 6, 5, 12, tzinfo=LONDON)
    assert week_start_for(thursday_noon, LONDON, start_weekday) == expected


@pytest.mark.parametrize("start_weekday", [MONDAY, WEDNESDAY, SUNDAY])
def test_the_start_day_itself_begins_a_week(start_weekday: int) -> None:
    day = date(2025, 6, 2) + timedelta(days=start_weekday)
    midnight = datetime(day.year, day.month, day.day, tzinfo=LONDON)
    assert week_start_for(midnight, LONDON, start_weekday) == day
    before = midnight - timedelta(seconds=1)
    assert week_start_for(before, LONDON, start_weekday) == day - timedelta(days=7)


def test_midnight_edge_is_local_not_utc() -> None:
    # Sunday 23:59:59 BST is already Sunday 22:59:59 UTC; Monday 00:00 BST is Sunday 23:00 UTC.
    last_second = datetime(2025, 6, 1, 22, 59, 59, tzinfo=UTC)
    first_second = datetime(2025, 6, 1, 23, 0, 0, tzinfo=UTC)
    assert week_start_for(last_second, LONDON, MONDAY) == date(2025, 5, 26)
    assert week_start_for(first_second, LONDON, MONDAY) == date(2025, 6, 2)
    assert week_start_for(first_second, ZoneInfo("UTC"), MONDAY) == date(2025, 5, 26)


def test_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        week_start_for(datetime(2025, 6, 5, 12), LONDON, MONDAY)


@pytest.mark.parametrize("start_weekday", [-1, 7])
def test_out_of_range_weekday_is_refused(start_weekday: int) -> None:
    with pytest.raises(ValueError, match="start_weekday"):
        week_start_for(datetime(2025, 6, 5, tzinfo=UTC), LONDON, start_weekday)


def test_week_start_during_the_repeated_hour() -> None:
    # 01:30 happens twice in London on 2025-10-26; both are Sunday, in the week of Monday 20th.
    first = datetime(2025, 10, 26, 1, 30, tzinfo=LONDON, fold=0)
    second = datetime(2025, 10, 26, 1, 30, tzinfo=LONDON, fold=1)
    assert first.astimezone(UTC) != second.astimezone(UTC)
    assert week_start_for(first, LONDON, MONDAY) == date(2025, 10, 20)
    assert week_start_for(second, LONDON, MONDAY) == date(2025, 10, 20)


# --- time zone changes --------------------------------------------------------------------


INSTANT = datetime(2025, 1, 5, 21, 0, tzinfo=UTC)  # Mon 10:00 in Auckland, Sun 13:00 in LA


def test_moving_west_across_the_date_line_moves_the_current_week_back() -> None:
    assert current_week(INSTANT, AUCKLAND, MONDAY) == date(2025, 1, 6)
    assert current_week(INSTANT, LOS_ANGELES, MONDAY) == date(2024, 12, 30)
    # The week that was current in Auckland is not yet reached in Los Angeles.
    assert week_state(date(2025, 1, 6), INSTANT, LOS_ANGELES, MONDAY) is WeekState.FUTURE
    assert week_state(date(2024, 12, 30), INSTANT, LOS_ANGELES, MONDAY) is WeekState.OPEN
    assert week_state(date(2024, 12, 23), INSTANT, LOS_ANGELES, MONDAY) is WeekState.LATE


def test_moving_east_across_the_date_line_keeps_the_old_week_open_as_late() -> None:
    assert week_state(date(2024, 12, 30), INSTANT, LOS_ANGELES, MONDAY) is WeekState.OPEN
    assert week_state(date(2024, 12, 30), INSTANT, AUCKLAND, MONDAY) is WeekState.LATE
    assert week_state(date(2025, 1, 6), INSTANT, AUCKLAND, MONDAY) is WeekState.OPEN


def test_a_zone_change_within_the_same_week_changes_nothing() -> None:
    wednesday = datetime(2025, 6, 4, 12, tzinfo=UTC)
    assert current_week(wednesday, LONDON, MONDAY) == current_week(wednesday, NEW_YORK, MONDAY)


# --- week_state and is_open ---------------------------------------------------------------


NOW = datetime(2025, 6, 5, 12, tzinfo=LONDON)  # Thursday; Monday-start week of 2025-06-02


@pytest.mark.parametrize(
    ("week", "state"),
    [
        (date(2025, 6, 2), WeekState.OPEN),
        (date(2025, 5, 26), WeekState.LATE),
        (date(2025, 5, 19), WeekState.CLOSED),
        (date(2024, 6, 3), WeekState.CLOSED),
        (date(2025, 6, 9), WeekState.FUTURE),
        (date(2026, 6, 1), WeekState.FUTURE),
    ],
)
def test_week_state(week: date, state: WeekState) -> None:
    assert week_state(week, NOW, LONDON, MONDAY) is state
    assert is_open(week, NOW, LONDON, MONDAY) is (state in (WeekState.OPEN, WeekState.LATE))


@pytest.mark.parametrize("week", [date(2025, 6, 3), date(2025, 6, 1), date(2025, 5, 27)])
def test_a_date_off_the_start_weekday_is_closed(week: date) -> None:
    assert not is_week_start(week, MONDAY)
    assert week_state(week, NOW, LONDON, MONDAY) is WeekState.CLOSED
    assert not is_open(week, NOW, LONDON, MONDAY)


def test_changing_the_start_weekday_closes_weeks_keyed_the_old_way() -> None:
    monday_week = current_week(NOW, LONDON, MONDAY)
    assert week_state(monday_week, NOW, LONDON, SUNDAY) is WeekState.CLOSED
    assert week_state(current_week(NOW, LONDON, SUNDAY), NOW, LONDON, SUNDAY) is WeekState.OPEN


def test_late_window_ends_exactly_when_the_current_week_ends() -> None:
    previous, current = date(2025, 5, 26), date(2025, 6, 2)
    _, current_end = week_bounds(current, LONDON)
    assert current_end == datetime(2025, 6, 9, tzinfo=LONDON)
    just_before = current_end - timedelta(microseconds=1)
    assert week_state(previous, just_before, LONDON, MONDAY) is WeekState.LATE
    assert week_state(previous, current_end, LONDON, MONDAY) is WeekState.CLOSED
    assert week_state(current, current_end, LONDON, MONDAY) is WeekState.LATE
    assert week_state(next_week(current), current_end, LONDON, MONDAY) is WeekState.OPEN


def test_late_window_ends_at_local_midnight_in_utc_terms() -> None:
    previous = date(2025, 5, 26)
    # Monday 2025-06-09 00:00 BST is Sunday 23:00 UTC.
    assert is_open(previous, datetime(2025, 6, 8, 22, 59, 59, tzinfo=UTC), LONDON, MONDAY)
    assert not is_open(previous, datetime(2025, 6, 8, 23, 0, tzinfo=UTC), LONDON, MONDAY)


def test_week_state_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        week_state(date(2025, 6, 2), datetime(2025, 6, 5), LONDON, MONDAY)


# --- week_bounds ----------------------------------------------------------------------------


def test_an_ordinary_week_is_168_hours_from_local_midnight() -> None:
    start, end = week_bounds(date(2025, 6, 2), LONDON)
    assert start == datetime(2025, 6, 2, tzinfo=LONDON)
    assert end == datetime(2025, 6, 9, tzinfo=LONDON)
    assert hours((start, end)) == 168


@pytest.mark.parametrize(
    ("tz", "week", "expected_hours"),
    [
        (LONDON, date(2025, 3, 24), 167),  # clocks go forward on Sunday 30 March
        (LONDON, date(2025, 10, 20), 169),  # clocks go back on Sunday 26 October
        (NEW_YORK, date(2025, 3, 3), 167),  # forward on Sunday 9 March
        (NEW_YORK, date(2025, 10, 27), 169),  # back on Sunday 2 November
        (NEW_YORK, date(2025, 3, 9), 167),  # a Sunday-start week that opens on the change day
        (NEW_YORK, date(2025, 11, 2), 169),
    ],
)
def test_dst_weeks_are_167_or_169_hours(tz: ZoneInfo, week: date, expected_hours: int) -> None:
    start, end = week_bounds(week, tz)
    assert (start.hour, start.minute, end.hour, end.minute) == (0, 0, 0, 0)
    assert (start.date(), end.date()) == (week, week + timedelta(days=7))
    assert hours((start, end)) == expected_hours


def test_a_skipped_midnight_starts_the_week_at_the_first_real_time() -> None:
    # Chile moved its clocks from 00:00 to 01:00 on Sunday 2024-09-08: that midnight never was.
    start, end = week_bounds(date(2024, 9, 8), SANTIAGO)
    assert start == datetime(2024, 9, 8, 4, tzinfo=UTC)
    assert (start.hour, start.utcoffset()) == (1, timedelta(hours=-3))
    assert hours((start, end)) == 167
    assert week_start_for(start, SANTIAGO, SUNDAY) == date(2024, 9, 8)
    # Step back in UTC: same-zone datetime arithmetic in Python is wall-clock arithmetic.
    just_before = start.astimezone(UTC) - timedelta(microseconds=1)
    assert week_start_for(just_before, SANTIAGO, SUNDAY) == date(2024, 9, 1)


def test_consecutive_weeks_share_a_boundary() -> None:
    week = date(2025, 10, 20)
    assert week_bounds(week, LONDON)[1] == week_bounds(next_week(week), LONDON)[0]


# --- week_index, neighbours, recent_weeks ---------------------------------------------------


@pytest.mark.parametrize(
    ("week", "origin", "expected"),
    [
        (date(2025, 6, 2), date(2025, 6, 2), 0),
        (date(2025, 6, 9), date(2025, 6, 2), 1),
        (date(2025, 5, 26), date(2025, 6, 2), -1),
        (date(2026, 6, 1), date(2025, 6, 2), 52),
        # An origin on another weekday (the couple changed their start day): floor of days / 7.
        (date(2025, 6, 2), date(2025, 6, 1), 0),
        (date(2025, 6, 8), date(2025, 6, 1), 1),
        (date(2025, 5, 26), date(2025, 6, 1), -1),
        (date(2025, 5, 25), date(2025, 6, 1), -1),
        (date(2025, 5, 24), date(2025, 6, 1), -2),
    ],
)
def test_week_index(week: date, origin: date, expected: int) -> None:
    assert week_index(week, origin) == expected


def test_previous_and_next_week() -> None:
    assert previous_week(date(2025, 1, 6)) == date(2024, 12, 30)
    assert next_week(date(2024, 12, 30)) == date(2025, 1, 6)


def test_recent_weeks_are_newest_first() -> None:
    assert recent_weeks(date(2025, 1, 6), 3) == [
        date(2025, 1, 6),
        date(2024, 12, 30),
        date(2024, 12, 23),
    ]
    assert recent_weeks(date(2025, 1, 6), 0) == []
    with pytest.raises(ValueError, match="count"):
        recent_weeks(date(2025, 1, 6), -1)


# --- properties -----------------------------------------------------------------------------


moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.timezones()
)
zones = st.timezones()
weekdays = st.integers(min_value=0, max_value=6)
weeks = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))


@given(moment=moments, tz=zones, start_weekday=weekdays)
def test_week_start_is_on_the_start_weekday_within_the_last_seven_days(
    moment: datetime, tz: ZoneInfo, start_weekday: int
) -> None:
    week = week_start_for(moment, tz, start_weekday)
    local = moment.astimezone(tz).date()
    assert week.weekday() == start_weekday
    assert local - timedelta(days=7) < week <= local


@given(moment=moments, tz=zones, start_weekday=weekdays)
def test_the_current_week_is_open_and_its_neighbours_are_not(
    moment: datetime, tz: ZoneInfo, start_weekday: int
) -> None:
    week = current_week(moment, tz, start_weekday)
    assert week_state(week, moment, tz, start_weekday) is WeekState.OPEN
    assert week_state(previous_week(week), moment, tz, start_weekday) is WeekState.LATE
    assert week_state(previous_week(previous_week(week)), moment, tz, start_weekday) is (
        WeekState.CLOSED
    )
    assert week_state(next_week(week), moment, tz, start_weekday) is WeekState.FUTURE


# Ordinary zones plus awkward ones: a skipped midnight, a 30-minute DST shift, odd offsets.
SAMPLE_ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
]


@given(
    moment=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ),
    tz_name=st.sampled_from(SAMPLE_ZONES),
    start_weekday=weekdays,
)
def test_the_week_of_a_moment_contains_it(
    moment: datetime, tz_name: str, start_weekday: int
) -> None:
    tz = ZoneInfo(tz_name)
    start, end = week_bounds(week_start_for(moment, tz, start_weekday), tz)
    assert start <= moment < end
    assert 166 <= hours((start, end)) <= 170


@given(week=weeks)
def test_next_and_previous_week_are_inverse(week: date) -> None:
    assert next_week(previous_week(week)) == week
    assert previous_week(next_week(week)) == week


@given(week=weeks, origin=weeks)
def test_week_index_counts_steps_of_next_week(week: date, origin: date) -> None:
    index = week_index(week, origin)
    assert week_index(next_week(week), origin) == index + 1
    assert origin + timedelta(days=7 * index) <= week < origin + timedelta(days=7 * (index + 1))


@given(current=weeks, count=st.integers(min_value=0, max_value=60))
def test_recent_weeks_step_back_one_week_at_a_time(current: date, count: int) -> None:
    listed = recent_weeks(current, count)
    assert len(listed) == count
    assert all(newer == next_week(older) for newer, older in pairwise(listed))
    if listed:
        assert listed[0] == current
