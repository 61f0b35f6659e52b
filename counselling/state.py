"""Where a counsellor relation stands, from each current partner's latest consent record.

Access is active only while the relation is current, the couple is open, both partners'
accounts are active, and *both* current partners' latest record is a grant still in force:
a grant with an end date stops counting at that moment, read from the clock, whether or not
the periodic ``end_expired_access`` has written its EXPIRE record yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

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
        return self.active_at(timezone.now())

    def active_at(self, now: datetime) -> bool:
        return self.relation_open and all(self._granted(m.user_id, now) for m in self.partners)

    @property
    def relation_open(self) -> bool:
        """Everything but the consents: the relation current, the couple open with two
        partners whose accounts are active."""
        return (
            self.access.removed_at is None
            and self.access.couple.closed_at is None
            and len(self.partners) == 2
            # A deactivated account (the admin's way to close one) ends access too.
            and all(m.user.is_active for m in self.partners)
        )

    def _granted(self, user_id: int, now: datetime | None = None) -> bool:
        return in_force(self.latest.get(user_id), now or timezone.now())

    def granted_by(self, user: User) -> bool:
        """Whether ``user``'s consent is in force now (not withdrawn, not past its end)."""
        return self._granted(user.pk)

    def grant_of(self, user_id: int) -> Consent | None:
        """``user_id``'s latest record if it is a grant (in force or past its end)."""
        consent = self.latest.get(user_id)
        return consent if consent is not None and consent.kind == Consent.Kind.GRANT else None

    @property
    def ends_at(self) -> datetime | None:
        """When sharing ends by itself: the earlier of the two partners' latest grants' ends
        (None: until withdrawn). Meaningful while both latest records are grants."""
        ends = [
            grant.ends_at
            for m in self.partners
            if (grant := self.grant_of(m.user_id)) is not None and grant.ends_at is not None
        ]
        return min(ends) if ends else None

    @property
    def ended_by_expiry(self) -> datetime | None:
        """When sharing last ended on an agreed date, if that is why it is off now: a
        current partner's latest record is an expiry (or a grant past its end)."""
        if self.active:
            return None
        ends = []
        for m in self.partners:
            consent = self.latest.get(m.user_id)
            if consent is None:
                continue
            if consent.kind == Consent.Kind.EXPIRE and consent.ends_at is not None:
                ends.append(consent.ends_at)
            elif consent.kind == Consent.Kind.GRANT and not in_force(consent, timezone.now()):
                assert consent.ends_at is not None
                ends.append(consent.ends_at)
        return max(ends) if ends else None

    @property
    def span_weeks(self) -> int | None:
        """The narrower of the two partners' choices; None means all history."""
        spans = [
            SPAN_WEEKS[Consent.Span(consent.span)]
            for m in self.partners
            if (consent := self.grant_of(m.user_id)) is not None
        ]
        limited = [s for s in spans if s is not None]
        return min(limited) if limited else None


def in_force(consent: Consent | None, now: datetime) -> bool:
    """A grant not yet past its end. Access ends *at* ``ends_at``: one second before, in."""
    return (
        consent is not None
        and consent.kind == Consent.Kind.GRANT
        and (consent.ends_at is None or now < consent.ends_at)
    )


def consent_state(access: CounsellorAccess) -> ConsentState:
    """The state of ``access``, from its prefetched memberships and consents
    (``CounsellorAccess.objects.with_consents()``)."""
    partners = [m for m in access.couple.memberships.all() if m.left_at is None]
    latest: dict[int, Consent | None] = {m.user_id: None for m in partners}
    for consent in access.consents.all():  # ordered oldest first
        if consent.partner_id in latest:
            latest[consent.partner_id] = consent
    return ConsentState(access=access, partners=partners, latest=latest)
