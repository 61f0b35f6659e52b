"""Two people accepting one invitation at once: exactly one joins.

These run with real concurrent connections. On PostgreSQL they prove the row locks;
on SQLite the database serialises writers, and the same outcome must hold.
"""

import pytest

from accounts import services
from accounts.models import Couple, Invite, Membership
from tests.concurrency import at_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_accepting_one_invite_at_once_end_with_one_partner():
    inviter, first, second = UserFactory(), UserFactory(), UserFactory()
    couple = services.couple_start(user=inviter)
    _, token = services.invite_create(couple=couple, by=inviter)

    results = at_once(
        lambda: services.invite_accept(token=token, user=first),
        lambda: services.invite_accept(token=token, user=second),
    )

    joined = [r for r in results if isinstance(r, Couple)]
    refused = [r for r in results if isinstance(r, services.InviteRefused)]
    assert len(joined) == 1, results
    assert len(refused) == 1, results
    assert refused[0].refusal in {services.Refusal.USED, services.Refusal.FULL}
    assert Membership.objects.filter(couple=couple, left_at__isnull=True).count() == 2
    invite = Invite.objects.get(couple=couple)
    assert invite.used_by in {first, second}


def test_one_person_accepting_two_invites_at_once_joins_one_couple():
    person = UserFactory()
    tokens = []
    for _ in range(2):
        inviter = UserFactory()
        couple = services.couple_start(user=inviter)
        tokens.append(services.invite_create(couple=couple, by=inviter)[1])

    results = at_once(*(lambda t=t: services.invite_accept(token=t, user=person) for t in tokens))

    assert sum(isinstance(r, Couple) for r in results) == 1, results
    assert Membership.objects.filter(user=person, left_at__isnull=True).count() == 1
