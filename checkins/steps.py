"""The check-in in steps: which steps a week has, which part is featured, what is missing.

A week's check-in is a few short screens instead of one long page:

1. the closeness ratings of every enabled part together;
2. one step per part: its question (the reflection) and "what I'd love from you";
3. a last step: the signs, the appreciation, the private note, a review, and submit.

Each step carries only its own fields, so saving one step never touches another's. One part
a week is *featured*: its question gets the large box and is the one answer, besides the
ratings, that a check-in needs. The others' questions stay optional.

Pure: plain values in and out, no database; importable without configured settings.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class Kind(enum.StrEnum):
    RATINGS = "ratings"
    PART = "part"
    FINISH = "finish"


RATINGS = "ratings"
FINISH = "finish"


@dataclass(frozen=True, slots=True)
class Step:
    """One screen of the check-in. ``key`` names it in a form ("ratings", a dimension, or
    "finish"); ``number`` (from 1) names it in a URL (``?step=2``) and in "Step 2 of 5"."""

    number: int
    key: str
    kind: Kind

    @property
    def dimension(self) -> str | None:
        return self.key if self.kind is Kind.PART else None


def plan(dimensions: Sequence[str]) -> tuple[Step, ...]:
    """The steps for a check-in of ``dimensions`` (in the order given), numbered from 1."""
    if not dimensions:
        raise ValueError("a check-in has at least one part")
    keys = [
        (RATINGS, Kind.RATINGS),
        *((str(d), Kind.PART) for d in dimensions),
        (FINISH, Kind.FINISH),
    ]
    return tuple(
        Step(number=number, key=key, kind=kind) for number, (key, kind) in enumerate(keys, 1)
    )


def by_number(steps: Sequence[Step], value: object) -> Step:
    """The step a URL's ``?step=`` names. Anything that is no number is the first step,
    and a number past the end (a part turned off since) the last one."""
    try:
        number = int(str(value))
    except ValueError:
        return steps[0]
    return steps[min(max(number, 1), len(steps)) - 1]


def names_first(value: object) -> bool:
    """Whether ``?step=value`` is the first step of any plan (see ``by_number``)."""
    try:
        return int(str(value)) <= 1
    except ValueError:
        return True


def by_key(steps: Sequence[Step], key: str) -> Step | None:
    return next((s for s in steps if s.key == key), None)


def featured_dimension(dimensions: Sequence[str], *, couple_seed: int, week_index: int) -> str:
    """The part whose question is featured in week ``week_index``.

    It rotates through ``dimensions`` one week at a time, so over any ``len(dimensions)``
    weeks in a row each part is featured exactly once, and never twice in a row (with two
    parts or more). ``couple_seed`` shifts where a couple starts, so couples differ. It
    depends on nothing a partner does, so both partners see the same featured question.
    """
    if not dimensions:
        raise ValueError("a check-in has at least one part")
    return str(dimensions[(week_index + couple_seed) % len(dimensions)])


class Field(enum.StrEnum):
    RATING = "rating"
    REFLECTION = "reflection"


@dataclass(frozen=True, slots=True)
class Missing:
    """An answer a check-in needs before it can be submitted."""

    dimension: str
    field: Field

    @property
    def name(self) -> str:
        """The form field's name, e.g. ``"emotional-rating"``."""
        return f"{self.dimension}-{self.field}"


def missing_answers(
    *,
    dimensions: Sequence[str],
    featured: str,
    ratings: Mapping[str, int | None],
    reflections: Mapping[str, str],
) -> tuple[Missing, ...]:
    """What stops a check-in from being submitted, in the order of the steps: a rating for
    every part, then an answer to the featured question (blank or only spaces is none)."""
    missing = [Missing(str(d), Field.RATING) for d in dimensions if ratings.get(str(d)) is None]
    if featured in dimensions and not reflections.get(featured, "").strip():
        missing.append(Missing(featured, Field.REFLECTION))
    return tuple(missing)


def step_of(steps: Sequence[Step], missing: Missing) -> Step:
    """The step where ``missing`` is answered."""
    if missing.field is Field.RATING:
        return steps[0]
    found = by_key(steps, missing.dimension)
    if found is None:
        raise ValueError(f"no step for {missing.dimension!r}")
    return found
