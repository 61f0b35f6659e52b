"""Pairing: start a couple, invite a partner, accept, change settings, pause, unpair."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import change_log, invites, selectors, services, time_zones
from accounts.forms import (
    TIME_ZONE_LIST_ID,
    CoupleSettingsForm,
    PersonalSettingsForm,
    SendInviteForm,
    StartCoupleForm,
    UnpairForm,
)
from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from accounts.models import Invite
from accounts.scoping import CoupleContext, couple_for, couple_or_404
from intimacy import ratelimit
from intimacy.errors import too_many_requests

PENDING_INVITE_KEY = "pending_invite_token"
_HELD_TOKEN_KEY = "invite_token_{pk}"


def _invite_link(request: HtmxHttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("couple:invite", args=[token]))


def _hold_token(request: HtmxHttpRequest, invite: Invite, token: str) -> None:
    # The creator may copy the link again while this session lasts; nothing else keeps it.
    for key in [k for k in request.session.keys() if k.startswith("invite_token_")]:  # noqa: SIM118 - sessions are not iterable
        del request.session[key]
    request.session[_HELD_TOKEN_KEY.format(pk=invite.pk)] = token


def invite_panel_context(
    request: HtmxHttpRequest, ctx: CoupleContext, **extra: object
) -> dict[str, object]:
    invite = selectors.pending_invite(couple=ctx.couple)
    if invite is not None and not invite.is_live():
        invite = None
    token = request.session.get(_HELD_TOKEN_KEY.format(pk=invite.pk)) if invite else None
    return {
        "ctx": ctx,
        "invite": invite,
        "invite_link": _invite_link(request, token) if token else "",
        "send_form": extra.pop("send_form", None) or SendInviteForm(),
        **extra,
    }


def _panel_response(
    request: HtmxHttpRequest, ctx: CoupleContext, status: str, **extra: object
) -> HttpResponse:
    if request.htmx:
        context = invite_panel_context(request, ctx, status=status, **extra)
        return render(request, "home/pending.html#invite_panel", context)
    messages.success(request, status)
    return redirect("home")


@login_required
@require_POST
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StartCoupleForm(request.POST)
    # An empty or unknown browser zone starts the couple on UTC, which settings then flags.
    time_zone = form.cleaned_data["time_zone"] if form.is_valid() else ""
    couple = services.couple_start(user=request.user, time_zone=time_zone or None)
    if not selectors.has_invited(couple=couple):
        invite, token = services.invite_create(couple=couple, by=request.user)
        _hold_token(request, invite, token)
    return redirect("home")


@login_required
@require_POST
def invite_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user)
    if ctx.is_paired:
        return redirect("home")
    invite, token = services.invite_create(couple=ctx.couple, by=request.user)
    _hold_token(request, invite, token)
    return _panel_response(request, ctx, _("Here is a new link. Any earlier link no longer works."))


@login_required
@require_POST
def invite_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user)
    services.invite_revoke(couple=ctx.couple)
    return _panel_response(
        request, ctx, _("The invitation was cancelled. Its link no longer works.")
    )


@login_required
@require_POST
def invite_send(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user)
    if ctx.is_paired:
        return redirect("home")
    form = SendInviteForm(request.POST)
    if not form.is_valid():
        context = invite_panel_context(request, ctx, send_form=form)
        template = "home/pending.html#invite_panel" if request.htmx else "home/pending.html"
        return render(request, template, context, status=422 if request.htmx else 200)
    email = form.cleaned_data["email"]
    if not ratelimit.allow(
        f"invite-email:{request.user.pk}", limit=settings.INVITE_EMAILS_PER_HOUR, seconds=3600
    ):
        if not request.htmx:
            return too_many_requests(request)
        # Said inside the panel, with what was typed kept, instead of a silent refusal.
        wait = _("That's a lot of invitations in one hour. Please wait a while, then try again.")
        context = invite_panel_context(request, ctx, status=wait, send_form=form)
        return render(request, "home/pending.html#invite_panel", context, status=429)
    invite, token = services.invite_create(couple=ctx.couple, by=request.user, sent_to=email)
    _hold_token(request, invite, token)
    return _panel_response(
        request, ctx, _("We emailed an invitation to %(email)s.") % {"email": email}
    )


@require_safe
def invite(request: HtmxHttpRequest, token: str) -> HttpResponse:
    found = selectors.invite_by_token(token=token)
    refusal = services.invite_refusal(found, request.user)
    if refusal is None and not request.user.is_authenticated:
        request.session[PENDING_INVITE_KEY] = token
    has_own_pending = False
    if refusal is None and request.user.is_authenticated:
        own = couple_for(request.user)
        has_own_pending = own is not None and not own.is_paired
    return render(
        request,
        "accounts/invite.html",
        {
            "invite": found if refusal is None else None,
            "refusal": refusal,
            "token": token,
            "has_own_pending": has_own_pending,
        },
        status=invites.http_status(refusal),
    )


@login_required
@require_POST
def invite_accept(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    try:
        services.invite_accept(token=token, user=request.user)
    except services.InviteRefused as refused:
        return render(
            request,
            "accounts/invite.html",
            {"invite": None, "refusal": refused.refusal, "token": token},
            status=409,
        )
    request.session.pop(PENDING_INVITE_KEY, None)
    ctx = couple_or_404(request.user, paired=True)
    assert ctx.partner is not None  # paired=True
    messages.success(
        request,
        _("You and %(name)s are paired. Welcome to Twoway together.") % {"name": ctx.partner.name},
    )
    return redirect("home")


def _settings_context(
    ctx: CoupleContext,
    *,
    form: CoupleSettingsForm | None = None,
    choices_form: PersonalSettingsForm | None = None,
    **extra: object,
) -> dict[str, object]:
    memberships = [m for m in (ctx.me, ctx.partner) if m is not None]
    initial = {"time_zone": ctx.couple.time_zone, "week_start_day": ctx.couple.week_start_day}
    return {
        "ctx": ctx,
        "form": form or CoupleSettingsForm(initial=initial, memberships=memberships),
        "choices_form": choices_form
        or PersonalSettingsForm(initial={"wants_physical": ctx.me.wants_physical}),
        "time_zone_names": time_zones.names(),
        "time_zone_list_id": TIME_ZONE_LIST_ID,
        "status": "",
        "choices_status": "",
        "events": change_log.lines(
            selectors.recent_events(couple=ctx.couple), reader_id=ctx.me.user_id
        ),
        "paused_by_me": selectors.paused_by(couple=ctx.couple, user=ctx.me.user),
        **extra,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user)
    if request.method != "POST":
        return render(request, "accounts/settings.html", _settings_context(ctx))
    memberships = [m for m in (ctx.me, ctx.partner) if m is not None]
    form = CoupleSettingsForm(request.POST, memberships=memberships)
    if not form.is_valid():
        context = _settings_context(ctx, form=form)
        if request.htmx:
            return render(request, "accounts/settings.html#settings_form", context, status=422)
        return render(request, "accounts/settings.html", context)
    lines = services.couple_update_settings(
        couple=ctx.couple,
        by=request.user,
        changes=form.setting_changes(),
        names=form.name_changes(),
    )
    status = _("Saved.") if lines else _("Nothing changed.")
    if not request.htmx:
        messages.success(request, status)
        return redirect("couple:settings")
    context = _settings_context(couple_or_404(request.user), status=status)
    return render(request, "accounts/settings.html#settings_form", context)


@login_required
@require_POST
def settings_choices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's own choices (the affection part): saved without telling the partner."""
    ctx = couple_or_404(request.user)
    form = PersonalSettingsForm(request.POST)
    if not form.is_valid():  # a checkbox: nothing can be wrong, but never trust that
        return redirect("couple:settings")
    changed = services.membership_update_choices(
        membership=ctx.me, wants_physical=form.cleaned_data["wants_physical"]
    )
    status = _("Saved. Only you can see this choice.") if changed else _("Nothing changed.")
    if not request.htmx:
        messages.success(request, status)
        return redirect("couple:settings")
    context = _settings_context(couple_or_404(request.user), choices_status=status)
    return render(request, "accounts/settings.html#choices_form", context)


