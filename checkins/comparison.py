"""The comparison of a revealed week, its flags, and the trends: rows already read (by
``checkins.selectors``) in, plain view data out; no queries here. The rules themselves live
in ``checkins.flags`` (no database, no Django)."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.scoping import CoupleContext
from checkins import charts, flags, trend_words
from checkins.catalog import TECHNICAL_NAMES, Dimension, WarningSign
from checkins.models import (
    APPRECIATION_PART,
    Answer,
    CheckIn,
    Reaction,
    ReactionKind,
    Week,
)
from checkins.prompts import Prompt


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
        reflection_words={a.dimension: a.reflection_words for a in answers},
        need_words={a.dimension: a.need_words for a in answers},
        appreciation_words=checkin.appreciation_words,
        signs=frozenset(checkin.signs),
        follow_through=checkin.follow_through,
    )


def couple_week(ctx: CoupleContext, week: Week) -> flags.CoupleWeek:
    by_seat = seats(ctx)
    present = {a.dimension for c in week.checkins.all() for a in c.answers.all()}
    dims = tuple(d for d in Dimension.values if d in present)
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
    suggestion: str  # "" when every idea was already offered on the page


@dataclass(frozen=True)
class ShownSpot:
    kind: str
    title: str
    text: str


def _history(ctx: CoupleContext, recent: Sequence[Week]) -> list[flags.CoupleWeek]:
    return [couple_week(ctx, w) for w in reversed(recent)]


def raw_flags_for_week(ctx: CoupleContext, recent: Sequence[Week]) -> list[flags.Flag]:
    """The flags of the newest of ``recent`` (newest first), as the rules found them, before
    any wording is chosen; none unless that week is revealed. The couple's pages and the
    counsellor's summary both read them from here, over the same ``recent`` rows."""
    if not recent or not recent[0].is_revealed:
        return []
    return flags.flags_for(_history(ctx, recent), thresholds())


def raw_flags_by_week(
    ctx: CoupleContext,
    stored: Sequence[Week],
    lookback: int,
    *,
    only: Container[date] | None = None,
) -> dict[date, list[flags.Flag]]:
    """``raw_flags_for_week(ctx, stored[i : i + lookback])`` for every revealed week of
    ``stored`` (a run of stored weeks, newest first; with ``only``, those among it), by its
    start date, converting each week once: linear in ``len(stored)``."""
    history = _history(ctx, stored)  # oldest first: stored[i] is history[n - 1 - i]
    n, t = len(stored), thresholds()
    return {
        week.starts_on: flags.flags_for(history[max(0, n - i - lookback) : n - i], t)
        for i, week in enumerate(stored)
        if week.is_revealed and (only is None or week.starts_on in only)
    }


def flags_for_week(ctx: CoupleContext, recent: Sequence[Week]) -> list[ShownFlag]:
    """Flags for the newest of ``recent`` (newest first), worded for that week's page: about
    the two of you, and with no kind word or idea said twice."""
    return findings_for_week(ctx, recent)[0]


def bright_spots_for_week(ctx: CoupleContext, recent: Sequence[Week]) -> list[ShownSpot]:
    """What went well in the newest of ``recent`` (newest first); none before the reveal."""
    return findings_for_week(ctx, recent)[1]


def findings_for_week(
    ctx: CoupleContext, recent: Sequence[Week]
) -> tuple[list[ShownFlag], list[ShownSpot]]:
    """``flags_for_week`` and ``bright_spots_for_week`` together, each week converted once
    (home and the week page show both)."""
    if not recent or not recent[0].is_revealed:
        return [], []
    history, t = _history(ctx, recent), thresholds()
    shown = [
        ShownFlag(
            kind=str(flag.kind),
            title=str(flag.title),
            explanation=str(flag.explanation),
            suggestion=str(flag.suggestion),
        )
        for flag in flags.vary(
            flags.flags_for(history, t), seed=flags.week_seed(recent[0].starts_on)
        )
    ]
    spots = [
        ShownSpot(str(s.kind), str(s.title), str(s.text)) for s in flags.bright_spots(history, t)
    ]
    return shown, spots


# --------------------------------------------------------------------------------------------
# Reactions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReactionChoice:
    kind: str
    label: str
    pressed: bool

    @property
    def value(self) -> str:
        """What pressing the button asks for: this reaction, or none when it is on already."""
        return "" if self.pressed else self.kind


@dataclass(frozen=True)
class ReactionSlot:
    """The reaction on one answer. ``editable``: the partner's answer, which I react to
    (``reacted`` is mine); otherwise my own answer, and ``reacted`` is the partner's."""

    part: str
    reacted: str
    editable: bool
    label: str = ""  # the reaction buttons' group name (editable slots)

    @property
    def dom_id(self) -> str:
        prefix = "react-" if self.editable else "reacted-"
        return prefix + self.part.replace(":", "-")

    @property
    def reacted_label(self) -> str:
        return str(ReactionKind(self.reacted).label) if self.reacted else ""

    @property
    def choices(self) -> list[ReactionChoice]:
        if not self.editable:
            return []
        return [
            ReactionChoice(k.value, str(k.label), k == self.reacted)
            for k in Reaction.kinds_for(self.part)
        ]


