"""The pages again, with texts as long as people write them (``bench_pages`` and
``bench_summary`` write a few words per answer, so counting words costs little there).

Run with ``.venv/bin/pytest benchmarks/bench_long_texts.py --benchmark-enable -p no:randomly``.
Every reflection has 120 words, every "what I'd love from you" 25 and every appreciation 40
(a reflection may hold up to 2,000 characters, about 350 words). Before the word counts were
stored, every page that shows flags counted these words again on every view; now the counts
are read from their columns. The query counts are those of ``tests/test_query_budgets.py``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Couple
from checkins.models import Answer, CheckIn
from checkins.selectors import clock_for
from tests.checkin_helpers import history
from tests.counselling_helpers import connect, make_counsellor

SENTENCE = "we walked along the river after dinner and talked about how the week had gone "


def _words(n: int) -> str:
    words = (SENTENCE * (n // 14 + 1)).split()
    return " ".join(words[:n])


def long_history(couple: Couple, weeks: int) -> None:
    made = history(couple, weeks)
    Answer.objects.filter(checkin__week__in=made).update(reflection=_words(120), need=_words(25))
    CheckIn.objects.filter(week__in=made).update(appreciation=_words(40))


@pytest.mark.django_db
@pytest.mark.parametrize("page_name", ["home", "week", "trends", "trends_all"])
def test_page_long_texts(benchmark, client, partner_a, couple, page_name: str) -> None:
    long_history(couple, 52)
    client.force_login(partner_a)
    previous = clock_for(couple).previous.isoformat()
    url = {
        "home": reverse("home"),
        "week": reverse("checkins:week", args=[previous]),
        "trends": reverse("checkins:trends"),
        "trends_all": reverse("checkins:trends") + "?span=all",
    }[page_name]
    assert client.get(url).status_code == 200
    benchmark.group = f"long texts, 52 weeks: {page_name}"
    response = benchmark(client.get, url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("shared", ["nothing shared", "all shared"])
def test_summary_long_texts(benchmark, client, partner_a, partner_b, couple, shared: str) -> None:
    long_history(couple, 52)
    if shared == "all shared":
        Answer.objects.update(share_with_counsellor=True)
    counsellor = make_counsellor(display_name="Dr. Rivera", email="rivera@example.com")
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    client.force_login(access.counsellor)
    url = reverse("counsellor:summary", args=[access.pk])
    assert client.get(url).status_code == 200
    benchmark.group = f"long texts, 52 weeks: counsellor summary, {shared}"
    response = benchmark(client.get, url)
    assert response.status_code == 200
