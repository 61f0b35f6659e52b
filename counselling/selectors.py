"""Reads of counselling: who counsels whom, in what state, and the access log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q

from accounts import invites
from accounts.models import Couple, Membership, User
from accounts.scoping import CoupleContext
from counselling.models import AccessLogEntry, Consent, CounsellorAccess, CounsellorInvite
from counselling.state import ConsentState, consent_state


def counsellor_accesses(*, user: User) -> list[CounsellorAccess]:
    """``user``'s current relations with open couples, ready for ``consent_state``."""
    return list(
        CounsellorAccess.objects.current().of_open_couples().filter(counsellor=user).with_consents()
    )


def active_accesses_for(*, user: User) -> list[ConsentState]:
    """The couples currently sharing with this counsellor."""
    states = map(consent_state, counsellor_accesses(user=user))
    return [s for s in states if s.active]


def has_active_counsellor(ctx: CoupleContext) -> bool:
    """Whether some counsellor may see the couple's summary now (both partners consent):
    ``ConsentState.active`` for some current relation, in one query (the week and check-in
    pages ask it on every view). ``ctx`` (``accounts.scoping``, read this request) holds the
    couple and its current seats with their people, so only those partners' consent
    records, each with its relation, are read; ``ConsentState`` decides as everywhere."""
    seats = [m for m in (ctx.me, ctx.partner) if m is not None]
    consents = (
        Consent.objects.filter(
            access__couple=ctx.couple,
            access__removed_at__isnull=True,
            partner_id__in=[m.user_id for m in seats],
        )
        .select_related("access")
        .order_by("created_at", "pk")  # oldest first: the last one per partner wins
    )
    accesses: dict[int, CounsellorAccess] = {}
    latest: dict[int, dict[int, Consent | None]] = {}
    for consent in consents:
        if consent.access_id not in accesses:
            consent.access.couple = ctx.couple  # the couple as this request read it
            accesses[consent.access_id] = consent.access
            latest[consent.access_id] = {m.user_id: None for m in seats}
        latest[consent.access_id][consent.partner_id] = consent
    return any(
        ConsentState(access=access, partners=seats, latest=latest[pk]).active
        for pk, access in accesses.items()
    )


def ever_counselled(*, user: User, access_id: int) -> bool:
    """Whether ``user`` was (or is) the counsellor of this access, in any state."""
    return CounsellorAccess.objects.filter(pk=access_id, counsellor=user).exists()


def own_access(*, user: User, access_id: int) -> ConsentState | None:
    """``user``'s relation ``access_id`` in any state (current or ended), with its consent
    state; None for anyone else's. For saying plainly that access has ended."""
    access = CounsellorAccess.objects.filter(pk=access_id, counsellor=user).with_consents().first()
    return None if access is None else consent_state(access)


def was_ever_shared(state: ConsentState) -> bool:
    """Whether both current partners' consents were ever in force together (from the
    prefetched records), telling "paused" apart from "not started yet"."""
    latest: dict[int, str] = {}
    for consent in state.access.consents.all():  # oldest first
        latest[consent.partner_id] = consent.kind
        if len(state.partners) == 2 and all(
            latest.get(m.user_id) == Consent.Kind.GRANT for m in state.partners
        ):
            return True
    return False


def partner_names(access: CounsellorAccess) -> list[str]:
    """The names the counsellor knew the couple by: its partners, by seat, including one
    who has since left (from the prefetched memberships of ``with_consents``)."""
    seats = sorted(access.couple.memberships.all(), key=lambda m: (m.seat, m.pk))
    names: dict[int, str] = {}
    for membership in seats:
        names.setdefault(membership.seat, membership.name)
    return list(names.values())


def couple_counsellors(*, couple: Couple) -> list[ConsentState]:
    """Every current counsellor of a couple with their consent state (partner side)."""
    return [
        consent_state(a)
        for a in CounsellorAccess.objects.current().filter(couple=couple).with_consents()
    ]


def couple_access_log(*, couple: Couple, limit: int = 100) -> list[AccessLogEntry]:
    """The couple's access log, newest first: only entries of its own counsellors."""
    return list(
        AccessLogEntry.objects.filter(access__couple=couple).select_related("counsellor")[:limit]
    )


def couple_access_log_all(*, couple: Couple) -> Iterator[AccessLogEntry]:
    """The couple's whole access log, newest first, streamed from the database in chunks
    (for the CSV download): only entries of its own counsellors."""
    return (
        AccessLogEntry.objects.filter(access__couple=couple)
        .select_related("counsellor")
        .iterator(chunk_size=500)
    )


def access_ids_with_grants_ending(*, by: datetime) -> list[int]:
    """Current relations in which some partner's latest record is a grant ending at or
    before ``by``: the ones the periodic expiry run looks at (each is re-read locked)."""
    later = Consent.objects.filter(access=OuterRef("access"), partner=OuterRef("partner")).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    return list(
        Consent.objects.filter(
            kind=Consent.Kind.GRANT, ends_at__lte=by, access__removed_at__isnull=True
        )
        .exclude(Exists(later))
        .order_by("access_id")
        .values_list("access_id", flat=True)
        .distinct()
    )


def counsellor_invite_by_token(*, token: str) -> CounsellorInvite | None:
    return invites.find(CounsellorInvite.objects.select_related("couple", "created_by"), token)


def is_current_partner(*, couple: Couple, user: User) -> bool:
    return couple.memberships.current().filter(user=user).exists()


def has_verified_address(*, user: User, email: str) -> bool:
    addresses = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True)
    return bool(addresses.exists())


def counsels(*, couple: Couple, user: User) -> bool:
    return couple.counsellors.current().filter(counsellor=user).exists()


def partner_emails(*, couple_id: int, excluding: User | None = None) -> list[str]:
    """The current partners' addresses, without ``excluding``'s."""
    partners = Membership.objects.current().filter(couple_id=couple_id).select_related("user")
    if excluding is not None:
        partners = partners.exclude(user=excluding)
    return [m.user.email for m in partners]
