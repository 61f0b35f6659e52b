"""Reads for check-ins. Every query is scoped to a couple from ``accounts.scoping``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import FETCH_RAISE, Case, F, ForeignKey, Model, Q, Value, When
from django.db.models.sql import Query
from django.http import Http404
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from accounts.scoping import CoupleContext
from checkins import comparison, steps, weeks
from checkins.catalog import CORE_DIMENSIONS, Closeness, Dimension, FollowThrough
from checkins.fields import opened, opened_at
from checkins.models import (
    APPRECIATION_PART,
    FOLLOW_UP_REACTIONS,
    PART_KINDS,
    Answer,
    CheckIn,
    Reaction,
    ReactionKind,
    Week,
    answer_rows,
    checkin_rows,
)
from checkins.prompts import Prompt, prompt_by_key, prompt_for
from intimacy import local_dates

# Week indexes count from a fixed Monday, so a couple's consecutive weeks get consecutive
# prompts whatever day their weeks start on.
PROMPT_EPOCH = date(2024, 1, 1)


def dimensions_for(ctx: CoupleContext) -> tuple[str, ...]:
    """The parts in this couple's check-in: the core ones, and affection only while both
    current partners chose it, each in their own settings (no query: ``ctx`` holds both
    seats). One partner's choice alone changes nothing anyone can see."""
    both_want = ctx.partner is not None and ctx.me.wants_physical and ctx.partner.wants_physical
    extra = (Dimension.PHYSICAL,) if both_want else ()
    return tuple(str(d) for d in (*CORE_DIMENSIONS, *extra))


@dataclass(frozen=True)
class Clock:
    """Where a couple is in time: the current week and whether a week takes answers."""

    couple: Couple
    now: datetime

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.couple.time_zone)

    @property
    def current(self) -> date:
        return weeks.current_week(self.now, self.tz, self.couple.week_start_day)

    @property
    def previous(self) -> date:
        return weeks.previous_week(self.current)

    @property
    def first(self) -> date:
        """The couple's first week: the one they began in."""
        return weeks.week_start_for(self.couple.created_at, self.tz, self.couple.week_start_day)

    def state(self, week: date) -> weeks.WeekState:
        return weeks.week_state(week, self.now, self.tz, self.couple.week_start_day)

    def is_open(self, week: date) -> bool:
        return self.state(week) in {weeks.WeekState.OPEN, weeks.WeekState.LATE}

    def closes_at(self, week: date) -> datetime:
        """When ``week`` stops taking answers (the end of the week after it)."""
        return weeks.week_bounds(weeks.next_week(week), self.tz)[1]


def clock_for(couple: Couple, now: datetime | None = None) -> Clock:
    return Clock(couple=couple, now=now or timezone.now())


def parse_week(ctx: CoupleContext, value: str) -> date:
    """A week start date from a URL, or 404 when it is no week of this couple's."""
    try:
        week = date.fromisoformat(value)
    except ValueError:
        raise Http404("Not a date") from None
    if not weeks.is_week_start(week, ctx.couple.week_start_day):
        raise Http404("Not a week start")
    clock = clock_for(ctx.couple)
    if week < clock.first:
        raise Http404("Before the couple began")
    # Nor after now: one week ahead is allowed, for a change of time zone that moved the
    # current week back by one (checkins.weeks). Anything further never was, and would
    # overflow the date arithmetic near date.max ("9999-12-27" + 7 days).
    if week > clock.current + timedelta(weeks=1):
        raise Http404("After this week")
    return week


def planned_prompts(couple: Couple, week: date) -> dict[str, str]:
    index = weeks.week_index(week, PROMPT_EPOCH)
    return {
        str(d): prompt_for(couple_seed=couple.pk, dimension=str(d), week_index=index).key
        for d in Dimension
    }


def featured_part(couple: Couple, starts_on: date, dimensions: Sequence[str]) -> str:
    """The part whose question is featured in the week of ``starts_on`` (see
    ``checkins.steps.featured_dimension``): computed, never stored."""
    return steps.featured_dimension(
        dimensions, couple_seed=couple.pk, week_index=weeks.week_index(starts_on, PROMPT_EPOCH)
    )


def prompts_of(week: Week | None, couple: Couple, starts_on: date) -> dict[str, Prompt | None]:
    """The week's prompts: stored ones once the week exists, else the planned ones."""
    stored = week.prompts if week is not None else {}
    found = {str(d): prompt_by_key(stored.get(str(d), "")) for d in Dimension}
    if all(found.values()):  # the usual case: no need to rank the catalogue for the plan
        return found
    return {
        dim: found[dim] or prompt_by_key(key)  # a retired key (or none yet): the planned one
        for dim, key in planned_prompts(couple, starts_on).items()
    }


