"""Reads for emails and reminders."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from accounts.models import Membership, User
from accounts.scoping import CoupleContext
from checkins.models import CheckIn
from notifications import schedule
from notifications.forms import ReminderOfferForm
from notifications.kinds import Kind
from notifications.models import DEFAULT_HOUR, EmailPreferences, WeeklyEmail


def preferences_of(*, user: User) -> EmailPreferences:
    """The person's preferences; the defaults (unsaved) if they never chose. No query when
    the person came with them (``accounts.selectors.couple_memberships`` brings them)."""
    try:
        return user.email_preferences
    except EmailPreferences.DoesNotExist:
        return EmailPreferences(user=user)


def reminded_memberships() -> list[Membership]:
    """Every current seat of an open couple with two partners whose person chose reminders,
    with the person, their preferences and the couple (one query). A paused couple's seats
    are left out: no reminder goes to either partner while check-ins are paused."""
    return list(
        Membership.objects.current()
        .of_open_couples()
        .filter(couple__paused_at__isnull=True)
        .filter(
            user__is_active=True,
            user__email_preferences__remind_weekday__isnull=False,
        )
        .annotate(
            seats=Count("couple__memberships", filter=Q(couple__memberships__left_at__isnull=True))
        )
        .filter(seats=2)
        .select_related("user__email_preferences", "couple")
        .order_by("pk")
    )


def has_submitted(*, ctx: CoupleContext, seat: Membership, week: date) -> bool:
    """Whether ``seat`` (one of ``ctx``'s couple) has submitted the check-in for ``week``."""
    return CheckIn.objects.filter(
        membership=seat, week__couple=ctx.couple, week__starts_on=week, submitted_at__isnull=False
    ).exists()


def has_skipped(*, ctx: CoupleContext, seat: Membership, week: date) -> bool:
    """Whether ``seat`` chose to skip ``week`` (and has not submitted after all)."""
    return CheckIn.objects.filter(
        membership=seat,
        week__couple=ctx.couple,
        week__starts_on=week,
        skipped_at__isnull=False,
        submitted_at__isnull=True,
    ).exists()


def was_nudged(*, user: User, couple_id: int, week: date) -> bool:
    return WeeklyEmail.objects.filter(
        user=user, couple_id=couple_id, week=week, kind=Kind.NUDGE
    ).exists()


def offers(
    *, ctx: CoupleContext, week: date, submitted: bool, partner_submitted: bool, is_open: bool
) -> dict[str, object]:
    """What a page after a check-in offers about emails: the reminder offer (once, after the
    person's first submitted check-in) and "Nudge my partner" (while they have not checked in,
    want nudges and were not nudged this week). A fixed number of queries."""
    found: dict[str, object] = {"offer_form": None, "nudge_week": None}
    if submitted and preferences_of(user=ctx.me.user).reminders_asked_at is None:
        found["offer_form"] = ReminderOfferForm(
            initial={
                "remind_weekday": schedule.default_weekday(ctx.couple.week_start_day),
                "remind_hour": DEFAULT_HOUR,
            }
        )
    partner = ctx.partner
    if (
        is_open
        and not ctx.couple.is_paused
        and submitted
        and partner is not None
        and not partner_submitted
        and preferences_of(user=partner.user).nudges
        and not was_nudged(user=partner.user, couple_id=ctx.couple.pk, week=week)
    ):
        found["nudge_week"] = week
    return found
