"""Where a counsellor relation stands, from each current partner's latest consent record.

Access is active only while the relation is current, the couple is open, both partners'
accounts are active, and *both* current partners' latest record is a grant.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Membership, User
from counselling.models import Consent, CounsellorAccess

SPAN_WEEKS = {Consent.Span.LAST_4: 4, Consent.Span.LAST_12: 12, Consent.Span.ALL: None}


@dataclass(frozen=True)
class ConsentState:
    """Each current partner's latest consent for one counsellor relation."""

    access: CounsellorAccess
    partners: list[Membership]
    latest: dict[int, Consent | None]  # user id -> latest consent record

    @property
    def active(self) -> bool:
        return (
            self.access.removed_at is None
            and self.access.couple.closed_at is None
            and len(self.partners) == 2
            # A deactivated account (the admin's way to close one) ends access too.
            and all(m.user.is_active for m in self.partners)
            and all(self._granted(m.user_id) for m in self.partners)
        )

    def _granted(self, user_id: int) -> bool:
        consent = self.latest.get(user_id)
        return consent is not None and consent.kind == Consent.Kind.GRANT

    def granted_by(self, user: User) -> bool:
        return self._granted(user.pk)

    @property
    def span_weeks(self) -> int | None:
        """The narrower of the two partners' choices; None means all history."""
        spans = [
            SPAN_WEEKS[Consent.Span(consent.span)]
            for m in self.partners
            if (consent := self.latest[m.user_id]) is not None
        ]
        limited = [s for s in spans if s is not None]
        return min(limited) if limited else None


def consent_state(access: CounsellorAccess) -> ConsentState:
    """The state of ``access``, from its prefetched memberships and consents
    (``CounsellorAccess.objects.with_consents()``)."""
    partners = [m for m in access.couple.memberships.all() if m.left_at is None]
    latest: dict[int, Consent | None] = {m.user_id: None for m in partners}
    for consent in access.consents.all():  # ordered oldest first
        if consent.partner_id in latest:
            latest[consent.partner_id] = consent
    return ConsentState(access=access, partners=partners, latest=latest)