def reaction_label(part: str, partner_name: str) -> str:
    split = Reaction.split(part)
    field_name, dimension = split if split else (APPRECIATION_PART, "")
    if field_name == APPRECIATION_PART:
        return _("Your reaction to what %(name)s appreciated") % {"name": partner_name}
    values = {"name": partner_name, "part": Dimension(dimension).label}
    if field_name == "need":
        return _("Your reaction to %(name)s's wish for %(part)s") % values
    return _("Your reaction to %(name)s's answer on %(part)s") % values


def reaction_slot(
    *, part: str, reacted: str, editable: bool, partner_name: str = ""
) -> ReactionSlot:
    label = reaction_label(part, partner_name) if editable else ""
    return ReactionSlot(part=part, reacted=reacted, editable=editable, label=label)


def _slot(
    checkin: CheckIn, part: str, by: Membership | None, *, editable: bool, partner_name: str
) -> ReactionSlot | None:
    """The slot of one answer, or ``None`` when it was left blank (nothing to react to)."""
    if not checkin.text_of(part).strip():
        return None
    reaction = checkin.reactions_by(by).get(part)
    return reaction_slot(
        part=part,
        reacted=reaction.kind if reaction else "",
        editable=editable,
        partner_name=partner_name,
    )


@dataclass(frozen=True)
class AnswerReactions:
    """The reaction slots of one side of one part: its reflection and its wish."""

    reflection: ReactionSlot | None = None
    need: ReactionSlot | None = None


def _answer_reactions(
    checkin: CheckIn, dimension: str, by: Membership | None, *, editable: bool, partner: str
) -> AnswerReactions:
    return AnswerReactions(
        *(
            _slot(
                checkin, Reaction.part_of(f, dimension), by, editable=editable, partner_name=partner
            )
            for f in ("reflection", "need")
        )
    )


# --------------------------------------------------------------------------------------------
# A revealed week, side by side
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionRow:
    dimension: str
    label: str
    mine: Answer | None
    theirs: Answer | None
    question: str = ""  # the week's prompt for this part, as it was asked
    mine_reactions: AnswerReactions = field(default_factory=AnswerReactions)
    theirs_reactions: AnswerReactions = field(default_factory=AnswerReactions)

    @property
    def gap(self) -> int | None:
        if self.mine and self.theirs and self.mine.rating and self.theirs.rating:
            return abs(self.mine.rating - self.theirs.rating)
        return None

    @property
    def technical_name(self) -> str:
        name = TECHNICAL_NAMES.get(Dimension(self.dimension))
        return str(name) if name else ""


@dataclass(frozen=True)
class SignRow:
    label: str
    mine: bool
    theirs: bool

    @property
    def shared(self) -> bool:
        return self.mine and self.theirs


def dimension_rows(
    mine: CheckIn,
    theirs: CheckIn,
    *,
    prompts: Mapping[str, Prompt | None] | None = None,
    ctx: CoupleContext | None = None,
) -> list[DimensionRow]:
    """One row per part either of you answered, with the question it answered (``prompts``)
    and, given ``ctx``, the reactions on each answer (prefetched on both check-ins)."""
    present = {a.dimension for c in (mine, theirs) for a in c.answers.all()}
    rows = []
    for d in Dimension.values:
        if d not in present:
            continue
        prompt = (prompts or {}).get(d)
        reactions = {}
        if ctx is not None and ctx.partner is not None:
            partner = ctx.partner.name
            reactions = {
                "mine_reactions": _answer_reactions(
                    mine, d, ctx.partner, editable=False, partner=partner
                ),
                "theirs_reactions": _answer_reactions(
                    theirs, d, ctx.me, editable=True, partner=partner
                ),
            }
        rows.append(
            DimensionRow(
                d,
                str(Dimension(d).label),
                mine.answer_for(d),
                theirs.answer_for(d),
                question=str(prompt.text) if prompt else "",
                **reactions,
            )
        )
    return rows


def sign_rows(mine: CheckIn, theirs: CheckIn) -> list[SignRow]:
    rows = [
        SignRow(str(label), value in mine.signs, value in theirs.signs)
        for value, label in WarningSign.choices
    ]
    return sorted((r for r in rows if r.mine or r.theirs), key=lambda r: not r.shared)


@dataclass(frozen=True)
class Appreciations:
    """What each of you appreciated about the other, with the reactions on them."""

    mine: str
    theirs: str
    mine_reaction: ReactionSlot | None
    theirs_reaction: ReactionSlot | None


