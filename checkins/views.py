"""The weekly check-in, a week's page and the history."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from accounts.scoping import CoupleContext, couple_for, couple_or_404
from accounts.selectors import paused_by
from checkins import comparison, selectors, services, steps, weeks
from checkins.catalog import TECHNICAL_NAMES, Dimension
from checkins.forms import CheckInForm, initial_from
from checkins.models import CheckIn, Week
from checkins.sharing import counsellor_sharing_active
from notifications.selectors import offers as email_offers


@login_required
@require_safe
def this_week(request: AuthenticatedHttpRequest) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    return redirect("checkins:checkin", selectors.clock_for(ctx.couple).current.isoformat())


@dataclass(frozen=True)
class _Flow:
    """One couple's check-in for one week: its steps, its featured part, what it offers."""

    dimensions: tuple[str, ...]
    plan: tuple[steps.Step, ...]
    featured: str
    sharing: bool

    def form(self, step: steps.Step | None, *args: Any, **kwargs: Any) -> CheckInForm:
        return CheckInForm(
            *args,
            dimensions=self.dimensions,
            step=step,
            featured=self.featured,
            sharing=self.sharing,
            **kwargs,
        )


def _flow(ctx: CoupleContext, starts_on: date) -> _Flow:
    dimensions = selectors.dimensions_for(ctx)
    return _Flow(
        dimensions=dimensions,
        plan=steps.plan(dimensions),
        featured=selectors.featured_part(ctx.couple, starts_on, dimensions),
        sharing=counsellor_sharing_active(ctx),
    )


def _step_name(step: steps.Step) -> str:
    if step.kind is steps.Kind.RATINGS:
        return _("How close you felt")
    if step.kind is steps.Kind.FINISH:
        return _("Finish")
    return str(Dimension(step.key).label)


# A form field's name, as the error summary's "missing" value carries it.
FIELD_NAME = re.compile(r"[a-z][a-z_-]{0,63}")


def _step_url(starts_on: date, step: steps.Step, missing: str = "") -> str:
    """A step's own address: step 1 is the check-in's plain URL."""
    url = reverse("checkins:checkin", args=[starts_on.isoformat()])
    query: dict[str, int | str] = {"step": step.number} if step.number > 1 else {}
    if missing:
        query["missing"] = missing
    return f"{url}?{urlencode(query)}" if query else url


@dataclass(frozen=True)
class _Problem:
    """One line of the error summary: what is missing or wrong, and where to fix it."""

    label: str
    message: str
    field: str
    step: steps.Step
    href: str
    here: bool  # on the step shown, so the link is a plain #anchor


MISSING_MESSAGES = {
    steps.Field.RATING: gettext_lazy(
        "Please choose how close you felt, so your partner can see it too."
    ),
    steps.Field.REFLECTION: gettext_lazy(
        "Please write a line or two for this week's question. A sentence is plenty."
    ),
}
KEEP_MESSAGE = gettext_lazy(
    "You have already checked in, so this answer can be changed but not emptied. "
    "Nothing was saved: write something here, then save again."
)


def _missing_label(missing: steps.Missing) -> str:
    name = Dimension(missing.dimension).label
    if missing.field is steps.Field.RATING:
        return _("How close did you feel: %(dimension)s") % {"dimension": name}
    return _("This week's question: %(dimension)s") % {"dimension": name}


def _anchor(field: str) -> str:
    """The element a link to ``field`` lands on: a rating's first choice, or the box."""
    return f"id_{field}_0" if field.endswith("-rating") else f"id_{field}"


def _problems(
    flow: _Flow,
    starts_on: date,
    shown: steps.Step,
    *,
    missing: tuple[steps.Missing, ...] = (),
    form: CheckInForm | None = None,
) -> list[_Problem]:
    problems = []
    if form is not None and form.is_bound:
        for name, errors in form.errors.items():
            problems.append(
                _Problem(
                    label=str(form.fields[name].label),
                    message=" ".join(str(e) for e in errors),
                    field=name,
                    step=shown,
                    href=f"#{_anchor(name)}",
                    here=True,
                )
            )
    for item in missing:
        where = steps.step_of(flow.plan, item)
        here = where == shown
        href = f"#{_anchor(item.name)}" if here else _step_url(starts_on, where, item.name)
        problems.append(
            _Problem(
                label=_missing_label(item),
                message=str(MISSING_MESSAGES[item.field]),
                field=item.name,
                step=where,
                href=href,
                here=here,
            )
        )
    return problems