def week_of(ctx: CoupleContext, starts_on: date, *, reactions: bool = False) -> Week | None:
    """The couple's week of ``starts_on`` with its check-ins, as ``with_rows`` attaches them."""
    return weeks_on(ctx, [starts_on], reactions=reactions).get(starts_on)


def weeks_on(
    ctx: CoupleContext, dates: Sequence[date], *, reactions: bool = False
) -> dict[date, Week]:
    """The couple's stored weeks among ``dates`` with their check-ins (``with_rows``), by
    start date: the check-in page reads its week and the one before in the same queries."""
    found = Week.objects.for_couple(ctx.couple).filter(starts_on__in=dates)
    rows = with_rows(list(found.fetch_mode(FETCH_RAISE)), reactions=reactions, seats=_seats(ctx))
    return {w.starts_on: w for w in rows}


@dataclass(frozen=True)
class Wish:
    """Something from last week's reveal, brought back at the top of this week's check-in.

    First the partner's "what I'd love from you" (``about == "need"``, ``mine`` False: the
    wishes "did we manage it?" asks about), each with the reaction I gave it if that was
    "I'll do that" or "Let's talk about this". Then any other answer of last week one of us
    asked to talk about: the partner's, which I marked "Let's talk about this" (``mine``
    False), or my own, which the partner marked so (``mine`` True). ``need`` holds the words
    of the answer, whichever it is.
    """

    dimension: str
    label: str
    need: str
    reaction: str = ""
    about: str = "need"  # "need", "reflection" or "appreciation"
    mine: bool = False

    @property
    def is_wish(self) -> bool:
        return self.about == "need" and not self.mine

    @property
    def reaction_label(self) -> str:
        return str(ReactionKind(self.reaction).label) if self.reaction else ""


def _parts(checkin: CheckIn) -> list[tuple[str, str, str]]:
    """(part, dimension, label) of every answer in ``checkin``, in the form's order."""
    parts = [
        (Reaction.part_of(field, a.dimension), a.dimension, str(a.get_dimension_display()))
        for a in checkin.answers.all()
        for field in PART_KINDS
    ]
    return [*parts, (APPRECIATION_PART, "", str(_("Appreciation")))]


def _talks(checkin: CheckIn | None, by: Membership | None, *, mine: bool) -> list[Wish]:
    """The answers of ``checkin`` that ``by`` asked to talk about."""
    if checkin is None:
        return []
    reactions = checkin.reactions_by(by)
    talks = []
    for part, dimension, label in _parts(checkin):
        reaction = reactions.get(part)
        if reaction is None or reaction.kind != ReactionKind.LETS_TALK:
            continue
        if part.startswith("need:") and not mine:
            continue  # the partner's wishes are listed already, with my reaction beside them
        text = checkin.text_of(part)
        if text.strip():
            about = part.partition(":")[0]
            talks.append(Wish(dimension, label, text, reaction.kind, about=about, mine=mine))
    return talks


def follow_up(
    ctx: CoupleContext, starts_on: date, *, read: Mapping[date, Week] | None = None
) -> list[Wish]:
    """What last week's reveal brings back to the week of ``starts_on`` (see ``Wish``): only
    once that week was revealed (never from a draft or a week still waiting for one of you).
    ``read``: ``weeks_on`` of both weeks with reactions, if the caller has it already."""
    previous = weeks.previous_week(starts_on)
    last = read.get(previous) if read is not None else week_of(ctx, previous, reactions=True)
    if last is None or not last.is_revealed:
        return []
    theirs, mine = last.checkin_of(ctx.partner), last.checkin_of(ctx.me)
    if theirs is None:
        return []
    my_reactions = theirs.reactions_by(ctx.me)
    wishes = []
    for a in theirs.answers.all():
        if not a.need.strip():
            continue
        reaction = my_reactions.get(Reaction.part_of("need", a.dimension))
        kind = reaction.kind if reaction and reaction.kind in FOLLOW_UP_REACTIONS else ""
        wishes.append(Wish(a.dimension, str(a.get_dimension_display()), a.need, kind))
    return [
        *wishes,
        *_talks(theirs, ctx.me, mine=False),
        *_talks(mine, ctx.partner, mine=True),
    ]


@dataclass(frozen=True)
class VisibleWeek:
    """What ``ctx.me`` may see of a week: always their own check-in, the partner's only
    once both have submitted (and never the partner's private note)."""

    starts_on: date
    week: Week | None
    mine: CheckIn | None
    partners: CheckIn | None
    partner_submitted: bool

    @property
    def revealed(self) -> bool:
        return self.week is not None and self.week.is_revealed

    @property
    def my_status(self) -> str:
        if self.mine is None:
            return "not_started"
        if self.mine.is_skipped:
            return "skipped"  # only ever shown to its author
        return "submitted" if self.mine.is_submitted else "draft"


