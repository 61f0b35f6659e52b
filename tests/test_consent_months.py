"""The month arithmetic behind consent end dates, with properties over any date."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from counselling.months import add_months

moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9000, 12, 31))
steps = st.integers(min_value=-120, max_value=120)


def test_examples():
    assert add_months(datetime(2026, 8, 31, 14, 5), 6) == datetime(2027, 2, 28, 14, 5)
    assert add_months(datetime(2027, 8, 31), 6) == datetime(2028, 2, 29)
    assert add_months(datetime(2026, 12, 3), 3) == datetime(2027, 3, 3)
    assert add_months(datetime(2026, 1, 31), 1) == datetime(2026, 2, 28)
    assert add_months(datetime(2026, 3, 3, tzinfo=UTC), 12) == datetime(2027, 3, 3, tzinfo=UTC)


@given(moments, steps)
def test_the_month_moves_by_exactly_the_steps(moment, months):
    moved = add_months(moment, months)
    assert (moved.year * 12 + moved.month) - (moment.year * 12 + moment.month) == months


@given(moments, steps)
def test_the_day_is_kept_or_clamped_to_the_months_last(moment, months):
    moved = add_months(moment, months)
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(moment.day, last)
    assert moved.time() == moment.time()


@given(moments, st.integers(min_value=1, max_value=120))
def test_later_months_are_later_and_roughly_thirty_days_each(moment, months):
    moved = add_months(moment, months)
    assert moved > moment
    assert timedelta(days=28 * months - 3) <= moved - moment <= timedelta(days=31 * months)


@given(moments, steps)
def test_there_and_back_never_lands_later(moment, months):
    assert add_months(add_months(moment, months), -months) <= moment
