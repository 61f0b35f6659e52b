"""The weekly check-in, a week's page and the history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from accounts.scoping import CoupleContext, couple_for, couple_or_404
from checkins import comparison, selectors, services
from checkins.forms import CheckInForm, initial_from
from checkins.models import Week
from checkins.sharing import counsellor_sharing_active


@login_required
@require_safe
def this_week(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    return redirect("checkins:checkin", selectors.clock_for(ctx.couple).current.isoformat())


def _checkin_context(
    ctx: CoupleContext, starts_on: date, week: Week | None, form: CheckInForm
) -> dict[str, Any]:
    clock = selectors.clock_for(ctx.couple)
    prompts = selectors.prompts_of(week, ctx.couple, starts_on)
    return {
        "ctx": ctx,
        "form": form,
        "sections": [s | {"prompt": prompts[s["dimension"]]} for s in form.sections()],
        "starts_on": starts_on,
        "visible": selectors.visible_week(ctx, starts_on, week),
        "follow_up": selectors.follow_up(ctx, starts_on),
        "closes_at": clock.closes_at(starts_on),
        "is_late": starts_on == clock.previous,
    }


def _closed(
    request: HtmxHttpRequest, ctx: CoupleContext, starts_on: date, status: int
) -> HttpResponse:
    return render(
        request, "checkins/closed.html", {"ctx": ctx, "starts_on": starts_on}, status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    found = selectors.week_of(ctx, starts_on)
    mine = found.checkin_of(ctx.me) if found else None
    if mine is not None and mine.is_submitted:
        if request.method == "POST":
            return _closed(request, ctx, starts_on, status=409)
        return redirect("checkins:week", week)
    if not selectors.clock_for(ctx.couple).is_open(starts_on):
        return _closed(request, ctx, starts_on, status=409 if request.method == "POST" else 200)
    dimensions = selectors.dimensions_for(ctx.couple)
    if request.method != "POST":
        form = CheckInForm(
            initial=initial_from(mine),
            dimensions=dimensions,
            sharing=counsellor_sharing_active(ctx.couple),
        )
        return render(
            request, "checkins/checkin.html", _checkin_context(ctx, starts_on, found, form)
        )
    return _post_checkin(request, ctx, starts_on, found, dimensions)


def _post_checkin(
    request: HtmxHttpRequest,
    ctx: CoupleContext,
    starts_on: date,
    found: Week | None,
    dimensions: tuple[str, ...],
) -> HttpResponse:
    submitting = request.POST.get("action") == "submit"
    sharing = counsellor_sharing_active(ctx.couple)
    form = CheckInForm(
        request.POST, dimensions=dimensions, require_ratings=submitting, sharing=sharing
    )
    try:
        if form.is_valid():
            if submitting:
                result = services.checkin_submit(ctx=ctx, starts_on=starts_on, data=form.to_data())
                messages.success(request, _submitted_message(ctx, result.revealed))
                return redirect("checkins:week", starts_on.isoformat())
            services.checkin_save_draft(ctx=ctx, starts_on=starts_on, data=form.to_data())
            messages.success(request, _saved_message(ctx))
            return redirect("checkins:checkin", starts_on.isoformat())
        if submitting:
            # Keep what can be kept: the draft is saved even though submitting failed.
            draft = CheckInForm(request.POST, dimensions=dimensions, sharing=sharing)
            if draft.is_valid():
                services.checkin_save_draft(ctx=ctx, starts_on=starts_on, data=draft.to_data())
    except (services.WeekClosed, services.AlreadySubmitted):
        return _closed(request, ctx, starts_on, status=409)
    context = _checkin_context(ctx, starts_on, found, form)
    return render(request, "checkins/checkin.html", context, status=422)


def _saved_message(ctx: CoupleContext) -> str:
    now = timezone.localtime(timezone.now(), selectors.clock_for(ctx.couple).tz)
    return _("Saved at %(time)s") % {"time": time_format(now, "H:i")}


def _submitted_message(ctx: CoupleContext, revealed: bool) -> str:
    partner = ctx.partner.name if ctx.partner else ""
    if revealed:
        return _("Submitted. You have both checked in, so here is your week together.")
    return _("Submitted. %(name)s will see your answers once they have checked in too.") % {
        "name": partner
    }


@login_required
@require_POST
def autosave(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """The htmx autosave: saves a draft and answers with the status line only."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    form = CheckInForm(
        request.POST,
        dimensions=selectors.dimensions_for(ctx.couple),
        sharing=counsellor_sharing_active(ctx.couple),
    )
    status, code = _saved_message(ctx), 200
    if not form.is_valid():
        status, code = _("Not saved yet: please fix the highlighted limits."), 422
    else:
        try:
            services.checkin_save_draft(ctx=ctx, starts_on=starts_on, data=form.to_data())
        except services.AlreadySubmitted:
            status, code = _("Already submitted: nothing more was saved."), 409
        except services.WeekClosed:
            status, code = _("This week is closed: nothing more was saved."), 409
    return render(request, "checkins/checkin.html#save_status", {"status": status}, status=code)


