"""Counsellor access: invitations, both partners' consent, and the one scoping helper
every counsellor-facing page goes through.

Access is active only while the counsellor relation is current, the couple is open, and
*both* current partners' latest consent record is a grant. Consent and access-log rows
are append-only history.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import invites
from accounts.models import (
    AccessLogEntry,
    Consent,
    CounsellorAccess,
    CounsellorInvite,
    Couple,
    Membership,
    User,
)
from intimacy.notify import send_after_commit

SPAN_WEEKS = {Consent.Span.LAST_4: 4, Consent.Span.LAST_12: 12, Consent.Span.ALL: None}


class CounsellorRefusal(enum.Enum):
    INVALID = _("This invitation link isn't valid. Check that you copied all of it.")
    EXPIRED = _("This invitation has expired. Ask the couple for a new one.")
    REVOKED = _("This invitation was cancelled.")
    USED = _("This invitation has already been used. Each link works once.")
    PARTNER = _("You are one of the partners in this couple, so you can't be its counsellor.")
    WRONG_EMAIL = _(
        "This invitation was sent to a different email address. Log in with the address it "
        "was sent to (add and verify it in your account settings if it is new)."
    )
    ALREADY = _("You are already a counsellor for this couple.")


class CounsellorInviteRefused(invites.Refused):
    """A counsellor invitation that may not be accepted."""


# --- Invitations ---------------------------------------------------------------------------


@transaction.atomic
def counsellor_invite_create(
    *, couple: Couple, by: User, email: str
) -> tuple[CounsellorInvite, str]:
    couple.counsellor_invites.filter(
        email__iexact=email, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    token, fields = invites.issue(CounsellorInvite.LIFETIME_DAYS)
    invite = CounsellorInvite.objects.create(couple=couple, created_by=by, email=email, **fields)
    send_after_commit(
        to=[email],
        template="counsellor_invite",
        context={
            "inviter": by.display_name,
            "link": reverse("counsellor:invite", args=[token]),
            "expires_at": invite.expires_at,
        },
    )
    return invite, token


def counsellor_invite_lookup(token: str) -> CounsellorInvite | None:
    return invites.find(CounsellorInvite.objects.select_related("couple", "created_by"), token)


def counsellor_invite_refusal(
    invite: CounsellorInvite | None, user: User | None
) -> CounsellorRefusal | None:
    if reason := invites.stopped(invite):
        return CounsellorRefusal[reason]
    if user is None or not user.is_authenticated:
        return None
    assert invite is not None
    if invite.couple.memberships.filter(user=user, left_at__isnull=True).exists():
        return CounsellorRefusal.PARTNER
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invite.email, verified=True
    ).exists():
        return CounsellorRefusal.WRONG_EMAIL
    if invite.couple.counsellors.filter(counsellor=user, removed_at__isnull=True).exists():
        return CounsellorRefusal.ALREADY
    return None


@transaction.atomic
def counsellor_invite_accept(*, token: str, user: User) -> CounsellorAccess:
    invite = invites.find(CounsellorInvite.objects.select_for_update(), token)
    refusal = counsellor_invite_refusal(invite, user)
    if refusal is not None:
        raise CounsellorInviteRefused(refusal)
    assert invite is not None
    try:
        with transaction.atomic():
            access = CounsellorAccess.objects.create(
                couple=invite.couple, counsellor=user, invited_by=invite.created_by
            )
    except IntegrityError:
        raise CounsellorInviteRefused(CounsellorRefusal.ALREADY) from None
    invite.used_at = timezone.now()
    invite.save(update_fields=["used_at"])
    partners = Membership.objects.select_related("user").filter(
        couple=invite.couple, left_at__isnull=True
    )
    send_after_commit(
        to=[m.user.email for m in partners],
        template="counsellor_joined",
        context={"counsellor": user.display_name, "link": reverse("couple:counsellors")},
    )
    return access


# --- Consent -----------------------------------------------------------------------------


def consent_terms(*, counsellor_name: str) -> str:
    """The terms shown on the consent page, word for word."""
    return render_to_string("accounts/consent_wording.txt", {"counsellor": counsellor_name}).strip()


def consent_wording(*, counsellor_name: str, span: str) -> str:
    """What a partner agreed to, stored with their consent: the terms they read and the
    period they chose."""
    chosen = _("Period I chose: %(span)s.") % {"span": Consent.Span(span).label}
    return f"{consent_terms(counsellor_name=counsellor_name)}\n\n{chosen}"


def _locked_access(access_id: int) -> CounsellorAccess:
    return (
        CounsellorAccess.objects.select_for_update().select_related("counsellor").get(pk=access_id)
    )


@transaction.atomic
def consent_grant(*, access: CounsellorAccess, partner: User, span: str) -> Consent:
    access = _locked_access(access.pk)
    if access.removed_at is not None:
        raise Http404("Counsellor removed")
    return Consent.objects.create(
        access=access,
        partner=partner,
        kind=Consent.Kind.GRANT,
        span=span,
        wording=consent_wording(counsellor_name=access.counsellor.display_name, span=span),
    )


@transaction.atomic
def consent_revoke(*, access: CounsellorAccess, partner: User) -> Consent | None:
    """Withdraw consent at once; the counsellor's next request is refused. Withdrawing
    what is not given (a double click, say) records and sends nothing."""
    access = _locked_access(access.pk)
    latest = access.consents.filter(partner=partner).order_by("created_at", "pk").last()
    if latest is None or latest.kind != Consent.Kind.GRANT:
        return None
    consent = Consent.objects.create(access=access, partner=partner, kind=Consent.Kind.REVOKE)
    others = (
        Membership.objects.select_related("user")
        .filter(couple_id=access.couple_id, left_at__isnull=True)
        .exclude(user=partner)
    )
    send_after_commit(
        to=[access.counsellor.email, *(m.user.email for m in others)],
        template="consent_revoked",
        context={"partner": partner.display_name, "counsellor": access.counsellor.display_name},
    )
    return consent


@transaction.atomic
def counsellor_remove(*, access: CounsellorAccess, by: User) -> None:
    access = _locked_access(access.pk)
    if access.removed_at is not None:
        return
    access.removed_at, access.removed_by = timezone.now(), by
    access.save(update_fields=["removed_at", "removed_by"])
    send_after_commit(
        to=[access.counsellor.email],
        template="counsellor_removed",
        context={"counsellor": access.counsellor.display_name},
    )
    others = (
        Membership.objects.select_related("user")
        .filter(couple_id=access.couple_id, left_at__isnull=True)
        .exclude(user=by)
    )
    send_after_commit(
        to=[m.user.email for m in others],
        template="counsellor_removed_partner",
        context={"partner": by.display_name, "counsellor": access.counsellor.display_name},
    )


def end_all_access(*, couple: Couple, by: User) -> None:
    """Unpairing (or any end of the couple) ends every counsellor's access at once."""
    current = list(couple.counsellors.select_related("counsellor").filter(removed_at__isnull=True))
    couple.counsellors.filter(removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=by
    )
    if current:
        send_after_commit(
            to=[a.counsellor.email for a in current],
            template="counsellor_removed",
            context={"counsellor": ""},
        )