def visible_week(ctx: CoupleContext, starts_on: date, week: Week | None) -> VisibleWeek:
    mine = week.checkin_of(ctx.me) if week else None
    theirs = week.checkin_of(ctx.partner) if week else None
    submitted = theirs is not None and theirs.is_submitted
    revealed = week is not None and week.is_revealed
    return VisibleWeek(
        starts_on=starts_on,
        week=week,
        mine=mine,
        partners=theirs if revealed else None,
        partner_submitted=submitted,
    )


def has_past_checkins(user: User) -> bool:
    return CheckIn.objects.from_past_couples(user).exists()


def own_past_checkins(user: User) -> list[CheckIn]:
    """A person's own check-ins from couples that have ended (never the partner's)."""
    return list(
        CheckIn.objects.from_past_couples(user)
        .select_related("week")
        .prefetch_related("answers")
        .order_by("-week__starts_on")
    )


def couple_weeks(clock: Clock, limit: int = 104) -> list[date]:
    """Every week from the current one back to the couple's first, newest first."""
    count = min(limit, weeks.week_index(clock.current, clock.first) + 1)
    return weeks.recent_weeks(clock.current, max(count, 1))


def weeks_counted(clock: Clock, dates: Sequence[date], weeks: Sequence[Week]) -> list[date]:
    """The weeks among ``dates`` that a completion line counts ("you both checked in N of
    M weeks"): every week that is over, and this week only once it is revealed."""
    current_revealed = any(w.starts_on == clock.current and w.is_revealed for w in weeks)
    return [d for d in dates if d != clock.current or current_revealed]


class JournalStatus(StrEnum):
    """Where a week of the journal stands, worded by ``templates/checkins/history.html``."""

    BOTH = "both"  # revealed: you both checked in
    WAITING_FOR_PARTNER = "waiting_for_partner"  # open; you have submitted
    WAITING_FOR_YOU = "waiting_for_you"  # open; your partner has submitted
    WAITING_FOR_BOTH = "waiting_for_both"  # open; neither has submitted
    PARTNER_SKIPPED = "partner_skipped"  # closed; only you checked in
    YOU_SKIPPED = "you_skipped"  # closed; only your partner checked in
    NEITHER = "neither"  # closed; neither of you checked in


def journal_status(*, revealed: bool, open_: bool, mine: bool, theirs: bool) -> JournalStatus:
    """A week's status from whether it is revealed or still open and who has submitted."""
    if revealed:
        return JournalStatus.BOTH
    if open_:
        if mine:
            return JournalStatus.WAITING_FOR_PARTNER
        return JournalStatus.WAITING_FOR_YOU if theirs else JournalStatus.WAITING_FOR_BOTH
    if mine:
        return JournalStatus.PARTNER_SKIPPED
    return JournalStatus.YOU_SKIPPED if theirs else JournalStatus.NEITHER


@dataclass(frozen=True)
class JournalPart:
    """One part of a week in the journal: its question, and both ratings once revealed."""

    dimension: str
    label: str
    prompt: Prompt | None
    mine: int | None = None
    theirs: int | None = None

    @property
    def my_word(self) -> str:
        return str(Closeness(self.mine).label) if self.mine else ""

    @property
    def their_word(self) -> str:
        return str(Closeness(self.theirs).label) if self.theirs else ""

    # For screen readers beside the pips, worded here rather than by a template tag per
    # rating (the journal's most repeated markup).
    @property
    def my_out_of(self) -> str:
        return gettext("(%(value)s out of 5)") % {"value": self.mine} if self.mine else ""

    @property
    def their_out_of(self) -> str:
        return gettext("(%(value)s out of 5)") % {"value": self.theirs} if self.theirs else ""


@dataclass(frozen=True)
class JournalWishes:
    """One partner's "what I'd love from you" of a revealed week, and the other's answer to
    next week's "Did we manage it?" (blank until it may be shown)."""

    wishes: tuple[Wish, ...]
    met: str = ""

    @property
    def met_label(self) -> str:
        return str(FollowThrough(self.met).label) if self.met else ""


@dataclass(frozen=True)
class JournalReaction:
    """A reaction one of you gave the other's answer in a revealed week, said for the card:
    what it was and which answer it was on (never the answer's words: the journal does not
    read reflections)."""

    kind: str
    about: str
    mine: bool  # I gave it (to my partner's answer)

    @property
    def label(self) -> str:
        return str(ReactionKind(self.kind).label)


