"""The emails a person can turn off: what each says, worked out when it is sent.

A task names people, a couple and a week by id; everything the email says is read here, at
sending time, so nothing anyone wrote ever passes through the task queue, and an email
that no longer applies (turned off, already checked in, couple ended) is not sent, and
nothing at all is sent about a paused couple, nor a reminder for a week its person skipped. No
email here quotes a check-in: only names, dates and links.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts import languages
from accounts.models import User
from accounts.scoping import CoupleContext, couple_for
from accounts.selectors import seat_in
from checkins.selectors import clock_for
from intimacy.notify import render_message
from notifications import unsubscribe
from notifications.kinds import TEMPLATE, Kind
from notifications.selectors import has_skipped, has_submitted, preferences_of


def _week_url(name: str, week: date) -> str:
    return reverse(name, args=[week.isoformat()])


def _about_the_couple(kind: Kind, ctx: CoupleContext, week: date | None) -> dict[str, Any] | None:
    """What an email about the current couple says, or None when it no longer applies."""
    partner = ctx.partner.name if ctx.partner is not None else ""
    clock = clock_for(ctx.couple)
    if kind in (Kind.REMINDER, Kind.LAST_CALL, Kind.NUDGE):
        assert week is not None
        if not clock.is_open(week) or has_submitted(ctx=ctx, seat=ctx.me, week=week):
            return None
        if has_skipped(ctx=ctx, seat=ctx.me, week=week):
            return None  # they chose to skip it: no reminder, and no nudge either
        return {
            "partner": partner,
            "link": _week_url("checkins:checkin", week),
            # The last moment it takes answers, so "until the end of Sunday" reads right.
            "open_until": clock.closes_at(week) - timedelta(seconds=1),
            "starts_on": week,
        }
    if kind == Kind.PARTNER_CHECKED_IN:
        assert week is not None
        if has_skipped(ctx=ctx, seat=ctx.me, week=week):
            return None  # "your turn" would be a reminder of a week they skipped
        return {"name": partner, "link": _week_url("checkins:checkin", week)}
    if kind == Kind.WEEK_READY:
        assert week is not None
        return {"name": partner, "link": _week_url("checkins:week", week)}
    if kind == Kind.PARTNER_JOINED:
        return {"name": partner, "link": reverse("home")}
    raise ValueError(kind)


def _context(
    kind: Kind, recipient: User, couple_id: int, week: date | None, actor_id: int | None
) -> tuple[dict[str, Any], str] | None:
    """What the email says and the couple's time zone; None when it no longer applies."""
    if kind == Kind.UNPAIRED:
        # The couple has ended: the recipient's seat in it is a past one.
        seat = seat_in(user=recipient, couple_id=couple_id)
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
        if seat is None or actor is None or seat.couple.is_paused:
            return None
        return {"name": actor.display_name}, seat.couple.time_zone
    ctx = couple_for(recipient)
    if ctx is None or ctx.couple.pk != couple_id or ctx.partner is None:
        return None
    if actor_id is not None and ctx.partner.user_id != actor_id:
        return None  # the person who caused it is no longer the partner
    if ctx.couple.is_paused:
        return None  # paused since it was queued: nothing goes to either partner
    said = _about_the_couple(kind, ctx, week)
    return None if said is None else (said, ctx.couple.time_zone)


def deliver(
    *,
    kind: Kind,
    recipient_id: int,
    couple_id: int,
    week: date | None,
    actor_id: int | None,
    site: str,
) -> str:
    """Send one email if it still applies; say what happened (the task's result)."""
    recipient = User.objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None:
        return "skipped: no such person"
    preferences = preferences_of(user=recipient)
    if not preferences.wants(kind):
        return "skipped: turned off"
    found = _context(kind, recipient, couple_id, week, actor_id)
    if found is None:
        return "skipped: no longer applies"
    context, couple_tz = found
    token = unsubscribe.make_token(user_id=recipient.pk, kind=kind)
    unsubscribe_url = site + reverse("notifications:unsubscribe", args=[token])
    context |= {
        "site_url": site,
        "unsubscribe_url": unsubscribe_url,
        "settings_url": site + reverse("notifications:settings"),
    }
    with timezone.override(ZoneInfo(preferences.time_zone or couple_tz)):
        message = render_message(
            to=recipient.email,
            # The recipient's language, never the one active where the task runs (in the
            # request that queued it, with the immediate backend): else the site's.
            language=languages.stored(recipient) or settings.LANGUAGE_CODE,
            template=TEMPLATE[kind],
            context=context,
            headers={
                # RFC 8058: a mail program may unsubscribe with one POST to this address.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
    message.send()
    return "sent"
