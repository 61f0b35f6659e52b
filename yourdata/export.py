"""What a person's export holds: everything that is theirs, and of their partner's only what
the app already shows them. Reads only, through the scoping helpers and selectors.

The export is made of plain dicts (JSON-ready once datetimes are encoded; see
``yourdata.export_stream``), built section by section. The long parts, the weeks of a couple
and its access log, are generators over ``QuerySet.iterator(chunk_size=...)``: each round
trip reads ``CHUNK`` rows and their prefetches (a fixed number of queries per chunk), so a
long history never sits in memory whole.

What each partner may see of a week is decided by ``checkins.selectors.visible_week`` (the
partner's check-in only once the week is revealed) over the weeks of
``Week.objects.with_checkins`` (``Answer.objects.shown()``: never a withheld answer), the
same reads as the week page. The partner's private note, drafts, withheld answers and
counsellor-sharing choices are never copied into a record: ``_partner_checkin`` names every
field it takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Field, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import change_log
from accounts.models import Couple, CoupleEvent, Membership, User
from accounts.scoping import CoupleContext, couple_for
from checkins import selectors as checkin_selectors
from checkins.catalog import Closeness, Dimension, FollowThrough, WarningSign
from checkins.models import Answer, CheckIn, Reaction, ReactionKind, Week
from counselling import selectors as counselling_selectors
from counselling.models import AccessLogEntry, Consent
from counselling.state import ConsentState
from notifications.models import EmailPreferences
from notifications.selectors import preferences_of

FORMAT = "twoway-export"
#: Bumped on any change to the fields or their vocabularies: the schema is strict
#: (yourdata/export_schema.json; docs/privacy.md, "Versions").
VERSION = 1
#: Rows read per round trip: weeks of a couple, check-ins of a past couple, log entries.
CHUNK = 26

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Record = dict[str, Any]


def _weekday(value: int | None) -> str | None:
    return None if value is None else WEEKDAYS[value]


# The account


def account(user: User, *, readable: bool = False) -> Record:
    """The person: names, addresses, when they joined, their second factors (kinds and
    dates only: never a secret or a recovery code)."""
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    factors = Authenticator.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "display_name": user.display_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "primary": a.primary, "verified": a.verified} for a in addresses
        ],
        "second_factors": [
            {"type": f.type, "added_at": f.created_at, "last_used_at": f.last_used_at}
            | ({"type_label": str(Authenticator.Type(f.type).label)} if readable else {})
            for f in factors
        ],
    }


NOTIFICATIONS = ("nudges", "partner_joined", "partner_checked_in", "week_ready", "partner_unpaired")


def _label(name: str) -> str:
    field = EmailPreferences._meta.get_field(name)
    assert isinstance(field, Field)
    return str(field.verbose_name)


def email_preferences(user: User, *, readable: bool = False) -> Record:
    """The person's email choices (the defaults when they never chose)."""
    prefs: EmailPreferences = preferences_of(user=user)
    record: Record = {
        "saved": not prefs._state.adding,
        "reminder_weekday": _weekday(prefs.remind_weekday),
        "reminder_hour": prefs.remind_hour if prefs.reminds else None,
        "time_zone": prefs.time_zone or None,
        "reminder_offer_answered_at": prefs.reminders_asked_at,
        "notifications": {name: bool(getattr(prefs, name)) for name in NOTIFICATIONS},
    }
    if readable:
        record["notification_labels"] = [
            (_label(name), bool(getattr(prefs, name))) for name in NOTIFICATIONS
        ]
    return record


def consent_records(user: User, *, readable: bool = False) -> list[Record]:
    """Every consent record the person made (grants, withdrawals, expiries), in any couple,
    oldest first, with the exact wording they agreed to."""
    records = (
        Consent.objects.filter(partner=user)
        .select_related("access__counsellor")
        .order_by("created_at", "pk")
    )
    return [
        {
            "at": c.created_at,
            "counsellor": c.access.counsellor.display_name,
            "decision": c.kind,
            "span": c.span or None,
            "ends_at": c.ends_at,
            "wording": c.wording,
        }
        | (
            {
                "decision_label": str(Consent.Kind(c.kind).label),
                "span_label": str(Consent.Span(c.span).label) if c.span else "",
            }
            if readable
            else {}
        )
        for c in records
    ]


# A couple


