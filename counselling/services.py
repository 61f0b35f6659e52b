"""Writes of counselling: invitations, both partners' consent, removal, the access log.

Each is keyword-only and runs in one transaction; the ones two people can race on lock the
counsellor relation first. They raise the domain exceptions below, never ``Http404``: the
views translate them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts import invites
from accounts.models import Couple, User
from counselling import selectors
from counselling.models import AccessLogEntry, Consent, CounsellorAccess, CounsellorInvite
from counselling.months import add_months
from counselling.state import ConsentState, consent_state, in_force
from intimacy.local_dates import local_pattern
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


def consent_ends_at(*, start: datetime, months: int | None, time_zone: str) -> datetime | None:
    """``months`` calendar months after ``start`` on the couple's wall clock (None: until
    withdrawn): consent given at 14:05 on 31 August for six months ends at 14:05 on the last
    day of February, in the couple's time zone."""
    if months is None:
        return None
    return add_months(timezone.localtime(start, ZoneInfo(time_zone)), months)


def _day(moment: datetime) -> str:
    return date_format(moment, local_pattern("j F Y"))


_lazy_day = lazy(_day, str)


def local_date(moment: datetime, time_zone: str) -> str:
    """A day as people read it in the couple's time zone: "3 June 2027", "3. Juni 2027".
    Written when it is shown, so an email says it in its recipient's language."""
    return _lazy_day(timezone.localtime(moment, ZoneInfo(time_zone)))


def consent_wording(
    *,
    counsellor_name: str,
    span: str,
    ends_at: datetime | None = None,
    time_zone: str = "UTC",
) -> str:
    """What a partner agreed to, stored with their consent: the terms they read, when their
    consent ends and the period they chose."""
    if ends_at is None:
        lasts = str(_("My consent lasts until I withdraw it."))
    else:
        lasts = _("My consent ends on %(date)s, unless I withdraw it sooner.") % {
            "date": local_date(ends_at, time_zone)
        }
    chosen = _("Period I chose: %(span)s.") % {"span": Consent.Span(span).label}
    return f"{consent_terms(counsellor_name=counsellor_name)}\n\n{lasts}\n{chosen}"


def _locked_access(access_id: int) -> CounsellorAccess:
    return (
        CounsellorAccess.objects.select_for_update()
        .select_related("counsellor", "couple")
        .get(pk=access_id)
    )


def _fresh_state(access_id: int) -> ConsentState:
    """The relation's state from the database now (call it with the relation locked)."""
    return consent_state(CounsellorAccess.objects.with_consents().get(pk=access_id))


def _names(state: ConsentState) -> str:
    """ "Alex and Sam" (one name once a partner has left)."""
    names = selectors.partner_names(state.access)
    if len(names) < 2:
        return "".join(names)
    # Joined when shown, so an email says "and" in its recipient's language.
    return _lazy_and(names[0], names[1])


def _and(a: str, b: str) -> str:
    return str(_("%(a)s and %(b)s") % {"a": a, "b": b})


_lazy_and = lazy(_and, str)


@transaction.atomic
def consent_grant(
    *, access: CounsellorAccess, partner: User, span: str, months: int | None = None
) -> Consent:
    """Consent for ``months`` calendar months (None: until withdrawn). Giving it again while
    it is in force renews it: the new grant, with its new end, replaces the old.

    Emails: the grant that starts sharing tells the counsellor and both partners; a grant
    the other partner has not matched yet tells the other partner. A renewal sends nothing.
    Raises ``CounsellorRemoved`` when the relation ended while the partner was deciding."""
    access = _locked_access(access.pk)
    if access.removed_at is not None:
        raise CounsellorRemoved
    before = _fresh_state(access.pk)
    now = timezone.now()
    ends_at = consent_ends_at(start=now, months=months, time_zone=access.couple.time_zone)
    consent = Consent.objects.create(
        access=access,
        partner=partner,
        kind=Consent.Kind.GRANT,
        span=span,
        ends_at=ends_at,
        created_at=now,
        wording=consent_wording(
            counsellor_name=access.counsellor.display_name,
            span=span,
            ends_at=ends_at,
            time_zone=access.couple.time_zone,
        ),
    )
    after = _fresh_state(access.pk)
    counsellor = access.counsellor.display_name
    if after.active and not before.active:
        _tell_sharing_started(after)
    elif not after.active and not in_force(before.latest.get(partner.pk), now):
        send_after_commit(
            to=selectors.partner_emails(couple_id=access.couple_id, excluding=partner),
            template="consent_given",
            context={
                "partner": partner.display_name,
                "counsellor": counsellor,
                "link": reverse("couple:counsellors"),
            },
        )
    return consent