def _reaction_about(part: str, *, mine: bool, name: str) -> str:
    """ "Sam, on your wish for Feeling close" or "You, on Sam's answer about Sharing ideas"."""
    field, dimension = Reaction.split(part) or ("", "")
    values = {"name": name, "part": str(Dimension(dimension).label) if dimension else ""}
    if field == APPRECIATION_PART:
        text = _("You, on %(name)s's appreciation") if mine else _("%(name)s, on yours")
    elif field == "need":
        text = (
            _("You, on %(name)s's wish for %(part)s")
            if mine
            else _("%(name)s, on your wish for %(part)s")
        )
    else:
        text = (
            _("You, on %(name)s's answer about %(part)s")
            if mine
            else _("%(name)s, on your answer about %(part)s")
        )
    return text % values


def _journal_reactions(
    ctx: CoupleContext, mine: CheckIn, theirs: CheckIn
) -> tuple[JournalReaction, ...]:
    """Both of your reactions of one revealed week: first the partner's to my answers, then
    mine to theirs, each in the order given; only on answers the week still shows."""
    assert ctx.partner is not None
    found = []
    for on, by, given_by_me in ((mine, ctx.partner, False), (theirs, ctx.me, True)):
        shown = {a.dimension for a in on.shown_answers}  # type: ignore[attr-defined]
        for reaction in on.shown_reactions:  # type: ignore[attr-defined]
            split = Reaction.split(reaction.part)
            if reaction.by_id != by.pk or split is None:
                continue
            if split[1] and split[1] not in shown:
                continue
            about = _reaction_about(reaction.part, mine=given_by_me, name=ctx.partner.name)
            found.append(JournalReaction(reaction.kind, about, given_by_me))
    return tuple(found)


@dataclass(frozen=True)
class JournalWeek:
    """A card of the shared journal: what ``ctx.me`` may see of one week.

    Unrevealed weeks carry only the questions and who has submitted: no rating, wish or
    appreciation of either partner. No private note is ever read."""

    starts_on: date
    status: JournalStatus
    is_open: bool
    my_status: str  # "submitted", "draft" or "not_started", as VisibleWeek.my_status
    parts: tuple[JournalPart, ...]
    my_appreciation: str = ""
    their_appreciation: str = ""
    my_wishes: JournalWishes | None = None
    their_wishes: JournalWishes | None = None
    reactions: tuple[JournalReaction, ...] = ()

    @property
    def revealed(self) -> bool:
        return self.status == JournalStatus.BOTH

    @property
    def iso(self) -> str:
        return self.starts_on.isoformat()

    @property
    def long_date(self) -> str:
        """ "3 November 2026", as the template's ``|date:"j F Y"`` writes it."""
        return date_filter(self.starts_on, "j F Y")

    @property
    def rated_parts(self) -> tuple[JournalPart, ...]:
        return tuple(p for p in self.parts if p.mine or p.theirs)


def _journal_weeks(couple: Couple, dates: Sequence[date]) -> dict[date, Week]:
    """The stored weeks among ``dates`` with only what the journal prints: the prompts, who
    submitted, next week's "Did we manage it?", and (of revealed weeks only) ratings, wishes,
    appreciations and reactions. Reflections and private notes are never read: any other
    field is unloaded and raises ``FieldFetchBlocked`` if something asks for it. Four
    queries, the rows put in place here (``journal_checkins``, ``shown_answers``,
    ``shown_reactions``) rather than by ``prefetch_related``, which clones a queryset per
    week and per check-in."""
    found = list(
        Week.objects.for_couple(couple)
        .filter(starts_on__in=dates)
        .only("id", "starts_on", "prompts", "revealed_at")
        .fetch_mode(FETCH_RAISE)
    )
    if not found:
        return {}
    checkins = list(
        CheckIn.objects.filter(week_id__in=[w.pk for w in found])
        .only("id", "week_id", "membership_id", "submitted_at", "follow_through")
        .annotate(
            shown_appreciation=Case(
                When(Q(week__revealed_at__isnull=False), then=F("appreciation")),
                default=Value(""),
                output_field=CheckIn._meta.get_field("appreciation"),
            )
        )
        .fetch_mode(FETCH_RAISE)
    )
    revealed = {w.pk for w in found if w.is_revealed}
    ids = [c.pk for c in checkins if c.week_id in revealed]  # only revealed weeks' answers
    answers = (
        Answer.objects.shown()
        .filter(checkin_id__in=ids)
        .only("id", "checkin_id", "dimension", "rating", "need")
        .order_by("pk")
        .fetch_mode(FETCH_RAISE)
    )
    reactions = (
        Reaction.objects.filter(checkin_id__in=ids)
        .only("id", "checkin_id", "by_id", "part", "kind")
        .order_by("pk")
        .fetch_mode(FETCH_RAISE)
    )
    _put(checkins, list(answers), "checkin_id", "shown_answers")  # no query for no ids
    _put(checkins, list(reactions), "checkin_id", "shown_reactions")
    _put(found, checkins, "week_id", "journal_checkins")
    return {w.starts_on: w for w in found}