@dataclass(frozen=True)
class Reveal:
    """A revealed week's page, in the order it is read: what you appreciated about each
    other, what went well, your answers side by side, then at most one thing worth a gentle
    look (``gentle``), with any others behind "More to look at" (``more``)."""

    appreciations: Appreciations
    spots: list[ShownSpot]
    rows: list[DimensionRow]
    signs: list[SignRow]
    flags: list[ShownFlag]

    @property
    def gentle(self) -> ShownFlag | None:
        return self.flags[0] if self.flags else None

    @property
    def more(self) -> list[ShownFlag]:
        return self.flags[1:]


def reveal(
    ctx: CoupleContext,
    recent: Sequence[Week],
    *,
    mine: CheckIn,
    theirs: CheckIn,
    prompts: Mapping[str, Prompt | None],
) -> Reveal:
    """The revealed newest week of ``recent`` (newest first), read with its reactions."""
    partner = ctx.partner.name if ctx.partner else ""
    appreciations = Appreciations(
        mine=mine.appreciation,
        theirs=theirs.appreciation,
        mine_reaction=_slot(
            mine, APPRECIATION_PART, ctx.partner, editable=False, partner_name=partner
        ),
        theirs_reaction=_slot(
            theirs, APPRECIATION_PART, ctx.me, editable=True, partner_name=partner
        ),
    )
    shown, spots = findings_for_week(ctx, recent)
    return Reveal(
        appreciations=appreciations,
        spots=spots,
        rows=dimension_rows(mine, theirs, prompts=prompts, ctx=ctx),
        signs=sign_rows(mine, theirs),
        flags=shown,
    )


@dataclass(frozen=True)
class Trends:
    weeks: list[date]
    rating_charts: list[tuple[str, str, charts.LineChart]]
    balance: charts.LineChart | None
    both_checked_in: int
    out_of: int
    lines: dict[str, trend_words.TrendLine] = field(default_factory=dict)  # by part
    balance_bar: trend_words.BalanceBar | None = None
    names: dict[str, str] = field(default_factory=dict)  # by position, "a" and "b"

    @property
    def parts(self) -> list[tuple[str, str, charts.LineChart, trend_words.TrendLine | None]]:
        """Each part's chart with its line of plain words (``None``: too little to say)."""
        return [
            (dim, label, chart, self.lines.get(dim)) for dim, label, chart in self.rating_charts
        ]

    @property
    def enough(self) -> bool:
        """Charts only once there are ``TRENDS_FROM`` revealed weeks to draw."""
        return len(self.weeks) >= TRENDS_FROM

    @property
    def still_needed(self) -> int:
        return max(0, TRENDS_FROM - len(self.weeks))


# Until then, the trends page encourages instead of drawing one or two dots.
TRENDS_FROM = 3


def trends(ctx: CoupleContext, recent: Sequence[Week], span: int) -> Trends:
    """Charts over the revealed weeks among ``recent`` (newest first), oldest to newest."""
    revealed = [w for w in reversed(recent) if w.is_revealed]
    who = names(ctx)
    dates = [w.starts_on for w in revealed]
    weeks_data = [couple_week(ctx, w) for w in revealed]
    rating_charts = []
    lines: dict[str, trend_words.TrendLine] = {}
    for dim in Dimension.values:
        if not any(dim in cw.a.ratings or dim in cw.b.ratings for cw in weeks_data):
            continue
        series = [
            charts.Series(
                who[pos], pos, tuple(cw.partner(pos).ratings.get(dim) for cw in weeks_data)
            )
            for pos in ("a", "b")
        ]
        label = str(Dimension(dim).label)
        rating_charts.append((dim, label, charts.rating_chart(dates, series)))
        line = trend_words.rating_line(
            part=label, dates=dates, a=series[0].values, b=series[1].values
        )
        if line is not None:
            lines[dim] = line
    words = [_words(cw) for cw in weeks_data]
    balance = None
    if dates:
        shares = [_share_a(a, b) for a, b in words]
        balance = charts.balance_chart(dates, shares, label_a=who["a"], label_b=who["b"])
    return Trends(
        weeks=dates,
        rating_charts=rating_charts,
        balance=balance,
        both_checked_in=len(revealed),
        out_of=span,
        lines=lines,
        balance_bar=trend_words.balance_bar(words),
        names=who,
    )


def _words(cw: flags.CoupleWeek) -> tuple[int, int]:
    return (
        flags.sharing_measure(cw.a, cw.dimensions).words,
        flags.sharing_measure(cw.b, cw.dimensions).words,
    )


def _share_a(words_a: int, words_b: int) -> float | None:
    total = words_a + words_b
    return None if total == 0 else round(100 * words_a / total, 1)
