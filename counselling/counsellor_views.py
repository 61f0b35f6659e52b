"""What a counsellor sees: accepting an invitation, a dashboard of the couples sharing with
them, and each couple's summary. Every page with couple data goes through
``scoping.counsellor_access_or_404`` and writes an access-log entry in the same transaction
as its reads."""

from __future__ import annotations

import functools
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import invites
from accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from counselling import scoping, selectors, services
from counselling import summary as summaries
from counselling.state import ConsentState, consent_state


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
    """The counsellor's home: their two-factor status, the couples sharing with them (a
    summary row each, logged, once two-factor is on) and the couples connected but not
    sharing now (names only)."""
    mfa_enabled = is_mfa_enabled(request.user)
    sharing, waiting = [], []
    for state in map(consent_state, selectors.counsellor_accesses(user=request.user)):
        if not state.active:
            waiting.append(ended_context(state) | {"access_id": state.access.pk})
        elif mfa_enabled:
            overview = summaries.overview(state)
            services.log_view(state=state, page="dashboard", weeks_to=overview.last_week)
            sharing.append(overview)
        else:  # no data before two-factor: the names they were invited by, nothing more
            sharing.append(
                summaries.Overview(
                    access_id=state.access.pk,
                    names=selectors.partner_names(state.access),
                    last_week=None,
                    flags=[],
                )
            )
    context = {
        "rows": sharing,
        "waiting": waiting,
        "mfa_enabled": mfa_enabled,
    }
    return render(request, "counselling/dashboard.html", context)


def access_ended(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    """What a counsellor's page for a couple says once that couple's access has ended
    (withdrawn, expired, removed, the couple closed): plainly, with the names the counsellor
    already knew and no data. Anyone else's access id stays a 404."""
    state = selectors.own_access(user=request.user, access_id=access_id)
    if state is None or state.active:
        raise Http404("No access")
    return render(
        request,
        "counselling/access_ended.html",
        ended_context(state),
        status=403,
    )


def ended_context(state: ConsentState) -> dict[str, object]:
    """Why a counsellor sees nothing of this couple, in the words of ``_access_ended.html``."""
    if state.access.removed_at is not None or state.access.couple.closed_at is not None:
        why = "ended"
    elif (ended_on := state.ended_by_expiry) is not None:
        return {
            "names": selectors.partner_names(state.access),
            "why": "expired",
            "ended_on": ended_on,
        }
    elif selectors.was_ever_shared(state):
        why = "paused"
    else:
        # Before any sharing the counsellor knows only who invited them: the other
        # partner's name is theirs to share by consenting.
        return {"names": [state.access.invited_by.display_name], "why": "not_yet"}
    return {"names": selectors.partner_names(state.access), "why": why}


type CoupleDataView = Callable[[AuthenticatedHttpRequest, ConsentState], HttpResponse]


def couple_data(view: CoupleDataView) -> Callable[[AuthenticatedHttpRequest, int], HttpResponse]:
    """For a page that shows a couple's data: access first, locked until the transaction
    ends (the relation's own counsellor gets ``access_ended`` when it is not active, anyone
    else a 404), then two-factor: a counsellor opens no data until it is on."""

    @functools.wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
        try:
            state = scoping.counsellor_access_or_404(request.user, access_id, lock=True)
        except Http404:
            return access_ended(request, access_id)
        if not is_mfa_enabled(request.user):
            return redirect("counsellor:mfa_needed")
        return view(request, state)

    return wrapped


@login_required
@require_safe
@transaction.atomic
@couple_data
def summary(request: AuthenticatedHttpRequest, state: ConsentState) -> HttpResponse:
    every = request.GET.get("weeks") == "all"
    data = summaries.summary(state, detail=None if every else summaries.DETAIL_WEEKS)
    services.log_view(
        state=state, page="summary", weeks_from=data.weeks_from, weeks_to=data.weeks_to
    )
    context = {
        "state": state,
        "summary": data,
        "week_blocks": summaries.week_blocks(data.weeks, data.names),
        "every_week": every,
    }
    return render(request, "counselling/summary.html", context)


@login_required
@require_safe
@transaction.atomic
@couple_data
def summary_print(request: AuthenticatedHttpRequest, state: ConsentState) -> HttpResponse:
    """The summary as one or two A4 pages: no navigation, the couple's names, the span and
    the date printed. The same access rules as the summary, logged as its own page."""
    data = summaries.summary(state, printing=True)
    services.log_view(state=state, page="print", weeks_from=data.weeks_from, weeks_to=data.weeks_to)
    answer_weeks = summaries.printed_answer_weeks(
        data.weeks, every=request.GET.get("answers") == "all"
    )
    parts, rows = summaries.print_table(data.weeks)
    context = {
        "access_id": state.access.pk,
        "summary": data,
        "parts": parts,
        "rows": rows,
        "printed_on": timezone.now(),
        "answer_weeks": answer_weeks,
        "more_answer_weeks": sum(1 for w in data.weeks if w.shared) - len(answer_weeks),
    }
    return render(request, "counselling/summary_print.html", context)


@login_required
@require_safe
def summary_status(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    """Polled by an open summary page: nothing while access lasts; once it ends, a notice
    that replaces the couple's data on the counsellor's screen. Reads no couple data."""
    try:
        scoping.counsellor_access_or_404(request.user, access_id)
    except Http404:
        state = selectors.own_access(user=request.user, access_id=access_id)
        if state is None:
            raise
        return render(request, "counselling/_access_ended.html", ended_context(state))
    return HttpResponse(status=204)
