"""The data a counsellor may see, built only from what both partners allowed.

Texts reach the counsellor's pages only from answers marked "share with my counsellor"
(filtered in SQL). Ratings, flags, trends and completion cover revealed weeks within the
narrower of the two partners' chosen spans. Private notes and drafts are never read here.

A week's flags are found exactly as on the couple's own week page: over that week and up to
``FLAG_LOOKBACK - 1`` stored weeks before it, revealed or not, which may lie before the
shared window. The counsellor sees the flag's conclusion (in ``counselling.voice``), never
those earlier weeks' answers or ratings. Reactions are read by kind, giver and part only
(the follow-up ones, "Let's talk about this" and "I'll do that"), never with any text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import FETCH_RAISE, Q
from django.utils.dateformat import format as format_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts.models import Couple
from accounts.scoping import CoupleContext
from checkins import charts, comparison, selectors, weeks
from checkins.catalog import Closeness, Dimension, FollowThrough, WarningSign
from checkins.flags import Position
from checkins.models import FOLLOW_UP_REACTIONS, Reaction, ReactionKind, Week
from checkins.prompts import Prompt
from counselling.models import AccessLogEntry
from counselling.state import ConsentState
from counselling.voice import CounsellorFlag, counsellor_flags, rating_words


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
    who: str = ""  # "Alex · Feeling close": the author's name and the part, as printed

    @property
    def label(self) -> str:
        return str(Dimension(self.dimension).label)

    @property
    def side(self) -> str:
        return "a" if self.seat == 1 else "b"


@dataclass
class SummaryWeek:
    starts_on: date
    ratings: dict[int, dict[str, int]] = field(default_factory=dict)  # seat -> dim -> rating
    flags: list[CounsellorFlag] = field(default_factory=list)
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


# --------------------------------------------------------------------------------------------
# Week by week, written in Python
# --------------------------------------------------------------------------------------------
#
# The week blocks are most of the page (52 to 104 of them with all history shared). Drawn
# with the template language, each cost a loop, a nested loop per rating and per answer and
# a filter per value: about half of the request's CPU. Here every fixed word is translated
# and escaped once per page, each written text escaped once, and the markup joined as
# strings. The question of a part is printed once, above both partners' answers to it.


def _week_block(
    week: SummaryWeek,
    head: str,
    dims: Mapping[str, str],
    scale: Mapping[int | None, str],
    words: Mapping[str, str],
) -> str:
    key = week.starts_on.strftime("%Y%m%d")
    title = escape(words["week_of"] % {"date": format_date(week.starts_on, "j F Y")})
    out = [
        f'<section class="card summary-week" aria-labelledby="sw-{key}">\n'
        f'<h3 id="sw-{key}">{title}</h3>\n<div class="table-scroll">\n<table>\n{head}<tbody>\n'
    ]
    first, second = week.ratings.get(1, {}), week.ratings.get(2, {})
    for dim, label in dims.items():
        a, b = first.get(dim), second.get(dim)
        if a or b:
            out.append(
                f'<tr><th scope="row">{label}</th><td>{scale.get(a, "—")}</td>'
                f"<td>{scale.get(b, '—')}</td></tr>\n"
            )
    out.append("</tbody>\n</table>\n</div>\n")
    if week.flags:
        items = "".join(
            f'<li data-kind="{escape(f.kind)}">{escape(f.sentence)}</li>' for f in week.flags
        )
        out.append(f'<h4>{words["flags"]}</h4>\n<ul class="flag-list">{items}</ul>\n')
    if week.shared:
        out.append(f"<h4>{words['shared']}</h4>\n")
        by_part: dict[str, list[SharedAnswer]] = {}
        for answer in week.shared:
            by_part.setdefault(answer.dimension, []).append(answer)
        for part in by_part.values():
            question = part[0].question
            out.append('<div class="summary-part">\n')
            if question:
                out.append(
                    f'<p class="question"><strong>{words["question"]}</strong> '
                    f'<span dir="auto">{escape(question)}</span></p>\n'
                )
            for answer in part:
                out.append(
                    f'<div class="side side-{answer.side}">\n<p class="who">{escape(answer.who)}</p>\n'
                )
                if answer.question and answer.question != question:
                    out.append(
                        f'<p class="question"><strong>{words["question"]}</strong> '
                        f'<span dir="auto">{escape(answer.question)}</span></p>\n'
                    )
                if answer.reflection:
                    out.append(f'<p class="written" dir="auto">{escape(answer.reflection)}</p>\n')
                if answer.need:
                    out.append(
                        f'<p class="need"><strong>{words["would_love"]}</strong> '
                        f'<span class="written" dir="auto">{escape(answer.need)}</span></p>\n'
                    )
                out.append("</div>\n")
            out.append("</div>\n")
    out.append("</section>\n")
    return "".join(out)


def week_blocks(weeks: Sequence[SummaryWeek], names: dict[int, str]) -> SafeString:
    """The summary page's week-by-week sections, newest first, as HTML: every text the
    couple wrote, and their names, escaped (``django.utils.html.escape``)."""
    words: dict[str, str] = {
        "week_of": _("Week of %(date)s"),
        "flags": escape(_("Flags")),
        "shared": escape(_("Shared answers")),
        "question": escape(_("The question:")),
        "would_love": escape(_("Would love:")),
    }
    dims = {d: escape(str(Dimension(d).label)) for d in Dimension.values}
    scale: dict[int | None, str] = {
        r: escape(f"{r} · {Closeness(r).label}") for r in Closeness.values
    }
    head = (
        f'<thead><tr><th scope="col">{escape(_("Part"))}</th>'
        f'<th scope="col">{escape(names[1])}</th><th scope="col">{escape(names[2])}</th>'
        "</tr></thead>\n"
    )
    return mark_safe("".join(_week_block(w, head, dims, scale, words) for w in weeks))  # noqa: S308


def _shared_answers(
    rows: list[selectors.SharedAnswerRow],
    weeks: list[Week],
    couple: Couple,
    names: dict[int, str] | None = None,
) -> dict[date, list[SharedAnswer]]:
    """The shared answers by week, each with the question it answered (the week's stored
    prompt, read from the weeks already fetched: no query) and, with ``names``, its
    heading, worded once here rather than once per answer in the template."""
    by_date = {w.starts_on: w for w in weeks}
    labels = {d: str(Dimension(d).label) for d in Dimension.values}
    prompts: dict[date, dict[str, Prompt | None]] = {}
    shared: dict[date, list[SharedAnswer]] = defaultdict(list)
    for row in rows:
        # ``rows`` come only from ``weeks`` (answers_shared_with_counsellor(weeks=...)).
        if row.starts_on not in prompts:  # once per week, not per answer
            prompts[row.starts_on] = selectors.prompts_of(
                by_date[row.starts_on], couple, row.starts_on
            )
        prompt = prompts[row.starts_on].get(row.dimension)
        question = str(prompt.text) if prompt else ""
        shared[row.starts_on].append(
            SharedAnswer(
                row.seat,
                row.dimension,
                row.reflection,
                row.need,
                question,
                who=f"{names[row.seat]} · {labels[row.dimension]}" if names else "",
            )
        )
    return shared


def _ratings(week: Week) -> dict[int, dict[str, int]]:
    """Seat -> part -> rating, read once per fetched week (flags, the week blocks, the
    charts and the changes all ask), kept on the instance of this request's query."""
    found: dict[int, dict[str, int]] | None = week.__dict__.get("_summary_ratings")
    if found is None:
        found = {
            c.membership.seat: {a.dimension: a.rating for a in c.answers.all() if a.rating}
            for c in week.checkins.all()
        }
        week.__dict__["_summary_ratings"] = found
    return found


