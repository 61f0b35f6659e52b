"""Reads of people, couples and partner invitations. Couple-scoped pages start from
``accounts.scoping``, which is built on these."""

from __future__ import annotations

from accounts import invites
from accounts.models import Couple, CoupleEvent, Invite, Membership, MembershipQuerySet, User


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
