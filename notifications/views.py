"""Email preferences, the reminder offer, the nudge and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import time_zones
from accounts.forms import TIME_ZONE_LIST_ID
from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from accounts.models import User
from accounts.scoping import couple_for, couple_or_404
from checkins.selectors import parse_week
from notifications import selectors, services
from notifications import unsubscribe as links
from notifications.forms import PreferencesForm, ReminderOfferForm


def _back(request: HtmxHttpRequest, fallback: str = "home") -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_for(request.user)
    couple_zone = ctx.couple.time_zone if ctx else time_zones.UTC
    current = selectors.preferences_of(user=request.user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        instance=current,
        couple_time_zone=couple_zone,
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, changes=form.changes())
        messages.success(request, _("Saved. Your emails follow these choices from now on."))
        return redirect("notifications:settings")
    context = {
        "form": form,
        "time_zone_list_id": TIME_ZONE_LIST_ID,
        "time_zone_names": time_zones.names(),
        "partner": ctx.partner.name if ctx and ctx.partner else "",
    }
    return render(
        request, "notifications/preferences.html", context, status=422 if form.errors else 200
    )


@login_required
@require_POST
def reminder_offer(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Yes (a day and an hour) or no to the reminder offered on the first check-in."""
    if request.POST.get("answer") == "no":
        services.reminder_offer_answer(user=request.user, weekday=None)
        status = _("No reminders, then. You can turn them on in your email settings any time.")
    else:
        form = ReminderOfferForm(request.POST)
        if not form.is_valid():
            # Both fields are selects: only a hand-made request gets here.
            return _back(request)
        preferences = services.reminder_offer_answer(
            user=request.user,
            weekday=form.cleaned_data["remind_weekday"],
            hour=form.cleaned_data["remind_hour"],
        )
        status = _("Done. We'll remind you on %(day)s at %(hour)s if you haven't checked in.") % {
            "day": preferences.get_remind_weekday_display(),
            "hour": f"{preferences.remind_hour:02d}:00",
        }
    if request.htmx:
        return render(request, "notifications/_reminder_offer.html#answered", {"status": status})
    messages.success(request, status)
    return _back(request)


@login_required
@require_POST
def nudge(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    starts_on = parse_week(ctx, week)
    assert ctx.partner is not None
    try:
        services.nudge_partner(ctx=ctx, week=starts_on)
    except services.NudgeRefused:
        status = _("No nudge needed: %(name)s has checked in, or already has your nudge.") % {
            "name": ctx.partner.name
        }
    else:
        status = _("We've let %(name)s know you're looking forward to their check-in.") % {
            "name": ctx.partner.name
        }
    if request.htmx:
        return render(request, "notifications/_nudge.html#nudged", {"status": status})
    messages.success(request, status)
    return _back(request)


@csrf_exempt  # the signed token is the credential; mail programs POST without a cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """GET asks (a link checker opening it changes nothing); POST, from the page's button or
    from a mail program's one-click (RFC 8058), turns that kind of email off."""
    try:
        link = links.read_token(token)
    except links.Expired:
        return render(request, "notifications/unsubscribe.html", {"expired": True}, status=410)
    except links.Invalid:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    person = User.objects.filter(pk=link.user_id).first()
    if person is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    context = {"what": link.kind.label, "token": token}
    if request.method == "POST":
        services.unsubscribe(user=person, kind=link.kind)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)
