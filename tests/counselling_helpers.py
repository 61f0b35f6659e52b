from __future__ import annotations

from accounts.models import Couple, User
from counselling import services as counselling_services
from counselling.models import Consent, CounsellorAccess
from tests.factories import UserFactory


def make_counsellor(**fields: object) -> User:
    """Someone with two-factor authentication on, ready to counsel."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    person = UserFactory(**fields)
    person.totp_secret = generate_totp_secret()  # kept on the object for tests that sign in
    TOTP.activate(person, person.totp_secret)
    return person


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