def _by_position(ratings: dict[int, dict[str, int]]) -> dict[Position, dict[str, int]]:
    return {"a": ratings.get(1, {}), "b": ratings.get(2, {})}


def stored_weeks(couple: Couple, dates: Sequence[date]) -> list[Week]:
    """The couple's stored weeks of the window (``dates``, newest first) and the
    ``FLAG_LOOKBACK - 1`` stored weeks before it, revealed or not, newest first, with both
    check-ins prefetched: the rows the couple's own week page reads its flags from
    (``selectors.weeks_up_to``), for every week of the window at once. One query for the
    weeks, whatever the history's length, and the prefetches. No written text is read:
    the flags use the stored word counts, and the shared answers come separately
    (``selectors.answers_shared_with_counsellor``)."""
    older = (
        Week.objects.for_couple(couple)
        .filter(starts_on__lt=dates[-1])
        .order_by("-starts_on")
        .values("pk")[: selectors.FLAG_LOOKBACK - 1]
    )
    found = (
        Week.objects.for_couple(couple)
        .filter(Q(starts_on__gte=dates[-1], starts_on__lte=dates[0]) | Q(pk__in=older))
        .order_by("-starts_on")
        .fetch_mode(FETCH_RAISE)
    )
    return selectors.with_rows(list(found), texts=False)


