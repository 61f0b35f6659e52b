"""Which sides of Twoway a person has: a couple of their own, couples they counsel, or both.

The navigation needs this on every page, so it is read with the person themselves: the
authentication backends (``intimacy.auth``) annotate the user they load for a request with
two ``EXISTS`` subqueries, and ``roles_of`` reads those. A user loaded any other way (a
test's object, a freshly signed-up person) costs one query, once per request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest

from accounts.models import Membership, User
from counselling.models import CounsellorAccess

IN_COUPLE = "_roles_in_couple"
COUNSELS = "_roles_counsels"


def with_roles(users: QuerySet[User]) -> QuerySet[User]:
    """``users`` annotated with whether each has a current couple and counsels any couple."""
    return users.annotate(
        **{
            IN_COUPLE: Exists(Membership.objects.current().filter(user=OuterRef("pk"))),
            COUNSELS: Exists(CounsellorAccess.objects.current().filter(counsellor=OuterRef("pk"))),
        }
    )


@dataclass(frozen=True)
class Roles:
    in_couple: bool
    counsels: bool

    @property
    def counsellor_only(self) -> bool:
        """Counsels couples and has no couple of their own: the counsellor's side is home."""
        return self.counsels and not self.in_couple

    @property
    def both(self) -> bool:
        return self.counsels and self.in_couple


def roles_of(user: User) -> Roles:
    if not hasattr(user, IN_COUPLE):
        annotated = with_roles(User.objects.filter(pk=user.pk)).first()
        for name in (IN_COUPLE, COUNSELS):
            setattr(user, name, bool(annotated and getattr(annotated, name)))
    return Roles(in_couple=getattr(user, IN_COUPLE), counsels=getattr(user, COUNSELS))


def counsellor_side(request: HttpRequest) -> bool:
    """Whether this page belongs to the counsellor's side (its URL namespace)."""
    match = request.resolver_match
    return match is not None and match.namespace == "counsellor"
