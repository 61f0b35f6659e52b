"""Smaller rules around scoping and invitations, each pinned so the wrong version fails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checkins.selectors import clock_for, couple_weeks
from counselling import services as counselling_services
from counselling.models import CounsellorInvite
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def test_the_status_poll_takes_no_lock(client, couple, partner_a, partner_b, counsellor):
    """Catches ``counsellor_access_or_404`` locking by default: the poll runs outside a
    transaction (a lock there fails on PostgreSQL) and must cost only its own reads."""
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(counsellor)
    url = reverse("counsellor:status", args=[access.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 204
    sql = [q["sql"] for q in queries.captured_queries]
    # (The signed-in user's own load asks whether they counsel anyone: not a relation read.)
    relation_reads = [
        s
        for s in sql
        if 'FROM "accounts_counselloraccess"' in s and not s.startswith('SELECT "accounts_user"')
    ]
    assert len(relation_reads) == 1, relation_reads


def test_history_reaches_back_two_years_and_no_further(couple):
    """Catches a different default length for the couple's weeks (104, two years)."""
    couple.created_at = timezone.now() - timedelta(days=7 * 150)
    couple.save(update_fields=["created_at"])
    assert len(couple_weeks(clock_for(couple))) == 104


def test_a_new_counsellor_invitation_cancels_the_earlier_one_to_that_address(couple, partner_a):
    """Catches the earlier invitation to the same address left live (or 'revoked' as None)."""
    first, _ = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="rivera@example.com"
    )
    other, _ = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="someone@example.com"
    )
    second, _ = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="Rivera@example.com"
    )
    first, other, second = (CounsellorInvite.objects.get(pk=i.pk) for i in (first, other, second))
    assert first.revoked_at is not None
    assert not first.is_live()
    assert other.revoked_at is None
    assert second.revoked_at is None
