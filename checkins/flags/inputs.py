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
    """What one partner shared for one week, as numbers: the ratings, and how many words
    (``count_words``) each reflection, need and the appreciation have. No text is part of
    it (the app passes the counts stored when the text was saved), and private notes are
    never part of it in any form."""

    submitted: bool = False
    ratings: Mapping[str, int] = field(default_factory=dict)
    reflection_words: Mapping[str, int] = field(default_factory=dict)
    need_words: Mapping[str, int] = field(default_factory=dict)
    appreciation_words: int = 0
    signs: frozenset[str] = frozenset()
    #: "Did we manage it?" about the other's wishes of the week before ("yes", "partly",
    #: "not_yet", or "" when not answered).
    follow_through: str = ""

    def __post_init__(self) -> None:
        for dimension, rating in self.ratings.items():
            if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
                raise ValueError(f"rating for {dimension!r} must be an integer from 1 to 5")
        counts = [*self.reflection_words.values(), *self.need_words.values()]
        for count in (*counts, self.appreciation_words):
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError("word counts must be integers from 0 up")


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
