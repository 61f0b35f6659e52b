"""Writes for emails and reminders: queueing an email, the nudge, preferences, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Couple, Membership, User
from accounts.scoping import CoupleContext
from checkins.models import CheckIn
from checkins.selectors import clock_for
from intimacy.notify import site_url
from notifications import schedule, selectors
from notifications.kinds import Kind
from notifications.models import DEFAULT_HOUR, EmailPreferences, WeeklyEmail
from notifications.tasks import send_notice


def notify(
    *,
    kind: Kind,
    recipient: User,
    couple: Couple,
    week: date | None = None,
    actor: User | None = None,
) -> None:
    """Queue one email once the transaction commits (nothing if it rolls back). Whether it
    is still wanted and still applies is decided when it is sent. Nothing is queued about
    a paused couple (``deliver`` checks again at sending time)."""
    if couple.is_paused:
        return
    transaction.on_commit(
        partial(
            send_notice.enqueue,
            kind=str(kind),
            recipient_id=recipient.pk,
            couple_id=couple.pk,
            week=week.isoformat() if week else "",
            actor_id=actor.pk if actor else None,
            site=site_url(),
        )
    )


def _record_once(**fields: Any) -> bool:
    """Write a WeeklyEmail; False if one with the same person, couple, week and kind exists
    (written by a scheduler running at the same moment, or a second click)."""
    try:
        with transaction.atomic():
            WeeklyEmail.objects.create(**fields)
    except IntegrityError:
        return False
    return True


# --- The nudge ---------------------------------------------------------------------------


class NudgeRefused(Exception):
    """Nothing to nudge about: the partner has checked in, turned nudges off, or was
    nudged this week already."""


@transaction.atomic
def nudge_partner(*, ctx: CoupleContext, week: date) -> None:
    """Email the partner a kind "looking forward to your check-in", once per week."""
    partner = ctx.partner
    if partner is None or ctx.couple.is_paused or not clock_for(ctx.couple).is_open(week):
        raise NudgeRefused
    submitted = selectors.has_submitted(ctx=ctx, seat=partner, week=week)
    if submitted or not selectors.preferences_of(user=partner.user).nudges:
        raise NudgeRefused
    if not _record_once(
        user=partner.user, couple=ctx.couple, week=week, kind=Kind.NUDGE, sent_by=ctx.me.user
    ):
        raise NudgeRefused
    notify(kind=Kind.NUDGE, recipient=partner.user, couple=ctx.couple, week=week, actor=ctx.me.user)


# --- Preferences -------------------------------------------------------------------------


@transaction.atomic
def preferences_update(*, user: User, changes: dict[str, object]) -> EmailPreferences:
    preferences, _ = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    for field, value in changes.items():
        setattr(preferences, field, value)
    if preferences.reminders_asked_at is None:
        preferences.reminders_asked_at = timezone.now()
    preferences.save()
    return preferences


def reminder_offer_answer(
    *, user: User, weekday: int | None, hour: int = DEFAULT_HOUR
) -> EmailPreferences:
    """The answer to the offer on the first check-in: a day and hour, or no (None)."""
    return preferences_update(user=user, changes={"remind_weekday": weekday, "remind_hour": hour})


@transaction.atomic
def unsubscribe(*, user: User, kind: Kind) -> None:
    preferences, _ = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    preferences.turn_off(kind)
    preferences.reminders_asked_at = preferences.reminders_asked_at or timezone.now()
    preferences.save()


# --- Reminders ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    considered: int
    sent: int


def _submitted_weeks(seats: list[Membership], since: date) -> dict[int, set[date]]:
    """The weeks each seat needs no reminder for: submitted, or skipped ("Skip this week")."""
    weeks: dict[int, set[date]] = {seat.pk: set() for seat in seats}
    rows = (
        CheckIn.objects.filter(membership__in=seats, week__starts_on__gte=since)
        .filter(Q(submitted_at__isnull=False) | Q(skipped_at__isnull=False))
        .values_list("membership_id", "week__starts_on")
    )
    for membership_id, starts_on in rows:
        weeks[membership_id].add(starts_on)
    return weeks


def _already_sent(
    seats: list[Membership], since: date
) -> dict[tuple[int, int], dict[tuple[schedule.Due, date], datetime]]:
    """What each (person, couple) was already sent, with when."""
    sent: dict[tuple[int, int], dict[tuple[schedule.Due, date], datetime]] = {}
    rows = WeeklyEmail.objects.filter(
        user__in=[seat.user_id for seat in seats],
        kind__in=[Kind.REMINDER, Kind.LAST_CALL],
        week__gte=since,
    ).values_list("user_id", "couple_id", "kind", "week", "sent_at")
    for user_id, couple_id, kind, week, sent_at in rows:
        sent.setdefault((user_id, couple_id), {})[schedule.Due(kind), week] = sent_at
    return sent


def send_due_reminders(*, now: datetime | None = None) -> ReminderRun:
    """Send every reminder that is due now, each once. Safe to run as often as you like and
    on several servers at once: a reminder is recorded (unique per person, couple, week and
    kind) before it is queued, and a second run finds the record and sends nothing."""
    now = now or timezone.now()
    seats = selectors.reminded_memberships()
    if not seats:
        return ReminderRun(considered=0, sent=0)
    # Only this week and last week can be due (three weeks back covers every time zone).
    since = (now - 21 * schedule.DAY).date()
    submitted, sent_before = _submitted_weeks(seats, since), _already_sent(seats, since)
    sent = 0
    for seat in seats:
        preferences = seat.user.email_preferences
        assert preferences.remind_weekday is not None
        couple = seat.couple
        choice = schedule.Choice(
            weekday=preferences.remind_weekday,
            hour=preferences.remind_hour,
            tz=ZoneInfo(preferences.time_zone or couple.time_zone),
        )
        due = schedule.due(
            now=now,
            choice=choice,
            couple=schedule.Week(
                tz=ZoneInfo(couple.time_zone), start_weekday=couple.week_start_day
            ),
            submitted=frozenset(submitted[seat.pk]),
            sent=sent_before.get((seat.user_id, couple.pk), {}),
        )
        if due is None:
            continue
        kind, week = Kind(due[0]), due[1]
        with transaction.atomic():
            if _record_once(user=seat.user, couple=couple, week=week, kind=kind, sent_at=now):
                notify(kind=kind, recipient=seat.user, couple=couple, week=week)
                sent += 1
    return ReminderRun(considered=len(seats), sent=sent)