def _stored_missing(flow: _Flow, mine: CheckIn | None) -> tuple[steps.Missing, ...]:
    answers = list(mine.answers.all()) if mine is not None else []
    return steps.missing_answers(
        dimensions=flow.dimensions,
        featured=flow.featured,
        ratings={a.dimension: a.rating for a in answers},
        reflections={a.dimension: a.reflection for a in answers},
    )


def _field_error(form: CheckInForm, name: str, notes: dict[str, str]) -> str:
    if name in notes:
        return notes[name]
    return " ".join(str(e) for e in form.errors.get(name, [])) if form.is_bound else ""


def _render_step(
    request: HtmxHttpRequest,
    ctx: CoupleContext,
    starts_on: date,
    week: Week | None,
    flow: _Flow,
    step: steps.Step,
    form: CheckInForm,
    *,
    summary: dict[str, Any] | None = None,
    notes: dict[str, str] | None = None,
    focus: str = "",
    status: str = "",
    code: int = 200,
    read: Mapping[date, Week] | None = None,
) -> HttpResponse:
    """The check-in at ``step``: the whole page, or only the step for htmx. ``read``: this
    week and the one before, if already read with reactions (for step 1's follow-up)."""
    notes = notes or {}
    clock = selectors.clock_for(ctx.couple)
    prompts = selectors.prompts_of(week, ctx.couple, starts_on)
    visible = selectors.visible_week(ctx, starts_on, week)
    stored = {a.dimension: a for a in visible.mine.answers.all()} if visible.mine else {}
    parts = [
        {
            "dimension": dim,
            "label": Dimension(dim).label,
            "technical": TECHNICAL_NAMES[Dimension(dim)],
            "prompt": prompts[dim],
            "featured": dim == flow.featured,
            "step": steps.by_key(flow.plan, dim),
            "answer": stored.get(dim),
        }
        for dim in flow.dimensions
    ]
    index = step.number - 1
    context: dict[str, Any] = {
        "ctx": ctx,
        "form": form,
        "starts_on": starts_on,
        "visible": visible,
        "editing": visible.my_status == "submitted",
        "follow_up": selectors.follow_up(ctx, starts_on, read=read) if step.number == 1 else [],
        "closes_at": clock.closes_at(starts_on),
        "is_late": starts_on == clock.previous,
        "steps": [{"step": s, "name": _step_name(s)} for s in flow.plan],
        "step": step,
        "step_name": _step_name(step),
        "previous_step": flow.plan[index - 1] if index > 0 else None,
        "next_step": flow.plan[index + 1] if index + 1 < len(flow.plan) else None,
        "parts": parts,
        "featured": next(p for p in parts if p["featured"]),
        "summary": summary,
        "focus": focus,
        "status": status,
    }
    if step.kind is steps.Kind.RATINGS:
        context["ratings"] = [
            p
            | {
                "field": form[f"{p['dimension']}-rating"],
                "error": _field_error(form, f"{p['dimension']}-rating", notes),
            }
            for p in parts
        ]
    elif step.kind is steps.Kind.PART:
        part = next(p for p in parts if p["dimension"] == step.key)
        dim = step.key
        context["part"] = part | {
            "reflection": form[f"{dim}-reflection"],
            "reflection_error": _field_error(form, f"{dim}-reflection", notes),
            "need": form[f"{dim}-need"],
            "need_error": _field_error(form, f"{dim}-need", notes),
            "share": form[f"{dim}-share"] if flow.sharing else None,
        }
    else:
        context["finish_errors"] = {
            name: _field_error(form, name, notes) for name in ("appreciation", "private_note")
        }
    template = "checkins/checkin.html#step" if request.htmx else "checkins/checkin.html"
    return render(request, template, context, status=code)


