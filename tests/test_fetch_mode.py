"""The hot querysets run under Django 6.1's ``FETCH_RAISE``: a forgotten ``select_related``
or a deferred field that a page starts to read fails loudly (``FieldFetchBlocked``) instead
of costing one query per row of history.

``Week.objects.with_checkins`` (home, check-in, week, trends, the counsellor's summary and
dashboard, the export) and the journal's ``_journal_weeks`` set it themselves, so every test
that renders those pages runs under it; these tests prove that it bites.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldFetchBlocked
from django.db.models import FETCH_RAISE
from django.urls import reverse

from checkins import models as checkin_models
from checkins.models import Week
from checkins.selectors import clock_for
from tests.checkin_helpers import history
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def test_with_checkins_returns_every_row_under_fetch_raise(couple):
    history(couple, 2)
    weeks = list(Week.objects.for_couple(couple).with_checkins(reactions=True, texts=False))
    checkin = weeks[0].checkins.all()[0]
    answer = checkin.answers.all()[0]
    for row in (weeks[0], checkin, answer):
        assert row._state.fetch_mode is FETCH_RAISE, type(row).__name__
    # What the query joined is there; what it did not (a deferred text) raises.
    assert checkin.membership.user.display_name
    with pytest.raises(FieldFetchBlocked):
        answer.reflection  # noqa: B018
    with pytest.raises(FieldFetchBlocked):
        weeks[0].couple  # noqa: B018 (never joined, so never read by a page)


@pytest.fixture
def forgotten_join(monkeypatch):
    """As if someone dropped ``select_related("membership__user")`` from ``with_checkins``."""
    monkeypatch.setattr(checkin_models, "CHECKIN_RELATIONS", ())


# The pages that print who checked in (a seat's name): the counsellor's. The partners' pages
# compare seats by id and never read the join, so they do not depend on it.
@pytest.mark.parametrize(
    "page", ["counsellor_summary", "counsellor_summary_print", "counsellor_dashboard"]
)
def test_a_forgotten_join_fails_the_page_instead_of_querying_per_row(
    client, partner_a, partner_b, couple, counsellor, forgotten_join, page
):
    history(couple, 3)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    viewer, url = {
        "counsellor_summary_print": (
            counsellor,
            reverse("counsellor:summary_print", args=[access.pk]),
        ),
        "counsellor_summary": (counsellor, reverse("counsellor:summary", args=[access.pk])),
        "counsellor_dashboard": (counsellor, reverse("counsellor:dashboard")),
    }[page]
    client.force_login(viewer)
    with pytest.raises(FieldFetchBlocked):
        client.get(url)


def test_the_same_pages_render_with_the_join_in_place(
    client, partner_a, partner_b, couple, counsellor
):
    """The control for the test above: the failure comes from the missing join alone."""
    history(couple, 3)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    clock = clock_for(couple)
    client.force_login(partner_a)
    for url in (
        reverse("home"),
        reverse("checkins:week", args=[clock.previous.isoformat()]),
        reverse("checkins:trends"),
        reverse("checkins:checkin", args=[clock.current.isoformat()]),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(counsellor)
    assert client.get(reverse("counsellor:summary", args=[access.pk])).status_code == 200
    assert client.get(reverse("counsellor:dashboard")).status_code == 200


def test_the_journal_reads_no_text_it_does_not_print(client, partner_a, couple):
    """History (the journal) loads only the columns it prints; reflections and private
    notes are not even in its SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    history(couple, 52)
    client.force_login(partner_a)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("checkins:history"))
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "checkins_answer" in sql
    assert "checkins_checkin" in sql
    for column in ('"reflection"', '"private_note"', "reflection_words"):
        assert column not in sql, column


def test_no_page_counts_words_on_a_view(
    client, partner_a, partner_b, couple, counsellor, monkeypatch
):
    """Word counts are stored when text is saved (checkins.word_counts); reading a page
    walks no text to count it, on the partners' pages or the counsellor's."""
    from checkins import flags, word_counts
    from checkins.flags import words

    def refuse(text):
        raise AssertionError("count_words ran during a page view")

    history(couple, 12)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    clock = clock_for(couple)
    for module in (flags, words, word_counts):
        monkeypatch.setattr(module, "count_words", refuse)
    client.force_login(partner_a)
    for url in (
        reverse("home"),
        reverse("checkins:week", args=[clock.previous.isoformat()]),
        reverse("checkins:trends"),
        reverse("checkins:trends") + "?span=all",
        reverse("checkins:history"),
        reverse("checkins:checkin", args=[clock.current.isoformat()]),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(counsellor)
    for url in (
        reverse("counsellor:summary", args=[access.pk]),
        reverse("counsellor:summary_print", args=[access.pk]),
        reverse("counsellor:dashboard"),
    ):
        assert client.get(url).status_code == 200, url


def test_a_former_partner_s_check_ins_get_their_own_seat(couple, partner_a, partner_b):
    """The partners' pages attach the request's seats to check-ins instead of joining them;
    a check-in from a seat left since (the person who sat there before) reads its own seat
    and person in one more query, never the current partner's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Membership
    from accounts.scoping import couple_for
    from checkins import selectors
    from tests.factories import UserFactory

    weeks = history(couple, 2)
    seat_b = Membership.objects.get(couple=couple, user=partner_b)
    ctx = couple_for(partner_a)
    with CaptureQueriesContext(connection) as before:
        selectors.recent_weeks(ctx, weeks[0].starts_on)
    Membership.objects.filter(pk=seat_b.pk).update(left_at=timezone.now())
    newcomer = UserFactory(display_name="Robin")
    Membership.objects.create(couple=couple, user=newcomer, seat=seat_b.seat)
    ctx = couple_for(partner_a)
    assert ctx.partner.user == newcomer
    with CaptureQueriesContext(connection) as after:
        found = selectors.recent_weeks(ctx, weeks[0].starts_on)
    assert len(after) == len(before) + 1
    authors = {c.membership.user.display_name for w in found for c in w.checkins.all()}
    assert authors == {"Alex", "Sam"}
