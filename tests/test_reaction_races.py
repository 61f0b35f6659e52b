"""One person pressing two reactions on the same answer at the same instant (two tabs, or a
double tap): the partner's check-in is locked, so the presses apply one after the other and
exactly one reaction is left."""

import pytest

from accounts.scoping import couple_for
from checkins import services
from checkins.models import Reaction
from checkins.selectors import clock_for
from tests.checkin_helpers import history
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)


def _press(user, week, kind):
    def press():
        return services.reaction_set(
            ctx=couple_for(user), starts_on=week, part="need:emotional", kind=kind
        )

    return press


@pytest.mark.parametrize("kinds", [("thanks", "will_do"), ("talk", "talk")])
def test_two_presses_at_once_leave_one_reaction(partner_a, couple, kinds):
    history(couple, 1)
    week = clock_for(couple).previous
    results = at_once(*(_press(partner_a, week, k) for k in kinds))
    assert all(isinstance(r, Reaction) for r in results), results
    (left,) = Reaction.objects.all()
    assert left.kind in kinds
