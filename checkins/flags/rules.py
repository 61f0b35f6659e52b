"""The flag rules: this week's flags, the flags across weeks, and both together."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from checkins.flags.flag import Flag
from checkins.flags.inputs import POSITIONS, CoupleWeek, Position, other
from checkins.flags.kinds import FlagKind
from checkins.flags.ordering import _ordered, _unique
from checkins.flags.thresholds import Thresholds
from checkins.flags.words import _dimension_words

# --------------------------------------------------------------------------------------------
# This week's flags
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """Per-partner word counts of a week: total and per dimension (reflection + need)."""

    total: dict[Position, int]
    per_dimension: dict[Position, dict[str, int]]


def _words(week: CoupleWeek, dimensions: tuple[str, ...]) -> _Words:
    total: dict[Position, int] = {}
    per_dimension: dict[Position, dict[str, int]] = {}
    for position in POSITIONS:
        pw = week.partner(position)
        per_dimension[position] = {d: sum(_dimension_words(pw, d)) for d in dimensions}
        total[position] = pw.appreciation_words + sum(per_dimension[position].values())
    return _Words(total=total, per_dimension=per_dimension)


def _lesser(total: Mapping[Position, int]) -> Position | None:
    if total["a"] == total["b"]:
        return None
    return "a" if total["a"] < total["b"] else "b"


def _one_sided_week(words: _Words, dimensions: tuple[str, ...], t: Thresholds) -> list[Flag]:
    less = _lesser(words.total)
    if less is None:
        return []
    more = other(less)
    larger, smaller = words.total[more], words.total[less]
    if larger < t.one_sided_min_words or not smaller < t.ratio * larger:
        return []
    diffs = {d: words.per_dimension[more][d] - words.per_dimension[less][d] for d in dimensions}
    widest = max(diffs.values(), default=0)
    dims = tuple(d for d in dimensions if diffs[d] == widest) if widest > 0 else ()
    flag = Flag(FlagKind.ONE_SIDED_WEEK, dims, more, less, words_more=larger, words_less=smaller)
    return [flag]


def _silent_dimensions(words: _Words, dimensions: tuple[str, ...]) -> list[Flag]:
    flags = []
    for silent in POSITIONS:
        writer = other(silent)
        dims = tuple(
            d
            for d in dimensions
            if words.per_dimension[writer][d] > 0 and words.per_dimension[silent][d] == 0
        )
        if dims:
            flags.append(Flag(FlagKind.SILENT_DIMENSION, dims, more=writer, less=silent))
    return flags


def _rating_gaps(week: CoupleWeek, dimensions: tuple[str, ...], t: Thresholds) -> list[Flag]:
    flags = []
    for d in dimensions:
        rating_a, rating_b = week.a.ratings.get(d), week.b.ratings.get(d)
        if rating_a is None or rating_b is None or abs(rating_a - rating_b) < t.rating_gap:
            continue
        more: Position = "a" if rating_a > rating_b else "b"
        gap = abs(rating_a - rating_b)
        flags.append(Flag(FlagKind.RATING_GAP, (d,), more, other(more), gap=gap))
    return flags


def _shared_signs(week: CoupleWeek) -> list[Flag]:
    return [Flag(FlagKind.SHARED_SIGN, sign=s) for s in week.a.signs & week.b.signs]


def week_flags(week: CoupleWeek, t: Thresholds) -> list[Flag]:
    """Flags about one week. Only a revealed week (both submitted) has any."""
    if not week.revealed:
        return []
    dimensions = _unique(week.dimensions)
    words = _words(week, dimensions)
    return _ordered(
        [
            *_one_sided_week(words, dimensions, t),
            *_silent_dimensions(words, dimensions),
            *_rating_gaps(week, dimensions, t),
            *_shared_signs(week),
        ]
    )


# --------------------------------------------------------------------------------------------
# Flags across weeks
# --------------------------------------------------------------------------------------------


def _newest_first(
    weeks: Sequence[CoupleWeek], size: int, window: list[CoupleWeek]
) -> Iterator[tuple[int, CoupleWeek]]:
    """Weeks newest first with their index, stopping unread once ``window`` is full."""
    for index in range(len(weeks) - 1, -1, -1):
        if len(window) >= size:
            return
        yield index, weeks[index]


def _pattern_window(weeks: Sequence[CoupleWeek], size: int) -> list[CoupleWeek]:
    """The newest ``size`` weeks in which at least one partner submitted.

    The newest week is left out while it is waiting for one partner: it may be in progress.
    """
    window: list[CoupleWeek] = []
    newest = len(weeks) - 1
    for index, week in _newest_first(weeks, size, window):
        if index == newest and not week.revealed:
            continue
        if week.a.submitted or week.b.submitted:
            window.append(week)
    return window


def _shared_less(week: CoupleWeek) -> Position | None:
    """Who shared less in a counted week: fewer words, or skipped while the other submitted."""
    if not week.revealed:
        return "a" if not week.a.submitted else "b"
    return _lesser(_words(week, _unique(week.dimensions)).total)


def _one_sided_pattern(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    window = _pattern_window(weeks, t.pattern_weeks)
    tally: dict[Position, int] = {"a": 0, "b": 0}
    for week in window:
        less = _shared_less(week)
        if less is not None:
            tally[less] += 1
    qualifying = [p for p in POSITIONS if tally[p] >= t.pattern_min]
    if len(qualifying) != 1:
        return []
    less = qualifying[0]
    flag = Flag(
        FlagKind.ONE_SIDED_PATTERN,
        more=other(less),
        less=less,
        count=tally[less],
        window=len(window),
    )
    return [flag]


def _drift_window(weeks: Sequence[CoupleWeek], size: int) -> list[CoupleWeek]:
    """The newest ``size`` revealed weeks, oldest first."""
    window: list[CoupleWeek] = []
    for _index, week in _newest_first(weeks, size, window):
        if week.revealed:
            window.append(week)
    return window[::-1]


def _rating_sum(week: CoupleWeek, dimension: str) -> int | None:
    """Both partners' ratings of ``dimension`` added (twice the couple's average rating)."""
    if dimension not in week.dimensions:
        return None
    rating_a, rating_b = week.a.ratings.get(dimension), week.b.ratings.get(dimension)
    if rating_a is None or rating_b is None:
        return None
    return rating_a + rating_b


def _drift_for(window: list[CoupleWeek], dimension: str, t: Thresholds) -> Flag | None:
    """The couple's average rating over the first half of ``window`` against the last half,
    in exact fractions (integer sums, divided once)."""
    sums = [_rating_sum(week, dimension) for week in window]
    known = [r for r in sums if r is not None]
    if len(known) < len(sums):
        return None
    half = len(known) // 2
    before = Fraction(sum(known[:half]), 2 * half)
    after = Fraction(sum(known[-half:]), 2 * half)
    if before - after < t.drop:
        return None
    return Flag(
        FlagKind.DRIFTING,
        (dimension,),
        window=len(window),
        before=float(before),
        after=float(after),
        drop=float(before - after),
    )


def _drifting(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    window = _drift_window(weeks, t.drift_weeks)
    if len(window) < t.drift_weeks:
        return []
    flags = (_drift_for(window, d, t) for d in _unique(window[-1].dimensions))
    return [flag for flag in flags if flag is not None]


def history_flags(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    """Flags about the last few weeks; ``weeks`` run oldest to newest, revealed or not."""
    return _ordered([*_one_sided_pattern(weeks, t), *_drifting(weeks, t)])


def flags_for(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[Flag]:
    """All flags to show with the newest week: its own flags and the history flags, in order.

    Only the windows the rules need are read, newest first, so the work grows at most
    linearly with the number of weeks (and stays flat when the recent weeks are complete).
    """
    if not weeks:
        return []
    return _ordered([*week_flags(weeks[-1], t), *history_flags(weeks, t)])