@dataclass(frozen=True)
class CoupleExport:
    """One couple the person was in: ``ctx`` for the open one (their partner's revealed
    weeks, its counsellors and log), ``None`` for one that ended (their own check-ins only,
    as the app shows them: see ``checkins.selectors.own_past_checkins``)."""

    seat: Membership
    ctx: CoupleContext | None

    @property
    def couple(self) -> Couple:
        return self.seat.couple


def couples_of(user: User) -> list[CoupleExport]:
    """The person's couples, oldest first: each they left (ended), then the open one."""
    past = (
        Membership.objects.filter(user=user, left_at__isnull=False)
        .select_related("couple")
        .order_by("joined_at", "pk")
    )
    found = [CoupleExport(seat=m, ctx=None) for m in past]
    ctx = couple_for(user)
    if ctx is not None:
        found.append(CoupleExport(seat=ctx.me, ctx=ctx))
    return found


def couple_head(item: CoupleExport, *, readable: bool = False) -> Record:
    """A couple's settings, the person's seat and choices, and (open couple) the partner's
    shown name, the change log and the counsellors."""
    couple, seat = item.couple, item.seat
    head: Record = {
        "current": item.ctx is not None,
        "started_at": couple.created_at,
        "ended_at": couple.closed_at,
        "time_zone": couple.time_zone,
        "week_starts_on": _weekday(couple.week_start_day),
        "you": {
            "seat": seat.seat,
            "shown_name": seat.name,
            "joined_at": seat.joined_at,
            "left_at": seat.left_at,
            "wants_affection_part": seat.wants_physical,
        },
        "partner": None,
        "change_log": [],
        "counsellors": [],
    }
    ctx = item.ctx
    if ctx is None:
        return head
    if ctx.partner is not None:
        head["partner"] = {"shown_name": ctx.partner.name, "joined_at": ctx.partner.joined_at}
    head["change_log"] = [
        _event(ctx, e, readable=readable) for e in ctx.couple.events.select_related("actor")
    ]
    head["counsellors"] = [
        _counsellor(ctx, state)
        for state in counselling_selectors.couple_counsellors(couple=ctx.couple)
    ]
    return head


def _who(ctx: CoupleContext, user_id: int | None) -> str | None:
    if user_id == ctx.me.user_id:
        return "you"
    if ctx.partner is not None and user_id == ctx.partner.user_id:
        return "partner"
    return None


def _event(ctx: CoupleContext, event: CoupleEvent, *, readable: bool) -> Record:
    who = _who(ctx, event.actor_id)
    record: Record = {
        "at": event.created_at,
        "who": who,
        "what": event.kind,
        "change": event.change,
        "detail": event.detail,
    }
    if readable:
        name = ctx.partner.name if who == "partner" and ctx.partner else str(_("Someone"))
        record["sentence"] = change_log.sentence(event, yours=who == "you", name=name)
    return record


def _decision(consent: Consent | None) -> Record | None:
    if consent is None:
        return None
    return {
        "decision": consent.kind,
        "at": consent.created_at,
        "span": consent.span or None,
        "ends_at": consent.ends_at,
    }


def _counsellor(ctx: CoupleContext, state: ConsentState) -> Record:
    """One counsellor as the Counselling page shows them: name, address, each partner's
    latest decision (the person's own records, with wording, are in ``consent_records``)."""
    access = state.access
    partner_id = ctx.partner.user_id if ctx.partner else None
    return {
        "name": access.counsellor.display_name,
        "email": access.counsellor.email,
        "since": access.created_at,
        "invited_by": _who(ctx, access.invited_by_id),
        "sharing_now": state.active,
        "sharing_ends_at": state.ends_at if state.active else None,
        "your_latest_decision": _decision(state.latest.get(ctx.me.user_id)),
        "partners_latest_decision": _decision(state.latest.get(partner_id) if partner_id else None),
    }


def access_log(item: CoupleExport) -> Iterator[Record]:
    """The open couple's whole access log, newest first, streamed (``couple_access_log_all``);
    nothing for a couple that ended (the app no longer shows it)."""
    if item.ctx is None:
        return
    entries: Iterator[AccessLogEntry] = counselling_selectors.couple_access_log_all(
        couple=item.ctx.couple
    )
    for entry in entries:
        yield {
            "counsellor": entry.counsellor.display_name,
            "counsellor_email": entry.counsellor.email,
            "viewed_at": entry.viewed_at,
            "page": entry.page,
            "weeks_from": entry.weeks_from,
            "weeks_to": entry.weeks_to,
        }


# Weeks


