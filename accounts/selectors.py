"""Reads of people, couples and partner invitations. Couple-scoped pages start from
``accounts.scoping``, which is built on these."""

from __future__ import annotations

from accounts import invites
from accounts.models import (
    Couple,
    CoupleEvent,
    Invite,
    Membership,
    MembershipQuerySet,
    PauseEvent,
    User,
)


def couple_memberships(*, user: User) -> MembershipQuerySet:
    """The current seats (0 to 2) of the open couple ``user`` belongs to: one query, with
    each seat's couple, person and their email preferences (the reminder offer and the
    nudge button read both partners')."""
    mine = Membership.objects.current().filter(user=user).values("couple_id")
    return (
        Membership.objects.current()
        .of_open_couples()
        .filter(couple_id__in=mine)
        .select_related("couple", "user__email_preferences")
        .order_by("seat")
    )


def membership_of(*, user: User) -> Membership | None:
    """``user``'s own seat in their open couple, if they have one."""
    return next((m for m in couple_memberships(user=user) if m.user_id == user.pk), None)


def seat_in(*, user: User, couple_id: int) -> Membership | None:
    """``user``'s seat in that couple, current or past (the couple may have ended), with
    the couple; None if they never sat in it."""
    return (
        Membership.objects.filter(couple_id=couple_id, user=user)
        .select_related("couple")
        .order_by("-joined_at")
        .first()
    )


def pending_invite(*, couple: Couple) -> Invite | None:
    """The couple's latest invitation that is neither used nor cancelled."""
    return couple.invites.pending().last()


def has_invited(*, couple: Couple) -> bool:
    """Whether the couple ever made an invitation (used, cancelled or live)."""
    return couple.invites.exists()


def recent_events(*, couple: Couple, limit: int = 20) -> list[CoupleEvent]:
    """The couple's change log, newest first, with who did what."""
    return list(couple.events.select_related("actor")[:limit])


def invite_by_token(*, token: str) -> Invite | None:
    return invites.find(Invite.objects.select_related("couple", "created_by"), token)


def pausers(*, couple: Couple) -> set[int]:
    """The ids of the people whose own pause of ``couple`` is in force (their latest
    ``PauseEvent`` is a pause). No query while the couple is not paused."""
    if not couple.is_paused:
        return set()
    latest: dict[int, str] = {}
    for by_id, kind in PauseEvent.objects.filter(couple=couple).values_list("by_id", "kind"):
        latest[by_id] = kind
    return {by_id for by_id, kind in latest.items() if kind == PauseEvent.Kind.PAUSED}


def paused_by(*, couple: Couple, user: User) -> bool:
    """Whether ``user`` has paused ``couple`` themselves (and so may resume it). Only ever
    asked about the signed-in person: who paused is never shown to anyone else."""
    return user.pk in pausers(couple=couple)
