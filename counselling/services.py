"""Writes of counselling: invitations, both partners' consent, removal, the access log.

Each is keyword-only and runs in one transaction; the ones two people can race on lock the
counsellor relation first. They raise the domain exceptions below, never ``Http404``: the
views translate them.
"""

from __future__ import annotations

import enum
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import invites
from accounts.models import Couple, User
from counselling import selectors
from counselling.models import AccessLogEntry, Consent, CounsellorAccess, CounsellorInvite
from counselling.state import ConsentState
from intimacy.notify import send_after_commit


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


class CounsellorRemoved(Exception):
    """The counsellor was removed from the couple before this change could be made."""


# --- Invitations ---------------------------------------------------------------------------


@transaction.atomic
def counsellor_invite_create(
    *, couple: Couple, by: User, email: str
) -> tuple[CounsellorInvite, str]:
    couple.counsellor_invites.pending().filter(email__iexact=email).update(
        revoked_at=timezone.now()
    )
    token, fields = invites.issue(CounsellorInvite.LIFETIME_DAYS)
    invite = CounsellorInvite.objects.create(couple=couple, created_by=by, email=email, **fields)
    invites.send(
        to=email,
        template="counsellor_invite",
        link=reverse("counsellor:invite", args=[token]),
        invite=invite,
        inviter=by,
    )
    return invite, token


def counsellor_invite_refusal(
    invite: CounsellorInvite | None, user: User | AnonymousUser | None
) -> CounsellorRefusal | None:
    """Why ``user`` may not accept ``invite`` (None: they may). Reads without locking."""
    if reason := invites.stopped(invite):
        return CounsellorRefusal[reason]
    if user is None or not user.is_authenticated:
        return None
    assert invite is not None
    if selectors.is_current_partner(couple=invite.couple, user=user):
        return CounsellorRefusal.PARTNER
    if not selectors.has_verified_address(user=user, email=invite.email):
        return CounsellorRefusal.WRONG_EMAIL
    if selectors.counsels(couple=invite.couple, user=user):
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
    send_after_commit(
        to=selectors.partner_emails(couple_id=invite.couple_id),
        template="counsellor_joined",
        context={"counsellor": user.display_name, "link": reverse("couple:counsellors")},
    )
    return access


# --- Consent -----------------------------------------------------------------------------


def consent_terms(*, counsellor_name: str) -> str:
    """The terms shown on the consent page, word for word."""
    return render_to_string(
        "counselling/consent_wording.txt", {"counsellor": counsellor_name}
    ).strip()


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
    """Raises ``CounsellorRemoved`` when the relation ended while the partner was deciding."""
    access = _locked_access(access.pk)
    if access.removed_at is not None:
        raise CounsellorRemoved
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
    others = selectors.partner_emails(couple_id=access.couple_id, excluding=partner)
    send_after_commit(
        to=[access.counsellor.email, *others],
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
    send_after_commit(
        to=selectors.partner_emails(couple_id=access.couple_id, excluding=by),
        template="counsellor_removed_partner",
        context={"partner": by.display_name, "counsellor": access.counsellor.display_name},
    )


def end_all_access(*, couple: Couple, by: User) -> None:
    """Unpairing (or any end of the couple) ends every counsellor's access at once. Runs
    inside the caller's transaction (see ``counselling.receivers``)."""
    current = list(couple.counsellors.current().select_related("counsellor"))
    couple.counsellors.current().update(removed_at=timezone.now(), removed_by=by)
    if current:
        send_after_commit(
            to=[a.counsellor.email for a in current],
            template="counsellor_removed",
            context={"counsellor": ""},
        )


# --- The access log ----------------------------------------------------------------------


def log_view(
    *,
    state: ConsentState,
    page: str,
    weeks_from: date | None = None,
    weeks_to: date | None = None,
) -> AccessLogEntry:
    """Record that the counsellor looked; call it in the transaction of the read."""
    return AccessLogEntry.objects.create(
        access=state.access,
        counsellor=state.access.counsellor,
        page=page,
        weeks_from=weeks_from,
        weeks_to=weeks_to,
    )
