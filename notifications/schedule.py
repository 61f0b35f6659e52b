"""When a person's reminders are due: aware datetimes and plain dates in, no database.

A person chooses a weekday and an hour in their own time zone. Two reminders can come from
that, each only while the check-in it is about still takes answers and is not submitted:

* the **reminder**, on the chosen weekday of the couple's current week, from the chosen hour
  until the end of that day (so a scheduler that runs late still sends it the same day, and
  never on another day);
* the **last call**, gentler, for last week's check-in in its last day: from the chosen hour
  on the day before it closes, until it closes.

Never two on the same day (the person's own): when both are due at once the last call goes,
and whichever would come second on a day on which one already went is dropped. Nothing here
counts missed weeks.

Hours that do not exist on a day (a spring-forward gap) are read as the first wall time after
the gap, and an hour that happens twice (autumn) is its first occurrence: the reminder goes
once, because the record of what was sent is unique per person, week and kind.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from checkins import weeks

DAY = timedelta(days=1)


class Due(enum.StrEnum):
    REMINDER = "reminder"
    LAST_CALL = "last_call"


@dataclass(frozen=True)
class Choice:
    """A person's reminder choice: a weekday (0 = Monday) and an hour of their own time."""

    weekday: int
    hour: int
    tz: ZoneInfo

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 to 6, not {self.weekday!r}")
        if not 0 <= self.hour <= 23:
            raise ValueError(f"hour must be 0 to 23, not {self.hour!r}")


@dataclass(frozen=True)
class Week:
    """The couple's side: their time zone and the weekday their weeks start on."""

    tz: ZoneInfo
    start_weekday: int


def default_weekday(start_weekday: int) -> int:
    """The reminder day offered first: the fourth day of the couple's week (Thursday for a
    week that starts on Monday), leaving days to check in before the week turns."""
    return (start_weekday + 3) % 7


def at_hour(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """``hour``:00 on ``day`` in ``tz`` as a real instant (a skipped hour moves past the gap)."""
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)


def _end_of_day(day: date, tz: ZoneInfo) -> datetime:
    return weeks.week_bounds(day + DAY, tz)[0].astimezone(UTC)


def reminder_window(choice: Choice, week: date, couple: Week) -> tuple[datetime, datetime] | None:
    """When the reminder for the couple's ``week`` may go: ``[from, until)`` in UTC.

    The chosen weekday is the person's own; the first such day that begins inside the week
    (in the couple's time) is the one. None if the week holds no such moment.
    """
    start, end = (moment.astimezone(UTC) for moment in weeks.week_bounds(week, couple.tz))
    first_local = start.astimezone(choice.tz).date()
    for offset in range(8):
        day = first_local + offset * DAY
        if day.weekday() != choice.weekday:
            continue
        begins, day_ends = at_hour(day, choice.hour, choice.tz), _end_of_day(day, choice.tz)
        if start <= begins < end:
            return begins, min(day_ends, end)
    return None


def last_call_window(choice: Choice, week: date, couple: Week) -> tuple[datetime, datetime]:
    """When the last call for ``week`` may go: from the chosen hour on the person's day before
    the week closes (at the end of the week after it), until it closes."""
    closes = weeks.week_bounds(weeks.next_week(week), couple.tz)[1].astimezone(UTC)
    last_day = (closes - timedelta(microseconds=1)).astimezone(choice.tz).date()
    for day in (last_day, last_day - DAY):
        begins = at_hour(day, choice.hour, choice.tz)
        if closes - DAY <= begins < closes:
            return begins, closes
    return closes - DAY, closes


def due(
    *,
    now: datetime,
    choice: Choice,
    couple: Week,
    submitted: frozenset[date],
    sent: Mapping[tuple[Due, date], datetime],
) -> tuple[Due, date] | None:
    """The one reminder to send now, if any, as (kind, week start).

    ``submitted`` holds the weeks this person has submitted; ``sent`` what already went,
    with when. Nothing goes on a day (the person's own) on which a reminder already went.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = now.astimezone(choice.tz).date()
    if any(when.astimezone(choice.tz).date() == today for when in sent.values()):
        return None
    current = weeks.current_week(now, couple.tz, couple.start_weekday)
    previous = weeks.previous_week(current)
    now = now.astimezone(UTC)
    if previous not in submitted and (Due.LAST_CALL, previous) not in sent:
        begins, until = last_call_window(choice, previous, couple)
        if begins <= now < until:
            return Due.LAST_CALL, previous
    if current not in submitted and (Due.REMINDER, current) not in sent:
        window = reminder_window(choice, current, couple)
        if window is not None and window[0] <= now < window[1]:
            return Due.REMINDER, current
    return None
