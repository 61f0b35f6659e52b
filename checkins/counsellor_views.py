"""What a counsellor sees: a dashboard of couples sharing with them, and each couple's
summary. Every page goes through ``counselling.counsellor_access_or_404`` and writes an
access-log entry in the same transaction as its reads."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts import counselling
from checkins import counsellor_summary


def mfa_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Counsellors open no couple's data until two-factor authentication is on."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not is_mfa_enabled(request.user):
            return redirect("counsellor:mfa_needed")
        return view(request, *args, **kwargs)

    return wrapper


@login_required
@require_safe
def mfa_needed(request: HttpRequest) -> HttpResponse:
    if is_mfa_enabled(request.user):
        return redirect("counsellor:dashboard")
    return render(request, "counsellor/mfa_needed.html")


@login_required
@require_safe
@mfa_required
@transaction.atomic
def dashboard(request: HttpRequest) -> HttpResponse:
    rows = []
    for state in counselling.active_accesses_for(request.user):
        overview = counsellor_summary.overview(state)
        counselling.log_view(state, page="dashboard", weeks_to=overview.last_week)
        rows.append(overview)
    return render(request, "counsellor/dashboard.html", {"rows": rows})


@login_required
@require_safe
@mfa_required
@transaction.atomic
def summary(request: HttpRequest, access_id: int) -> HttpResponse:
    state = counselling.counsellor_access_or_404(request.user, access_id, lock=True)
    data = counsellor_summary.summary(state)
    counselling.log_view(state, page="summary", weeks_from=data.weeks_from, weeks_to=data.weeks_to)
    return render(request, "counsellor/summary.html", {"state": state, "summary": data})
