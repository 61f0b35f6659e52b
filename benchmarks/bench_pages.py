"""Benchmarks for whole pages, rendered through the Django test client.

Run with ``.venv/bin/pytest benchmarks/bench_pages.py --benchmark-enable``. Each page is timed
at 1, 12 and 52 weeks of history (the pages look back at most 12 weeks, so 12 and 52 should
match), and its SQL queries are counted on a first, warm-up request: the count must equal the
page's budget in ``tests/test_query_budgets.py`` at every length.
The counts are printed after the run and stored in each benchmark's ``extra_info``.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Couple
from checkins.comparison import TRENDS_FROM
from checkins.selectors import clock_for
from tests.checkin_helpers import history
from tests.test_query_budgets import BUDGETS

# Each page and a piece of text that shows the right thing was rendered.
PAGES = {
    "home": "Alex &amp; Sam",
    "checkin": 'name="action" value="save"',
    "week": "Your answers, side by side",
    "trends": "<svg",
}


def _url(couple: Couple, page_name: str) -> str:
    clock = clock_for(couple)
    return {
        "home": reverse("home"),
        "checkin": reverse("checkins:checkin", args=[clock.current.isoformat()]),
        "week": reverse("checkins:week", args=[clock.previous.isoformat()]),  # revealed
        "trends": reverse("checkins:trends"),
    }[page_name]


@pytest.mark.django_db
@pytest.mark.parametrize("weeks", [1, 12, 52])
@pytest.mark.parametrize("page_name", sorted(PAGES))
def test_page(
    benchmark, client, partner_a, couple, query_counts, page_name: str, weeks: int
) -> None:
    history(couple, weeks)
    client.force_login(partner_a)
    url = _url(couple, page_name)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(url)
    assert first.status_code == 200
    if page_name != "trends" or weeks >= TRENDS_FROM:  # fewer weeks: no chart yet
        assert PAGES[page_name] in first.content.decode()
    query_counts[(page_name, weeks)] = len(queries)
    benchmark.extra_info["queries"] = len(queries)
    assert len(queries) == BUDGETS[page_name]

    benchmark.group = f"page: {page_name}"
    response = benchmark(client.get, url)
    assert response.status_code == 200