def week_flags(
    ctx: CoupleContext,
    stored: Sequence[Week],
    names: dict[Position, str],
    dates: Sequence[date],
) -> dict[date, list[CounsellorFlag]]:
    """Each revealed week's flags in the counsellor's voice, each found over the same rows
    the couple's week page uses (that week and the stored weeks before it, at most
    ``FLAG_LOOKBACK``): a fixed amount of work per week, so linear in the weeks shown."""
    by_date = {w.starts_on: w for w in stored}
    return {
        starts_on: counsellor_flags(
            raw, names=names, ratings=_by_position(_ratings(by_date[starts_on]))
        )
        for starts_on, raw in comparison.raw_flags_by_week(
            ctx, stored, selectors.FLAG_LOOKBACK, only=set(dates)
        ).items()
    }


# --------------------------------------------------------------------------------------------
# Since your last visit
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekStatus:
    starts_on: date
    status: str  # "both", "one", "none"

    @property
    def text(self) -> str:
        return {
            "both": _("Both checked in"),
            "one": _("Only one of them checked in"),
            "none": _("No check-in"),
        }[self.status]


@dataclass(frozen=True)
class RatingChange:
    part: str
    name: str
    before: int | None
    after: int | None

    @property
    def text(self) -> str:
        if self.before is None or self.after is None:
            return rating_words(self.after) if self.after is not None else "—"
        if self.before == self.after:
            return _("unchanged at %(rating)s") % {"rating": rating_words(self.after)}
        direction = _("up") if self.after > self.before else _("down")
        return _("%(direction)s from %(before)s to %(after)s") % {
            "direction": direction,
            "before": rating_words(self.before),
            "after": rating_words(self.after),
        }


@dataclass(frozen=True)
class SharedWish:
    starts_on: date
    name: str
    part: str
    need: str
    met: str  # FollowThrough value, "" not answered, "pending" not asked yet

    @property
    def met_text(self) -> str:
        if self.met == "pending":
            return _("Not asked yet: the next week's check-in asks whether it happened.")
        if not self.met:
            return _("Not answered")
        return str(FollowThrough(self.met).label)


@dataclass(frozen=True)
class ReactionNote:
    starts_on: date
    by: str
    text: str  # "Let's talk about this", on Alex's wish for Feeling close


SINCE_ITEMS = 12
SINCE_PRINTED = 6  # the print view's share of them: it must fit two A4 pages
SINCE_FLAG_WEEKS = 6


