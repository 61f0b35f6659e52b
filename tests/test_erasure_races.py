"""Erasing an account at the instant the partner submits or reacts: whichever goes first,
the end is one consistent state. The erased person's rows are all gone, the partner's own
check-in is either saved (it went first) or refused as too late (it came second), and
nothing is left pointing at the erased person.

Each call runs on its own connection (``tests.concurrency``): on PostgreSQL the row locks
order them (``yourdata.erasure``'s lock order), on SQLite the single write lock does."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection

from accounts.models import Membership, User
from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import CheckIn, Reaction, Week
from checkins.selectors import clock_for
from tests.checkin_helpers import checkin_for, history
from tests.concurrency import Worker, at_once, backend_pid, is_waiting_for_a_lock, wait_until
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


# --- On PostgreSQL, each order forced: one holds its locks, the other must wait ----------


def _paused_at(fragment: str, reached: threading.Event, go_on: threading.Event):
    """An execute wrapper holding its connection at the first statement containing
    ``fragment`` (all the locks taken before it are held meanwhile)."""

    def wrapper(execute, sql, params, many, context):
        if fragment in sql and not reached.is_set():
            reached.set()
            assert go_on.wait(timeout=10)
        return execute(sql, params, many, context)

    return wrapper


def _hold_then(first, fragment: str, second) -> tuple[object, object, bool]:
    """Run ``first`` until its statement with ``fragment``, start ``second``, check that it
    waits for a lock, let ``first`` go on; return both outcomes and whether it waited."""
    reached, go_on = threading.Event(), threading.Event()

    def run_first():
        with connection.execute_wrapper(_paused_at(fragment, reached, go_on)):
            return first()

    pids: list[int] = []

    def run_second():
        pids.append(backend_pid())
        return second()

    holder = Worker(run_first)
    holder.start()
    assert reached.wait(timeout=10), f"never reached {fragment}"
    waiter = Worker(run_second)
    waiter.start()
    assert wait_until(lambda: bool(pids))
    waited = wait_until(lambda: not waiter.is_alive() or is_waiting_for_a_lock(pids[0]))
    blocked = waited and waiter.is_alive()
    go_on.set()
    results = []
    for worker in (holder, waiter):
        try:
            results.append(worker.outcome())
        except Exception as error:  # the refusal a service raises is the outcome here
            results.append(error)
    return results[0], results[1], blocked


@pytest.fixture
def waiting_week(couple, partner_b):
    """This week: Sam submitted, so Alex's submit would reveal it."""
    current = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(current, couple.memberships.get(user=partner_b), text="«sam-waiting»")
    return current


@pytest.mark.postgres
def test_a_submit_waits_for_an_erasure_in_progress_and_is_then_too_late(
    partner_a, partner_b, waiting_week
):
    alex_ctx = couple_for(partner_a)
    erased, submitted, blocked = _hold_then(
        lambda: erase_person(user=partner_b),
        'DELETE FROM "checkins_reaction"',  # every erasure lock is held by then
        lambda: services.checkin_submit(ctx=alex_ctx, starts_on=waiting_week.starts_on, data=DATA),
    )
    assert blocked, "the submit did not wait for the erasure holding the week"
    assert isinstance(erased, Erased), erased
    assert isinstance(submitted, services.WeekClosed), submitted
    assert not CheckIn.objects.filter(week=waiting_week).exists()


@pytest.mark.postgres
def test_an_erasure_waits_for_a_submit_in_progress_then_removes_its_half(
    partner_a, partner_b, waiting_week
):
    alex_ctx = couple_for(partner_a)
    sam_seat = waiting_week.checkins.get().membership_id
    submitted, erased, blocked = _hold_then(
        lambda: services.checkin_submit(ctx=alex_ctx, starts_on=waiting_week.starts_on, data=DATA),
        'INSERT INTO "checkins_answer"',  # the week is locked by then
        lambda: erase_person(user=partner_b),
    )
    assert blocked, "the erasure did not wait for the submit holding the week"
    assert isinstance(submitted, services.SubmitResult), submitted
    assert submitted.revealed
    assert isinstance(erased, Erased), erased
    _nothing_points_at(partner_b.pk, {sam_seat})
    (left,) = CheckIn.objects.filter(week=waiting_week)
    assert left.membership.user == partner_a
    assert left.is_submitted


@pytest.mark.postgres
def test_an_erasure_waits_for_a_reaction_in_progress_then_removes_it(partner_a, partner_b, couple):
    (week,) = history(couple, 1)
    alex_ctx = couple_for(partner_a)
    reacted, erased, blocked = _hold_then(
        lambda: services.reaction_set(
            ctx=alex_ctx, starts_on=week.starts_on, part="need:emotional", kind="will_do"
        ),
        'INSERT INTO "checkins_reaction"',  # Sam's check-in is locked by then
        lambda: erase_person(user=partner_b),
    )
    assert blocked, "the erasure did not wait for the reaction holding Sam's check-in"
    assert isinstance(reacted, Reaction), reacted
    assert isinstance(erased, Erased), erased
    assert not Reaction.objects.exists()
