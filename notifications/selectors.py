"""Reads for emails and reminders."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from accounts.models import Membership, User
from notifications.kinds import Kind
from notifications.models import EmailPreferences, WeeklyEmail


def preferences_of(*, user: User) -> EmailPreferences:
    """The person's preferences; the defaults (unsaved) if they never chose."""
    return EmailPreferences.objects.filter(user=user).first() or EmailPreferences(user=user)


def reminded_memberships() -> list[Membership]:
    """Every current seat of an open couple with two partners whose person chose reminders,
    with the person, their preferences and the couple (one query)."""
    return list(
        Membership.objects.current()
        .of_open_couples()
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


def was_nudged(*, user: User, couple_id: int, week: date) -> bool:
    return WeeklyEmail.objects.filter(
        user=user, couple_id=couple_id, week=week, kind=Kind.NUDGE
    ).exists()
