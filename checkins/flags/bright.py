"""Bright spots: what went well in a revealed week, shown before anything worth a gentle look.

Pure rules, like the flags: weeks in, plain data out. A revealed week always has at least
one bright spot (you both checked in), so a week with no flags still has something warm to
say. Bright spots have no positions: they are always about the two of you.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from checkins.flags.flag import Text
from checkins.flags.inputs import CoupleWeek
from checkins.flags.ordering import _unique
from checkins.flags.thresholds import Thresholds
from checkins.flags.wording import bright_wording, placeholders

#: The "did we manage it?" answer that counts as a wish met (``checkins.catalog.FollowThrough``).
WISH_MET_ANSWER = "yes"
ONE_WEEK = timedelta(days=7)


class BrightKind(enum.StrEnum):
    """The kinds of bright spot, in the order they are shown."""

    BOTH_CLOSE = "both_close"
    WISH_MET = "wish_met"
    RATING_ROSE = "rating_rose"
    BOTH_CHECKED_IN = "both_checked_in"


@dataclass(frozen=True)
class BrightSpot:
    """Something that went well. ``dimensions``: BOTH_CLOSE and RATING_ROSE; ``rating``: the
    threshold BOTH_CLOSE used; ``count``: WISH_MET, how many of you said a wish was met (1 or
    2), BOTH_CHECKED_IN, how many weeks in a row you have both checked in; ``before`` and
    ``after``: RATING_ROSE with one dimension, its shared rating then and now."""

    kind: BrightKind
    dimensions: tuple[str, ...] = ()
    rating: int | None = None
    count: int | None = None
    before: float | None = None
    after: float | None = None

    @property
    def title(self) -> Text:
        return self._text(bright_wording(self).title)

    @property
    def text(self) -> Text:
        return self._text(bright_wording(self).text)

    def _text(self, template: str) -> Text:
        values = placeholders(
            dimensions=self.dimensions,
            rating=self.rating,
            count=self.count,
            before=self.before,
            after=self.after,
        )
        return format_lazy(gettext_lazy(template), **values)


def _shared(week: CoupleWeek, dimension: str) -> Fraction | None:
    """The mean of both ratings of ``dimension``, when it was asked and both rated it."""
    if dimension not in week.dimensions:
        return None
    a, b = week.a.ratings.get(dimension), week.b.ratings.get(dimension)
    return None if a is None or b is None else Fraction(a + b, 2)


def _both_close(week: CoupleWeek, t: Thresholds) -> list[BrightSpot]:
    dims = tuple(
        d
        for d in _unique(week.dimensions)
        if min(week.a.ratings.get(d, 0), week.b.ratings.get(d, 0)) >= t.close_rating
    )
    return [BrightSpot(BrightKind.BOTH_CLOSE, dims, rating=t.close_rating)] if dims else []


def _wish_met(week: CoupleWeek) -> list[BrightSpot]:
    met = sum(pw.follow_through == WISH_MET_ANSWER for pw in (week.a, week.b))
    return [BrightSpot(BrightKind.WISH_MET, count=met)] if met else []


def _previous_revealed(weeks: Sequence[CoupleWeek]) -> CoupleWeek | None:
    for index in range(len(weeks) - 2, -1, -1):
        if weeks[index].revealed:
            return weeks[index]
    return None


def _rating_rose(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[BrightSpot]:
    newest, before = weeks[-1], _previous_revealed(weeks)
    if before is None:
        return []
    rises: dict[str, tuple[Fraction, Fraction]] = {}
    for d in _unique(newest.dimensions):
        then, now = _shared(before, d), _shared(newest, d)
        if then is not None and now is not None and now - then >= t.rise:
            rises[d] = (then, now)
    if not rises:
        return []
    dims = tuple(rises)
    if len(dims) > 1:
        return [BrightSpot(BrightKind.RATING_ROSE, dims)]
    then, now = rises[dims[0]]
    return [BrightSpot(BrightKind.RATING_ROSE, dims, before=float(then), after=float(now))]


def _run(weeks: Sequence[CoupleWeek]) -> int:
    """How many weeks in a row, ending with the newest, you have both checked in."""
    run = 0
    for index in range(len(weeks) - 1, -1, -1):
        week = weeks[index]
        if not week.revealed:
            break
        if run and weeks[index + 1].week - week.week != ONE_WEEK:
            break
        run += 1
    return run


def bright_spots(weeks: Sequence[CoupleWeek], t: Thresholds) -> list[BrightSpot]:
    """What went well in the newest of ``weeks`` (oldest to newest), in the order shown.

    Only a revealed week has bright spots, and it always has one: you both checked in.
    "Closer than last time" compares it with the revealed week before it, however far back.
    """
    if not weeks or not weeks[-1].revealed:
        return []
    newest = weeks[-1]
    return [
        *_both_close(newest, t),
        *_wish_met(newest),
        *_rating_rose(weeks, t),
        BrightSpot(BrightKind.BOTH_CHECKED_IN, count=_run(weeks)),
    ]