def _put(parents: Sequence[Model], children: list[Any], fk: str, to_attr: str) -> None:
    """Each parent's ``children`` (in their order) as the list ``to_attr``, as
    ``Prefetch(..., to_attr=...)`` leaves them."""
    by_parent = _grouped(parents, children, fk)
    for parent in parents:
        setattr(parent, to_attr, by_parent[parent.pk])


def _grouped(parents: Sequence[Model], children: list[Any], fk: str) -> dict[int, list[Any]]:
    """``children`` by the parent their ``fk`` column names, in order; every parent listed."""
    by_parent: dict[int, list[Any]] = {p.pk: [] for p in parents}
    for child in children:
        by_parent[getattr(child, fk)].append(child)
    return by_parent


def _by_membership(week: Week | None) -> dict[int, CheckIn]:
    return {c.membership_id: c for c in getattr(week, "journal_checkins", [])}


def _submitted(checkin: CheckIn | None) -> bool:
    return checkin is not None and checkin.is_submitted


def _wishes(checkin: CheckIn, met: str) -> JournalWishes | None:
    wishes = tuple(
        Wish(dimension=a.dimension, label=str(Dimension(a.dimension).label), need=a.need)
        for a in checkin.shown_answers  # type: ignore[attr-defined]
        if a.need.strip()
    )
    return JournalWishes(wishes=wishes, met=met) if wishes else None


def _journal_week(
    ctx: CoupleContext,
    clock: Clock,
    starts_on: date,
    week: Week | None,
    following: Week | None,
    dimensions: Sequence[str],
) -> JournalWeek:
    assert ctx.partner is not None, "the journal needs a paired couple"
    checkins = _by_membership(week)
    mine, theirs = checkins.get(ctx.me.pk), checkins.get(ctx.partner.pk)
    revealed = week is not None and week.is_revealed
    status = journal_status(
        revealed=revealed,
        open_=clock.is_open(starts_on),
        mine=_submitted(mine),
        theirs=_submitted(theirs),
    )
    prompts = prompts_of(week, ctx.couple, starts_on)
    my_status = "not_started" if mine is None else ("submitted" if mine.is_submitted else "draft")
    if not revealed or mine is None or theirs is None:
        parts = tuple(
            JournalPart(dimension=d, label=str(Dimension(d).label), prompt=prompts[d])
            for d in dimensions
        )
        return JournalWeek(
            starts_on=starts_on,
            status=status,
            is_open=clock.is_open(starts_on),
            my_status=my_status,
            parts=parts,
        )
    ratings = {
        who: {a.dimension: a.rating for a in c.shown_answers}  # type: ignore[attr-defined]
        for who, c in (("mine", mine), ("theirs", theirs))
    }
    answered = set(ratings["mine"]) | set(ratings["theirs"])
    parts = tuple(
        JournalPart(
            dimension=d,
            label=str(Dimension(d).label),
            prompt=prompts[d],
            mine=ratings["mine"].get(d),
            theirs=ratings["theirs"].get(d),
        )
        for d in Dimension.values
        if d in answered
    )
    # "Did we manage it?" is asked the week after, of the partner the wish was for. My own
    # submitted answer is mine to see; my partner's only once that week is revealed too.
    after = _by_membership(following)
    my_answer, their_answer = after.get(ctx.me.pk), after.get(ctx.partner.pk)
    i_met = my_answer.follow_through if _submitted(my_answer) and my_answer else ""
    they_met = (
        their_answer.follow_through
        if their_answer and following is not None and following.is_revealed
        else ""
    )
    return JournalWeek(
        starts_on=starts_on,
        status=status,
        is_open=clock.is_open(starts_on),
        my_status=my_status,
        parts=parts,
        my_appreciation=opened(mine, "appreciation", mine.shown_appreciation),  # type: ignore[attr-defined]
        their_appreciation=opened(theirs, "appreciation", theirs.shown_appreciation),  # type: ignore[attr-defined]
        my_wishes=_wishes(mine, they_met),
        their_wishes=_wishes(theirs, i_met),
        reactions=_journal_reactions(ctx, mine, theirs),
    )


# Weeks per page of the journal: a season, so a phone gets one page of cards, not a year.
JOURNAL_PAGE_WEEKS = 13


@dataclass(frozen=True)
class JournalPage:
    """One page of the journal: its weeks, newest first, and the ``?before=`` values of the
    newer and older pages (``newer`` is ``""`` for the latest page; ``None``: no such page)."""

    rows: list[JournalWeek]
    newer: str | None
    older: str | None


