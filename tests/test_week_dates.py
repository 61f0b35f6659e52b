"""Every date in a URL outside the couple's life is 404 on every page and action that takes
a week, never a 500: before the couple began, after next week, and at the end of the
calendar (``9999-12-27`` + 7 days overflows ``date``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from checkins.models import CheckIn
from checkins.selectors import clock_for

PAGES = ["checkins:week", "checkins:checkin"]
ACTIONS = [
    "checkins:checkin",
    "checkins:share",
    "checkins:react",
    "checkins:autosave",
    "checkins:skip",
    "checkins:unskip",
    "notifications:nudge",
]


def _week_start_on_or_before(day: date, start_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - start_weekday) % 7)


def _outside(couple) -> dict[str, date]:
    clock = clock_for(couple)
    return {
        "end of the calendar": _week_start_on_or_before(date.max, couple.week_start_day),
        "after next week": clock.current + timedelta(weeks=2),
        "before the couple began": clock.first - timedelta(weeks=1),
    }


@pytest.fixture
def signed_in(client, couple, partner_a):
    client.force_login(partner_a)
    return client


@pytest.mark.parametrize(
    "which", ["end of the calendar", "after next week", "before the couple began"]
)
def test_a_week_outside_the_couples_life_is_404_everywhere(signed_in, couple, which):
    week = _outside(couple)[which].isoformat()
    for name in PAGES:
        assert signed_in.get(reverse(name, args=[week])).status_code == 404, name
    for name in ACTIONS:
        assert signed_in.post(reverse(name, args=[week]), {}).status_code == 404, name
    picked = signed_in.get(reverse("checkins:week_pick"), {"week": week})
    assert picked.status_code == 404
    assert not CheckIn.objects.exists()  # and nothing was written


def test_this_week_and_next_still_open(signed_in, couple):
    """The bound leaves the couple's own weeks alone: this week's page, and next week's
    (a change of time zone can make the week that was current next week's)."""
    clock = clock_for(couple)
    for week in (clock.current, clock.current + timedelta(weeks=1)):
        response = signed_in.get(reverse("checkins:week", args=[week.isoformat()]))
        assert response.status_code != 404, week
