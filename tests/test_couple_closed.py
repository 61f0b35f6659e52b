"""Closing a couple: ``accounts`` announces it and ``counselling`` ends every counsellor's
access in the same transaction; access control does not depend on that announcement."""

from __future__ import annotations

import pytest
from django.http import Http404

from accounts import services
from accounts.signals import couple_closed
from counselling import receivers
from counselling.models import CounsellorAccess
from counselling.scoping import counsellor_access_or_404
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def test_unpairing_ends_every_counsellors_access_through_the_announcement(
    couple, partner_a, partner_b, counsellor
):
    access = connect(couple, counsellor, partner_a, partner_b)
    services.couple_close(couple=couple, by=partner_a)
    access.refresh_from_db()
    assert access.removed_at is not None
    assert access.removed_by == partner_a


def test_a_receiver_that_fails_rolls_the_closing_back(couple, partner_a):
    def refuse(**kwargs):
        raise RuntimeError("counselling could not end access")

    couple_closed.connect(refuse, dispatch_uid="refuse")
    try:
        with pytest.raises(RuntimeError):
            services.couple_close(couple=couple, by=partner_a)
    finally:
        couple_closed.disconnect(dispatch_uid="refuse")
    couple.refresh_from_db()
    assert couple.closed_at is None
    assert couple.memberships.current().count() == 2


def test_a_closed_couple_gives_no_access_even_if_nobody_hears_of_it(
    couple, partner_a, partner_b, counsellor
):
    access = connect(couple, counsellor, partner_a, partner_b)
    assert counsellor_access_or_404(counsellor, access.pk).active
    assert couple_closed.disconnect(
        receivers.end_access_when_couple_closes, dispatch_uid="counselling"
    )
    try:
        services.couple_close(couple=couple, by=partner_a)
    finally:
        couple_closed.connect(receivers.end_access_when_couple_closes, dispatch_uid="counselling")
    assert CounsellorAccess.objects.get(pk=access.pk).removed_at is None  # nobody ended it
    with pytest.raises(Http404):
        counsellor_access_or_404(counsellor, access.pk)