def history_rows(
    ctx: CoupleContext, limit: int = 104, *, before: date | None = None, per_page: int | None = None
) -> JournalPage:
    """The shared journal: one card per week since the couple began (at most ``limit``),
    newest first, with what ``ctx.me`` may see of it; with ``per_page``, only that many weeks
    older than ``before`` (or from the latest week). Four queries, whatever the number of
    weeks."""
    clock = clock_for(ctx.couple)
    every = couple_weeks(clock, limit)
    start = 0 if before is None else next((i for i, d in enumerate(every) if d < before), -1)
    if start < 0:  # nothing older than ``before``
        return JournalPage(rows=[], newer=None, older=None)
    step = per_page or len(every)
    dates = every[start : start + step]
    newer: str | None = None
    if start > 0:
        newer_start = max(0, start - step)
        newer = every[newer_start - 1].isoformat() if newer_start else ""
    older = dates[-1].isoformat() if start + step < len(every) else None
    # The week after the newest shown, for its "Did we manage it?" (asked the week after).
    fetched = [weeks.next_week(dates[0]), *dates] if start > 0 else dates
    found = _journal_weeks(ctx.couple, fetched)
    dimensions = dimensions_for(ctx)
    rows = [
        _journal_week(ctx, clock, d, found.get(d), found.get(weeks.next_week(d)), dimensions)
        for d in dates
    ]
    return JournalPage(rows=rows, newer=newer, older=older)


@dataclass(frozen=True)
class WeekNav:
    previous: date | None
    next: date | None
    choices: list[date]
    shown: date | None = None  # the week on the page: the picker's selected option

    @property
    def options(self) -> SafeString:
        """The picker's ``<option>``s, built here rather than by a template loop with two
        ``date`` filters per week (up to 104 weeks): the same markup, the value as
        ``Y-m-d`` and the label as the template's ``date:"j M Y"`` wrote it."""
        language = translation.get_language() or ""
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    d.isoformat(),
                    mark_safe(" selected") if d == self.shown else "",
                    _option_label(d, language),
                )
                for d in self.choices
            ),
        )


@lru_cache(maxsize=8192)
def _option_label(day: date, language: str) -> str:
    """A week's label in the picker, exactly as the ``date`` filter writes it in
    ``language`` (the key: the filter reads the active language). A date's label never
    changes, and a few thousand cover every week start of two years in every language."""
    with translation.override(language or None):
        return local_dates.date(day, "j M Y")


def week_nav(clock: Clock, starts_on: date) -> WeekNav:
    """Previous/next weeks within the couple's life, and every week for the picker."""
    choices = couple_weeks(clock)
    first, last = choices[-1], choices[0]
    before, after = weeks.previous_week(starts_on), weeks.next_week(starts_on)
    return WeekNav(
        previous=before if before >= first else None,
        next=after if after <= last else None,
        choices=choices,
        shown=starts_on,
    )


# Enough weeks for the longest look-back window, even with a few skipped weeks in it.
FLAG_LOOKBACK = 12


def weeks_up_to(
    ctx: CoupleContext,
    last: date,
    limit: int = FLAG_LOOKBACK,
    *,
    reactions: bool = False,
    texts: bool = True,
) -> list[Week]:
    """The couple's weeks up to ``last``, newest first, with both check-ins (and, with
    ``reactions``, the reactions to their answers: one more query). ``texts=False``: numbers
    only (see ``WeekQuerySet.with_checkins``), enough for flags and bright spots. For the
    counsellor's pages, which print who checked in: each check-in joins its seat and person
    (``CHECKIN_RELATIONS``); the couple's own pages use ``recent_weeks``."""
    return with_rows(_up_to(ctx, last, limit), reactions=reactions, texts=texts)


def _up_to(ctx: CoupleContext, last: date, limit: int) -> list[Week]:
    found = Week.objects.for_couple(ctx.couple).filter(starts_on__lte=last)
    return list(found.fetch_mode(FETCH_RAISE)[:limit])


def recent_weeks(
    ctx: CoupleContext,
    last: date,
    limit: int = FLAG_LOOKBACK,
    *,
    reactions: bool = False,
    texts: bool = True,
) -> list[Week]:
    """``weeks_up_to(ctx, last, limit, reactions=..., texts=...)`` for the couple's own pages:
    the check-ins hold the request's seats (``ctx``) instead of joining them. Both attach
    the rows by hand (``with_rows``) instead of by ``prefetch_related``, which clones a
    queryset (deep-copying its ``select_related``) for every week and every check-in: about
    a quarter of the week page's time for twelve weeks. The same rows in the same order,
    under ``FETCH_RAISE``, each child holding its parent (``answer.checkin``,
    ``checkin.week``); ``week.checkins.all()`` and ``checkin.answers.all()`` (and
    ``.reactions``) read them without a query."""
    found = _up_to(ctx, last, limit)
    return with_rows(found, reactions=reactions, texts=texts, seats=_seats(ctx))


