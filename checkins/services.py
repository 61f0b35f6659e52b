"""Saving and submitting check-ins, and the mutual reveal.

Every write first locks the couple and refuses while check-ins are paused, so a pause
and a submit that would reveal happen one after the other. Both partners write to the same
Week row's children, so every write then locks the Week: two submits at the same instant are serialised and exactly one of them reveals, and
an edit of a submitted check-in either lands before the partner's reveal or is refused.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import Couple, Membership
from accounts.scoping import CoupleContext
from checkins.forms import CheckInData
from checkins.models import Answer, CheckIn, Reaction, ReactionKind, Week
from checkins.selectors import clock_for, dimensions_for, featured_part, planned_prompts
from checkins.steps import Missing, missing_answers
from notifications.kinds import Kind
from notifications.services import notify


class WeekClosed(Exception):
    """The week no longer (or not yet) takes answers."""


class Paused(Exception):
    """Check-ins are paused: nothing is saved, submitted or revealed until they resume."""


class AlreadySubmitted(Exception):
    """The check-in is submitted, so there is no week left to skip."""


class CheckInFinal(Exception):
    """The week is revealed: both check-ins are final and nothing more is saved."""


class Incomplete(Exception):
    """The save would empty an answer a submitted check-in needs (``missing``); nothing
    was saved. A submitted check-in can be changed, never made incomplete."""

    def __init__(self, missing: tuple[Missing, ...]) -> None:
        super().__init__(", ".join(m.name for m in missing))
        self.missing = missing


@dataclass(frozen=True)
class SubmitResult:
    checkin: CheckIn
    revealed: bool
    first_time: bool
    missing: tuple[Missing, ...] = ()  # not empty: nothing was submitted (the draft was saved)

    @property
    def submitted(self) -> bool:
        return not self.missing


def _lock_unpaused(ctx: CoupleContext) -> None:
    """Lock the couple (the first lock of every check-in write, and the one a pause takes)
    and refuse while it is paused: a pause either lands first and this write is refused,
    or waits for it to commit, so nothing is ever revealed once a pause is in force."""
    locked = Couple.objects.select_for_update().values_list("paused_at", flat=True)
    if locked.get(pk=ctx.couple.pk) is not None:
        raise Paused(ctx.couple.pk)


def _locked_week(ctx: CoupleContext, starts_on: date) -> Week:
    _lock_unpaused(ctx)
    if not clock_for(ctx.couple).is_open(starts_on):
        raise WeekClosed(starts_on)
    locked = Week.objects.select_for_update().filter(couple=ctx.couple, starts_on=starts_on)
    week = locked.first()  # every save after the week's first: one query, not four
    if week is None:
        try:
            with transaction.atomic():
                Week.objects.get_or_create(
                    couple=ctx.couple,
                    starts_on=starts_on,
                    defaults={"prompts": planned_prompts(ctx.couple, starts_on)},
                )
        except IntegrityError:
            pass  # the partner created it a moment ago
        week = locked.get()
    if not Membership.objects.current().of_open_couples().filter(pk=ctx.me.pk).exists():
        # Read after the week lock (which erasure takes too, before deleting): a couple that
        # closed a moment ago takes nothing more (the whole save rolls back).
        raise WeekClosed(starts_on)
    if week.is_revealed:
        # Read under the lock: a partner's submit that revealed the week a moment ago has
        # committed, so an edit that arrives after it is refused, never half applied.
        raise CheckInFinal(starts_on)
    return week


def _locked_checkin(ctx: CoupleContext, week: Week) -> CheckIn:
    """My check-in of ``week``, locked (made first if need be), holding my seat: sealing
    its texts reads the seat's person without another query."""
    locked = CheckIn.objects.select_for_update().filter(week=week, membership=ctx.me)
    checkin = locked.first()
    if checkin is None:
        CheckIn.objects.get_or_create(week=week, membership=ctx.me)
        checkin = locked.get()
    checkin.membership = ctx.me
    return checkin


def _missing(
    ctx: CoupleContext, starts_on: date, answers: dict[str, Answer], data: CheckInData | None
) -> tuple[Missing, ...]:
    """What the check-in would still need once ``data`` is written (``None``: as stored)."""
    dimensions = dimensions_for(ctx)
    ratings: dict[str, int | None] = {d: a.rating for d, a in answers.items()}
    reflections = {d: a.reflection for d, a in answers.items()}
    for dimension, values in (data.answers if data else {}).items():
        if values.rating is not None:
            ratings[dimension] = values.rating
        if values.reflection is not None:
            reflections[dimension] = values.reflection
    return missing_answers(
        dimensions=dimensions,
        featured=featured_part(ctx.couple, starts_on, dimensions),
        ratings=ratings,
        reflections=reflections,
    )