@dataclass(frozen=True)
class SinceVisit:
    visited_at: datetime | None
    weeks: list[WeekStatus]
    compared_from: date | None
    compared_to: date | None
    changes: list[RatingChange]
    signs: list[tuple[str, int]]  # sign label, weeks both ticked it
    wishes: list[SharedWish]
    reactions: list[ReactionNote]
    flags: list[tuple[date, list[CounsellorFlag]]]

    @property
    def first_visit(self) -> bool:
        return self.visited_at is None

    # The top of the page stays short after a long gap (or on a first visit to a long
    # history): the newest few of each list, the rest under "Week by week".
    @property
    def wishes_shown(self) -> list[SharedWish]:
        return self.wishes[:SINCE_ITEMS]

    @property
    def more_wishes(self) -> int:
        return max(0, len(self.wishes) - SINCE_ITEMS)

    @property
    def wishes_printed(self) -> list[SharedWish]:
        return self.wishes[:SINCE_PRINTED]

    @property
    def more_wishes_printed(self) -> int:
        return max(0, len(self.wishes) - SINCE_PRINTED)

    @property
    def reactions_shown(self) -> list[ReactionNote]:
        return self.reactions[:SINCE_ITEMS]

    @property
    def more_reactions(self) -> int:
        return max(0, len(self.reactions) - SINCE_ITEMS)

    @property
    def flags_shown(self) -> list[tuple[date, list[CounsellorFlag]]]:
        return self.flags[:SINCE_FLAG_WEEKS]

    @property
    def more_flag_weeks(self) -> int:
        return max(0, len(self.flags) - SINCE_FLAG_WEEKS)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(w.status for w in self.weeks)
        return {k: counted.get(k, 0) for k in ("both", "one", "none")}


def last_visit(state: ConsentState, *, skip: int = 0) -> datetime | None:
    """When the counsellor last opened this couple's summary (read it before logging the
    current visit); with ``skip``, the visit that many before that one."""
    found = (
        AccessLogEntry.objects.filter(access=state.access, page="summary")
        .order_by("-viewed_at", "-pk")
        .values_list("viewed_at", flat=True)[skip : skip + 1]
    )
    return next(iter(found), None)


def _status(week: Week | None) -> str:
    if week is None:
        return "none"
    if week.is_revealed:
        return "both"
    return "one" if any(c.is_submitted for c in week.checkins.all()) else "none"


def _since_dates(
    state: ConsentState, dates: Sequence[date], by_date: dict[date, Week], visited: datetime | None
) -> list[date]:
    """The window's weeks checked in since the visit: every week from the visit's week on,
    and an earlier one revealed after it (a late check-in). All of them on a first visit."""
    if visited is None:
        return list(dates)
    couple = state.access.couple
    clock = selectors.clock_for(couple)
    visit_week = weeks.week_start_for(visited, clock.tz, couple.week_start_day)

    def revealed_after(d: date) -> bool:
        week = by_date.get(d)
        return week is not None and week.revealed_at is not None and week.revealed_at > visited

    return [d for d in dates if d >= visit_week or revealed_after(d)]


def _changes(before: Week | None, after: Week | None, names: dict[int, str]) -> list[RatingChange]:
    if after is None:
        return []
    old = _ratings(before) if before is not None else {}
    new = _ratings(after)
    rows = []
    for dim in Dimension.values:
        for seat in (1, 2):
            was, now = old.get(seat, {}).get(dim), new.get(seat, {}).get(dim)
            if was is None and now is None:
                continue
            rows.append(RatingChange(str(Dimension(dim).label), names[seat], was, now))
    return rows


def _shared_signs(revealed: Sequence[Week]) -> list[tuple[str, int]]:
    counted: Counter[str] = Counter()
    for week in revealed:
        ticked = [set(c.signs) for c in week.checkins.all() if c.is_submitted]
        if len(ticked) == 2:
            counted.update(ticked[0] & ticked[1])
    return [(str(label), counted[value]) for value, label in WarningSign.choices if counted[value]]


def _wishes(
    shared: dict[date, list[SharedAnswer]],
    since: Sequence[Week],
    by_date: dict[date, Week],
    names: dict[int, str],
) -> list[SharedWish]:
    """Wishes only from answers shared with the counsellor; whether each was met, from the
    other partner's "did we manage it?" the week after, once that week is revealed."""
    found = []
    for week in since:
        following = by_date.get(weeks.next_week(week.starts_on))
        for answer in shared.get(week.starts_on, []):
            if not answer.need.strip():
                continue
            met = "pending"
            if following is not None and following.is_revealed:
                other = next(
                    (c for c in following.checkins.all() if c.membership.seat != answer.seat),
                    None,
                )
                met = other.follow_through if other is not None else ""
            found.append(
                SharedWish(week.starts_on, names[answer.seat], answer.label, answer.need, met)
            )
    return found


