"""Two expiry runs at the same moment (two servers, or a cron run overlapping ``--every``):
each lapsed consent is recorded once and everyone is told once; the warning goes once.
Row locks are PostgreSQL's: run with DATABASE_URL pointing at PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from counselling import services
from counselling.models import Consent, CounsellorAccess
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

START = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
END = datetime(2027, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def access(couple, counsellor, partner_a, partner_b):
    access = CounsellorAccess.objects.create(
        couple=couple, counsellor=counsellor, invited_by=partner_a
    )
    with time_machine.travel(START, tick=False):
        for partner in (partner_a, partner_b):
            services.consent_grant(access=access, partner=partner, span="all", months=3)
    mail.outbox.clear()
    return access


@pytest.mark.parametrize("attempt", range(3))
def test_two_runs_at_once_record_and_tell_once(access, attempt):
    with time_machine.travel(END, tick=False):
        runs = at_once(services.end_expired_access, services.end_expired_access)
    assert all(not isinstance(r, Exception) for r in runs), runs
    assert sum(r.expired for r in runs) == 2
    assert Consent.objects.filter(kind=Consent.Kind.EXPIRE).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alex@example.com",
        "rivera@example.com",
        "sam@example.com",
    ]


@pytest.mark.parametrize("attempt", range(3))
def test_two_runs_at_once_warn_once(access, attempt):
    with time_machine.travel(END - timedelta(days=7), tick=False):
        runs = at_once(services.end_expired_access, services.end_expired_access)
    assert all(not isinstance(r, Exception) for r in runs), runs
    assert sum(r.warned for r in runs) == 1
    assert len(mail.outbox) == 3


def test_a_renewal_racing_the_expiry_run_is_never_lost(access, partner_a):
    """The run and a partner's renewal lock the same row: either the renewal comes first
    (and nothing of Alex's lapses) or the expiry does (and the renewal follows it)."""
    with time_machine.travel(END, tick=False):
        run, renewed = at_once(
            services.end_expired_access,
            lambda: services.consent_grant(access=access, partner=partner_a, span="all", months=6),
        )
    assert not isinstance(run, Exception)
    assert not isinstance(renewed, Exception)
    alex = list(Consent.objects.filter(partner=partner_a).order_by("created_at", "pk"))
    assert alex[-1].pk == renewed.pk
    assert alex[-1].kind == Consent.Kind.GRANT
    assert Consent.objects.filter(kind=Consent.Kind.EXPIRE, partner=partner_a).count() <= 1
