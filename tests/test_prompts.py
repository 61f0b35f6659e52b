from __future__ import annotations

import os
import re

import pytest
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from checkins.catalog import Dimension
from checkins.prompts import BANK, Prompt, _cycle_order, _raw_order, prompt_by_key, prompt_for

ALL_PROMPTS = [prompt for bank in BANK.values() for prompt in bank]
KEY_RE = re.compile(r"^(?P<dimension>[a-z]+)-(?P<number>\d{2,})$")

seeds = st.integers(min_value=-(2**63), max_value=2**63)
dimensions = st.sampled_from(sorted(BANK))
week_indexes = st.integers(min_value=-10_000, max_value=10_000)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Prompt texts as plain strings; lazy texts need settings, so give bare runs minimal ones."""
    from django.conf import settings

    if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
        settings.configure(USE_I18N=False)
    return {prompt.key: str(prompt.text) for prompt in ALL_PROMPTS}


def cycle_of(*, seed: int, dimension: str, cycle: int) -> list[str]:
    n = len(BANK[dimension])
    weeks = range(cycle * n, (cycle + 1) * n)
    return [prompt_for(couple_seed=seed, dimension=dimension, week_index=w).key for w in weeks]


# --- the bank -------------------------------------------------------------------------------


def test_every_dimension_has_at_least_twelve_prompts() -> None:
    assert set(BANK) == set(Dimension.values)
    for dimension in Dimension:
        assert len(BANK[dimension]) >= 12, dimension


def test_keys_are_unique_and_name_their_dimension() -> None:
    keys = [prompt.key for prompt in ALL_PROMPTS]
    assert len(keys) == len(set(keys))
    for dimension, bank in BANK.items():
        for prompt in bank:
            match = KEY_RE.match(prompt.key)
            assert match, prompt.key
            assert match["dimension"] == dimension
            assert int(match["number"]) >= 1


def test_prompts_are_frozen() -> None:
    prompt = ALL_PROMPTS[0]
    with pytest.raises(AttributeError):
        prompt.key = "emotional-99"  # type: ignore[misc]


def test_texts_are_lazy_translations() -> None:
    assert all(isinstance(prompt.text, Promise) for prompt in ALL_PROMPTS)


def test_texts_are_short_questions(texts: dict[str, str]) -> None:
    for key, text in texts.items():
        assert "?" in text, key
        assert 20 <= len(text) <= 200, key
        assert text == text.strip(), key
        assert "  " not in text, key


def test_texts_are_distinct(texts: dict[str, str]) -> None:
    assert len(set(texts.values())) == len(texts)


BLAMING = re.compile(
    r"\b(why (don't|didn't|won't) you|your fault|you always|you never|should have|failed)\b",
    re.IGNORECASE,
)


def test_texts_do_not_blame(texts: dict[str, str]) -> None:
    assert not {key: text for key, text in texts.items() if BLAMING.search(text)}


def test_most_prompts_are_about_the_week(texts: dict[str, str]) -> None:
    about_now = [key for key, text in texts.items() if re.search(r"week|now|soon", text)]
    assert len(about_now) >= 0.75 * len(texts)


# --- lookup ---------------------------------------------------------------------------------


def test_prompt_by_key_round_trips() -> None:
    for prompt in ALL_PROMPTS:
        assert prompt_by_key(prompt.key) is prompt


@pytest.mark.parametrize("key", ["", "emotional-00", "emotional-999", "nonsense"])
def test_prompt_by_key_unknown_is_none(key: str) -> None:
    assert prompt_by_key(key) is None


# --- rotation -------------------------------------------------------------------------------


def test_same_inputs_give_the_same_prompt() -> None:
    first = prompt_for(couple_seed=42, dimension="emotional", week_index=7)
    again = prompt_for(couple_seed=42, dimension="emotional", week_index=7)
    assert isinstance(first, Prompt)
    assert first is again
    assert prompt_for(couple_seed=42, dimension=Dimension.EMOTIONAL, week_index=7) is first


def test_prompts_come_from_the_requested_dimension() -> None:
    for dimension, bank in BANK.items():
        for week in range(-30, 30):
            assert prompt_for(couple_seed=3, dimension=dimension, week_index=week) in bank


def test_unknown_dimension_is_refused() -> None:
    with pytest.raises(ValueError, match="spiritual"):
        prompt_for(couple_seed=1, dimension="spiritual", week_index=0)


def test_the_order_is_pinned_across_python_versions() -> None:
    # Hash-based, so a Python upgrade cannot change the prompt of a week already under way.
    assert _raw_order(["a", "b", "c", "d", "e"], seed="1:x", cycle=0) == ["d", "a", "c", "e", "b"]


@given(seed=seeds, dimension=dimensions, cycle=st.integers(min_value=-1000, max_value=1000))
def test_a_cycle_shows_every_prompt_once(seed: int, dimension: str, cycle: int) -> None:
    keys = cycle_of(seed=seed, dimension=dimension, cycle=cycle)
    assert sorted(keys) == sorted(prompt.key for prompt in BANK[dimension])


@given(seed=seeds, dimension=dimensions, start=week_indexes)
def test_no_prompt_returns_within_a_third_of_a_cycle(seed: int, dimension: str, start: int) -> None:
    # Full distinctness of *any* len(bank) consecutive weeks would force the same order in every
    # cycle; the seam guard instead keeps repeats at least len(bank) // 3 + 1 weeks apart.
    window = len(BANK[dimension]) // 3 + 1
    keys = [
        prompt_for(couple_seed=seed, dimension=dimension, week_index=w).key
        for w in range(start, start + window)
    ]
    assert len(set(keys)) == window


def test_negative_week_indexes_use_floor_cycles() -> None:
    n = len(BANK["intellectual"])
    before_origin = cycle_of(seed=9, dimension="intellectual", cycle=-1)
    assert len(set(before_origin)) == n
    last_week = prompt_for(couple_seed=9, dimension="intellectual", week_index=-1)
    assert last_week.key == before_origin[-1]


def test_seams_never_repeat_even_where_the_raw_orders_would() -> None:
    keys = [prompt.key for prompt in BANK["physical"]]
    seam = len(keys)
    raw_repeats = 0
    for seed in range(300):
        for cycle in (-1, 0, 1):
            raw_last = _raw_order(keys, seed=f"{seed}:physical", cycle=cycle)[-1]
            raw_first = _raw_order(keys, seed=f"{seed}:physical", cycle=cycle + 1)[0]
            raw_repeats += raw_last == raw_first
            first_week = (cycle + 1) * seam
            last = prompt_for(couple_seed=seed, dimension="physical", week_index=first_week - 1)
            first = prompt_for(couple_seed=seed, dimension="physical", week_index=first_week)
            assert last != first, (seed, cycle)
    assert raw_repeats > 0  # the guard had work to do


@given(seed=seeds, dimension=dimensions, start=week_indexes)
def test_consecutive_weeks_differ(seed: int, dimension: str, start: int) -> None:
    this = prompt_for(couple_seed=seed, dimension=dimension, week_index=start)
    following = prompt_for(couple_seed=seed, dimension=dimension, week_index=start + 1)
    assert this != following


def test_different_couples_get_different_orders() -> None:
    orders = {tuple(cycle_of(seed=seed, dimension="emotional", cycle=0)) for seed in range(200)}
    assert len(orders) >= 195


def test_cycles_differ_for_a_couple() -> None:
    cycles = {tuple(cycle_of(seed=5, dimension="experiential", cycle=c)) for c in range(20)}
    assert len(cycles) >= 18


def test_dimensions_rotate_independently() -> None:
    def positions(dimension: str) -> list[str]:
        return [key.split("-")[1] for key in cycle_of(seed=11, dimension=dimension, cycle=0)]

    assert positions("emotional") != positions("physical")


@given(
    n=st.integers(min_value=1, max_value=40),
    seed=st.text(max_size=10),
    cycle=st.integers(min_value=-50, max_value=50),
)
def test_cycle_order_spacing_holds_for_any_bank_size(n: int, seed: str, cycle: int) -> None:
    keys = [f"k{i}" for i in range(n)]
    previous = _cycle_order(keys, seed=seed, cycle=cycle - 1)
    current = _cycle_order(keys, seed=seed, cycle=cycle)
    assert sorted(current) == sorted(keys)
    gap = n // 3
    assert not set(previous[n - gap :]) & set(current[:gap])
