"""``has_active_counsellor`` (one query, asked on every week and check-in page) agrees with
``consent_state(access).active`` (the rule the counsellor's own pages are gated on) in every
state a relation can be in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from accounts.scoping import couple_for
from counselling import services
from counselling.models import Consent, CounsellorAccess
from counselling.selectors import has_active_counsellor as _has_active_counsellor
from counselling.state import consent_state
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import UserFactory


def has_active_counsellor(couple) -> bool:
    """As the pages ask it: for the couple as its first partner finds it this request (a
    closed couple, or one whose partner left, is no couple to share from)."""
    first = couple.memberships.order_by("seat").first()
    ctx = couple_for(first.user)
    return ctx is not None and _has_active_counsellor(ctx)


def _reference(couple) -> bool:
    accesses = CounsellorAccess.objects.current().filter(couple=couple).with_consents()
    return any(consent_state(a).active for a in accesses)


def _past_end(access, partner):
    Consent.objects.create(
        access=access,
        partner=partner,
        kind=Consent.Kind.GRANT,
        span="all",
        ends_at=timezone.now() - timedelta(seconds=1),
    )


def _deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def _leave(couple, user):
    Membership.objects.filter(couple=couple, user=user).update(left_at=timezone.now())


def _close(couple):
    couple.closed_at = timezone.now()
    couple.save(update_fields=["closed_at"])


SCENARIOS = {
    "no counsellor": (lambda c, a, b, n: None, False),
    "invited, no consent": (lambda c, a, b, n: connect(c, n), False),
    "one partner consents": (lambda c, a, b, n: connect(c, n, a), False),
    "both consent": (lambda c, a, b, n: connect(c, n, a, b), True),
    "both, then one withdraws": (
        lambda c, a, b, n: services.consent_revoke(access=connect(c, n, a, b), partner=b),
        False,
    ),
    "both, one grant past its end": (lambda c, a, b, n: _past_end(connect(c, n, a, b), a), False),
    "both, with an end still ahead": (
        lambda c, a, b, n: services.consent_grant(
            access=connect(c, n, a), partner=b, span="all", months=3
        ),
        True,
    ),
    "withdrawn, then given again": (
        lambda c, a, b, n: (
            services.consent_revoke(access=(x := connect(c, n, a, b)), partner=a),
            services.consent_grant(access=x, partner=a, span="4"),
        ),
        True,
    ),
    "both, a partner's account deactivated": (
        lambda c, a, b, n: (connect(c, n, a, b), _deactivate(b)),
        False,
    ),
    "both, the relation removed": (
        lambda c, a, b, n: services.counsellor_remove(access=connect(c, n, a, b), by=a),
        False,
    ),
    "both, a partner left the couple": (
        lambda c, a, b, n: (connect(c, n, a, b), _leave(c, b)),
        False,
    ),
    "both, the couple closed": (lambda c, a, b, n: (connect(c, n, a, b), _close(c)), False),
    "one counsellor shared with, another not": (
        lambda c, a, b, n: (connect(c, make_counsellor(), a), connect(c, n, a, b)),
        True,
    ),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_agrees_with_the_consent_state(name, couple, partner_a, partner_b, counsellor):
    make_state, expected = SCENARIOS[name]
    make_state(couple, partner_a, partner_b, counsellor)
    couple.refresh_from_db()
    assert _reference(couple) is expected
    assert has_active_counsellor(couple) is expected


def test_a_former_partner_s_consent_does_not_count(couple, partner_a, partner_b, counsellor):
    """Consent records of someone who left stay in the history; a newcomer in the empty seat
    has given none, so nothing is shared."""
    access = connect(couple, counsellor, partner_a, partner_b)
    _leave(couple, partner_b)
    seat = Membership.objects.get(couple=couple, user=partner_b).seat
    Membership.objects.create(couple=couple, user=UserFactory(), seat=seat)
    assert not consent_state(CounsellorAccess.objects.with_consents().get(pk=access.pk)).active
    assert has_active_counsellor(couple) is False


def test_one_query(couple, partner_a, partner_b, counsellor):
    connect(couple, counsellor, partner_a, partner_b)
    connect(couple, make_counsellor(), partner_a)
    ctx = couple_for(partner_a)
    with CaptureQueriesContext(connection) as queries:
        assert _has_active_counsellor(ctx) is True
    assert len(queries) == 1