# --- State and scoping -------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentState:
    """Where a counsellor relation stands: each current partner's latest consent."""

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
        spans = [SPAN_WEEKS[Consent.Span(self.latest[m.user_id].span)] for m in self.partners]  # type: ignore[union-attr]
        limited = [s for s in spans if s is not None]
        return min(limited) if limited else None


def consent_state(access: CounsellorAccess) -> ConsentState:
    partners = [m for m in access.couple.memberships.all() if m.left_at is None]
    latest: dict[int, Consent | None] = {m.user_id: None for m in partners}
    for consent in access.consents.all():  # ordered oldest first
        if consent.partner_id in latest:
            latest[consent.partner_id] = consent
    return ConsentState(access=access, partners=partners, latest=latest)


def _counsellor_accesses(user: User):
    return (
        CounsellorAccess.objects.filter(
            counsellor=user, removed_at__isnull=True, couple__closed_at__isnull=True
        )
        .select_related("couple")
        .prefetch_related("consents", "couple__memberships__user")
    )


def counsellor_access_or_404(user: User, access_id: int, *, lock: bool = False) -> ConsentState:
    """The one way into a couple's data for a counsellor: 404 unless both consent now.

    With ``lock``, the access row stays locked until the transaction ends, so a consent
    withdrawal waits for a view in progress (which is logged) or the view sees it.
    """
    if not user.is_authenticated:
        raise Http404("No access")
    if lock:
        CounsellorAccess.objects.select_for_update().filter(pk=access_id).first()
    access = _counsellor_accesses(user).filter(pk=access_id).first()
    if access is None:
        raise Http404("No access")
    state = consent_state(access)
    if not state.active:
        raise Http404("No consent")
    return state


def is_counsellor(user: User) -> bool:
    """Whether ``user`` counsels any couple now (for a link to their dashboard)."""
    return CounsellorAccess.objects.filter(counsellor=user, removed_at__isnull=True).exists()


def ever_counselled(user: User, access_id: int) -> bool:
    """Whether ``user`` was (or is) the counsellor of this access, in any state."""
    return CounsellorAccess.objects.filter(pk=access_id, counsellor=user).exists()


def active_accesses_for(user: User) -> list[ConsentState]:
    """The couples currently sharing with this counsellor."""
    return [s for s in map(consent_state, _counsellor_accesses(user)) if s.active]


def log_view(
    state: ConsentState, *, page: str, weeks_from: date | None = None, weeks_to: date | None = None
) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        access=state.access,
        counsellor=state.access.counsellor,
        page=page,
        weeks_from=weeks_from,
        weeks_to=weeks_to,
    )


def couple_counsellors(couple: Couple) -> list[ConsentState]:
    """Every current counsellor of a couple with their consent state (partner side)."""
    accesses = (
        CounsellorAccess.objects.filter(couple=couple, removed_at__isnull=True)
        .select_related("couple", "counsellor")
        .prefetch_related("consents", "couple__memberships__user")
    )
    return [consent_state(a) for a in accesses]


def couple_access_or_404(couple: Couple, access_id: int) -> CounsellorAccess:
    """A partner's handle on one of their couple's counsellors (404 for anyone else's)."""
    access = (
        CounsellorAccess.objects.filter(pk=access_id, couple=couple, removed_at__isnull=True)
        .select_related("counsellor")
        .first()
    )
    if access is None:
        raise Http404("No such counsellor")
    return access


def couple_access_log(couple: Couple, limit: int = 100) -> list[AccessLogEntry]:
    return list(
        AccessLogEntry.objects.filter(access__couple=couple).select_related("counsellor")[:limit]
    )
