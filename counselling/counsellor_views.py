"""What a counsellor sees: accepting an invitation, a dashboard of the couples sharing with
them, and each couple's summary. Every page with couple data goes through
``scoping.counsellor_access_or_404`` and writes an access-log entry in the same transaction
as its reads."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import invites
from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from counselling import scoping, selectors, services
from counselling import summary as summaries


@require_safe
def accept_page(request: HtmxHttpRequest, token: str) -> HttpResponse:
    invite = selectors.counsellor_invite_by_token(token=token)
    refusal = services.counsellor_invite_refusal(invite, request.user)
    return render(
        request,
        "counselling/counsellor_invite.html",
        {"invite": invite if refusal is None else None, "refusal": refusal, "token": token},
        status=invites.http_status(refusal),
    )


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    try:
        services.counsellor_invite_accept(token=token, user=request.user)
    except services.CounsellorInviteRefused as refused:
        return render(
            request,
            "counselling/counsellor_invite.html",
            {"invite": None, "refusal": refused.refusal, "token": token},
            status=409,
        )
    messages.success(
        request,
        _("You're connected. You'll see the couple's summary once both partners give consent."),
    )
    return redirect("counsellor:dashboard")


@login_required
@require_safe
def mfa_needed(request: AuthenticatedHttpRequest) -> HttpResponse:
    if is_mfa_enabled(request.user):
        return redirect("counsellor:dashboard")
    return render(request, "counselling/mfa_needed.html")


@login_required
@require_safe
@transaction.atomic
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    states = selectors.active_accesses_for(user=request.user)
    if states and not is_mfa_enabled(request.user):
        return redirect("counsellor:mfa_needed")
    rows = []
    for state in states:
        overview = summaries.overview(state)
        services.log_view(state=state, page="dashboard", weeks_to=overview.last_week)
        rows.append(overview)
    context = {"rows": rows, "mfa_enabled": is_mfa_enabled(request.user)}
    return render(request, "counselling/dashboard.html", context)


@login_required
@require_safe
@transaction.atomic
def summary(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    # Access first (anyone else gets 404), then two-factor: a counsellor opens no data
    # until it is on.
    state = scoping.counsellor_access_or_404(request.user, access_id, lock=True)
    if not is_mfa_enabled(request.user):
        return redirect("counsellor:mfa_needed")
    data = summaries.summary(state)
    services.log_view(
        state=state, page="summary", weeks_from=data.weeks_from, weeks_to=data.weeks_to
    )
    return render(request, "counselling/summary.html", {"state": state, "summary": data})


@login_required
@require_safe
def summary_status(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    """Polled by an open summary page: nothing while access lasts; once it ends, a notice
    that replaces the couple's data on the counsellor's screen. Reads no couple data."""
    try:
        scoping.counsellor_access_or_404(request.user, access_id)
    except Http404:
        if not selectors.ever_counselled(user=request.user, access_id=access_id):
            raise
        return render(request, "counselling/summary.html#ended")
    return HttpResponse(status=204)
