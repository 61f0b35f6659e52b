"""One plain-words line per trend chart, and the sharing balance as one bar: pure logic,
no queries, property-tested in tests/test_trend_words.py.

A part's line compares the two of you over your latest revealed weeks: the mean of the
last ``RECENT`` weeks against the mean of up to ``BEFORE`` weeks before them, for each of
you. A change of at least ``STEP`` (one step of the 1 to 5 scale) counts as rising or
dipping; anything smaller is steady. The line names the week the recent run began, so it
can link there, and never says which of you moved: "for one of you", never a name.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from django.utils import dateformat
from django.utils.translation import gettext

RECENT = 2
BEFORE = 3
STEP = 1.0
# Shares within this many points of 50% read as "about equally".
EVEN_WITHIN = 10.0


class Move(enum.IntEnum):
    DIPPED = -1
    STEADY = 0
    ROSE = 1


def move(values: Sequence[float | None]) -> Move | None:
    """One partner's move over ``values`` (oldest to newest, ``None``: no rating that week),
    or ``None`` when there are too few ratings to say."""
    rated = [v for v in values if v is not None]
    if len(rated) < RECENT + 1:
        return None
    recent, before = rated[-RECENT:], rated[-RECENT - BEFORE : -RECENT]
    change = fmean(recent) - fmean(before)
    if change >= STEP:
        return Move.ROSE
    if change <= -STEP:
        return Move.DIPPED
    return Move.STEADY


@dataclass(frozen=True)
class TrendLine:
    text: str
    since: date  # the first week of the recent run: the line links to it


def _since(dates: Sequence[date], a: Sequence[float | None], b: Sequence[float | None]) -> date:
    """The first of the last ``RECENT`` weeks in which either of you gave a rating."""
    rated = [d for d, x, y in zip(dates, a, b, strict=True) if x is not None or y is not None]
    return rated[-RECENT] if len(rated) >= RECENT else rated[-1]


def rating_line(
    *, part: str, dates: Sequence[date], a: Sequence[float | None], b: Sequence[float | None]
) -> TrendLine | None:
    """The line under one part's chart, or ``None`` while there is too little to say."""
    moves = {move(a), move(b)} - {None}
    if not moves or len(dates) < RECENT + 1:
        return None
    since = _since(dates, a, b)
    values = {"part": part, "date": dateformat.format(since, "j F")}
    both = move(a) is not None and move(b) is not None
    if moves == {Move.STEADY}:
        text = gettext("%(part)s has held steady lately.")
    elif moves == {Move.ROSE} and both:
        text = gettext("%(part)s has risen for both of you since %(date)s.")
    elif moves == {Move.DIPPED} and both:
        text = gettext("%(part)s has dipped for both of you since %(date)s.")
    elif Move.ROSE in moves and Move.DIPPED in moves:
        text = gettext(
            "%(part)s has moved in different directions for the two of you since %(date)s:"
            " a good one to talk about together."
        )
    elif Move.ROSE in moves:
        text = gettext("%(part)s has risen for one of you since %(date)s.")
    else:
        text = gettext("%(part)s has dipped for one of you since %(date)s.")
    return TrendLine(text % values, since)


@dataclass(frozen=True)
class BalanceBar:
    """How the words of the period shown were shared: partner a's share, in percent."""

    share_a: int

    @property
    def share_b(self) -> int:
        return 100 - self.share_a

    @property
    def text(self) -> str:
        if abs(self.share_a - 50) <= EVEN_WITHIN:
            return gettext("Over these weeks you shared about equally.")
        return gettext(
            "Over these weeks one of you had more to say. That's often fine; if it's"
            " become a habit, the quieter one might go first next week."
        )


def balance_bar(words: Sequence[tuple[int, int]]) -> BalanceBar | None:
    """The bar for weeks of ``(words of a, words of b)``; ``None`` if nobody wrote a word."""
    total_a = sum(a for a, _ in words)
    total = total_a + sum(b for _, b in words)
    if total == 0:
        return None
    return BalanceBar(share_a=round(100 * total_a / total))
