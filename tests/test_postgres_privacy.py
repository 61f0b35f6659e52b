"""On PostgreSQL, with real transactions and connections: a counsellor's summary view and a
consent withdrawal are serialised by the row lock, and a summary whose access-log entry
cannot be written shows nothing."""

import threading
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from checkins.models import Answer
from counselling import services as counselling_services
from counselling.models import AccessLogEntry, Consent
from counselling.state import consent_state
from tests.checkin_helpers import history, marker
from tests.concurrency import Worker, backend_pid, is_waiting_for_a_lock, wait_until
from tests.counselling_helpers import connect

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def shared_summary(couple, counsellor, partner_a, partner_b):
    """Two revealed weeks in which every answer is shared, each with a marker, and both
    partners shown under marked names; a counsellor both consent to."""
    history(couple, 2)
    for answer in Answer.objects.select_related("checkin__membership"):
        answer.reflection = marker("shared", answer.pk)
        answer.share_with_counsellor = True
        answer.save()
    for membership in couple.memberships.all():
        membership.shown_name = marker("name", membership.seat)
        membership.save(update_fields=["shown_name"])
    return connect(couple, counsellor, partner_a, partner_b)


def _viewer(counsellor, **options) -> Client:
    viewer = Client(**options)
    viewer.force_login(counsellor)
    return viewer


def test_a_consent_withdrawal_waits_for_a_summary_view_in_progress(
    counsellor, partner_b, shared_summary
):
    """Catches the summary read without locking the relation (``lock=True`` dropped, or
    the lock taken after the reads): the withdrawal would then commit while the counsellor
    is still being shown the data it withdraws, before that view is even logged."""
    access = shared_summary
    url = reverse("counsellor:summary", args=[access.pk])
    viewer = _viewer(counsellor)
    reading, go_on = threading.Event(), threading.Event()
    finished = []  # who committed, in order

    def pause_before_reading_the_weeks(execute, sql, params, many, context):
        # Access is checked (and, in the right code, its row locked); the couple's data is
        # about to be read. Hold the view right here.
        if '"checkins_week"' in sql and not reading.is_set():
            reading.set()
            assert go_on.wait(timeout=10)
        return execute(sql, params, many, context)

    def view():
        with connection.execute_wrapper(pause_before_reading_the_weeks):
            response = viewer.get(url)
        finished.append("view")
        return response

    pids = []

    def withdraw():
        pids.append(backend_pid())
        consent = counselling_services.consent_revoke(access=access, partner=partner_b)
        finished.append("withdrawal")
        return consent

    viewing = Worker(view)
    viewing.start()
    assert reading.wait(timeout=10), "the view never reached the couple's data"
    withdrawing = Worker(withdraw)
    withdrawing.start()
    assert wait_until(lambda: bool(pids))
    waited = wait_until(lambda: not withdrawing.is_alive() or is_waiting_for_a_lock(pids[0]))
    blocked = waited and withdrawing.is_alive()
    go_on.set()
    response, consent = viewing.outcome(), withdrawing.outcome()

    assert blocked, "the withdrawal did not wait for the view holding the relation"
    assert finished == ["view", "withdrawal"]
    assert response.status_code == 200
    assert marker("name", 1) in response.content.decode()
    entry = AccessLogEntry.objects.get(access=access, page="summary")
    assert consent.kind == Consent.Kind.REVOKE
    assert entry.viewed_at < Consent.objects.get(pk=consent.pk).created_at
    assert not consent_state(access).active
    # ... and the next view shows nothing: "sharing is paused" (with the names the counsellor
    # knew), none of the couple's answers, and no log entry.
    refused = viewer.get(url)
    assert refused.status_code == 403
    assert "have paused sharing with you" in refused.content.decode()
    assert "«shared-" not in refused.content.decode()
    assert AccessLogEntry.objects.filter(access=access, page="summary").count() == 1


@pytest.mark.parametrize("fails", ["before inserting", "after inserting"])
def test_a_summary_whose_access_log_entry_cannot_be_written_shows_no_data(
    counsellor, shared_summary, fails
):
    """Catches couple data sent without its log entry: the summary rendered (or streamed)
    before the entry is written, the write's error swallowed, or the entry left half-done."""
    access = shared_summary
    url = reverse("counsellor:summary", args=[access.pk])
    viewer = _viewer(counsellor, raise_request_exception=False)
    shown = viewer.get(url).content.decode()
    assert marker("name", 1) in shown  # the control: this summary does show the couple
    logged = list(AccessLogEntry.objects.values_list("pk", flat=True))

    create = AccessLogEntry.objects.create

    def failing_create(**fields):
        if fails == "after inserting":
            create(**fields)
        raise DatabaseError("could not write the access log")

    with mock.patch("counselling.services.AccessLogEntry.objects.create", failing_create):
        response = viewer.get(url)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "«" not in html  # no name, no shared answer, nothing of the couple's
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == logged