def _closed(
    request: HtmxHttpRequest, ctx: CoupleContext, starts_on: date, status: int
) -> HttpResponse:
    return render(
        request, "checkins/closed.html", {"ctx": ctx, "starts_on": starts_on}, status=status
    )


FINAL_MESSAGE = gettext_lazy(
    "You have both checked in, so your answers are final now. Nothing more was changed."
)


def _paused(
    request: HtmxHttpRequest, ctx: CoupleContext, starts_on: date, status: int
) -> HttpResponse:
    """Check-ins are paused: the same page for both partners, never naming who paused."""
    if request.htmx and status != 200:
        return HttpResponseClientRedirect(reverse("checkins:checkin", args=[starts_on.isoformat()]))
    context = {
        "ctx": ctx,
        "starts_on": starts_on,
        "paused_by_me": paused_by(couple=ctx.couple, user=ctx.me.user),
    }
    return render(request, "checkins/paused.html", context, status=status)


def _final(request: HtmxHttpRequest, starts_on: date) -> HttpResponse:
    """A change that arrived after the reveal: refused, and said so."""
    if request.htmx:
        messages.info(request, FINAL_MESSAGE)
        return HttpResponseClientRedirect(reverse("checkins:week", args=[starts_on.isoformat()]))
    return render(request, "checkins/final.html", {"starts_on": starts_on}, status=409)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """The check-in, one step at a time (``?step=2``; no step is step 1).

    A submitted check-in opens again for changes until the week is revealed; after that
    it is final, and a GET goes to the week's page.
    """
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    # Step 1 shows the follow-up of the week before: then both weeks in the same queries.
    first = request.method != "POST" and steps.names_first(request.GET.get("step", ""))
    dates = [starts_on, weeks.previous_week(starts_on)] if first else [starts_on]
    read = selectors.weeks_on(ctx, dates, reactions=first)
    found = read.get(starts_on)
    mine = found.checkin_of(ctx.me) if found else None
    if found is not None and found.is_revealed:
        if request.method == "POST":
            return _final(request, starts_on)
        return redirect("checkins:week", week)
    if not selectors.clock_for(ctx.couple).is_open(starts_on):
        if request.method == "POST":
            return _closed(request, ctx, starts_on, status=409)
        if mine is not None and mine.is_submitted:
            return redirect("checkins:week", week)
        return _closed(request, ctx, starts_on, status=200)
    if ctx.couple.is_paused:
        return _paused(request, ctx, starts_on, status=409 if request.method == "POST" else 200)
    flow = _flow(ctx, starts_on)
    if request.method == "POST":
        return _post_checkin(request, ctx, starts_on, found, flow)
    if mine is not None and mine.is_skipped:
        has_draft = bool(mine.appreciation or mine.private_note or list(mine.answers.all()))
        context = {"ctx": ctx, "starts_on": starts_on, "has_draft": has_draft}
        return render(request, "checkins/skipped.html", context)
    step = steps.by_number(flow.plan, request.GET.get("step", ""))
    form = flow.form(step, initial=initial_from(mine))
    # ?missing=<field>, from the error summary: say what each missing answer of this step
    # needs, and put the cursor on the one asked for.
    asked = request.GET.get("missing", "")
    notes = (
        {
            m.name: str(MISSING_MESSAGES[m.field])
            for m in _stored_missing(flow, mine)
            if steps.step_of(flow.plan, m) == step
        }
        if asked
        else {}
    )
    focus = asked if asked in notes else ""
    return _render_step(
        request, ctx, starts_on, found, flow, step, form, notes=notes, focus=focus,
        read=read if first else None,
    )  # fmt: skip


def _posted_step(flow: _Flow, key: str) -> steps.Step | None:
    """The step whose fields a POST carries. No key: a form from before the steps, with
    every field (``None``). A key that names no step (a part turned off since the page
    was shown) carries nothing, so nothing of it is saved over what is stored."""
    if not key:
        return None
    return steps.by_key(flow.plan, key) or steps.Step(0, key, steps.Kind.PART)


