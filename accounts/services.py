"""Writes that touch several models: starting a couple, invitations, settings, pausing,
unpairing.

Each runs in one transaction and locks the rows two people could race on, in a fixed
order (invite, couple, person), so concurrent requests end in one consistent state.
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import change_log, invites, selectors, time_zones
from accounts.models import Couple, CoupleEvent, Invite, Membership, PauseEvent, User
from accounts.signals import couple_closed
from notifications.kinds import Kind
from notifications.services import notify


class Refusal(enum.Enum):
    INVALID = _("This invitation link isn't valid. Check that you copied all of it.")
    EXPIRED = _("This invitation has expired. Ask your partner for a new link.")
    REVOKED = _("This invitation was cancelled. Ask your partner for a new link.")
    USED = _("This invitation has already been used. Each link works once.")
    OWN = _("This is your own invitation. Send it to your partner instead.")
    ALREADY_PAIRED = _(
        "You're already in a couple on Twoway. To join someone else, end that couple first."
    )
    FULL = _("This couple already has two partners.")


class InviteRefused(invites.Refused):
    """A partner invitation that may not be accepted."""


def _lock_person(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def couple_start(*, user: User, time_zone: str | None = None) -> Couple:
    """Start a couple with ``user`` in seat 1; a person already in one gets that one back.

    ``time_zone`` is the browser's (``time_zones.canonical`` raises ``UnknownTimeZone`` for
    a name it doesn't know). Without one the couple starts on UTC, marked unconfirmed, so
    the settings page asks them whether that is right: never a silent fallback.
    """
    zone = time_zones.canonical(time_zone) if time_zone else None
    _lock_person(user)
    existing = selectors.membership_of(user=user)
    if existing is not None:
        return existing.couple
    couple = Couple.objects.create(
        time_zone=zone or time_zones.UTC, time_zone_confirmed=zone is not None
    )
    Membership.objects.create(couple=couple, user=user, seat=1)
    CoupleEvent.objects.create(couple=couple, actor=user, kind=CoupleEvent.Kind.STARTED)
    return couple


@transaction.atomic
def invite_create(*, couple: Couple, by: User, sent_to: str = "") -> tuple[Invite, str]:
    """A fresh invitation; any earlier live one stops working. Returns it and its token."""
    couple = Couple.objects.select_for_update().get(pk=couple.pk)
    couple.invites.pending().update(revoked_at=timezone.now())
    token, fields = invites.issue(Invite.LIFETIME_DAYS)
    invite = Invite.objects.create(couple=couple, created_by=by, sent_to=sent_to, **fields)
    if sent_to:
        invites.send(
            to=sent_to,
            template="invite",
            link=reverse("couple:invite", args=[token]),
            invite=invite,
            inviter=by,
        )
    return invite, token


@transaction.atomic
def invite_revoke(*, couple: Couple) -> int:
    return couple.invites.pending().update(revoked_at=timezone.now())


def invite_refusal(invite: Invite | None, user: User | AnonymousUser | None) -> Refusal | None:
    """Why ``user`` may not accept ``invite`` (None: they may). Reads without locking."""
    if reason := invites.stopped(invite):
        return Refusal[reason]
    if user is None or not user.is_authenticated:
        return None
    assert invite is not None
    if invite.created_by_id == user.pk or invite.couple.memberships.filter(user=user).exists():
        return Refusal.OWN
    mine = selectors.membership_of(user=user)
    if mine is not None and mine.couple.memberships.current().count() > 1:
        return Refusal.ALREADY_PAIRED
    if invite.couple.memberships.current().count() >= 2:
        return Refusal.FULL
    return None


@transaction.atomic
def invite_accept(*, token: str, user: User) -> Couple:
    """Join the couple behind ``token``. Raises InviteRefused; never half-joins.

    A person whose own couple is still waiting for a partner leaves it to accept
    (both partners often start one at the same time).
    """
    invite = invites.find(Invite.objects.select_for_update(), token)
    if invite is None:
        raise InviteRefused(Refusal.INVALID)
    couple = Couple.objects.select_for_update().get(pk=invite.couple_id)
    _lock_person(user)
    invite.couple = couple
    refusal = invite_refusal(invite, user)
    if refusal is not None:
        raise InviteRefused(refusal)
    own = selectors.membership_of(user=user)
    if own is not None:
        _close(couple=own.couple, by=user, tell_partner=False)
    try:
        with transaction.atomic():
            Membership.objects.create(couple=couple, user=user, seat=2)
    except IntegrityError:
        # The database constraints are the last word if a check above was overtaken.
        raise InviteRefused(Refusal.FULL) from None
    now = timezone.now()
    invite.used_at, invite.used_by = now, user
    invite.save(update_fields=["used_at", "used_by"])
    CoupleEvent.objects.create(couple=couple, actor=user, kind=CoupleEvent.Kind.JOINED)
    notify(kind=Kind.PARTNER_JOINED, recipient=invite.created_by, couple=couple, actor=user)
    return couple


@transaction.atomic
def couple_update_settings(
    *, couple: Couple, by: User, changes: dict[str, object], names: dict[int, str]
) -> list[change_log.Change]:
    """Apply settings ``changes`` and shown-name changes (membership pk → name).

    Returns what changed (``accounts.change_log``), each also logged for both partners. Saving
    also confirms the time zone (the form shows it, with a note while it is unconfirmed).
    """
    couple = Couple.objects.select_for_update().get(pk=couple.pk)
    lines: list[change_log.Change] = []
    for field, value in changes.items():
        old = getattr(couple, field)
        if old != value:
            setattr(couple, field, value)
            lines.append(change_log.setting_changed(field=field, old=old, new=value))
    fields = [f for f in changes if f in _SETTING_FIELDS] if lines else []
    if not couple.time_zone_confirmed:
        couple.time_zone_confirmed = True
        fields.append("time_zone_confirmed")
    if fields:
        couple.save(update_fields=fields)
    for membership in couple.memberships.current().filter(pk__in=names):
        new = names[membership.pk].strip()
        if new != membership.shown_name:
            before = membership.name
            membership.shown_name = new
            membership.save(update_fields=["shown_name"])
            lines.append(change_log.renamed(old=before, new=membership.name))
    for line in lines:
        CoupleEvent.objects.create(
            couple=couple, actor=by, kind=CoupleEvent.Kind.SETTINGS, change=line
        )
    return lines


_SETTING_FIELDS = ("time_zone", "week_start_day")


def membership_update_choices(*, membership: Membership, wants_physical: bool) -> bool:
    """Save a person's own choices on their seat; returns whether anything changed.

    Private to that person: no change-log entry and no email, since either would tell the
    partner. Only its owner writes a seat's choices, so there is nothing to race on.
    """
    if membership.wants_physical == wants_physical:
        return False
    membership.wants_physical = wants_physical
    membership.save(update_fields=["wants_physical"])
    return True


def _close(*, couple: Couple, by: User, tell_partner: bool) -> None:
    now = timezone.now()
    couple.closed_at, couple.closed_by = now, by
    couple.save(update_fields=["closed_at", "closed_by"])
    current = list(couple.memberships.current().select_related("user"))
    couple.memberships.current().update(left_at=now)
    couple.invites.pending().update(revoked_at=now)
    CoupleEvent.objects.create(couple=couple, actor=by, kind=CoupleEvent.Kind.CLOSED)
    couple_closed.send(sender=Couple, couple=couple, by=by)
    # While paused nobody is emailed about the couple, and that holds for its ending too:
    # someone leaving a partner they are afraid of may need time before the partner knows.
    if tell_partner and not couple.is_paused:
        for other in (m.user for m in current if m.user_id != by.pk):
            notify(kind=Kind.UNPAIRED, recipient=other, couple=couple, actor=by)


@transaction.atomic
def couple_close(*, couple: Couple, by: User, tell_partner: bool = True) -> None:
    """End the couple for both partners. Nothing is deleted; the other partner is emailed
    (unless ``tell_partner`` is false: erasure sends its own, different email)."""
    couple = Couple.objects.select_for_update().get(pk=couple.pk)
    if couple.closed_at is not None:
        return
    _close(couple=couple, by=by, tell_partner=tell_partner)


class NotPaused(Exception):
    """The person has no pause of their own to resume (their partner's is not theirs to lift)."""


@transaction.atomic
def couple_pause(*, couple: Couple, by: User) -> Couple:
    """Pause ``by``'s couple quietly: from now nothing new is revealed, no email about the
    couple goes to either partner, and the partner sees only that check-ins are paused.

    Writes a ``PauseEvent`` and no ``CoupleEvent`` (the change log both partners read).
    Pausing twice is harmless. Locks the couple, as a check-in write does first, so a
    pause and the partner's submit that would reveal are one after the other.
    """
    couple = Couple.objects.select_for_update().get(pk=couple.pk)
    if couple.closed_at is not None or by.pk in selectors.pausers(couple=couple):
        return couple
    now = timezone.now()
    PauseEvent.objects.create(couple=couple, by=by, kind=PauseEvent.Kind.PAUSED, at=now)
    if couple.paused_at is None:
        couple.paused_at = now
        couple.save(update_fields=["paused_at"])
    return couple


@transaction.atomic
def couple_resume(*, couple: Couple, by: User) -> Couple:
    """Lift ``by``'s own pause. Check-ins start again once no pause is in force: a pause
    the partner made stays until they lift it. Raises ``NotPaused`` for someone who has
    no pause of their own, so nobody can undo a pause made to protect someone else."""
    couple = Couple.objects.select_for_update().get(pk=couple.pk)
    holding = selectors.pausers(couple=couple)
    if by.pk not in holding:
        raise NotPaused
    PauseEvent.objects.create(couple=couple, by=by, kind=PauseEvent.Kind.RESUMED)
    if holding == {by.pk}:
        couple.paused_at = None
        couple.save(update_fields=["paused_at"])
    return couple