def _write(checkin: CheckIn, answers: dict[str, Answer], data: CheckInData) -> None:
    """Write what ``data`` carries and keep everything else as stored."""
    every_one_shared = bool(answers) and all(a.share_with_counsellor for a in answers.values())
    fields = ["updated_at"]
    for name in ("appreciation", "private_note", "signs", "follow_through"):
        value = getattr(data, name)
        if value is not None and (value != "" or name != "follow_through"):
            setattr(checkin, name, value)
            fields.append(name)
    checkin.updated_at = timezone.now()
    checkin.save(update_fields=fields)
    for dimension, values in data.answers.items():
        answer = answers.get(dimension) or Answer(checkin=checkin, dimension=dimension)
        if values.rating is not None:
            answer.rating = values.rating
        if values.reflection is not None:
            answer.reflection = values.reflection
        if values.need is not None:
            answer.need = values.need
        if values.share is not None:
            answer.share_with_counsellor = values.share
        answer.save()
    if data.share_week is not None and (data.share_week or every_one_shared):
        Answer.objects.filter(checkin=checkin).update(share_with_counsellor=data.share_week)


def _keep_complete(
    ctx: CoupleContext, starts_on: date, answers: dict[str, Answer], data: CheckInData
) -> tuple[Missing, ...]:
    """For a submitted check-in: refuse a save that would empty a needed answer; return
    what it still needs afterwards (only a part turned on since it was submitted)."""
    before = set(_missing(ctx, starts_on, answers, None))
    after = _missing(ctx, starts_on, answers, data)
    emptied = tuple(m for m in after if m not in before)
    if emptied:
        raise Incomplete(emptied)
    return after


@transaction.atomic
def checkin_save_draft(*, ctx: CoupleContext, starts_on: date, data: CheckInData) -> CheckIn:
    """Save what ``data`` carries, keeping every other answer as stored.

    A submitted check-in can still be changed until the week is revealed, and stays
    submitted: the partner still sees "has checked in", and is not told about the change.
    Raises ``CheckInFinal`` once the week is revealed, ``Incomplete`` if the change would
    empty an answer a submitted check-in needs, ``WeekClosed`` outside the open weeks.
    """
    week = _locked_week(ctx, starts_on)
    checkin = _locked_checkin(ctx, week)
    answers = {a.dimension: a for a in checkin.answers.all()}
    if checkin.is_submitted:
        _keep_complete(ctx, starts_on, answers, data)
    _write(checkin, answers, data)
    return checkin


@transaction.atomic
def checkin_submit(*, ctx: CoupleContext, starts_on: date, data: CheckInData) -> SubmitResult:
    """Save ``data``, then submit if nothing the check-in needs is missing.

    With something missing, the draft is saved all the same and ``missing`` says what to
    answer. Submitting an already submitted check-in saves the changes (before the reveal)
    and tells nobody: the partner was emailed the first time only. Raises ``CheckInFinal``
    once the week is revealed, and ``Incomplete`` as ``checkin_save_draft`` does.
    """
    week = _locked_week(ctx, starts_on)
    checkin = _locked_checkin(ctx, week)
    answers = {a.dimension: a for a in checkin.answers.all()}
    if checkin.is_submitted:
        missing = _keep_complete(ctx, starts_on, answers, data)
        _write(checkin, answers, data)
        return SubmitResult(checkin=checkin, revealed=False, first_time=False, missing=missing)
    missing = _missing(ctx, starts_on, answers, data)
    _write(checkin, answers, data)
    if missing:
        return SubmitResult(checkin=checkin, revealed=False, first_time=False, missing=missing)
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
        _withhold_unshared_parts(ctx, week)
    if ctx.partner is not None:
        _tell_partner(ctx, starts_on, revealed=partner_done)
    return SubmitResult(checkin=checkin, revealed=partner_done, first_time=True)


@transaction.atomic
def checkin_skip(*, ctx: CoupleContext, starts_on: date) -> CheckIn:
    """Skip my check-in of an open week: no reminder for that week reaches me, and my
    partner is told nothing (for them it reads as not checked in yet). A draft is kept,
    unchanged and out of sight, until I undo the skip. Raises ``AlreadySubmitted``, and
    ``WeekClosed``, ``CheckInFinal`` and ``Paused`` as the other writes do."""
    week = _locked_week(ctx, starts_on)
    checkin = _locked_checkin(ctx, week)
    if checkin.is_submitted:
        raise AlreadySubmitted(starts_on)
    if checkin.skipped_at is None:
        checkin.skipped_at = timezone.now()
        checkin.save(update_fields=["skipped_at"])
    return checkin


@transaction.atomic
def checkin_unskip(*, ctx: CoupleContext, starts_on: date) -> CheckIn | None:
    """Undo skipping an open week: the check-in (and any draft) is back as it was."""
    _lock_unpaused(ctx)
    if not clock_for(ctx.couple).is_open(starts_on):
        raise WeekClosed(starts_on)
    checkin = (
        CheckIn.objects.select_for_update()
        .filter(week__couple=ctx.couple, week__starts_on=starts_on, membership=ctx.me)
        .first()
    )
    if checkin is not None and checkin.skipped_at is not None:
        checkin.skipped_at = None
        checkin.save(update_fields=["skipped_at"])
    return checkin


