"""The partners' side of counselling: invite a counsellor, consent, withdraw, remove, and
see the access log. URL names are in the ``couple`` namespace (see ``intimacy.urls``)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.http import AuthenticatedHttpRequest
from accounts.scoping import CoupleContext, couple_or_404
from counselling import scoping, selectors, services
from counselling.forms import ConsentForm, CounsellorInviteForm
from counselling.models import AccessLogEntry
from intimacy import ratelimit
from intimacy.errors import too_many_requests


def _page(
    request: AuthenticatedHttpRequest,
    ctx: CoupleContext,
    invite_form: CounsellorInviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "counselling/counsellors.html",
        {
            "ctx": ctx,
            "states": [
                {"state": s, "mine": s.granted_by(request.user)}
                for s in selectors.couple_counsellors(couple=ctx.couple)
            ],
            "log": selectors.couple_access_log(couple=ctx.couple),
            "invite_form": invite_form or CounsellorInviteForm(),
        },
        status=status,
    )


@login_required
@require_safe
def counsellors(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    return _page(request, ctx)


@login_required
@require_POST
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    form = CounsellorInviteForm(request.POST)
    if not form.is_valid():
        return _page(request, ctx, invite_form=form, status=422)
    email = form.cleaned_data["email"]
    if email.lower() in {m.user.email.lower() for m in (ctx.me, ctx.partner) if m}:
        form.add_error("email", _("That is one of your own addresses. Invite your counsellor's."))
        return _page(request, ctx, invite_form=form, status=422)
    if not ratelimit.allow(
        f"counsellor-invite:{request.user.pk}",
        limit=settings.INVITE_EMAILS_PER_HOUR,
        seconds=3600,
    ):
        return too_many_requests(request)
    services.counsellor_invite_create(couple=ctx.couple, by=request.user, email=email)
    messages.success(
        request,
        _("We emailed an invitation to %(email)s. Nothing is shared until you both give consent.")
        % {"email": email},
    )
    return redirect("couple:counsellors")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@reauthentication_required(allow_get=True)  # type: ignore[untyped-decorator]  # allauth
def consent(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    access = scoping.couple_access_or_404(ctx.couple, access_id)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_grant(
                access=access,
                partner=request.user,
                span=form.cleaned_data["span"],
                months=form.months,
            )
        except services.CounsellorRemoved:
            raise Http404("Counsellor removed") from None
        messages.success(request, _("Consent given. You can withdraw it at any moment."))
        return redirect("couple:counsellors")
    wording = services.consent_terms(counsellor_name=access.counsellor.display_name)
    return render(
        request,
        "counselling/consent.html",
        {"ctx": ctx, "access": access, "form": form, "wording": wording},
        status=422 if form.is_bound else 200,
    )


@login_required
@require_POST
def revoke(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    access = scoping.couple_access_or_404(ctx.couple, access_id)
    services.consent_revoke(access=access, partner=request.user)
    messages.success(
        request,
        _("Consent withdrawn. %(name)s can no longer see anything.")
        % {"name": access.counsellor.display_name},
    )
    return redirect("couple:counsellors")


@login_required
@require_POST
def remove(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    access = scoping.couple_access_or_404(ctx.couple, access_id)
    services.counsellor_remove(access=access, by=request.user)
    messages.success(
        request,
        _("%(name)s is no longer your counsellor.") % {"name": access.counsellor.display_name},
    )
    return redirect("couple:counsellors")


# Characters a spreadsheet reads as the start of a formula (and the tab and carriage return
# OWASP lists): a cell starting with one gets a leading apostrophe, shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


class _Echo:
    """A file-like object whose ``write`` hands the line back, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def _log_rows(entries: Iterator[AccessLogEntry], time_zone: ZoneInfo) -> Iterator[str]:
    writer = csv.writer(_Echo())
    header = ["Counsellor name", "Counsellor email", "Viewed at", "Page", "Weeks from", "Weeks to"]
    yield writer.writerow([_(title) for title in header])
    for entry in entries:
        yield writer.writerow(
            [
                spreadsheet_safe(entry.counsellor.display_name),
                spreadsheet_safe(entry.counsellor.email),
                timezone.localtime(entry.viewed_at, time_zone).isoformat(),
                entry.page,
                entry.weeks_from.isoformat() if entry.weeks_from else "",
                entry.weeks_to.isoformat() if entry.weeks_to else "",
            ]
        )


@login_required
@require_safe
def log_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The couple's whole access log as CSV, streamed (a long log is never held whole),
    times in the couple's time zone."""
    ctx = couple_or_404(request.user, paired=True)
    time_zone = ZoneInfo(ctx.couple.time_zone)
    rows = _log_rows(selectors.couple_access_log_all(couple=ctx.couple), time_zone)
    today = timezone.localdate(timezone=time_zone).isoformat()
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="twoway-access-log-{today}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