def _tell_sharing_started(state: ConsentState) -> None:
    access = state.access
    ends = state.ends_at
    common = {
        "counsellor": access.counsellor.display_name,
        "names": _names(state),
        "ends": local_date(ends, access.couple.time_zone) if ends else "",
    }
    send_after_commit(
        to=selectors.partner_emails(couple_id=access.couple_id),
        template="sharing_started",
        context=common | {"link": reverse("couple:counsellors")},
    )
    send_after_commit(
        to=[access.counsellor.email],
        template="sharing_started_counsellor",
        context=common | {"link": reverse("counsellor:summary", args=[access.pk])},
    )


@transaction.atomic
def consent_revoke(*, access: CounsellorAccess, partner: User) -> Consent | None:
    """Withdraw consent at once; the counsellor's next request is refused. Withdrawing
    what is not in force (a double click, a consent already past its end) records and sends
    nothing."""
    access = _locked_access(access.pk)
    latest = access.consents.filter(partner=partner).order_by("created_at", "pk").last()
    if not in_force(latest, timezone.now()):
        return None
    consent = Consent.objects.create(access=access, partner=partner, kind=Consent.Kind.REVOKE)
    others = selectors.partner_emails(couple_id=access.couple_id, excluding=partner)
    send_after_commit(
        to=[access.counsellor.email, *others],
        template="consent_revoked",
        # No names but the withdrawing partner's: before both consented, the counsellor
        # has not been told the other partner's name.
        context={"partner": partner.display_name, "counsellor": access.counsellor.display_name},
    )
    return consent


# --- Time-boxed access: the week-before warning and the expiry ---------------------------

WARN_BEFORE = timedelta(days=7)


@dataclass(frozen=True)
class ExpiryRun:
    expired: int  # EXPIRE records written (one per partner whose consent reached its end)
    warned: int  # accesses whose partners and counsellor were warned of the end this run


def end_expired_access(*, now: datetime | None = None) -> ExpiryRun:
    """The periodic run (``manage.py end_expired_access``): write an EXPIRE record for each
    partner whose consent reached its end, telling everyone when that ended sharing, and warn
    a week before an access's effective end. Access already ends at the end date by itself
    (``ConsentState`` reads the clock); this makes it a record and tells people.

    Idempotent and safe to run at once on several servers: each relation is handled in its
    own transaction with its row locked (the lock ``consent_grant``/``consent_revoke`` take),
    and re-read under the lock before anything is written or sent."""
    now = now or timezone.now()
    expired = sum(
        _expire(access_id, now) for access_id in selectors.access_ids_with_grants_ending(by=now)
    )
    warned = sum(
        _warn(access_id, now)
        for access_id in selectors.access_ids_with_grants_ending(by=now + WARN_BEFORE)
    )
    return ExpiryRun(expired=expired, warned=warned)


@transaction.atomic
def _expire(access_id: int, now: datetime) -> int:
    access = _locked_access(access_id)
    if access.removed_at is not None:
        return 0
    state = _fresh_state(access_id)
    ended = [
        (m, grant)
        for m in state.partners
        if (grant := state.grant_of(m.user_id)) is not None
        and grant.ends_at is not None
        and grant.ends_at <= now
    ]
    if not ended:
        return 0  # another run was first, or the partner renewed or withdrew meanwhile
    # Sharing was on until the earliest end if both latest records were grants: then this
    # expiry ended it, and everyone is told. Otherwise it only records a lapsed consent.
    was_sharing = state.relation_open and all(state.grant_of(m.user_id) for m in state.partners)
    ends = state.ends_at
    for membership, grant in ended:
        Consent.objects.create(
            access=access, partner=membership.user, kind=Consent.Kind.EXPIRE, ends_at=grant.ends_at
        )
    if was_sharing and ends is not None:
        _tell_everyone(state, ends=ends, template="access_expired")
    return len(ended)


@transaction.atomic
def _warn(access_id: int, now: datetime) -> int:
    access = _locked_access(access_id)
    state = _fresh_state(access_id)
    ends = state.ends_at
    if (
        not state.active_at(now)
        or ends is None
        or not now < ends <= now + WARN_BEFORE
        or access.expiry_warned_for == ends
    ):
        return 0
    access.expiry_warned_for = ends
    access.save(update_fields=["expiry_warned_for"])
    _tell_everyone(state, ends=ends, template="expiry_warning")
    return 1


def _tell_everyone(state: ConsentState, *, ends: datetime, template: str) -> None:
    """Email both partners (``template``, with a link to their counsellors page) and the
    counsellor (``template`` + ``_counsellor``) about the end of sharing on ``ends``."""
    access = state.access
    context = {
        "counsellor": access.counsellor.display_name,
        "names": _names(state),
        "date": local_date(ends, access.couple.time_zone),
    }
    send_after_commit(
        to=selectors.partner_emails(couple_id=access.couple_id),
        template=template,
        context=context | {"link": reverse("couple:counsellors")},
    )
    send_after_commit(
        to=[access.counsellor.email], template=f"{template}_counsellor", context=context
    )


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