def _answer(answer: Answer, *, mine: bool, readable: bool) -> Record:
    record: Record = {
        "part": answer.dimension,
        "rating": answer.rating,
        "reflection": answer.reflection,
        "wish": answer.need,
    }
    if mine:
        record["shared_with_counsellor"] = answer.share_with_counsellor
        record["withheld"] = answer.withheld
    if readable:
        record["part_label"] = str(Dimension(answer.dimension).label)
        record["rating_label"] = str(Closeness(answer.rating).label) if answer.rating else ""
    return record


def _common(checkin: CheckIn, answers: list[Answer], *, mine: bool, readable: bool) -> Record:
    record: Record = {
        "submitted_at": checkin.submitted_at,
        "answers": [_answer(a, mine=mine, readable=readable) for a in answers],
        "appreciation": checkin.appreciation,
        "warning_signs": list(checkin.signs),
        "did_we_manage_it": checkin.follow_through or None,
    }
    if readable:
        record["sign_labels"] = [
            str(WarningSign(s).label) for s in checkin.signs if s in WarningSign.values
        ]
        record["did_we_manage_it_label"] = (
            str(FollowThrough(checkin.follow_through).label) if checkin.follow_through else ""
        )
    return record


def _my_checkin(checkin: CheckIn, *, readable: bool) -> Record:
    """All of my own check-in: drafts, the private note, and any answer set aside at the
    reveal (``withheld``: kept for me, shown to nobody)."""
    answers = sorted(
        [*checkin.answers.all(), *getattr(checkin, "withheld_answers", [])],
        key=lambda a: Dimension.values.index(a.dimension),
    )
    return {
        "status": "submitted" if checkin.is_submitted else "draft",
        "last_saved_at": checkin.updated_at,
        **_common(checkin, answers, mine=True, readable=readable),
        "private_note": checkin.private_note,
    }


def _partner_checkin(checkin: CheckIn, *, readable: bool) -> Record:
    """What the week page shows of the partner's revealed check-in, field by field: never
    their private note, their sharing choices or an answer withheld at the reveal."""
    answers = sorted(checkin.answers.all(), key=lambda a: Dimension.values.index(a.dimension))
    return _common(checkin, answers, mine=False, readable=readable)


def _reactions(
    visible: checkin_selectors.VisibleWeek, ctx: CoupleContext, *, readable: bool
) -> list[Record]:
    """Both partners' reactions of a revealed week, each on an answer the week still shows
    (the partner's to my answers, then mine to theirs)."""
    if visible.mine is None or visible.partners is None or ctx.partner is None:
        return []
    found = []
    for on, by, who in ((visible.mine, ctx.partner, "partner"), (visible.partners, ctx.me, "you")):
        shown = {a.dimension for a in on.answers.all()}
        for reaction in sorted(on.reactions.all(), key=lambda r: r.pk):
            split = Reaction.split(reaction.part)
            if reaction.by_id != by.pk or split is None or (split[1] and split[1] not in shown):
                continue
            record: Record = {
                "by": who,
                "on": reaction.part,
                "kind": reaction.kind,
                "at": reaction.updated_at,
            }
            if readable:
                record["kind_label"] = str(ReactionKind(reaction.kind).label)
                record["on_label"] = _part_label(reaction.part)
            found.append(record)
    return found


def _part_label(part: str) -> str:
    field, dimension = Reaction.split(part) or ("", "")
    if not dimension:
        return str(FIELD_LABELS["appreciation"])
    return f"{FIELD_LABELS[field]}: {Dimension(dimension).label}"


FIELD_LABELS = {
    "reflection": _("Reflection"),
    "need": _("What I'd love from you"),
    "appreciation": _("Appreciation"),
}


def _questions(couple: Couple, week: Week, parts: set[str]) -> dict[str, str]:
    prompts = checkin_selectors.prompts_of(week, couple, week.starts_on)
    return {
        dim: str(prompt.text)
        for dim in Dimension.values
        if dim in parts and (prompt := prompts.get(dim)) is not None
    }


def week_record(ctx: CoupleContext, week: Week, *, readable: bool = False) -> Record:
    """One week of the open couple, as ``visible_week`` lets ``ctx.me`` see it."""
    visible = checkin_selectors.visible_week(ctx, week.starts_on, week)
    mine = _my_checkin(visible.mine, readable=readable) if visible.mine else None
    theirs = _partner_checkin(visible.partners, readable=readable) if visible.partners else None
    parts = {a["part"] for c in (mine, theirs) if c for a in c["answers"]}
    return {
        "week_of": week.starts_on,
        "revealed_at": week.revealed_at if visible.revealed else None,
        "questions": _questions(ctx.couple, week, parts),
        "yours": mine,
        "partners": theirs,
        "reactions": _reactions(visible, ctx, readable=readable),
    }


