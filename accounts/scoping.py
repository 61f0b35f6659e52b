"""The one way to find the current user's couple. Every couple-scoped query starts here."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts import selectors
from accounts.models import Couple, Membership, User


@dataclass(frozen=True)
class CoupleContext:
    """The signed-in person's open couple: their own membership and their partner's, if any."""

    couple: Couple
    me: Membership
    partner: Membership | None

    @property
    def is_paired(self) -> bool:
        return self.partner is not None


def couple_for(user: User | AnonymousUser) -> CoupleContext | None:
    if not user.is_authenticated:
        return None
    me = partner = None
    for membership in selectors.couple_memberships(user=user):
        if membership.user_id == user.pk:
            me = membership
        else:
            partner = membership
    if me is None:
        return None
    return CoupleContext(couple=me.couple, me=me, partner=partner)


def couple_or_404(user: User | AnonymousUser, *, paired: bool = False) -> CoupleContext:
    """The user's couple, or 404: someone without one has nothing to see here."""
    ctx = couple_for(user)
    if ctx is None or (paired and not ctx.is_paired):
        raise Http404("No couple")
    return ctx
