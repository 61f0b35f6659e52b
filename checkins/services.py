"""Saving and submitting check-ins, and the mutual reveal.

Both partners write to the same Week row's children, so every write locks the Week
first: two submits at the same instant are serialised and exactly one of them reveals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.scoping import CoupleContext
from checkins.forms import CheckInData
from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for, planned_prompts
from intimacy.notify import send_after_commit


class WeekClosed(Exception):
    """The week no longer (or not yet) takes answers."""


class AlreadySubmitted(Exception):
    """A submitted check-in is read-only."""


@dataclass(frozen=True)
class SubmitResult:
    checkin: CheckIn
    revealed: bool
    first_time: bool


def _locked_week(ctx: CoupleContext, starts_on: date) -> Week:
    if not clock_for(ctx.couple).is_open(starts_on):
        raise WeekClosed(starts_on)
    try:
        with transaction.atomic():
            Week.objects.get_or_create(
                couple=ctx.couple,
                starts_on=starts_on,
                defaults={"prompts": planned_prompts(ctx.couple, starts_on)},
            )
    except IntegrityError:
        pass  # the partner created it a moment ago
    return Week.objects.select_for_update().get(couple=ctx.couple, starts_on=starts_on)


def _locked_checkin(ctx: CoupleContext, week: Week) -> CheckIn:
    checkin, _ = CheckIn.objects.get_or_create(week=week, membership=ctx.me)
    return CheckIn.objects.select_for_update().get(pk=checkin.pk)


def _write(checkin: CheckIn, data: CheckInData) -> None:
    checkin.appreciation = data.appreciation
    checkin.private_note = data.private_note
    checkin.signs = data.signs
    checkin.follow_through = data.follow_through
    checkin.updated_at = timezone.now()
    checkin.save(
        update_fields=["appreciation", "private_note", "signs", "follow_through", "updated_at"]
    )
    existing = {a.dimension: a for a in checkin.answers.all()}
    for dimension, values in data.answers.items():
        answer = existing.get(dimension) or Answer(checkin=checkin, dimension=dimension)
        answer.rating = values.rating
        answer.reflection = values.reflection
        answer.need = values.need
        if values.share is not None:
            answer.share_with_counsellor = values.share
        answer.save()


@transaction.atomic
def checkin_save_draft(*, ctx: CoupleContext, starts_on: date, data: CheckInData) -> CheckIn:
    week = _locked_week(ctx, starts_on)
    checkin = _locked_checkin(ctx, week)
    if checkin.is_submitted:
        raise AlreadySubmitted(checkin.pk)
    _write(checkin, data)
    return checkin


@transaction.atomic
def checkin_submit(*, ctx: CoupleContext, starts_on: date, data: CheckInData) -> SubmitResult:
    """Save and submit. Submitting twice is harmless: the second time changes nothing."""
    week = _locked_week(ctx, starts_on)
    checkin = _locked_checkin(ctx, week)
    if checkin.is_submitted:
        return SubmitResult(checkin=checkin, revealed=week.is_revealed, first_time=False)
    _write(checkin, data)
    now = timezone.now()
    checkin.submitted_at = now
    checkin.save(update_fields=["submitted_at"])
    partner_done = (
        ctx.partner is not None
        and week.checkins.filter(membership=ctx.partner, submitted_at__isnull=False).exists()
    )
    if partner_done:
        week.revealed_at = now
        week.save(update_fields=["revealed_at"])
    if ctx.partner is not None:
        _tell_partner(ctx, starts_on, revealed=partner_done)
    return SubmitResult(checkin=checkin, revealed=partner_done, first_time=True)


def _tell_partner(ctx: CoupleContext, starts_on: date, *, revealed: bool) -> None:
    assert ctx.partner is not None
    url_name = "checkins:week" if revealed else "checkins:checkin"
    send_after_commit(
        to=[ctx.partner.user.email],
        template="revealed" if revealed else "partner_checked_in",
        context={
            "name": ctx.me.shown_name or ctx.me.user.display_name,
            "link": reverse(url_name, args=[starts_on.isoformat()]),
        },
    )


@transaction.atomic
def answer_set_sharing(
    *, ctx: CoupleContext, starts_on: date, dimension: str, share: bool
) -> Answer | None:
    """Change whether one of my own answers is shared with our counsellor (any time)."""
    answer = (
        Answer.objects.select_for_update()
        .filter(checkin__week__couple=ctx.couple, checkin__week__starts_on=starts_on)
        .filter(checkin__membership=ctx.me, dimension=dimension)
        .first()
    )
    if answer is not None and answer.share_with_counsellor != share:
        answer.share_with_counsellor = share
        answer.save(update_fields=["share_with_counsellor"])
    return answer
