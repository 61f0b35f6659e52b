"""The weekly prompt bank and its rotation.

Prompts are grounded in the seed text on intimacy (``shared/seed/intimacy.txt``): doing something
meaningful together, trying something new, investing in yourself, communicating assertively,
expressing emotions openly and noticing each other's positives. Every question is about the week,
answerable in a few sentences, and frames hard things as the two of you against the problem.

Keys are stable identifiers stored with answers: never renumber, reuse or delete one. Retire a
prompt by dropping it from ``BANK`` while keeping its key unused, and add new prompts with the
next number.

Pure data and logic: importing this module needs no configured settings (texts are lazy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from checkins.catalog import Dimension


@dataclass(frozen=True, slots=True)
class Prompt:
    key: str
    text: str | Promise


def _prompts(dimension: Dimension, *texts: str | Promise) -> tuple[Prompt, ...]:
    return tuple(
        Prompt(key=f"{dimension.value}-{number:02d}", text=text)
        for number, text in enumerate(texts, start=1)
    )


# Append only: a prompt's key is its dimension and its position here.
BANK: dict[str, tuple[Prompt, ...]] = {
    Dimension.EMOTIONAL.value: _prompts(
        Dimension.EMOTIONAL,
        _("When did you feel closest to your partner this week?"),
        _("What made you laugh this week? Tell it the way you would over dinner."),
        _("Was there a feeling you kept to yourself this week? What could you share of it now?"),
        _("What is one thing you are hoping for in the next few weeks, big or small?"),
        _("When did you feel unsure of yourself this week, and what would have helped?"),
        _("What is one thing about your partner that you noticed and valued this week?"),
        _("What would you like a little more of from your partner next week? Put it as a wish."),
        _(
            "Was there a hard feeling this week, like worry, sadness or frustration, that you "
            "would like your partner to understand, without needing them to fix it?"
        ),
        _("What did you do this week that you are quietly proud of?"),
        _("When did you feel most like yourself with your partner this week?"),
        _("What is a worry on your mind this week that the two of you could carry together?"),
        _("How did your partner show you care this week, even in a small way?"),
    ),
    Dimension.EXPERIENTIAL.value: _prompts(
        Dimension.EXPERIENTIAL,
        _("What was the best time you spent together this week?"),
        _("What is one small new thing the two of you could try together next week?"),
        _(
            "Did you have any time together this week with your phones put away? How did it feel, "
            "and when could you do it again?"
        ),
        _("Which everyday moment did you share this week, like a meal, a walk or a chore?"),
        _("Which of your partner's hobbies or interests would you like to join in with, once?"),
        _("If you had a free evening together next week, how would you like to spend it?"),
        _(
            "Is there something your partner has mentioned wanting to do together that you have "
            "not got to yet? What would make it easier to say yes?"
        ),
        _("What helped the two of you relax together this week?"),
        _("Which job around the home could you take on or share next week to lighten the load?"),
        _("What is a game, recipe or small project you would enjoy doing as a team soon?"),
        _("Which moment from this week would you happily live again together?"),
        _("Is there a class, place or outing you are both curious about? What is a first step?"),
    ),
    Dimension.INTELLECTUAL.value: _prompts(
        Dimension.INTELLECTUAL,
        _("What did you read, watch or hear this week that got you thinking?"),
        _(
            "Is there a topic where the two of you see things differently? What do you find "
            "interesting about your partner's view?"
        ),
        _("Is there a decision coming up where you would value your partner's opinion?"),
        _("What did you learn this week, about anything at all?"),
        _("When did you feel really listened to this week? What did your partner do that helped?"),
        _(
            "If something got in the way between you this week, how would you describe it as a "
            "problem the two of you are solving together?"
        ),
        _("Which of your partner's ideas or plans would you like to hear more about?"),
        _("What question have you been turning over this week that you would enjoy talking about?"),
        _(
            "Is there something you would like to say more clearly? Try putting it here, calmly "
            "and kindly, as what you feel and what you need."
        ),
        _(
            "What are you working on for yourself at the moment, like your health, a skill or your "
            "work, and how could your partner cheer you on?"
        ),
        _("When did your partner help you see something in a new way this week?"),
        _(
            "When you talked something through this week, did you want ideas, or mostly to be "
            "heard? How could your partner tell next time?"
        ),
    ),
    Dimension.PHYSICAL.value: _prompts(
        Dimension.PHYSICAL,
        _("What affection felt good this week, like a hug, holding hands or sitting close?"),
        _("When did you feel most relaxed and at ease next to your partner this week?"),
        _("Is there a small gesture of affection you would like more of next week?"),
        _("How did you greet each other and say goodbye this week? Is there a habit to add?"),
        _("What helps you feel relaxed enough to be close, and did you get much of it this week?"),
        _(
            "Was there a moment this week when a hug would have helped? How could you ask for one "
            "next time?"
        ),
        _("How has your energy been this week, and what kind of closeness would suit you now?"),
        _("How do you most like to be comforted when you are tired or stressed?"),
        _("Which moment of closeness did you enjoy this week, and what made it feel good?"),
        _("How much closeness and how much space would feel right for you next week?"),
        _("What is a snug thing you could do side by side next week, like a film on the sofa?"),
        _(
            "Is there anything about touch or affection you would like your partner to know, "
            "such as what you enjoy or what you would rather skip for now?"
        ),
    ),
}

_BY_KEY: dict[str, Prompt] = {prompt.key: prompt for bank in BANK.values() for prompt in bank}


def prompt_by_key(key: str) -> Prompt | None:
    return _BY_KEY.get(key)


def prompt_for(*, couple_seed: int, dimension: str, week_index: int) -> Prompt:
    """The prompt a couple sees for ``dimension`` in the week ``week_index``.

    It depends only on the couple, never on the user, so both partners see the same question.
    Weeks are split into cycles of ``len(bank)``; each cycle shows every prompt exactly once, in
    an order of its own per couple, dimension and cycle.
    """
    name = Dimension(dimension).value
    keys = [prompt.key for prompt in BANK[name]]
    cycle, position = divmod(week_index, len(keys))
    order = _cycle_order(keys, seed=f"{couple_seed}:{name}", cycle=cycle)
    return _BY_KEY[order[position]]


def _raw_order(keys: Sequence[str], *, seed: str, cycle: int) -> list[str]:
    """A pseudo-random permutation of ``keys`` for one cycle.

    Sorting by a hash, rather than ``random.shuffle``, keeps orders identical across Python
    versions: the prompt of the current week must not change under a couple on upgrade.
    """

    def rank(key: str) -> bytes:
        return hashlib.sha256(f"{seed}:{cycle}:{key}".encode()).digest()

    return sorted(keys, key=rank)


def _cycle_order(keys: Sequence[str], *, seed: str, cycle: int) -> list[str]:
    """The permutation for ``cycle``, adjusted so repeats across the seam are far apart.

    The last ``gap`` prompts of the previous cycle are moved out of the first ``gap`` places of
    this one, so a prompt never comes back within ``gap + 1`` weeks (and never twice in a row).
    The move only reorders the first ``2 * gap`` places, and ``gap = n // 3`` keeps that clear of
    the last ``gap``; so the previous cycle's tail is its unadjusted tail, and no cycle depends on
    the one before it recursively. With fewer than three prompts there is no gap to keep.
    """
    gap = len(keys) // 3
    order = _raw_order(keys, seed=seed, cycle=cycle)
    if gap == 0:
        return order
    recent = set(_raw_order(keys, seed=seed, cycle=cycle - 1)[-gap:])
    head = [key for key in order if key not in recent][:gap]
    return head + [key for key in order if key not in head]
