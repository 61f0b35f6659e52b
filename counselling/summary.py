"""The data a counsellor may see, built only from what both partners allowed.

Texts reach the counsellor's pages only from answers marked "share with my counsellor"
(filtered in SQL). Ratings, flags, trends and completion cover revealed weeks within the
narrower of the two partners' chosen spans. Private notes and drafts are never read here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from accounts.models import Couple
from accounts.scoping import CoupleContext
from checkins import comparison, selectors
from checkins.catalog import Closeness, Dimension
from checkins.models import Week
from counselling.state import ConsentState


def _ctx(state: ConsentState) -> CoupleContext:
    first, second = sorted(state.partners, key=lambda m: m.seat)
    return CoupleContext(couple=state.access.couple, me=first, partner=second)


def window(state: ConsentState) -> list[date]:
    """The weeks the counsellor may look at, newest first: the current week and the span
    of weeks before it (all of them when both chose all history)."""
    clock = selectors.clock_for(state.access.couple)
    span = state.span_weeks
    return selectors.couple_weeks(clock, limit=520 if span is None else span + 1)


@dataclass(frozen=True)
class SharedAnswer:
    seat: int
    dimension: str
    reflection: str
    need: str
    question: str = ""  # the week's prompt for this part, as both partners were asked it

    @property
    def label(self) -> str:
        return str(Dimension(self.dimension).label)


@dataclass
class SummaryWeek:
    starts_on: date
    ratings: dict[int, dict[str, int]] = field(default_factory=dict)  # seat -> dim -> rating
    flags: list[comparison.ShownFlag] = field(default_factory=list)
    shared: list[SharedAnswer] = field(default_factory=list)

    @property
    def rating_rows(self) -> list[tuple[str, str, str]]:
        """(dimension, seat 1's rating, seat 2's rating) with the scale's words."""
        rows = []
        for dim in Dimension.values:
            pair = [self.ratings.get(seat, {}).get(dim) for seat in (1, 2)]
            if any(pair):
                words = [f"{r} · {Closeness(r).label}" if r else "" for r in pair]
                rows.append((str(Dimension(dim).label), words[0], words[1]))
        return rows


@dataclass(frozen=True)
class Summary:
    names: dict[int, str]
    weeks: list[SummaryWeek]
    trends: comparison.Trends
    weeks_from: date
    weeks_to: date
    span_weeks: int | None


def _shared_answers(
    rows: list[selectors.SharedAnswerRow], weeks: list[Week], couple: Couple
) -> dict[date, list[SharedAnswer]]:
    """The shared answers by week, each with the question it answered (the week's stored
    prompt, read from the weeks already fetched: no query)."""
    by_date = {w.starts_on: w for w in weeks}
    shared: dict[date, list[SharedAnswer]] = defaultdict(list)
    for row in rows:
        # ``rows`` come only from ``weeks`` (answers_shared_with_counsellor(weeks=...)).
        week = by_date[row.starts_on]
        prompt = selectors.prompts_of(week, couple, row.starts_on).get(row.dimension)
        question = str(prompt.text) if prompt else ""
        shared[row.starts_on].append(
            SharedAnswer(row.seat, row.dimension, row.reflection, row.need, question)
        )
    return shared


def _ratings(week: Week) -> dict[int, dict[str, int]]:
    return {
        c.membership.seat: {a.dimension: a.rating for a in c.answers.all() if a.rating}
        for c in week.checkins.all()
    }


def summary(state: ConsentState) -> Summary:
    ctx = _ctx(state)
    dates = window(state)
    revealed = selectors.revealed_weeks_in(couple=ctx.couple, dates=dates)  # newest first
    shared = _shared_answers(
        selectors.answers_shared_with_counsellor(weeks=revealed), revealed, ctx.couple
    )
    weeks = [
        SummaryWeek(
            starts_on=w.starts_on,
            ratings=_ratings(w),
            # Flags look back only over weeks inside the window.
            flags=comparison.flags_for_week(ctx, revealed[i:]),
            shared=shared[w.starts_on],  # a defaultdict: [] for a week with none
        )
        for i, w in enumerate(revealed)
    ]
    counted = selectors.weeks_counted(selectors.clock_for(ctx.couple), dates, revealed)
    return Summary(
        names={m.seat: m.name for m in state.partners},
        weeks=weeks,
        trends=comparison.trends(ctx, revealed, len(counted)),
        weeks_from=dates[-1],  # the window always holds at least the current week
        weeks_to=dates[0],
        span_weeks=state.span_weeks,
    )


@dataclass(frozen=True)
class Overview:
    access_id: int
    names: list[str]
    last_week: date | None
    flags: list[comparison.ShownFlag]


def overview(state: ConsentState) -> Overview:
    """One dashboard row: the couple's latest revealed week and its flags."""
    ctx = _ctx(state)
    revealed = selectors.revealed_weeks_in(couple=ctx.couple, dates=window(state))
    return Overview(
        access_id=state.access.pk,
        names=[m.name for m in sorted(state.partners, key=lambda m: m.seat)],
        last_week=revealed[0].starts_on if revealed else None,
        flags=comparison.flags_for_week(ctx, revealed),
    )