@login_required
@require_safe
@vary_on_headers("HX-Request")
def week_view(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    recent = selectors.weeks_up_to(ctx, starts_on)
    found = recent[0] if recent and recent[0].starts_on == starts_on else None
    clock = selectors.clock_for(ctx.couple)
    visible = selectors.visible_week(ctx, starts_on, found)
    context: dict[str, Any] = {
        "ctx": ctx,
        "starts_on": starts_on,
        "visible": visible,
        "is_open": clock.is_open(starts_on),
        "nav": selectors.week_nav(clock, starts_on),
        "sharing_active": counsellor_sharing_active(ctx.couple),
    }
    if visible.revealed and visible.mine and visible.partners:
        context |= {
            "rows": comparison.dimension_rows(visible.mine, visible.partners),
            "signs": comparison.sign_rows(visible.mine, visible.partners),
            "flags": comparison.flags_for_week(ctx, recent),
        }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "checkins/week.html#week", context)
    return render(request, "checkins/week.html", context)


@login_required
@require_POST
def share(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """Turn sharing with the counsellor on or off for one of my answers."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    answer = services.answer_set_sharing(
        ctx=ctx,
        starts_on=starts_on,
        dimension=request.POST.get("dimension", ""),
        share=request.POST.get("share") == "on",
    )
    if answer is None:
        raise Http404("No such answer")
    if request.htmx:
        return render(
            request, "checkins/_share_toggle.html", {"answer": answer, "starts_on": starts_on}
        )
    messages.success(request, _("Sharing updated."))
    return redirect("checkins:week", week)


@login_required
@require_safe
def week_pick(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The week picker's plain GET form: go to the chosen week's page."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, request.GET.get("week", ""))
    return redirect("checkins:week", starts_on.isoformat())


@login_required
@require_safe
def flag_rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    t = comparison.thresholds()
    context = {"t": t, "one_sided_percent": round(t.one_sided_ratio * 100)}
    return render(request, "checkins/flag_rules.html", context)


@login_required
@require_safe
def trends(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_for(request.user)
    if ctx is None or not ctx.is_paired:
        # Linked from every page's menu: without a partner there is simply nothing yet.
        return render(request, "checkins/trends.html", {"ctx": ctx, "trends": None})
    show_all = request.GET.get("span") == "all"
    clock = selectors.clock_for(ctx.couple)
    dates = selectors.couple_weeks(clock, limit=520 if show_all else 13)
    recent = selectors.weeks_in(ctx, dates)
    dates = selectors.weeks_counted(clock, dates, recent)
    shown = set(dates if show_all else dates[:12])
    data = comparison.trends(ctx, [w for w in recent if w.starts_on in shown], len(shown))
    return render(
        request, "checkins/trends.html", {"ctx": ctx, "trends": data, "show_all": show_all}
    )


@login_required
@require_safe
def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_for(request.user)
    if ctx is None or not ctx.is_paired:
        return redirect("checkins:past")
    context = {
        "ctx": ctx,
        "rows": selectors.history_rows(ctx),
        "has_past": selectors.has_past_checkins(request.user),
    }
    return render(request, "checkins/history.html", context)


@login_required
@require_safe
def past(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My own answers from couples that have ended: mine to read, nobody else's."""
    return render(
        request, "checkins/past.html", {"checkins": selectors.own_past_checkins(request.user)}
    )
