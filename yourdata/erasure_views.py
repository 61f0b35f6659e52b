"""The delete-account page and the goodbye page after it."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from intimacy import ratelimit
from intimacy.errors import too_many_requests
from yourdata.erasure import erase_person
from yourdata.erasure_forms import EraseForm
from yourdata.erasure_selectors import erasure_plan

#: Tries of the password (or code) on this page, per person, per window.
ATTEMPTS, WINDOW_SECONDS = 5, 15 * 60


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Shows what goes and what stays; a POST with the password (or a second-factor code)
    and the typed email address erases the account, ends the session and says goodbye."""
    plan = erasure_plan(user=request.user)
    form = EraseForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        uses_password=plan.asks_for_password,
    )
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(f"erase:{request.user.pk}", limit=ATTEMPTS, seconds=WINDOW_SECONDS):
            return too_many_requests(request)
        if plan.can_confirm and form.is_valid():
            erase_person(user=request.user)
            logout(request)
            return redirect("yourdata:erased")
        status = 422
    return render(request, "yourdata/erase.html", {"plan": plan, "form": form}, status=status)


@require_safe
def erased(request: HtmxHttpRequest) -> HttpResponse:
    """Goodbye: says what happened, names no one, and is the same for everyone."""
    return render(request, "yourdata/erased.html")
