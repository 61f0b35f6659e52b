"""A pause at the same instant as the partner's submit that would reveal the week: one
consistent state, and nothing revealed once the pause is in force. CI runs these on
PostgreSQL, where the couple's row lock does the work (SQLite: BEGIN IMMEDIATE)."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction

from accounts import services as accounts_services
from accounts.models import Couple
from accounts.scoping import couple_for
from checkins import services
from checkins.models import CheckIn, Week
from checkins.selectors import clock_for
from tests.concurrency import Worker, at_once
from tests.test_checkin_races import DATA

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alex_in(couple, partner_a):
    week = clock_for(couple).current
    services.checkin_submit(ctx=couple_for(partner_a), starts_on=week, data=DATA)
    return week


def _pause(user):
    def pause():
        return accounts_services.couple_pause(couple=couple_for(user).couple, by=user)

    return pause


def _submit(user, week):
    def submit():
        return services.checkin_submit(ctx=couple_for(user), starts_on=week, data=DATA)

    return submit


@pytest.mark.parametrize("attempt", range(5))
def test_a_pause_and_the_revealing_submit_at_once_end_in_one_consistent_state(
    couple, partner_a, partner_b, alex_in, attempt
):
    paused, submitted = at_once(_pause(partner_a), _submit(partner_b, alex_in))
    assert isinstance(paused, Couple), paused
    couple.refresh_from_db()
    week = Week.objects.get(couple=couple, starts_on=alex_in)
    assert couple.paused_at is not None
    if isinstance(submitted, services.Paused):
        # The pause came first: Sam's submit saved nothing and revealed nothing.
        assert week.revealed_at is None
        assert not CheckIn.objects.filter(week=week, membership__user=partner_b).exists()
    else:
        # The submit came first: the week was revealed before the pause began, never after.
        assert isinstance(submitted, services.SubmitResult), submitted
        assert submitted.revealed
        assert week.revealed_at is not None
        assert week.revealed_at <= couple.paused_at


def test_a_submit_that_waits_for_a_pause_in_progress_reveals_nothing(
    couple, partner_a, partner_b, alex_in
):
    """The pause holds the couple's lock; Sam's submit waits for it, then sees the pause."""
    locked, release = threading.Event(), threading.Event()

    def pause_and_hold():
        with transaction.atomic():
            accounts_services.couple_pause(couple=couple, by=partner_a)
            locked.set()
            assert release.wait(10)

    pausing = Worker(pause_and_hold)
    pausing.start()
    assert locked.wait(10)
    submitting = Worker(_submit(partner_b, alex_in))
    submitting.start()
    submitting.join(0.5)
    assert submitting.is_alive(), "the submit did not wait for the pause's lock"
    release.set()
    pausing.outcome()
    with pytest.raises(services.Paused):
        submitting.outcome()
    week = Week.objects.get(couple=couple, starts_on=alex_in)
    assert week.revealed_at is None
    assert not CheckIn.objects.filter(week=week, membership__user=partner_b).exists()