def _post_checkin(
    request: HtmxHttpRequest,
    ctx: CoupleContext,
    starts_on: date,
    found: Week | None,
    flow: _Flow,
) -> HttpResponse:
    """Save the step's fields, then submit or go to another step (post/redirect/get, or
    the next step's fragment for htmx)."""
    key = request.POST.get("step", "")
    posted = _posted_step(flow, key)
    # The step to show again on a problem: the one posted, or for a form from before the
    # steps (every field at once, submitted from its end) the last one.
    shown = steps.by_key(flow.plan, key) or flow.plan[0 if key else -1]
    form = flow.form(posted, request.POST)
    if not form.is_valid():
        summary = {
            "title": _("Not saved yet"),
            "intro": _("Everything you typed is still here. Please look at:"),
            "problems": _problems(flow, starts_on, shown, form=form),
        }
        return _render_step(
            request, ctx, starts_on, found, flow, shown, form, summary=summary, code=422
        )
    data = form.to_data()
    try:
        if request.POST.get("action") == "submit":
            result = services.checkin_submit(ctx=ctx, starts_on=starts_on, data=data)
            if result.submitted:
                messages.success(request, _submitted_message(ctx, result))
                return _redirect(request, reverse("checkins:week", args=[starts_on.isoformat()]))
            summary = {
                "title": _("Your check-in isn't submitted yet"),
                "intro": _("Everything you wrote is saved. To submit, please answer:"),
                "problems": _problems(flow, starts_on, shown, missing=result.missing),
            }
            found = selectors.week_of(ctx, starts_on)
            return _render_step(
                request, ctx, starts_on, found, flow, shown, form, summary=summary, code=422
            )
        services.checkin_save_draft(ctx=ctx, starts_on=starts_on, data=data)
    except services.CheckInFinal:
        return _final(request, starts_on)
    except services.WeekClosed:
        return _closed(request, ctx, starts_on, status=409)
    except services.Paused:
        return _paused(request, ctx, starts_on, status=409)
    except services.Incomplete as refused:
        notes = {m.name: str(KEEP_MESSAGE) for m in refused.missing}
        summary = {
            "title": _("Not saved yet"),
            "intro": _("Everything you typed is still here. Please look at:"),
            "problems": [
                p
                for p in _problems(flow, starts_on, shown, missing=refused.missing)
                if p.field in notes
            ],
        }
        return _render_step(
            request,
            ctx,
            starts_on,
            found,
            flow,
            shown,
            form,
            summary=summary,
            notes=notes,
            code=422,
        )
    go = request.POST.get("go", "")
    target = steps.by_number(flow.plan, go) if go.isdigit() else shown
    asked = request.POST.get("missing", "")
    if not FIELD_NAME.fullmatch(asked):
        # Only a field's name goes on into the step's address: any other value (70,000
        # characters made the redirect a 400 after the draft was saved) is dropped.
        asked = ""
    if not request.htmx:
        messages.success(request, _saved_message(ctx))
        return redirect(_step_url(starts_on, target, asked))
    found = selectors.week_of(ctx, starts_on)
    mine = found.checkin_of(ctx.me) if found else None
    notes = {
        m.name: str(MISSING_MESSAGES[m.field])
        for m in _stored_missing(flow, mine)
        if asked and steps.step_of(flow.plan, m) == target
    }
    response = _render_step(
        request,
        ctx,
        starts_on,
        found,
        flow,
        target,
        flow.form(target, initial=initial_from(mine)),
        notes=notes,
        focus=asked if asked in notes else "",
        status=_saved_message(ctx),
    )
    if target != shown or asked:
        push_url(response, _step_url(starts_on, target, asked))
    return response


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """Go to ``url``: a plain redirect, or a whole-page one for htmx."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _saved_message(ctx: CoupleContext) -> str:
    now = timezone.localtime(timezone.now(), selectors.clock_for(ctx.couple).tz)
    return _("Saved at %(time)s") % {"time": time_format(now, "H:i")}


def _submitted_message(ctx: CoupleContext, result: services.SubmitResult) -> str:
    partner = ctx.partner.name if ctx.partner else ""
    if result.revealed:
        return _("Submitted. You have both checked in, so here is your week together.")
    if not result.first_time:
        return _(
            "Your changes are saved. %(name)s will see your answers once they have checked "
            "in too, and won't be told you changed them."
        ) % {"name": partner}
    return _(
        "Submitted. %(name)s will see your answers once they have checked in too. "
        "Until then, you can still change them."
    ) % {"name": partner}


@login_required
@require_POST
def autosave(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """The htmx autosave: saves the fields of the step it comes from (every field when no
    step is named) and answers with the status line only."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    flow = _flow(ctx, starts_on)
    form = flow.form(_posted_step(flow, request.POST.get("step", "")), request.POST)
    status, code = _saved_message(ctx), 200
    if not form.is_valid():
        status, code = _("Not saved yet: please fix the highlighted limits."), 422
    else:
        try:
            services.checkin_save_draft(ctx=ctx, starts_on=starts_on, data=form.to_data())
        except services.CheckInFinal:
            status, code = str(FINAL_MESSAGE), 409
        except services.Incomplete:
            status, code = (
                _(
                    "Not saved yet: you have already checked in, so this week's question "
                    "can be changed but not emptied."
                ),
                422,
            )
        except services.WeekClosed:
            status, code = _("This week is closed: nothing more was saved."), 409
        except services.Paused:
            status, code = _("Check-ins are paused: nothing more was saved."), 409
    return render(request, "checkins/checkin.html#save_status", {"status": status}, status=code)