def _seats(ctx: CoupleContext) -> tuple[Membership | None, ...]:
    return (ctx.me, ctx.partner)


def with_rows(
    found: list[Week],
    *,
    reactions: bool = False,
    texts: bool = True,
    seats: Sequence[Membership | None] = (),
) -> list[Week]:
    """``found`` with what ``WeekQuerySet.with_checkins`` would prefetch (see
    ``recent_weeks``), attached by hand: one query each for the check-ins, the answers and
    with ``reactions`` the reactions, none when there is nothing to attach them to.

    ``seats``: the couple's current seats with their people, as ``CoupleContext`` holds
    them. Check-ins of those seats get them instead of joining each row's seat and person
    again; a check-in of a seat left since (a former partner's) costs one more query."""
    if not found:
        return found
    known = {m.pk: m for m in seats if m is not None}
    checkins = checkin_rows(texts=texts, joined=not known)
    rows = list(checkins.filter(week_id__in=[w.pk for w in found]))
    if known:
        _attach_seats(rows, known)
    _attach(found, rows, CheckIn, "week", "checkins")
    if rows:
        ids = [c.pk for c in rows]
        answers = answer_rows(texts=texts).filter(checkin_id__in=ids)
        _attach(rows, list(answers), Answer, "checkin", "answers")
        if reactions:
            said = Reaction.objects.filter(checkin_id__in=ids).fetch_mode(FETCH_RAISE)
            _attach(rows, list(said), Reaction, "checkin", "reactions")
    return found


def _attach_seats(rows: list[CheckIn], known: dict[int, Membership]) -> None:
    """Each check-in's seat (with its person) from ``known``, or read for those not in it."""
    missing = {c.membership_id for c in rows} - known.keys()
    if missing:
        left = Membership.objects.filter(pk__in=missing).select_related("user")
        known = known | {m.pk: m for m in left.fetch_mode(FETCH_RAISE)}
    field = CheckIn._meta.get_field("membership")
    for checkin in rows:
        field.set_cached_value(checkin, known[checkin.membership_id])


def _attach(
    parents: Sequence[Model], children: list[Any], model: type[Model], fk: str, related: str
) -> None:
    """What ``prefetch_related`` leaves behind for a reverse foreign key: each parent's
    children (in query order) cached under ``related``, each child's parent cached."""
    field = model._meta.get_field(fk)
    assert isinstance(field, ForeignKey)
    by_parent = _grouped(parents, children, field.attname)
    parent_of = {p.pk: p for p in parents}
    queryset_class = model._default_manager._queryset_class  # type: ignore[attr-defined]
    # One (never run) query for all of them: building a Query is most of a QuerySet's cost.
    query = Query(model)
    for pk, kids in by_parent.items():
        parent = parent_of[pk]
        for child in kids:
            field.set_cached_value(child, parent)
        cached = queryset_class(model=model, query=query)
        cached._result_cache = kids
        cached._prefetch_done = True
        parent._prefetched_objects_cache = {  # type: ignore[attr-defined]
            **getattr(parent, "_prefetched_objects_cache", {}),
            related: cached,
        }


def weeks_in(ctx: CoupleContext, dates: Sequence[date]) -> list[Week]:
    """The couple's stored weeks among ``dates``, newest first, with check-ins prefetched:
    numbers only (ratings, stored word counts), no written text, for the trends."""
    found = Week.objects.for_couple(ctx.couple).filter(starts_on__in=dates)
    return with_rows(list(found.fetch_mode(FETCH_RAISE)), texts=False, seats=_seats(ctx))


@dataclass(frozen=True)
class SharedAnswerRow:
    starts_on: date
    seat: int
    dimension: str
    reflection: str
    need: str


def answers_shared_with_counsellor(*, weeks: Sequence[Week]) -> list[SharedAnswerRow]:
    """Only the answers a partner chose to share, of submitted check-ins in ``weeks``,
    filtered as such in the database: no other text is read (or opened: each text is opened
    at its own row, ``checkins.fields.opened_at``)."""
    rows = (
        Answer.objects.shown()
        .filter(
            checkin__week__in=weeks,
            checkin__submitted_at__isnull=False,
            share_with_counsellor=True,
        )
        .order_by("checkin__membership__seat", "pk")
        .values_list(
            "checkin__week__starts_on",
            "checkin__membership__seat",
            "dimension",
            "reflection",
            "need",
            "checkin_id",
        )
    )
    return [
        SharedAnswerRow(
            starts_on,
            seat,
            dimension,
            opened_at(
                Answer, "reflection", reflection, identity=Answer.identity_of(checkin, dimension)
            ),
            opened_at(Answer, "need", need, identity=Answer.identity_of(checkin, dimension)),
        )
        for starts_on, seat, dimension, reflection, need, checkin in rows
    ]


