"""Week arithmetic for a couple's check-ins: plain dates and aware datetimes in, no database.

A couple's week begins at local midnight on their chosen weekday (0=Monday ... 6=Sunday, as in
``date.weekday()``) in their IANA time zone, and is named by its start date. The current week is
open; the previous week stays open for late answers until the current week ends; anything older,
and anything in the future, is closed.

Every function takes the couple's *current* settings. Nothing here stores or re-keys a week, so:

* **Time zone changes** take effect at once: the current week is recomputed from the same instant
  in the new zone. Moving east across the date line (Los Angeles -> Auckland) can move the current
  week forward by one, and the week that was current becomes LATE, so nothing is lost. Moving west
  (Auckland -> Los Angeles) can move it back by one: the week that was current is FUTURE (closed)
  until the new zone's clock reaches it, and the week before it is OPEN again.
* **Misaligned weeks**: a date that is not on the couple's start weekday names no week of theirs
  (for example a week stored before they changed their start weekday, or a hand-edited URL), so
  ``week_state`` reports it CLOSED. Use ``is_week_start`` to tell "invalid" apart from "closed".
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ONE_WEEK = timedelta(days=7)


class WeekState(enum.StrEnum):
    OPEN = "open"
    """The current week."""
    LATE = "late"
    """The previous week, still accepting answers until the current week ends."""
    CLOSED = "closed"
    """Older weeks, and dates that are not a start of week for this couple."""
    FUTURE = "future"
    """Weeks after the current one."""


def _check_weekday(start_weekday: int) -> None:
    if not 0 <= start_weekday <= 6:
        raise ValueError(f"start_weekday must be 0 (Monday) to 6 (Sunday), not {start_weekday!r}")


def _local_date(moment: datetime, tz: ZoneInfo) -> date:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"moment must be timezone-aware, got naive {moment!r}")
    return moment.astimezone(tz).date()


def is_week_start(week: date, start_weekday: int) -> bool:
    _check_weekday(start_weekday)
    return week.weekday() == start_weekday


def week_start_for(moment: datetime, tz: ZoneInfo, start_weekday: int) -> date:
    """The start date of the week containing ``moment`` (which must be aware) in ``tz``."""
    _check_weekday(start_weekday)
    local = _local_date(moment, tz)
    return local - timedelta(days=(local.weekday() - start_weekday) % 7)


def current_week(now: datetime, tz: ZoneInfo, start_weekday: int) -> date:
    return week_start_for(now, tz, start_weekday)


def previous_week(week: date) -> date:
    return week - ONE_WEEK


def next_week(week: date) -> date:
    return week + ONE_WEEK


def week_state(week: date, now: datetime, tz: ZoneInfo, start_weekday: int) -> WeekState:
    if not is_week_start(week, start_weekday):
        return WeekState.CLOSED
    current = current_week(now, tz, start_weekday)
    if week == current:
        return WeekState.OPEN
    if week == previous_week(current):
        return WeekState.LATE
    return WeekState.FUTURE if week > current else WeekState.CLOSED


def is_open(week: date, now: datetime, tz: ZoneInfo, start_weekday: int) -> bool:
    """Whether answers for ``week`` are accepted now (the current week or the late window)."""
    return week_state(week, now, tz, start_weekday) in (WeekState.OPEN, WeekState.LATE)


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of ``day`` in ``tz``, as a real local time.

    Where midnight is skipped by a DST jump (America/Santiago, for one) this is the jump itself,
    shown as the first wall time that exists (01:00); the UTC round trip normalises it.
    """
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC).astimezone(tz)


def week_bounds(week: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The half-open span ``[start, end)`` of ``week``: local midnight to local midnight 7 days on.

    A week with a DST change lasts 167 or 169 hours. Python subtracts and compares two datetimes
    that share a ``tzinfo`` by wall clock, so measure durations after ``.astimezone(UTC)``.
    """
    return _local_midnight(week, tz), _local_midnight(week + ONE_WEEK, tz)


def week_index(week: date, origin: date) -> int:
    """Whole weeks from ``origin`` to ``week`` (negative before it), flooring partial weeks."""
    return (week - origin).days // 7


def recent_weeks(current: date, count: int) -> list[date]:
    """``count`` weeks ending with ``current``, newest first."""
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    return [current - ONE_WEEK * i for i in range(count)]