def _withhold_unshared_parts(ctx: CoupleContext, week: Week) -> None:
    """At the reveal, set aside every answer to a part that is not in both check-ins now:
    a part is shown only if it is in the couple's check-in (affection: both still want it)
    and both partners answered it. Nothing is deleted; the author keeps their words."""
    answers = Answer.objects.filter(checkin__week=week)
    answered = Counter(answers.values_list("dimension", flat=True))
    shown = [d for d in dimensions_for(ctx) if answered[d] == 2]
    answers.exclude(dimension__in=shown).update(withheld=True)


def _tell_partner(ctx: CoupleContext, starts_on: date, *, revealed: bool) -> None:
    """The partner hears that I checked in; at the reveal, both hear the week is ready."""
    assert ctx.partner is not None
    if not revealed:
        notify(
            kind=Kind.PARTNER_CHECKED_IN,
            recipient=ctx.partner.user,
            couple=ctx.couple,
            week=starts_on,
            actor=ctx.me.user,
        )
        return
    for recipient, partner in ((ctx.partner.user, ctx.me.user), (ctx.me.user, ctx.partner.user)):
        notify(
            kind=Kind.WEEK_READY,
            recipient=recipient,
            couple=ctx.couple,
            week=starts_on,
            actor=partner,
        )


@transaction.atomic
def answer_set_sharing(
    *, ctx: CoupleContext, starts_on: date, dimension: str, share: bool
) -> Answer | None:
    """Change whether one of my own answers is shared with our counsellor (any time; while
    check-ins are paused only to stop sharing, since a counsellor sees nothing new then)."""
    if share:
        _lock_unpaused(ctx)
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


@transaction.atomic
def checkin_set_sharing(*, ctx: CoupleContext, starts_on: date, share: bool) -> int | None:
    """Share (or stop sharing) every answer of my submitted check-in of ``starts_on`` with
    our counsellor, at any time. Returns how many answers changed; None when I have no
    submitted check-in that week. While paused, only to stop sharing (``Paused``)."""
    if share:
        _lock_unpaused(ctx)
    checkin = (
        CheckIn.objects.select_for_update()
        .filter(week__couple=ctx.couple, week__starts_on=starts_on, membership=ctx.me)
        .filter(submitted_at__isnull=False)
        .first()
    )
    if checkin is None:
        return None
    return (
        Answer.objects.filter(checkin=checkin)
        .exclude(share_with_counsellor=share)
        .update(share_with_counsellor=share)
    )


# --------------------------------------------------------------------------------------------
# Reactions to the partner's revealed answers
# --------------------------------------------------------------------------------------------


class ReactionRefusal(enum.StrEnum):
    NOT_FOUND = "not_found"  # no such revealed answer of the partner's: the view's 404
    BAD_KIND = "bad_kind"  # not a reaction this answer can have ("I'll do that" on a wish only)


class ReactionRefused(Exception):
    def __init__(self, reason: ReactionRefusal) -> None:
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def reaction_set(*, ctx: CoupleContext, starts_on: date, part: str, kind: str) -> Reaction | None:
    """Set, change or (with ``kind=""``) remove my reaction to one of my partner's answers.

    Only on a revealed week of our couple, only on the partner's answers, and only on an
    answer with words in it; anything else is ``ReactionRefused(NOT_FOUND)``. Locks the
    partner's check-in, so two quick presses of mine are applied one after the other.
    """
    if ctx.partner is None or Reaction.split(part) is None:
        raise ReactionRefused(ReactionRefusal.NOT_FOUND)
    _lock_unpaused(ctx)  # a reaction is something new for the partner to see: not while paused
    theirs = (
        CheckIn.objects.select_for_update(of=("self",))
        .filter(
            week__couple=ctx.couple,
            week__starts_on=starts_on,
            week__revealed_at__isnull=False,
            membership=ctx.partner,
            submitted_at__isnull=False,
        )
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.shown()))
        .first()
    )
    if theirs is None or not theirs.text_of(part).strip():
        raise ReactionRefused(ReactionRefusal.NOT_FOUND)
    if kind and kind not in Reaction.kinds_for(part):
        raise ReactionRefused(ReactionRefusal.BAD_KIND)
    if not kind:
        Reaction.objects.filter(checkin=theirs, part=part, by=ctx.me).delete()
        return None
    reaction, _created = Reaction.objects.update_or_create(
        checkin=theirs,
        part=part,
        by=ctx.me,
        defaults={"kind": ReactionKind(kind), "updated_at": timezone.now()},
    )
    return reaction
