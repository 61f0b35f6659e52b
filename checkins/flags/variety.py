"""Choosing, for one week's page, which kind word and which idea each flag says.

Every kind of flag has a few of each. The choice depends only on the week and its flags, so a
page reads the same every time it is opened, while different weeks say different things; and
no template (so, with the wording's own check, no sentence) is said twice on one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from checkins.flags.flag import Flag
from checkins.flags.wording import suggestion_choices, wording


def week_seed(week: date) -> int:
    """A week's number (consecutive weeks get consecutive numbers): where its choices start."""
    return week.toordinal() // 7


def _rotated(indexes: range, seed: int) -> list[int]:
    if not indexes:
        return []
    start = seed % len(indexes)
    return [*indexes[start:], *indexes[:start]]


def _pick(choices: Sequence[str], own: int, seed: int, used: set[str]) -> int | None:
    """The first of ``choices`` not yet used on the page: the flag's own ``own`` ones first,
    starting from ``seed``, then the shared ones; ``None`` when every one was used."""
    order = [*_rotated(range(own), seed), *_rotated(range(own, len(choices)), seed)]
    for index in order:
        if choices[index] not in used:
            used.add(choices[index])
            return index
    return None


def vary(flags: Sequence[Flag], *, seed: int) -> list[Flag]:
    """``flags`` as one page shows them, in the same order: each with its kind word and idea
    chosen so that none is repeated on the page."""
    said_kindly: set[str] = set()
    suggested: set[str] = set()
    varied = []
    for flag in flags:
        words = wording(flag)
        reassurance = _pick(words.reassurances, len(words.reassurances), seed, said_kindly)
        suggestion = _pick(suggestion_choices(flag), len(words.suggestions), seed, suggested)
        varied.append(replace(flag, reassurance_pick=reassurance, suggestion_pick=suggestion))
    return varied
