"""Benchmarks for ``checkins.flags.flags_for``.

Run with ``.venv/bin/pytest benchmarks/bench_flags.py --benchmark-enable``. Each case runs on
13 and on 52 weeks of synthetic history, so the growth with history length can be read off the
table: for complete weeks the timings should match (only the recent windows are read), and for
the worst case (nobody has submitted for months) they should grow at most four-fold.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from checkins.catalog import CORE_DIMENSIONS, WarningSign
from checkins.flags import CoupleWeek, PartnerWeek, Thresholds, flags_for, written

WORDS = ("we", "walked", "talked", "tired", "close", "laughed", "我们", "散步", "שלום", "😀")
DIMENSIONS = tuple(str(d) for d in CORE_DIMENSIONS)


def _text(rng: random.Random, most: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(0, most)))


def _partner(rng: random.Random, submitted: bool) -> PartnerWeek:
    if not submitted:
        return PartnerWeek()
    return written(  # counted once here, as saving counts them: flags_for reads numbers
        submitted=True,
        ratings={d: rng.randint(1, 5) for d in DIMENSIONS},
        reflections={d: _text(rng, 60) for d in DIMENSIONS},
        needs={d: _text(rng, 20) for d in DIMENSIONS},
        appreciation=_text(rng, 30),
        signs=frozenset(rng.sample(WarningSign.values, k=rng.randint(0, 2))),
    )


def history(weeks: int, *, complete: bool = True, seed: int = 1) -> list[CoupleWeek]:
    """``weeks`` of check-ins, oldest first; when not ``complete``, only the first is filled."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    return [
        CoupleWeek(
            week=start + timedelta(weeks=i),
            a=_partner(rng, complete or i == 0),
            b=_partner(rng, complete or i == 0),
            dimensions=DIMENSIONS,
        )
        for i in range(weeks)
    ]


@pytest.mark.parametrize("weeks", [13, 52])
def test_flags_for_complete_history(benchmark, weeks: int) -> None:
    data = history(weeks)
    flags = benchmark(flags_for, data, Thresholds())
    assert isinstance(flags, list)


@pytest.mark.parametrize("weeks", [13, 52])
def test_flags_for_worst_case_history(benchmark, weeks: int) -> None:
    data = history(weeks, complete=False)
    flags = benchmark(flags_for, data, Thresholds())
    assert flags == []