@login_required
@require_safe
@vary_on_headers("HX-Request")
def week_view(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    recent = selectors.recent_weeks(ctx, starts_on, reactions=True)
    found = recent[0] if recent and recent[0].starts_on == starts_on else None
    clock = selectors.clock_for(ctx.couple)
    visible = selectors.visible_week(ctx, starts_on, found)
    context: dict[str, Any] = {
        "ctx": ctx,
        "starts_on": starts_on,
        "visible": visible,
        "is_open": clock.is_open(starts_on),
        "week_state": str(clock.state(starts_on)),
        "nav": selectors.week_nav(clock, starts_on),
        "sharing_active": counsellor_sharing_active(ctx),
        "paused_by_me": paused_by(couple=ctx.couple, user=ctx.me.user),
    }
    context |= email_offers(
        ctx=ctx,
        week=starts_on,
        submitted=visible.my_status == "submitted",
        partner_submitted=visible.partner_submitted,
        is_open=context["is_open"],
    )
    if visible.revealed and visible.mine and visible.partners:
        reveal = comparison.reveal(
            ctx,
            recent,
            mine=visible.mine,
            theirs=visible.partners,
            prompts=selectors.prompts_of(found, ctx.couple, starts_on),
        )
        context |= {"reveal": reveal, "rows": reveal.rows, "flags": reveal.flags}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "checkins/week.html#week", context)
    return render(request, "checkins/week.html", context)