def paired_home(ctx: CoupleContext) -> dict[str, object]:
    """This week, last week and the latest revealed week's flags, in one query and prefetches.
    Home shows no written text, so none is read."""
    clock = clock_for(ctx.couple)
    recent = recent_weeks(ctx, clock.current, texts=False)
    found = {w.starts_on: w for w in recent}
    last = visible_week(ctx, clock.previous, found.get(clock.previous))
    latest = next((i for i, w in enumerate(recent) if w.is_revealed), None)
    shown, spots = (
        comparison.findings_for_week(ctx, recent[latest:]) if latest is not None else ([], [])
    )
    return {
        "ctx": ctx,
        "this_week": visible_week(ctx, clock.current, found.get(clock.current)),
        "last_week": last if clock.previous >= clock.first else None,
        "last_week_closes": clock.closes_at(clock.previous),
        "latest_revealed": recent[latest] if latest is not None else None,
        "latest_flags": shown,
        "latest_spots": spots,
    }


@dataclass(frozen=True)
class AskedQuestion:
    dimension: str
    label: str
    prompt: Prompt | None


@dataclass(frozen=True)
class QuestionWeek:
    """One week of the past-questions list: the questions both partners were asked."""

    starts_on: date
    is_current: bool
    checked_in: bool  # ctx.me has a check-in that week, so the week page has something of theirs
    questions: tuple[AskedQuestion, ...]


@dataclass(frozen=True)
class AskedAgain:
    """One question of a part and every week it was asked, newest first."""

    prompt: Prompt
    weeks: tuple[date, ...]


@dataclass(frozen=True)
class QuestionPart:
    """One part's questions, most recently asked first, for reading part by part."""

    dimension: str
    label: str
    asked: tuple[AskedAgain, ...]


def past_questions(ctx: CoupleContext, limit: int = 104) -> list[QuestionWeek]:
    """Every week's questions since the couple began, newest first: the stored prompts of
    weeks that exist, the planned ones of weeks nobody opened. A week lists the parts
    either of you answered in a submitted check-in (your partner's only once revealed),
    else the parts the couple has now. Two queries, whatever the number of weeks."""
    clock = clock_for(ctx.couple)
    dates = couple_weeks(clock, limit)
    found = {
        w.starts_on: w
        for w in Week.objects.for_couple(ctx.couple)
        .filter(starts_on__in=dates)
        .only("id", "starts_on", "prompts", "revealed_at")
        .fetch_mode(FETCH_RAISE)
    }
    answered: dict[date, set[str]] = {}
    mine: set[date] = set()
    rows = (
        Answer.objects.filter(checkin__week__couple=ctx.couple, checkin__week__starts_on__in=dates)
        .filter(
            Q(checkin__membership=ctx.me)
            | Q(checkin__submitted_at__isnull=False, checkin__week__revealed_at__isnull=False)
        )
        .values_list("checkin__week__starts_on", "dimension", "checkin__membership_id")
        .distinct()
    )
    for starts_on, dimension, membership_id in rows:
        if membership_id == ctx.me.pk:
            mine.add(starts_on)
        answered.setdefault(starts_on, set()).add(dimension)
    now_dimensions = dimensions_for(ctx)
    result = []
    for d in dates:
        prompts = prompts_of(found.get(d), ctx.couple, d)
        dims = answered.get(d) or set(now_dimensions)
        result.append(
            QuestionWeek(
                starts_on=d,
                is_current=d == clock.current,
                checked_in=d in mine,
                questions=tuple(
                    AskedQuestion(
                        dimension=dim, label=str(Dimension(dim).label), prompt=prompts[dim]
                    )
                    for dim in Dimension.values
                    if dim in dims
                ),
            )
        )
    return result


def questions_by_part(weeks_asked: Sequence[QuestionWeek]) -> list[QuestionPart]:
    """The same questions regrouped part by part: each question once, with the weeks it was
    asked, the most recently asked first (``weeks_asked`` is newest first)."""
    parts: dict[str, dict[str, tuple[Prompt, list[date]]]] = {}
    for week in weeks_asked:
        for question in week.questions:
            if question.prompt is None:
                continue
            asked = parts.setdefault(question.dimension, {})
            asked.setdefault(question.prompt.key, (question.prompt, []))[1].append(week.starts_on)
    return [
        QuestionPart(
            dimension=dim,
            label=str(Dimension(dim).label),
            asked=tuple(AskedAgain(prompt, tuple(dates)) for prompt, dates in parts[dim].values()),
        )
        for dim in Dimension.values
        if dim in parts
    ]
