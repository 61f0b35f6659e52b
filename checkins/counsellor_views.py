"""What a counsellor sees: a dashboard of couples sharing with them, and each couple's
summary. Every page goes through ``counselling.counsellor_access_or_404`` and writes an
access-log entry in the same transaction as its reads."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts import counselling
from checkins import counsellor_summary


@login_required
@require_safe
def mfa_needed(request: HttpRequest) -> HttpResponse:
    if is_mfa_enabled(request.user):
        return redirect("counsellor:dashboard")
    return render(request, "counsellor/mfa_needed.html")


@login_required
@require_safe
@transaction.atomic
def dashboard(request: HttpRequest) -> HttpResponse:
    states = counselling.active_accesses_for(request.user)
    if states and not is_mfa_enabled(request.user):
        return redirect("counsellor:mfa_needed")
    rows = []
    for state in states:
        overview = counsellor_summary.overview(state)
        counselling.log_view(state, page="dashboard", weeks_to=overview.last_week)
        rows.append(overview)
    context = {"rows": rows, "mfa_enabled": is_mfa_enabled(request.user)}
    return render(request, "counsellor/dashboard.html", context)


@login_required
@require_safe
@transaction.atomic
def summary(request: HttpRequest, access_id: int) -> HttpResponse:
    # Access first (anyone else gets 404), then two-factor: a counsellor opens no data
    # until it is on.
    state = counselling.counsellor_access_or_404(request.user, access_id, lock=True)
    if not is_mfa_enabled(request.user):
        return redirect("counsellor:mfa_needed")
    data = counsellor_summary.summary(state)
    counselling.log_view(state, page="summary", weeks_from=data.weeks_from, weeks_to=data.weeks_to)
    return render(request, "counsellor/summary.html", {"state": state, "summary": data})


@login_required
@require_safe
def summary_status(request: HttpRequest, access_id: int) -> HttpResponse:
    """Polled by an open summary page: nothing while access lasts; once it ends, a notice
    that replaces the couple's data on the counsellor's screen. Reads no couple data."""
    try:
        counselling.counsellor_access_or_404(request.user, access_id)
    except Http404:
        if not counselling.ever_counselled(request.user, access_id):
            raise
        return render(request, "counsellor/summary.html#ended")
    return HttpResponse(status=204)
