"""Erasing an account at the instant the partner submits or reacts: whichever goes first,
the end is one consistent state. The erased person's rows are all gone, the partner's own
check-in is either saved (it went first) or refused as too late (it came second), and
nothing is left pointing at the erased person.

Each call runs on its own connection (``tests.concurrency``): on PostgreSQL the row locks
order them (``yourdata.erasure``'s lock order), on SQLite the single write lock does."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import Membership, User
from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import CheckIn, Reaction, Week
from checkins.selectors import clock_for
from tests.checkin_helpers import checkin_for, history
from tests.concurrency import at_once
from yourdata.erasure import Erased, erase_person

pytestmark = pytest.mark.django_db(transaction=True)

DATA = CheckInData(
    answers={
        d: AnswerData(4, f"{d} «alex-now»", "")
        for d in ("emotional", "experiential", "intellectual")
    },
    appreciation="thanks «alex-now»",
    private_note="",
    signs=[],
    follow_through="",
)


def _nothing_points_at(user_id: int, seats: set[int]) -> None:
    assert not User.objects.filter(pk=user_id).exists()
    assert not Membership.objects.filter(pk__in=seats).exists()
    assert not CheckIn.objects.filter(membership_id__in=seats).exists()
    assert not Reaction.objects.filter(by_id__in=seats).exists()


def test_erasure_while_the_partner_submits(partner_a, partner_b, couple):
    history(couple, 1)
    current = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    sam = couple.memberships.get(user=partner_b)
    checkin_for(current, sam, text="«sam-waiting»")  # submitted: Alex's submit would reveal
    alex_ctx = couple_for(partner_a)  # read by Alex's request before either begins
    seats = {sam.pk}
    mail.outbox.clear()

    def submit() -> object:
        return services.checkin_submit(ctx=alex_ctx, starts_on=current.starts_on, data=DATA)

    erased, submitted = at_once(lambda: erase_person(user=partner_b), submit)

    assert isinstance(erased, Erased), erased
    _nothing_points_at(partner_b.pk, seats)
    assert not CheckIn.objects.filter(week=current).exclude(membership__user=partner_a).exists()
    alex = CheckIn.objects.filter(week=current, membership__user=partner_a).first()
    if isinstance(submitted, services.SubmitResult):
        # Alex went first (and revealed the week); Sam's answers then went with Sam.
        assert alex is not None
        assert alex.is_submitted
        return  # Sam may have been told of the reveal, before their erasure began
    # Erasure went first: the couple had closed, so the week took nothing more.
    assert isinstance(submitted, services.WeekClosed), submitted
    assert alex is None or not alex.is_submitted
    # Nothing is queued or sent about it, to Sam or to Alex.
    assert [m.to for m in mail.outbox if "closed their" not in m.subject] == []


def test_a_submit_that_arrives_just_after_the_erasure_is_too_late(partner_a, partner_b, couple):
    """The order the race test may not hit: the partner's page was read before the erasure,
    their submit arrives after it. The couple is closed, so nothing is saved or sent."""
    current = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(current, couple.memberships.get(user=partner_b), text="«sam-waiting»")
    alex_ctx = couple_for(partner_a)
    erase_person(user=partner_b)
    mail.outbox.clear()
    with pytest.raises(services.WeekClosed):
        services.checkin_submit(ctx=alex_ctx, starts_on=current.starts_on, data=DATA)
    with pytest.raises(services.WeekClosed):
        services.checkin_save_draft(ctx=alex_ctx, starts_on=current.starts_on, data=DATA)
    assert not CheckIn.objects.filter(week=current).exists()
    assert mail.outbox == []


def test_erasure_while_the_partner_reacts(partner_a, partner_b, couple):
    (week,) = history(couple, 1)
    sam = couple.memberships.get(user=partner_b)
    alex_ctx = couple_for(partner_a)

    def react() -> object:
        return services.reaction_set(
            ctx=alex_ctx, starts_on=week.starts_on, part="need:emotional", kind="will_do"
        )

    erased, reacted = at_once(lambda: erase_person(user=partner_b), react)

    assert isinstance(erased, Erased), erased
    assert isinstance(reacted, (Reaction, services.ReactionRefused)), reacted
    _nothing_points_at(partner_b.pk, {sam.pk})
    # The reaction was on Sam's answer: whether it landed first or was refused, none is left.
    assert not Reaction.objects.exists()
    # Alex's own check-in for that week is untouched.
    assert CheckIn.objects.filter(week=week, membership__user=partner_a).count() == 1
