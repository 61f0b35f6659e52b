"""The reminder schedule (pure): the chosen day and hour in the person's own time zone, the
last call before a week closes, never two on one day, across time zones and DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notifications.schedule import Choice, Due, Week, at_hour, default_weekday, due, reminder_window

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
MONDAY_WEEKS_LONDON = Week(tz=LONDON, start_weekday=0)
THURSDAY = 3
NOTHING: frozenset = frozenset()


def local(tz, *args):
    return datetime(*args, tzinfo=tz)


def _due(now, choice, couple=MONDAY_WEEKS_LONDON, submitted=NOTHING, sent=None):
    return due(now=now, choice=choice, couple=couple, submitted=submitted, sent=sent or {})


# The week of Monday 2026-06-15 in London; Thursday is 2026-06-18.
WEEK = date(2026, 6, 15)
PREVIOUS = date(2026, 6, 8)
THURSDAY_19 = Choice(weekday=THURSDAY, hour=19, tz=LONDON)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(LONDON, 2026, 6, 18, 18, 59), None),  # a minute early
        (local(LONDON, 2026, 6, 18, 19, 0), (Due.REMINDER, WEEK)),
        (local(LONDON, 2026, 6, 18, 23, 59), (Due.REMINDER, WEEK)),  # a late scheduler
        (local(LONDON, 2026, 6, 19, 0, 0), None),  # never on another day
        (local(LONDON, 2026, 6, 17, 19, 0), None),  # nor the day before
    ],
)
def test_the_reminder_goes_on_the_chosen_day_from_the_chosen_hour(moment, expected):
    # Last week was checked in, so only this week's reminder can be due.
    assert _due(moment, THURSDAY_19, submitted=frozenset({PREVIOUS})) == expected


def test_no_reminder_once_checked_in_or_already_sent():
    thursday = local(LONDON, 2026, 6, 18, 20, 0)
    done = frozenset({PREVIOUS, WEEK})
    assert _due(thursday, THURSDAY_19, submitted=done) is None
    sent = {(Due.REMINDER, WEEK): thursday - timedelta(minutes=55)}
    assert _due(thursday, THURSDAY_19, submitted=frozenset({PREVIOUS}), sent=sent) is None


def test_the_last_call_comes_on_the_last_day_last_week_takes_answers():
    # Last week (from 8 June) closes at midnight ending Sunday 21 June.
    sunday_evening = local(LONDON, 2026, 6, 21, 19, 0)
    assert _due(sunday_evening, THURSDAY_19, submitted=frozenset({WEEK})) == (
        Due.LAST_CALL,
        PREVIOUS,
    )
    assert _due(local(LONDON, 2026, 6, 21, 18, 0), THURSDAY_19, submitted=frozenset({WEEK})) is None
    # Once it has closed there is nothing more to say.
    assert _due(local(LONDON, 2026, 6, 22, 19, 0), THURSDAY_19, submitted=frozenset({WEEK})) is None


def test_never_two_on_one_day_the_last_call_wins():
    sunday = Choice(weekday=6, hour=19, tz=LONDON)
    evening = local(LONDON, 2026, 6, 21, 19, 30)
    assert _due(evening, sunday) == (Due.LAST_CALL, PREVIOUS)
    after = {(Due.LAST_CALL, PREVIOUS): evening}
    assert _due(evening + timedelta(hours=1), sunday, sent=after) is None
    # And the next Sunday, with last week done, the reminder is back.
    next_sunday = local(LONDON, 2026, 6, 28, 19, 30)
    assert _due(next_sunday, sunday, submitted=frozenset({WEEK}), sent=after) == (
        Due.REMINDER,
        date(2026, 6, 22),
    )


def test_a_reminder_earlier_that_day_holds_back_the_last_call():
    # Found by the simulation below: a partner in London, the couple on UTC, reminders at
    # Sunday 00:00. On 25 October (BST ends) the reminder goes at 00:00 BST, and last week's
    # last call falls due at 01:00 the same Sunday: it is dropped, not sent as a second.
    couple = Week(tz=ZoneInfo("UTC"), start_weekday=0)
    sunday = Choice(weekday=6, hour=0, tz=LONDON)
    reminded = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # Sunday 00:00 BST
    assert _due(reminded, sunday, couple=couple) == (Due.REMINDER, date(2026, 10, 19))
    sent = {(Due.REMINDER, date(2026, 10, 19)): reminded}
    assert _due(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), sunday, couple=couple, sent=sent) is None


def test_the_hour_is_the_persons_own_not_the_couples():
    # The couple lives by Auckland's clock; this partner is in New York for the week.
    couple = Week(tz=AUCKLAND, start_weekday=0)
    choice = Choice(weekday=THURSDAY, hour=8, tz=NEW_YORK)
    thursday_8_new_york = local(NEW_YORK, 2026, 6, 18, 8, 0)
    found = _due(thursday_8_new_york, choice, couple=couple, submitted=frozenset({PREVIOUS}))
    assert found == (Due.REMINDER, WEEK)
    assert _due(thursday_8_new_york - timedelta(minutes=1), choice, couple=couple) != found


def test_a_skipped_hour_in_spring_means_the_first_time_after_the_gap():
    # London skips 01:00-02:00 on Sunday 29 March 2026.
    start = at_hour(date(2026, 3, 29), 1, LONDON)
    assert start == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert start.astimezone(LONDON).hour == 2
    # New York skips 02:00-03:00 on Sunday 8 March 2026.
    assert at_hour(date(2026, 3, 8), 2, NEW_YORK).astimezone(NEW_YORK).hour == 3


def test_an_hour_that_happens_twice_in_autumn_is_its_first_time():
    # London repeats 01:00-02:00 on Sunday 25 October 2026.
    first = at_hour(date(2026, 10, 25), 1, LONDON)
    assert first == datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 01:00 BST
    sunday = Choice(weekday=6, hour=1, tz=LONDON)
    week = date(2026, 10, 19)
    window = reminder_window(sunday, week, MONDAY_WEEKS_LONDON)
    assert window is not None
    assert window[0] == first
    # The record makes the repeated hour send nothing more.
    later = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the second 01:30, GMT
    assert _due(later, sunday, submitted=frozenset({week - timedelta(7)})) == (Due.REMINDER, week)
    sent = {(Due.REMINDER, week): first}
    assert _due(later, sunday, submitted=frozenset({week - timedelta(7)}), sent=sent) is None


def test_the_offered_day_is_the_fourth_of_the_couples_week():
    assert default_weekday(0) == THURSDAY
    assert default_weekday(6) == 2  # weeks from Sunday: Wednesday
    assert {default_weekday(d) for d in range(7)} == set(range(7))


def test_bad_choices_are_refused():
    with pytest.raises(ValueError, match="weekday"):
        Choice(weekday=7, hour=1, tz=LONDON)
    with pytest.raises(ValueError, match="hour"):
        Choice(weekday=1, hour=24, tz=LONDON)
    with pytest.raises(ValueError, match="aware"):
        due(
            now=datetime(2026, 6, 18, 19),
            choice=THURSDAY_19,
            couple=MONDAY_WEEKS_LONDON,
            submitted=NOTHING,
            sent={},
        )


# A scheduler running every 20 minutes for five weeks, for any time zones (DST ones among
# them), any week start, day and hour: what it would send, with nothing ever checked in.
ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "America/Santiago",  # its midnight is skipped by DST
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kolkata",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]


# Any moment over two years, DST changes included (naive: each test makes it UTC).
STARTS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 1))


def _simulate(choice: Choice, couple: Week, start: datetime, days: int):
    sent: dict[tuple[Due, date], datetime] = {}
    log: list[tuple[datetime, Due, date]] = []
    now = start
    while now < start + timedelta(days=days):
        found = due(now=now, choice=choice, couple=couple, submitted=NOTHING, sent=sent)
        if found is not None:
            sent[found] = now
            log.append((now, *found))
        now += timedelta(minutes=20)
    return log


@settings(max_examples=40, deadline=None)
@given(
    person=st.sampled_from(ZONES),
    couple_zone=st.sampled_from(ZONES),
    start_weekday=st.integers(0, 6),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    start=STARTS,
)
def test_each_reminder_goes_once_on_its_day_and_never_two_in_a_day(
    person, couple_zone, start_weekday, weekday, hour, start
):
    choice = Choice(weekday=weekday, hour=hour, tz=ZoneInfo(person))
    couple = Week(tz=ZoneInfo(couple_zone), start_weekday=start_weekday)
    log = _simulate(choice, couple, start.replace(tzinfo=UTC), days=35)
    kinds_weeks = [(kind, week) for _, kind, week in log]
    assert len(kinds_weeks) == len(set(kinds_weeks)), "a reminder went twice"
    days = [moment.astimezone(choice.tz).date() for moment, _, _ in log]
    assert len(days) == len(set(days)), "two reminders on one day"
    for moment, kind, _week in log:
        there = moment.astimezone(choice.tz)
        if kind is Due.REMINDER:
            assert there.weekday() == weekday
            assert there >= at_hour(there.date(), hour, choice.tz).astimezone(choice.tz)
    # Over five weeks, at least three reminders or last calls actually went.
    assert len(log) >= 3


@settings(max_examples=25, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    start_weekday=st.integers(0, 6),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    start=STARTS,
)
def test_in_one_time_zone_every_whole_week_gets_its_reminder_and_its_last_call(
    zone, start_weekday, weekday, hour, start
):
    tz = ZoneInfo(zone)
    choice, couple = (
        Choice(weekday=weekday, hour=hour, tz=tz),
        Week(tz=tz, start_weekday=start_weekday),
    )
    log = _simulate(choice, couple, start.replace(tzinfo=UTC), days=35)
    reminders = {week for _, kind, week in log if kind is Due.REMINDER}
    last_calls = {week for _, kind, week in log if kind is Due.LAST_CALL}
    # The first two weeks that begin after the run starts: their reminder and their last
    # call (13 days on) both fall inside the 35 days.
    day = start.date() + timedelta(days=2)
    first = day + timedelta(days=(start_weekday - day.weekday()) % 7)
    inner = [first, first + timedelta(weeks=1)]
    last_day = (start_weekday + 6) % 7
    for week in inner:
        assert week in last_calls
        if weekday != last_day:
            assert week in reminders
