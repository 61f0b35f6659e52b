"""The comparison of a revealed week, its flags, and the trends: rows already read (by
``checkins.selectors``) in, plain view data out; no queries here. The rules themselves live
in ``checkins.flags`` (no database, no Django)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings

from accounts.models import Membership
from accounts.scoping import CoupleContext
from checkins import charts, flags
from checkins.catalog import Dimension, WarningSign
from checkins.models import Answer, CheckIn, Week


@cache
def _thresholds(items: tuple[tuple[str, object], ...]) -> flags.Thresholds:
    return flags.Thresholds.from_mapping(dict(items))


def thresholds() -> flags.Thresholds:
    """The flag thresholds from ``settings.TWOWAY_FLAGS`` (validated at start-up)."""
    return _thresholds(tuple(sorted(getattr(settings, "TWOWAY_FLAGS", {}).items())))


def seats(ctx: CoupleContext) -> dict[str, Membership]:
    """Positions by seat, so both partners see the same flags: seat 1 is "a"."""
    assert ctx.partner is not None, "comparisons need a paired couple"
    first, second = sorted((ctx.me, ctx.partner), key=lambda m: m.seat)
    return {"a": first, "b": second}


def names(ctx: CoupleContext) -> dict[str, str]:
    return {pos: m.name for pos, m in seats(ctx).items()}


def _partner_week(checkin: CheckIn | None, revealed: bool) -> flags.PartnerWeek:
    if checkin is None or not checkin.is_submitted:
        return flags.PartnerWeek()
    if not revealed:
        # Only the fact of submitting is known to the other partner; no text goes in.
        return flags.PartnerWeek(submitted=True)
    answers = list(checkin.answers.all())
    return flags.PartnerWeek(
        submitted=True,
        ratings={a.dimension: a.rating for a in answers if a.rating},
        reflections={a.dimension: a.reflection for a in answers},
        needs={a.dimension: a.need for a in answers},
        appreciation=checkin.appreciation,
        signs=frozenset(checkin.signs),
    )


def couple_week(ctx: CoupleContext, week: Week) -> flags.CoupleWeek:
    by_seat = seats(ctx)
    dims = tuple(
        d
        for d in Dimension.values
        if any(a.dimension == d for c in week.checkins.all() for a in c.answers.all())
    )
    return flags.CoupleWeek(
        week=week.starts_on,
        a=_partner_week(week.checkin_of(by_seat["a"]), week.is_revealed),
        b=_partner_week(week.checkin_of(by_seat["b"]), week.is_revealed),
        dimensions=dims,
    )


@dataclass(frozen=True)
class ShownFlag:
    kind: str
    title: str
    explanation: str
    suggestion: str


def flags_for_week(ctx: CoupleContext, recent: Sequence[Week]) -> list[ShownFlag]:
    """Flags for the newest of ``recent`` (newest first), worded with the partners' names."""
    if not recent or not recent[0].is_revealed:
        return []
    history = [couple_week(ctx, w) for w in reversed(recent)]
    who = names(ctx)
    return [
        ShownFlag(
            kind=str(flag.kind),
            title=str(flag.title_for(who)),
            explanation=str(flag.explanation_for(who)),
            suggestion=str(flag.suggestion_for(who)),
        )
        for flag in flags.flags_for(history, thresholds())
    ]


@dataclass(frozen=True)
class DimensionRow:
    dimension: str
    label: str
    mine: Answer | None
    theirs: Answer | None

    @property
    def gap(self) -> int | None:
        if self.mine and self.theirs and self.mine.rating and self.theirs.rating:
            return abs(self.mine.rating - self.theirs.rating)
        return None


@dataclass(frozen=True)
class SignRow:
    label: str
    mine: bool
    theirs: bool

    @property
    def shared(self) -> bool:
        return self.mine and self.theirs


def dimension_rows(mine: CheckIn, theirs: CheckIn) -> list[DimensionRow]:
    present = {a.dimension for c in (mine, theirs) for a in c.answers.all()}
    return [
        DimensionRow(d, str(Dimension(d).label), mine.answer_for(d), theirs.answer_for(d))
        for d in Dimension.values
        if d in present
    ]


def sign_rows(mine: CheckIn, theirs: CheckIn) -> list[SignRow]:
    rows = [
        SignRow(str(label), value in mine.signs, value in theirs.signs)
        for value, label in WarningSign.choices
    ]
    return sorted((r for r in rows if r.mine or r.theirs), key=lambda r: not r.shared)


@dataclass(frozen=True)
class Trends:
    weeks: list[date]
    rating_charts: list[tuple[str, str, charts.LineChart]]
    balance: charts.LineChart | None
    both_checked_in: int
    out_of: int


def trends(ctx: CoupleContext, recent: Sequence[Week], span: int) -> Trends:
    """Charts over the revealed weeks among ``recent`` (newest first), oldest to newest."""
    revealed = [w for w in reversed(recent) if w.is_revealed]
    who = names(ctx)
    dates = [w.starts_on for w in revealed]
    weeks_data = [couple_week(ctx, w) for w in revealed]
    rating_charts = []
    for dim in Dimension.values:
        if not any(dim in cw.a.ratings or dim in cw.b.ratings for cw in weeks_data):
            continue
        series = [
            charts.Series(
                who[pos], pos, tuple(cw.partner(pos).ratings.get(dim) for cw in weeks_data)
            )
            for pos in ("a", "b")
        ]
        rating_charts.append((dim, str(Dimension(dim).label), charts.rating_chart(dates, series)))
    balance = None
    if dates:
        shares = [_share_a(cw) for cw in weeks_data]
        balance = charts.balance_chart(dates, shares, label_a=who["a"], label_b=who["b"])
    return Trends(
        weeks=dates,
        rating_charts=rating_charts,
        balance=balance,
        both_checked_in=len(revealed),
        out_of=span,
    )


def _share_a(cw: flags.CoupleWeek) -> float | None:
    words_a = flags.sharing_measure(cw.a, cw.dimensions).words
    words_b = flags.sharing_measure(cw.b, cw.dimensions).words
    total = words_a + words_b
    return None if total == 0 else round(100 * words_a / total, 1)
