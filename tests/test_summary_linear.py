"""The counsellor's summary costs work linear in the weeks it shows, not quadratic.

Counted, not timed: how many times the flag rules run, how many weeks they are handed in
all, and how many stored weeks are converted for them, at 12, 52 and 104 weeks of history
with everything shared. Each revealed week's flags are found over that week and at most
``FLAG_LOOKBACK - 1`` weeks before it (as on the couple's own week page), and each stored
week is converted once, so every count is at most a constant times the weeks shown. The old
way (each week over the whole history before it) handed the rules n·(n+1)/2 weeks: 5,460
at 104 weeks, against at most 12 · 104 = 1,248 now.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse

from checkins import comparison, flags
from checkins.selectors import FLAG_LOOKBACK
from tests.checkin_helpers import history
from tests.counselling_helpers import connect
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """Counts of the flag rules' calls, the weeks handed to them, and weeks converted."""
    counts: Counter[str] = Counter()
    rules, convert = flags.flags_for, comparison.couple_week

    def flags_for(weeks, *args, **kwargs):
        counts["rule runs"] += 1
        counts["weeks handed to the rules"] += len(weeks)
        return rules(weeks, *args, **kwargs)

    def couple_week(*args, **kwargs):
        counts["weeks converted"] += 1
        return convert(*args, **kwargs)

    monkeypatch.setattr(flags, "flags_for", flags_for)
    monkeypatch.setattr(comparison, "couple_week", couple_week)
    return counts


def _summary_counts(client, couple, counsellor, partners, weeks, counted):
    history(couple, weeks)
    access = connect(couple, counsellor, *partners, span="all")
    client.force_login(counsellor)
    counted.clear()
    response = client.get(reverse("counsellor:summary", args=[access.pk]))
    assert response.status_code == 200
    return dict(counted)


@pytest.mark.parametrize("weeks", [12, 52, 104])
def test_the_summary_does_a_fixed_amount_of_work_per_week_shown(
    client, couple, counsellor, partner_a, partner_b, counted, weeks
):
    found = _summary_counts(client, couple, counsellor, (partner_a, partner_b), weeks, counted)
    # One run of the rules per revealed week shown, each over at most FLAG_LOOKBACK weeks.
    assert found["rule runs"] == weeks
    assert found["weeks handed to the rules"] <= FLAG_LOOKBACK * weeks
    # Each stored week (the window and the look-back before it) converted once.
    assert found["weeks converted"] <= weeks + FLAG_LOOKBACK
    # Far under the quadratic n(n+1)/2 once the history is longer than the look-back.
    if weeks > 2 * FLAG_LOOKBACK:
        assert found["weeks handed to the rules"] < weeks * (weeks + 1) // 4


def test_twice_the_weeks_is_twice_the_work_not_four_times(client, counsellor, counted):
    """Two couples, 52 and 104 weeks: the work per week shown stays the same (within the
    first weeks' shorter look-back); quadratic work would double it."""
    found = {}
    for weeks in (52, 104):
        a, b = UserFactory(), UserFactory()
        couple = make_couple(a, b)
        found[weeks] = _summary_counts(client, couple, counsellor, (a, b), weeks, counted)
    for name, value in found[104].items():
        per_week_52, per_week_104 = found[52][name] / 52, value / 104
        assert per_week_104 <= 1.1 * per_week_52, (name, found[52][name], value)
