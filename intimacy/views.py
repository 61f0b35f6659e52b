"""Site-wide views: the home page, the privacy and safety pages and the health check (error pages: ``intimacy.errors``)."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts import selectors, services
from accounts.forms import StartCoupleForm
from accounts.http import HtmxHttpRequest
from accounts.models import User
from accounts.scoping import couple_for
from accounts.views import PENDING_INVITE_KEY, invite_panel_context
from checkins.selectors import VisibleWeek, paired_home
from intimacy.roles import roles_of
from notifications.selectors import offers as email_offers


@require_safe
def home(request: HtmxHttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home/visitor.html")
    if roles_of(request.user).counsellor_only and "own" not in request.GET:
        # A counsellor without a couple of their own is home on their dashboard; the
        # dashboard links back here ("?own") for starting a check-in of their own.
        return redirect("counsellor:dashboard")
    ctx = couple_for(request.user)
    if ctx is None:
        return render(request, "home/unpaired.html", _pending_invitation(request, request.user))
    if not ctx.is_paired:
        return render(request, "home/pending.html", invite_panel_context(request, ctx))
    context = paired_home(ctx)
    context["paused_by_me"] = selectors.paused_by(couple=ctx.couple, user=request.user)
    this_week = cast(VisibleWeek, context["this_week"])
    context |= email_offers(
        ctx=ctx,
        week=this_week.starts_on,
        submitted=this_week.my_status == "submitted",
        partner_submitted=this_week.partner_submitted,
        is_open=True,
    )
    return render(request, "home/paired.html", context)


def _pending_invitation(request: HtmxHttpRequest, user: User) -> dict[str, object]:
    """An invitation opened before signing in, so the newcomer can pick it up again."""
    token = request.session.get(PENDING_INVITE_KEY, "")
    invite = selectors.invite_by_token(token=token) if token else None
    context: dict[str, object] = {
        "start_form": StartCoupleForm(),
    }
    if services.invite_refusal(invite, user) is None:
        context |= {"pending_invite": invite, "pending_token": token}
    return context


@require_safe
def privacy(request: HtmxHttpRequest) -> HttpResponse:
    """Who sees what, and when: docs/privacy.md in words for the people who use Twoway."""
    return render(request, "pages/privacy.html")


@require_safe
def safety(request: HtmxHttpRequest) -> HttpResponse:
    """When a relationship is not safe: guidance, the ways out, and where to find help.
    Open to everyone, signed in or not, and linked from the same place on every page."""
    context = {
        "help_url": settings.SAFETY_HELP_URL,
        "help_name": settings.SAFETY_HELP_NAME,
        "couple": couple_for(request.user),
    }
    return render(request, "pages/safety.html", context)


@require_safe
@never_cache
def healthz(request: HtmxHttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
