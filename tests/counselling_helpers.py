from __future__ import annotations

from accounts.models import Couple, User
from counselling import services as counselling_services
from counselling.models import Consent, CounsellorAccess


def connect(
    couple: Couple, counsellor: User, *consenting: User, span: str = "all"
) -> CounsellorAccess:
    """A counsellor for ``couple``, with consent from each of ``consenting``."""
    first = couple.memberships.order_by("seat").first()
    access = CounsellorAccess.objects.create(
        couple=couple, counsellor=counsellor, invited_by=first.user
    )
    for partner in consenting:
        counselling_services.consent_grant(access=access, partner=partner, span=span)
    return access


SPANS = [c.value for c in Consent.Span]
