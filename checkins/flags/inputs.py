"""What the flag rules read: one week of each partner's shared answers, and the couple's week.

Partners are only ever positions, ``"a"`` and ``"b"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Position = Literal["a", "b"]
POSITIONS: tuple[Position, Position] = ("a", "b")


def other(position: Position) -> Position:
    """The other partner's position."""
    return "b" if position == "a" else "a"


@dataclass(frozen=True)
class PartnerWeek:
    """What one partner shared for one week. Private notes are never part of it."""

    submitted: bool = False
    ratings: Mapping[str, int] = field(default_factory=dict)
    reflections: Mapping[str, str] = field(default_factory=dict)
    needs: Mapping[str, str] = field(default_factory=dict)
    appreciation: str = ""
    signs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for dimension, rating in self.ratings.items():
            if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
                raise ValueError(f"rating for {dimension!r} must be an integer from 1 to 5")


@dataclass(frozen=True)
class CoupleWeek:
    """One week of a couple's check-in: both partners' answers and the dimensions asked."""

    week: date
    a: PartnerWeek
    b: PartnerWeek
    dimensions: tuple[str, ...]

    @property
    def revealed(self) -> bool:
        """Both partners submitted, so both sets of answers are visible."""
        return self.a.submitted and self.b.submitted

    def partner(self, position: Position) -> PartnerWeek:
        return self.a if position == "a" else self.b
