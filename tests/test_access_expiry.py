"""Time-boxed counsellor access with the clock moved: access ends at the earlier end date by
itself (one second before, data; at the boundary, none on any counsellor URL), the periodic
run records each lapsed consent once and tells everyone, warns once a week before, and a new
consent starts a new period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from counselling import services
from counselling.models import AccessLogEntry, Consent, CounsellorAccess
from counselling.state import consent_state
from tests.checkin_helpers import history

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, 12:00 in London (UTC in winter).
START = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
THREE_MONTHS = datetime(2027, 3, 2, 12, 0, tzinfo=UTC)
SIX_MONTHS = datetime(2027, 6, 2, 11, 0, tzinfo=UTC)  # 12:00 London summer time


@pytest.fixture
def london(couple):
    couple.time_zone = "Europe/London"
    couple.save()
    return couple


def grant(access, partner, months, at=START):
    with time_machine.travel(at, tick=False):
        return services.consent_grant(access=access, partner=partner, span="all", months=months)


@pytest.fixture
def access(london, counsellor, partner_a, partner_b):
    """Sharing since START: Alex for 3 months, Sam for 6."""
    with time_machine.travel(START - timedelta(days=30), tick=False):
        history(london, 3)
    access = CounsellorAccess.objects.create(
        couple=london, counsellor=counsellor, invited_by=partner_a
    )
    grant(access, partner_a, 3)
    grant(access, partner_b, 6)
    return access


def run(at, capture):
    with time_machine.travel(at, tick=False), capture(execute=True):
        return services.end_expired_access()


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def counsellor_pages(access):
    return [
        reverse("counsellor:summary", args=[access.pk]),
        reverse("counsellor:status", args=[access.pk]),
        reverse("counsellor:dashboard"),
    ]


def test_the_grant_ends_on_the_chosen_calendar_month_on_the_couples_clock(access):
    alex, sam = Consent.objects.order_by("pk")
    assert alex.ends_at == THREE_MONTHS
    assert sam.ends_at == SIX_MONTHS  # the same wall-clock time in London, after the DST change
    assert "My consent ends on 2 March 2027, unless I withdraw it sooner." in alex.wording
    assert consent_state(access).ends_at == THREE_MONTHS  # the earlier of the two


def test_until_withdrawn_has_no_end(couple, counsellor, partner_a, partner_b):
    access = CounsellorAccess.objects.create(
        couple=couple, counsellor=counsellor, invited_by=partner_a
    )
    grant(access, partner_a, None)
    grant(access, partner_b, None)
    consent = Consent.objects.first()
    assert consent.ends_at is None
    assert "My consent lasts until I withdraw it." in consent.wording
    with time_machine.travel(START + timedelta(days=3650), tick=False):
        assert consent_state(access).active
        assert consent_state(access).ends_at is None


def test_access_ends_at_the_boundary_by_itself_on_every_counsellor_url(client, access, counsellor):
    summary, status, dashboard = counsellor_pages(access)
    with time_machine.travel(THREE_MONTHS - timedelta(seconds=1), tick=False):
        client.force_login(counsellor)  # a session of today, not one months old
        assert consent_state(access).active
        response = client.get(summary)
        assert response.status_code == 200  # the summary, read and logged
        assert AccessLogEntry.objects.filter(page="summary").count() == 1
        assert client.get(status).status_code == 204
        assert summary in client.get(dashboard).content.decode()
    logged = AccessLogEntry.objects.count()
    # No periodic run at all: the clock alone ends it.
    with time_machine.travel(THREE_MONTHS, tick=False):
        assert not consent_state(access).active
        for url in (summary, status, dashboard):
            response = client.get(url)
            page = response.content.decode()
            assert response.status_code in {200, 403}, url
            assert "«" not in page, url
            assert "Week by week" not in page, url
        assert client.get(summary).status_code == 403
        assert summary not in client.get(dashboard).content.decode()
    assert AccessLogEntry.objects.count() == logged  # nothing after the end was read or logged
    assert not Consent.objects.filter(kind=Consent.Kind.EXPIRE).exists()


def test_the_run_records_the_lapsed_consent_once_and_tells_everyone(
    access, django_capture_on_commit_callbacks
):
    assert run(THREE_MONTHS - timedelta(seconds=1), django_capture_on_commit_callbacks).expired == 0
    mail.outbox.clear()  # the week-before warning
    first = run(THREE_MONTHS, django_capture_on_commit_callbacks)
    again = run(THREE_MONTHS + timedelta(minutes=5), django_capture_on_commit_callbacks)
    assert (first.expired, again.expired) == (1, 0)
    expiry = Consent.objects.get(kind=Consent.Kind.EXPIRE)
    assert expiry.partner.email == "alex@example.com"  # only the consent that reached its end
    assert expiry.ends_at == THREE_MONTHS
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alex@example.com",
        "rivera@example.com",
        "sam@example.com",
    ]
    (alex,) = to("alex@example.com")
    assert alex.subject == "Sharing with Dr. Rivera ended on the date you agreed"
    assert "ended on 2 March 2027, the date you agreed" in alex.body
    assert "/couple/counsellors/" in alex.body
    (rivera,) = to("rivera@example.com")
    assert "Alex and Sam" in rivera.subject
    assert "ended on 2 March 2027" in rivera.body
    assert "unsubscribe" not in alex.body.lower()  # essential: no opt-out
    with time_machine.travel(THREE_MONTHS, tick=False):
        assert not consent_state(access).active


def test_the_later_consent_lapses_quietly_when_sharing_had_already_ended(
    access, django_capture_on_commit_callbacks
):
    run(THREE_MONTHS, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert run(SIX_MONTHS, django_capture_on_commit_callbacks).expired == 1
    assert Consent.objects.filter(kind=Consent.Kind.EXPIRE).count() == 2
    assert mail.outbox == []  # nothing more was shared until then: nothing to announce


def test_both_ends_passed_unseen_are_recorded_in_one_run_with_one_email_each(
    access, django_capture_on_commit_callbacks
):
    assert run(SIX_MONTHS + timedelta(days=1), django_capture_on_commit_callbacks).expired == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alex@example.com",
        "rivera@example.com",
        "sam@example.com",
    ]
    assert "ended on 2 March 2027" in mail.outbox[0].body  # when sharing really ended


def test_consent_given_again_starts_a_new_period(
    client, access, partner_a, counsellor, django_capture_on_commit_callbacks
):
    run(THREE_MONTHS, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    later = THREE_MONTHS + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        renewed = grant(access, partner_a, 12, at=later)
    assert renewed.ends_at == datetime(2028, 3, 12, 12, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        state = consent_state(access)
        assert state.active  # Sam's 6 months still stand
        assert state.ends_at == SIX_MONTHS
        client.force_login(counsellor)
        assert client.get(reverse("counsellor:summary", args=[access.pk])).status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alex@example.com",
        "rivera@example.com",
        "sam@example.com",
    ]  # sharing started again
    assert [c.kind for c in Consent.objects.order_by("pk")] == [
        "grant",
        "grant",
        "expire",
        "grant",
    ]  # the history stays, append-only


def test_withdrawing_a_consent_already_past_its_end_records_nothing(access, partner_a):
    with time_machine.travel(THREE_MONTHS + timedelta(hours=1), tick=False):
        assert services.consent_revoke(access=access, partner=partner_a) is None
    assert not Consent.objects.filter(kind=Consent.Kind.REVOKE).exists()


def test_a_removed_counsellor_is_not_expired_or_warned(
    access, partner_a, django_capture_on_commit_callbacks
):
    services.counsellor_remove(access=access, by=partner_a)
    mail.outbox.clear()
    assert run(THREE_MONTHS - timedelta(days=2), django_capture_on_commit_callbacks).warned == 0
    assert run(SIX_MONTHS, django_capture_on_commit_callbacks).expired == 0
    assert mail.outbox == []


# --- The week-before warning ---------------------------------------------------------------

WEEK_BEFORE = THREE_MONTHS - timedelta(days=7)


def test_everyone_is_warned_once_a_week_before_the_effective_end(
    access, django_capture_on_commit_callbacks
):
    assert run(WEEK_BEFORE - timedelta(seconds=1), django_capture_on_commit_callbacks).warned == 0
    assert mail.outbox == []
    assert run(WEEK_BEFORE, django_capture_on_commit_callbacks).warned == 1
    assert run(WEEK_BEFORE + timedelta(days=3), django_capture_on_commit_callbacks).warned == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alex@example.com",
        "rivera@example.com",
        "sam@example.com",
    ]
    (sam,) = to("sam@example.com")
    assert sam.subject == "Sharing with Dr. Rivera ends on 2 March 2027"
    assert "To keep sharing, each of you can renew on the Counselling page" in sam.body
    (rivera,) = to("rivera@example.com")
    assert "ends on 2 March 2027" in rivera.body
    access.refresh_from_db()
    assert access.expiry_warned_for == THREE_MONTHS


def test_a_renewal_with_a_later_end_is_warned_about_again(
    access, partner_a, django_capture_on_commit_callbacks
):
    run(WEEK_BEFORE, django_capture_on_commit_callbacks)
    grant(access, partner_a, 12, at=WEEK_BEFORE + timedelta(days=1))  # now Sam's end is first
    mail.outbox.clear()
    assert run(THREE_MONTHS, django_capture_on_commit_callbacks).expired == 0  # renewed
    assert run(SIX_MONTHS - timedelta(days=8), django_capture_on_commit_callbacks).warned == 0
    assert run(SIX_MONTHS - timedelta(days=7), django_capture_on_commit_callbacks).warned == 1
    assert len(mail.outbox) == 3
    assert "ends on 2 June 2027" in mail.outbox[0].subject


def test_no_warning_while_access_is_not_active(
    access, partner_b, django_capture_on_commit_callbacks
):
    with time_machine.travel(START + timedelta(days=1), tick=False):
        services.consent_revoke(access=access, partner=partner_b)
    mail.outbox.clear()
    assert run(WEEK_BEFORE, django_capture_on_commit_callbacks).warned == 0
    assert mail.outbox == []


# --- The command --------------------------------------------------------------------------


def test_the_command_runs_once_and_says_what_it_did(access, capsys):
    with time_machine.travel(THREE_MONTHS, tick=False):
        call_command("end_expired_access")
        call_command("end_expired_access")
    out = capsys.readouterr().out
    assert "Counsellor access: 1 consents ended, 0 warned." in out
    assert "Counsellor access: 0 consents ended, 0 warned." in out
    assert Consent.objects.filter(kind=Consent.Kind.EXPIRE).count() == 1


def test_the_command_loops_with_every(access, capsys, monkeypatch):
    from intimacy import periodic as command

    sleeps = []

    def stop_after_two(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(command.time, "sleep", stop_after_two)
    with time_machine.travel(THREE_MONTHS, tick=False), pytest.raises(KeyboardInterrupt):
        call_command("end_expired_access", every=60)
    assert sleeps == [60, 60]
    assert capsys.readouterr().out.count("consents ended") == 1  # quiet when nothing happened


@pytest.mark.parametrize("couples", [1, 8])
def test_a_run_with_nothing_due_costs_two_queries_however_many_couples(
    couples, counsellor, django_assert_num_queries
):
    from tests.factories import UserFactory, make_couple

    for _ in range(couples):
        a, b = UserFactory(), UserFactory()
        access = CounsellorAccess.objects.create(
            couple=make_couple(a, b), counsellor=counsellor, invited_by=a
        )
        grant(access, a, 12)
        grant(access, b, None)
    # One look for consents past their end, one for ends within the week.
    with time_machine.travel(START + timedelta(days=30), tick=False), django_assert_num_queries(2):
        assert services.end_expired_access() == services.ExpiryRun(expired=0, warned=0)
