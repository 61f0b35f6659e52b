"""Reads for check-ins. Every query is scoped to a couple from ``accounts.scoping``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils import timezone

from accounts.models import Couple, User
from accounts.scoping import CoupleContext
from checkins import comparison, weeks
from checkins.catalog import CORE_DIMENSIONS, Dimension
from checkins.models import Answer, CheckIn, Week
from checkins.prompts import Prompt, prompt_by_key, prompt_for

# Week indexes count from a fixed Monday, so a couple's consecutive weeks get consecutive
# prompts whatever day their weeks start on.
PROMPT_EPOCH = date(2024, 1, 1)


def dimensions_for(couple: Couple) -> tuple[str, ...]:
    extra = (Dimension.PHYSICAL,) if couple.physical_enabled else ()
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
    if week < clock_for(ctx.couple).first:
        raise Http404("Before the couple began")
    return week


def planned_prompts(couple: Couple, week: date) -> dict[str, str]:
    index = weeks.week_index(week, PROMPT_EPOCH)
    return {
        str(d): prompt_for(couple_seed=couple.pk, dimension=str(d), week_index=index).key
        for d in Dimension
    }


def prompts_of(week: Week | None, couple: Couple, starts_on: date) -> dict[str, Prompt | None]:
    """The week's prompts: stored ones once the week exists, else the planned ones."""
    stored = week.prompts if week is not None else {}
    return {
        dim: prompt_by_key(stored.get(dim, "")) or prompt_by_key(key)  # a retired key: planned
        for dim, key in planned_prompts(couple, starts_on).items()
    }


def week_of(ctx: CoupleContext, starts_on: date) -> Week | None:
    return Week.objects.for_couple(ctx.couple).with_checkins().filter(starts_on=starts_on).first()


@dataclass(frozen=True)
class Wish:
    """A partner's revealed "what I'd love from you", carried into the next week."""

    dimension: str
    label: str
    need: str


def follow_up(ctx: CoupleContext, starts_on: date) -> list[Wish]:
    """The partner's "what I'd love from you" of the week before ``starts_on``, only once
    that week was revealed (never from a draft or a week still waiting for one of you)."""
    last = week_of(ctx, weeks.previous_week(starts_on))
    if last is None or not last.is_revealed:
        return []
    theirs = last.checkin_of(ctx.partner)
    if theirs is None:
        return []
    return [
        Wish(dimension=a.dimension, label=str(a.get_dimension_display()), need=a.need)
        for a in theirs.answers.all()
        if a.need.strip()
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


def history_rows(ctx: CoupleContext, limit: int = 104) -> list[VisibleWeek]:
    """One row per week since the couple began, with what ``ctx.me`` may see of it."""
    clock = clock_for(ctx.couple)
    dates = couple_weeks(clock, limit)
    found = {
        w.starts_on: w
        for w in Week.objects.for_couple(ctx.couple).with_checkins().filter(starts_on__in=dates)
    }
    return [visible_week(ctx, d, found.get(d)) for d in dates]


@dataclass(frozen=True)
class WeekNav:
    previous: date | None
    next: date | None
    choices: list[date]


def week_nav(clock: Clock, starts_on: date) -> WeekNav:
    """Previous/next weeks within the couple's life, and every week for the picker."""
    choices = couple_weeks(clock)
    first, last = choices[-1], choices[0]
    before, after = weeks.previous_week(starts_on), weeks.next_week(starts_on)
    return WeekNav(
        previous=before if before >= first else None,
        next=after if after <= last else None,
        choices=choices,
    )


# Enough weeks for the longest look-back window, even with a few skipped weeks in it.
FLAG_LOOKBACK = 12


def weeks_up_to(ctx: CoupleContext, last: date, limit: int = FLAG_LOOKBACK) -> list[Week]:
    """The couple's weeks up to ``last``, newest first, with both check-ins prefetched."""
    return list(
        Week.objects.for_couple(ctx.couple).with_checkins().filter(starts_on__lte=last)[:limit]
    )


def weeks_in(ctx: CoupleContext, dates: Sequence[date]) -> list[Week]:
    """The couple's stored weeks among ``dates``, newest first, with check-ins prefetched."""
    return list(Week.objects.for_couple(ctx.couple).with_checkins().filter(starts_on__in=dates))


def revealed_weeks_in(*, couple: Couple, dates: Sequence[date]) -> list[Week]:
    """The couple's revealed weeks among ``dates``, newest first, check-ins prefetched."""
    return list(
        Week.objects.for_couple(couple).with_checkins().revealed().filter(starts_on__in=dates)
    )


@dataclass(frozen=True)
class SharedAnswerRow:
    starts_on: date
    seat: int
    dimension: str
    reflection: str
    need: str


def answers_shared_with_counsellor(*, weeks: Sequence[Week]) -> list[SharedAnswerRow]:
    """Only the answers a partner chose to share, of submitted check-ins in ``weeks``,
    filtered as such in the database: no other text is read."""
    rows = (
        Answer.objects.filter(
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
        )
    )
    return [SharedAnswerRow(*row) for row in rows]


def paired_home(ctx: CoupleContext) -> dict[str, object]:
    """This week, last week and the latest revealed week's flags, in one query and prefetches."""
    clock = clock_for(ctx.couple)
    recent = weeks_up_to(ctx, clock.current)
    found = {w.starts_on: w for w in recent}
    last = visible_week(ctx, clock.previous, found.get(clock.previous))
    latest = next((i for i, w in enumerate(recent) if w.is_revealed), None)
    return {
        "ctx": ctx,
        "this_week": visible_week(ctx, clock.current, found.get(clock.current)),
        "last_week": last if clock.previous >= clock.first else None,
        "last_week_closes": clock.closes_at(clock.previous),
        "latest_revealed": recent[latest] if latest is not None else None,
        "latest_flags": comparison.flags_for_week(ctx, recent[latest:])
        if latest is not None
        else [],
    }
