"""Benchmarks for the counsellor's summary, at 12, 52 and 104 weeks of history, every answer
shared and consent for all of the history (so the summary shows every week).

Run with ``.venv/bin/pytest benchmarks/bench_summary.py --benchmark-enable -p no:randomly``.

* ``summary page``: the whole request through the test client (lock, queries, flags, voice,
  charts, templates, the access-log write). Its SQL queries are counted on a warm-up request
  and must equal the budget in ``tests/test_query_budgets.py`` at every length.
* ``summary build``: ``counselling.summary.summary`` alone (queries and Python, no template).
* ``flags: per week, same lookback`` against ``flags: per week, whole tail``: the flags of
  every revealed week, the way the summary finds them now
  (``comparison.raw_flags_by_week``: each week over at most ``FLAG_LOOKBACK`` stored rows,
  each row converted once) and the way it used to (``raw_flags_for_week`` over every
  revealed week before it, quadratic in the history), on rows already fetched.

The cost per week shown should stay flat as the history grows: linear in the weeks shown.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Couple, User
from checkins import comparison, selectors
from checkins.models import Answer
from counselling import summary as summaries
from counselling.models import CounsellorAccess
from counselling.state import consent_state
from tests.checkin_helpers import history
from tests.counselling_helpers import connect, make_counsellor
from tests.test_query_budgets import OTHER_BUDGETS

LENGTHS = [12, 52, 104]


def _shared(couple: Couple, partner_a: User, partner_b: User, weeks: int) -> CounsellorAccess:
    made = history(couple, weeks)
    Answer.objects.filter(checkin__week__in=made).update(share_with_counsellor=True)
    counsellor = make_counsellor(display_name="Dr. Rivera", email="rivera@example.com")
    return connect(couple, counsellor, partner_a, partner_b, span="all")


@pytest.mark.django_db
@pytest.mark.parametrize("weeks", LENGTHS)
def test_summary_page(
    benchmark, client, partner_a, partner_b, couple, query_counts, weeks: int
) -> None:
    access = _shared(couple, partner_a, partner_b, weeks)
    client.force_login(access.counsellor)
    url = reverse("counsellor:summary", args=[access.pk])
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url)
    assert first.status_code == 200
    assert "Week by week" in first.content.decode()
    query_counts[("summary", weeks)] = len(queries)
    benchmark.extra_info["queries"] = len(queries)
    assert len(queries) == OTHER_BUDGETS["counsellor_summary"]

    benchmark.group = "summary page"
    response = benchmark(client.get, url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("weeks", LENGTHS)
def test_summary_build(benchmark, partner_a, partner_b, couple, weeks: int) -> None:
    access = _shared(couple, partner_a, partner_b, weeks)
    state = consent_state(CounsellorAccess.objects.get(pk=access.pk))
    benchmark.group = "summary build"
    data = benchmark(summaries.summary, state)
    assert len(data.weeks) == weeks


@pytest.mark.django_db
@pytest.mark.parametrize("weeks", LENGTHS)
@pytest.mark.parametrize("way", ["same lookback", "whole tail"])
def test_flags_per_week(benchmark, partner_a, partner_b, couple, weeks: int, way: str) -> None:
    access = _shared(couple, partner_a, partner_b, weeks)
    state = consent_state(CounsellorAccess.objects.get(pk=access.pk))
    ctx = summaries._ctx(state)
    dates = summaries.window(state)
    stored = summaries.stored_weeks(ctx.couple, dates)
    revealed = [w for w in stored if w.is_revealed]
    lookback = selectors.FLAG_LOOKBACK

    def same_lookback() -> int:  # what the summary does now
        found = comparison.raw_flags_by_week(ctx, stored, lookback, only=set(dates))
        return sum(map(len, found.values()))

    def whole_tail() -> int:  # what the summary did before
        return sum(
            len(comparison.raw_flags_for_week(ctx, revealed[i:])) for i in range(len(revealed))
        )

    benchmark.group = f"flags: per week, {way}"
    benchmark(same_lookback if way == "same lookback" else whole_tail)