def _reaction_text(kind: str, part: str, on: str) -> str:
    field_name, dimension = Reaction.split(part) or ("", "")
    values = {
        "kind": str(ReactionKind(kind).label),
        "name": on,
        "part": str(Dimension(dimension).label) if dimension else "",
    }
    if field_name == "need":
        return _("“%(kind)s” on %(name)s's wish for %(part)s") % values
    if field_name == "reflection":
        return _("“%(kind)s” on %(name)s's answer about %(part)s") % values
    return _("“%(kind)s” on %(name)s's appreciation") % values


def _reactions(couple: Couple, since: Sequence[Week], names: dict[int, str]) -> list[ReactionNote]:
    """The follow-up reactions ("Let's talk about this", "I'll do that") of the weeks since:
    only their kind, who gave them and which part; no text is read (one query)."""
    rows = (
        Reaction.objects.filter(
            checkin__week__in=[w.pk for w in since],
            checkin__week__couple=couple,
            kind__in=FOLLOW_UP_REACTIONS,
        )
        .order_by("-checkin__week__starts_on", "pk")
        .values_list(
            "checkin__week__starts_on", "checkin__membership__seat", "by__seat", "part", "kind"
        )
    )
    return [
        ReactionNote(starts_on, names.get(by, ""), _reaction_text(kind, part, names.get(on, "")))
        for starts_on, on, by, part, kind in rows
        if Reaction.split(part) is not None and on in names and by in names
    ]


# --------------------------------------------------------------------------------------------
# Compact charts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompactChart:
    dimension: str
    label: str
    spark: charts.Sparkline
    text: str  # the chart in words, for screen readers and print

    @property
    def svg(self) -> SafeString:
        """The sparkline's SVG, written here rather than by the template language (a
        lookup chain per marker was a fifth of the page at 104 weeks). Numbers and class
        names only: no text of the couple's is in it."""
        spark = self.spark
        plot, markers = spark.plot, spark.markers
        out = [
            f'<svg class="spark-svg" viewBox="{spark.view_box}" aria-hidden="true" '
            f'focusable="false">\n<line class="chart-grid" x1="{plot.left}" y1="{plot.top}" '
            f'x2="{plot.right}" y2="{plot.top}"/>\n<line class="chart-grid" x1="{plot.left}" '
            f'y1="{plot.bottom}" x2="{plot.right}" y2="{plot.bottom}"/>\n'
        ]
        for series in spark.series:
            css, dashed = series.css_class, series.position == "b"
            dash = ' stroke-dasharray="5 3"' if dashed else ""
            out.extend(
                f'<path class="chart-line spark-line {css}" d="{d}" fill="none" '
                f'stroke="currentColor"{dash}/>'
                for d in series.paths
            )
            out.append("\n")
            if dashed:
                head = (
                    f'<rect class="chart-marker {css}" x="{markers.offset}" '
                    f'y="{markers.offset}" width="{markers.side}" height="{markers.side}" '
                )
                out.extend(
                    f'{head}transform="translate({p.x} {p.y}) rotate(45)"/>' for p in series.points
                )
            else:
                r = markers.radius
                out.extend(
                    f'<circle class="chart-marker {css}" cx="{p.x}" cy="{p.y}" r="{r}"/>'
                    for p in series.points
                )
            out.append("\n")
        out.append("</svg>")
        return mark_safe("".join(out))  # noqa: S308