def _current_weeks(ctx: CoupleContext) -> Iterator[Week]:
    """The open couple's weeks in which I have a check-in (every revealed week is one),
    oldest first, with both check-ins, their shown answers and reactions (the week page's
    ``with_checkins``), and my own withheld answers: four queries per chunk, beside the one
    that reads the weeks."""
    mine_withheld = Answer.objects.filter(withheld=True, checkin__membership=ctx.me)
    return (
        Week.objects.for_couple(ctx.couple)
        .filter(checkins__membership=ctx.me)
        .with_checkins(reactions=True)
        .prefetch_related(
            Prefetch(
                "checkins__answers",
                queryset=mine_withheld.order_by("pk"),
                to_attr="withheld_answers",
            )
        )
        .order_by("starts_on")
        .iterator(chunk_size=CHUNK)
    )


def _past_record(checkin: CheckIn, *, readable: bool) -> Record:
    """One week of a couple that ended: my own check-in, nothing of the partner's."""
    parts = {a.dimension for a in checkin.answers.all()}
    return {
        "week_of": checkin.week.starts_on,
        "revealed_at": None,
        "questions": _questions(checkin.week.couple, checkin.week, parts),
        "yours": _my_checkin(checkin, readable=readable),
        "partners": None,
        "reactions": [],
    }


def _past_checkins(seat: Membership) -> Iterator[CheckIn]:
    """My own check-ins from a couple I left (``from_past_couples``), oldest first, every
    answer of them (mine, the withheld ones too): two queries per chunk."""
    return (
        CheckIn.objects.from_past_couples(seat.user)
        .filter(membership=seat)
        .select_related("week__couple")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("pk")))
        .order_by("week__starts_on")
        .iterator(chunk_size=CHUNK)
    )


def _forget(instance: Week | CheckIn) -> None:
    """Drop what the prefetches hung on ``instance`` (and on its prefetched check-ins).

    A prefetch makes reference cycles: the instance holds the queryset of its related rows,
    and each row points back to it. Cycles wait for a full garbage collection, so without
    this every chunk already written would stay in memory until one happens to run; with it,
    a chunk is freed by reference counting as soon as the next one is read."""
    prefetched: dict[str, Any] = vars(instance).get("_prefetched_objects_cache", {})
    for checkin in prefetched.get("checkins", ()):
        checkin.__dict__.pop("withheld_answers", None)
        vars(checkin).get("_prefetched_objects_cache", {}).clear()
    prefetched.clear()


def weeks(item: CoupleExport, *, readable: bool = False) -> Iterator[Record]:
    """Every week of a couple the person has a check-in in, oldest first, streamed."""
    ctx = item.ctx
    if ctx is None:
        for checkin in _past_checkins(item.seat):
            record = _past_record(checkin, readable=readable)
            _forget(checkin)
            yield record
        return
    for week in _current_weeks(ctx):
        record = week_record(ctx, week, readable=readable)
        _forget(week)
        yield record


# The whole export


@dataclass(frozen=True)
class Export:
    """Everything decided before the first byte goes out: who, which couples, when."""

    user: User
    couples: list[CoupleExport]
    generated_at: datetime
    time_zone: str

    @property
    def today(self) -> date:
        return timezone.localtime(self.generated_at, ZoneInfo(self.time_zone)).date()


def export_for(user: User) -> Export:
    """The person's export, scoped now (in the view, before the response starts)."""
    couples = couples_of(user)
    current = next((c for c in couples if c.ctx is not None), None)
    prefs = preferences_of(user=user)
    zone = prefs.time_zone or (current.couple.time_zone if current else "UTC")
    try:
        ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        zone = "UTC"  # a zone this server no longer knows: dates in UTC rather than an error
    return Export(user=user, couples=couples, generated_at=timezone.now(), time_zone=zone)


def head(export: Export, *, readable: bool = False) -> Record:
    """The first, short part of the export: everything but the couples."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": export.generated_at,
        "account": account(export.user, readable=readable),
        "email_preferences": email_preferences(export.user, readable=readable),
        "consent_records": consent_records(export.user, readable=readable),
    }