@login_required
@require_POST
def skip(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """Skip my check-in of an open week: no reminders for it, nothing said to my partner."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    try:
        services.checkin_skip(ctx=ctx, starts_on=starts_on)
    except services.AlreadySubmitted:
        messages.info(
            request, _("You have already checked in this week, so there is nothing to skip.")
        )
        return redirect("checkins:week", week)
    except services.CheckInFinal:
        return _final(request, starts_on)
    except services.WeekClosed:
        return _closed(request, ctx, starts_on, status=409)
    except services.Paused:
        return _paused(request, ctx, starts_on, status=409)
    messages.success(
        request,
        _("You're skipping this week. No reminders, and nothing is said to your partner."),
    )
    return redirect("home")


@login_required
@require_POST
def unskip(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """Undo skipping an open week: the check-in, and any draft, are back as they were."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    try:
        services.checkin_unskip(ctx=ctx, starts_on=starts_on)
    except services.WeekClosed:
        return _closed(request, ctx, starts_on, status=409)
    except services.Paused:
        return _paused(request, ctx, starts_on, status=409)
    return redirect("checkins:checkin", week)


@login_required
@require_POST
def share(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """Turn sharing with the counsellor on or off for one of my answers, or for every answer
    of my submitted check-in (``whole_week``)."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    share = request.POST.get("share") == "on"
    try:
        return _share(request, ctx, starts_on, week, share)
    except services.Paused:
        messages.info(
            request,
            _(
                "Check-ins are paused, so nothing new is shared with a counsellor until they resume."
            ),
        )
        return _redirect(request, reverse("checkins:week", args=[week]))


def _share(
    request: HtmxHttpRequest, ctx: CoupleContext, starts_on: date, week: str, share: bool
) -> HttpResponse:
    if "whole_week" in request.POST:
        if services.checkin_set_sharing(ctx=ctx, starts_on=starts_on, share=share) is None:
            raise Http404("No submitted check-in")
        messages.success(
            request,
            _("This week's answers are shared with your counsellor (while you both consent).")
            if share
            else _("This week's answers are no longer shared with any counsellor."),
        )
        return redirect("checkins:week", week)
    dimension = request.POST.get("dimension", "")
    if dimension not in Dimension.values:
        # Only a part's name can name an answer; anything else (a NUL byte, which
        # PostgreSQL refuses in a query, was a 500) names none.
        raise Http404("No such answer")
    answer = services.answer_set_sharing(
        ctx=ctx, starts_on=starts_on, dimension=dimension, share=share
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
    # A page of weeks at a time ("Older weeks" is a plain link: ``?before=<week>``), so a
    # phone gets a season of cards, not two years of them.
    before = request.GET.get("before")
    page = selectors.history_rows(
        ctx,
        before=selectors.parse_week(ctx, before) if before is not None else None,
        per_page=selectors.JOURNAL_PAGE_WEEKS,
    )
    if not page.rows:
        raise Http404("No weeks before that one")
    context = {
        "ctx": ctx,
        "rows": page.rows,
        "page": page,
        "has_past": selectors.has_past_checkins(request.user),
    }
    return render(request, "checkins/history.html", context)


@login_required
@require_safe
def questions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every question the couple has been asked, week by week or (``?by=part``) part by part."""
    ctx = couple_or_404(request.user, paired=True)
    by_part = request.GET.get("by") == "part"
    asked = selectors.past_questions(ctx)
    context = {
        "ctx": ctx,
        "by_part": by_part,
        "weeks": asked,
        "parts": selectors.questions_by_part(asked) if by_part else [],
    }
    return render(request, "checkins/questions.html", context)


@login_required
@require_safe
def past(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My own answers from couples that have ended: mine to read, nobody else's."""
    return render(
        request, "checkins/past.html", {"checkins": selectors.own_past_checkins(request.user)}
    )


@login_required
@require_POST
def react(request: AuthenticatedHttpRequest, week: str) -> HttpResponse:
    """React to one of my partner's revealed answers, change the reaction, or remove it
    (``kind`` empty). htmx gets the reaction buttons back; without JavaScript, the week."""
    ctx = couple_or_404(request.user, paired=True)
    starts_on = selectors.parse_week(ctx, week)
    part, kind = request.POST.get("part", ""), request.POST.get("kind", "")
    try:
        reaction = services.reaction_set(ctx=ctx, starts_on=starts_on, part=part, kind=kind)
    except services.Paused:
        messages.info(request, _("Check-ins are paused, so reactions wait until they resume."))
        return _redirect(request, reverse("checkins:week", args=[week]))
    except services.ReactionRefused as refused:
        if refused.reason == services.ReactionRefusal.BAD_KIND:
            return HttpResponseBadRequest(_("That reaction is not one this answer can have."))
        raise Http404("No such answer to react to") from None
    assert ctx.partner is not None
    slot = comparison.reaction_slot(
        part=part,
        reacted=reaction.kind if reaction else "",
        editable=True,
        partner_name=ctx.partner.name,
    )
    if request.htmx:
        context = {"slot": slot, "starts_on": starts_on, "ctx": ctx}
        return render(request, "checkins/week.html#reaction", context)
    if reaction is None:
        messages.success(request, _("Your reaction is removed."))
    else:
        messages.success(
            request, _("You reacted: %(reaction)s.") % {"reaction": slot.reacted_label}
        )
    return redirect(reverse("checkins:week", args=[week]) + f"#{slot.dom_id}")