@login_required
@require_POST
def pause(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Pause check-ins quietly: the partner is told nothing but that they are paused."""
    ctx = couple_or_404(request.user, paired=True)
    services.couple_pause(couple=ctx.couple, by=request.user)
    messages.success(
        request,
        _(
            "Check-ins are paused. Nothing new is shared and no reminders are sent until you "
            "resume. Your partner sees only that check-ins are paused, not who paused them or why."
        ),
    )
    return redirect("couple:settings")


@login_required
@require_POST
def resume(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Lift one's own pause; only the person who paused can (404 for anyone else)."""
    ctx = couple_or_404(request.user, paired=True)
    try:
        couple = services.couple_resume(couple=ctx.couple, by=request.user)
    except services.NotPaused:
        raise Http404("No pause of yours") from None
    if couple.is_paused:
        messages.success(request, _("Your pause is lifted. Check-ins are still paused for now."))
    else:
        messages.success(request, _("Check-ins are back on. Take them at your own pace."))
    return redirect("couple:settings")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def unpair(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user)
    form = UnpairForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.couple_close(couple=ctx.couple, by=request.user)
        messages.success(
            request, _("Your couple has ended. Your own past answers are still yours to read.")
        )
        return redirect("home")
    return render(request, "accounts/unpair.html", {"ctx": ctx, "form": form})