def _chart_text(name: str, values: Sequence[int | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return _("%(name)s: no rating") % {"name": name}
    if len(known) == 1:
        return _("%(name)s: %(rating)s") % {"name": name, "rating": rating_words(known[0])}
    return _("%(name)s: from %(first)s to %(last)s (lowest %(low)s, highest %(high)s)") % {
        "name": name,
        "first": known[0],
        "last": rating_words(known[-1]),
        "low": min(known),
        "high": max(known),
    }


def compact_charts(revealed: Sequence[Week], names: dict[int, str]) -> list[CompactChart]:
    """One sparkline per part with both partners' lines, oldest to newest."""
    oldest_first = list(reversed(revealed))
    if not oldest_first:
        return []
    dates = [w.starts_on for w in oldest_first]
    ratings = [_ratings(w) for w in oldest_first]
    found = []
    for dim in Dimension.values:
        values = {seat: tuple(r.get(seat, {}).get(dim) for r in ratings) for seat in (1, 2)}
        if not any(v is not None for seat in (1, 2) for v in values[seat]):
            continue
        series = [
            charts.Series(names[1], "a", values[1]),
            charts.Series(names[2], "b", values[2]),
        ]
        text = "; ".join(_chart_text(names[seat], values[seat]) for seat in (1, 2))
        found.append(
            CompactChart(dim, str(Dimension(dim).label), charts.sparkline(dates, series), text)
        )
    return found


# --------------------------------------------------------------------------------------------
# The summary
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    names: dict[int, str]
    weeks: list[SummaryWeek]
    both_checked_in: int  # revealed weeks of the window
    out_of: int  # the window's weeks that are over (and this one once revealed)
    weeks_from: date
    weeks_to: date
    span_weeks: int | None
    since: SinceVisit | None = None
    charts: list[CompactChart] = field(default_factory=list)
    hidden_weeks: int = 0  # revealed weeks of the window without a week-by-week block


#: How many of the newest revealed weeks the summary page details, week by week, unless the
#: counsellor asks for all of them (``?weeks=all``). The print view always has every week.
DETAIL_WEEKS = 12

#: How many of the newest weeks with shared answers the print view prints (two A4 pages).
PRINTED_ANSWER_WEEKS = 2


def printed_answer_weeks(weeks: Sequence[SummaryWeek], *, every: bool) -> list[SummaryWeek]:
    """The weeks whose shared answers the print view prints: the newest few that have any,
    or all of them (``every``)."""
    with_answers = [w for w in weeks if w.shared]
    return with_answers if every else with_answers[:PRINTED_ANSWER_WEEKS]


@dataclass(frozen=True)
class PrintRow:
    starts_on: date
    ratings: list[tuple[int | None, int | None]]  # (seat 1, seat 2) per printed part
    flags: list[CounsellorFlag]


def print_table(weeks: Sequence[SummaryWeek]) -> tuple[list[str], list[PrintRow]]:
    """The print view's week table: the parts rated in any of ``weeks`` (their friendly
    names, in the catalogue's order) and one row per week with both ratings of each."""
    dims = [
        d
        for d in Dimension.values
        if any(d in w.ratings.get(seat, {}) for w in weeks for seat in (1, 2))
    ]
    rows = [
        PrintRow(
            w.starts_on,
            [(w.ratings.get(1, {}).get(d), w.ratings.get(2, {}).get(d)) for d in dims],
            w.flags,
        )
        for w in weeks
    ]
    return [str(Dimension(d).label) for d in dims], rows


def summary(state: ConsentState, *, printing: bool = False, detail: int | None = None) -> Summary:
    """Everything on the counsellor's summary page, in a fixed number of queries.

    ``printing``: for the print view, opened from the summary page, which has just logged
    its own visit: "since your last visit" then means what that page showed, since the
    summary visit before the latest one.

    ``detail``: how many of the newest revealed weeks get a week-by-week block (all when
    None). The flags, charts, completion and "since your last visit" still cover every
    revealed week of the window; shared answers are read only for the weeks shown and the
    weeks since the last visit (whose wishes are listed at the top)."""
    ctx = _ctx(state)
    dates = window(state)
    in_window = set(dates)
    names = {m.seat: m.name for m in state.partners}
    by_position: dict[Position, str] = {"a": names[1], "b": names[2]}
    visited = last_visit(state, skip=1 if printing else 0)
    stored = stored_weeks(ctx.couple, dates)
    by_date = {w.starts_on: w for w in stored if w.starts_on in in_window}
    revealed = [w for w in stored if w.starts_on in in_window and w.is_revealed]  # newest first
    flags = week_flags(ctx, stored, by_position, dates)
    detailed = revealed if detail is None else revealed[:detail]
    since_dates = _since_dates(state, dates, by_date, visited)
    since_revealed = [by_date[d] for d in since_dates if d in by_date and by_date[d].is_revealed]
    read = {w.starts_on for w in detailed} | {w.starts_on for w in since_revealed}
    with_answers = [w for w in revealed if w.starts_on in read]  # newest first
    shared = _shared_answers(
        selectors.answers_shared_with_counsellor(weeks=with_answers),
        with_answers,
        ctx.couple,
        names,
    )
    summary_weeks = [
        SummaryWeek(
            starts_on=w.starts_on,
            ratings=_ratings(w),
            flags=flags.get(w.starts_on, []),
            shared=shared[w.starts_on],  # a defaultdict: [] for a week with none
        )
        for w in detailed
    ]
    since_set = set(since_dates)
    earlier = [w for w in revealed if w.starts_on not in since_set]
    if visited is None:
        before = revealed[-1] if len(revealed) > 1 else None
    else:
        before = earlier[0] if earlier else None
    after = since_revealed[0] if since_revealed else None
    since = SinceVisit(
        visited_at=visited,
        weeks=[WeekStatus(d, _status(by_date.get(d))) for d in since_dates],
        compared_from=before.starts_on if before and after else None,
        compared_to=after.starts_on if before and after else None,
        changes=_changes(before, after, names) if before and after else [],
        signs=_shared_signs(since_revealed),
        wishes=_wishes(shared, since_revealed, by_date, names),
        reactions=_reactions(ctx.couple, since_revealed, names),
        flags=[(w.starts_on, flags[w.starts_on]) for w in since_revealed if flags.get(w.starts_on)],
    )
    counted = selectors.weeks_counted(selectors.clock_for(ctx.couple), dates, revealed)
    return Summary(
        names=names,
        weeks=summary_weeks,
        both_checked_in=len(revealed),
        out_of=len(counted),
        weeks_from=dates[-1],  # the window always holds at least the current week
        weeks_to=dates[0],
        span_weeks=state.span_weeks,
        since=since,
        charts=compact_charts(revealed, names),
        hidden_weeks=len(revealed) - len(detailed),
    )


@dataclass(frozen=True)
class Overview:
    access_id: int
    names: list[str]
    last_week: date | None
    flags: list[CounsellorFlag]


def overview(state: ConsentState) -> Overview:
    """One dashboard row: the couple's latest revealed week and its flags, counted as on the
    couple's own week page (that week and the stored weeks before it, revealed or not, at
    most ``FLAG_LOOKBACK``). One read of the newest stored weeks covers it unless none of
    the newest ``FLAG_LOOKBACK`` was revealed; then two more find the latest that was."""
    ctx = _ctx(state)
    dates = window(state)
    in_window = set(dates)
    names = {m.seat: m.name for m in state.partners}
    lookback = selectors.FLAG_LOOKBACK
    recent = selectors.weeks_up_to(ctx, dates[0], limit=2 * lookback, texts=False)
    latest = next(
        (i for i, w in enumerate(recent[:lookback]) if w.is_revealed and w.starts_on in in_window),
        None,
    )
    if latest is not None:
        rows = recent[latest : latest + lookback]
    else:
        newest = (
            Week.objects.for_couple(ctx.couple)
            .revealed()
            .filter(starts_on__in=dates)
            .values_list("starts_on", flat=True)
            .first()
        )
        rows = selectors.weeks_up_to(ctx, newest, texts=False) if newest is not None else []
    return Overview(
        access_id=state.access.pk,
        names=[names[1], names[2]],
        last_week=rows[0].starts_on if rows else None,
        flags=counsellor_flags(
            comparison.raw_flags_for_week(ctx, rows),
            names={"a": names[1], "b": names[2]},
            ratings=_by_position(_ratings(rows[0])) if rows else {},
        ),
    )
