"""The words of flags and bright spots: always about the two of you, never one partner's
numbers, and no sentence said twice on one week's page (``checkins.flags.vary``). Pure: no
database, no settings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from checkins.flags import (
    DIMENSION_PHRASES,
    Flag,
    FlagKind,
    all_templates,
    bright_spots,
    flags_for,
    suggestion_choices,
    vary,
    week_seed,
)
from tests.test_flags import (
    CORE,
    DEFAULTS,
    EMO,
    EXP,
    INT,
    MONDAY,
    couple,
    histories,
    partner,
    rated,
    render,
    sharer,
    thresholds,
)

# "Only one of you wrote". A sentence ends at . ? or ! before a space and a capital or a quote.
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\u201c])")
PER_PERSON_COUNT = re.compile(r"\d+\s+words?\b")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(" ".join(text.split())) if s]


def page_sentences(flags: list[Flag], spots: list) -> list[str]:
    """Every sentence a week's page says in its flags and bright spots."""
    texts = [render(t) for f in flags for t in (f.title, f.explanation, f.suggestion)]
    texts += [render(t) for s in spots for t in (s.title, s.text)]
    return [sentence for text in texts for sentence in sentences(text)]


@given(histories, thresholds, st.integers(0, 10_000))
@settings(max_examples=150, deadline=None)
def test_a_weeks_page_never_repeats_a_sentence(weeks, t, seed: int) -> None:
    """Catches the same idea or kind word offered twice on a page (two rating gaps with the
    same suggestion, say), and any sentence shared by two templates."""
    page = vary(flags_for(weeks, t), seed=seed)
    said = page_sentences(page, bright_spots(weeks, t))
    assert [s for s, n in Counter(said).items() if n > 1] == []


@given(histories, thresholds)
@settings(max_examples=100, deadline=None)
def test_no_flag_gives_a_per_person_word_count(weeks, t) -> None:
    for flag in vary(flags_for(weeks, t), seed=week_seed(MONDAY)):
        for text in (flag.title, flag.explanation, flag.suggestion):
            assert not PER_PERSON_COUNT.search(render(text)), render(text)


@given(histories, thresholds, st.integers(0, 10_000))
@settings(max_examples=60, deadline=None)
def test_varying_changes_only_the_choice_of_words_and_is_stable(weeks, t, seed: int) -> None:
    flags = flags_for(weeks, t)
    page = vary(flags, seed=seed)
    assert page == vary(list(flags), seed=seed)  # the same page every time it is opened
    unpicked = [replace(f, reassurance_pick=0, suggestion_pick=0) for f in page]
    assert unpicked == flags  # same flags, same order, same numbers


def test_no_sentence_appears_in_two_templates() -> None:
    """Together with ``vary`` never using one template twice on a page, this is what keeps
    a page free of repeats."""
    phrases = set(DIMENSION_PHRASES.values())
    owners: dict[str, set[str]] = {}
    for template in set(all_templates()) - phrases:
        for sentence in sentences(template):
            owners.setdefault(sentence, set()).add(template)
    assert {s: t for s, t in owners.items() if len(t) > 1} == {}


def test_no_template_names_a_person_or_keeps_a_name_placeholder() -> None:
    for template in all_templates():
        assert "{more}" not in template
        assert "{less}" not in template
        assert "{words_more}" not in template
        assert "{words_less}" not in template


def test_every_kind_has_several_ideas_and_a_kind_word() -> None:
    week = couple(
        partner(ratings={EMO: 5}, reflections={EMO: "a b c " * 20}, signs=frozenset({"x"})),
        partner(ratings={EMO: 1}, signs=frozenset({"x"})),
        (EMO,),
    )
    found = {f.kind for f in flags_for([week], DEFAULTS)}
    assert {FlagKind.ONE_SIDED_WEEK, FlagKind.SILENT_DIMENSION, FlagKind.RATING_GAP} <= found
    for flag in flags_for([week], DEFAULTS):
        own = len(suggestion_choices(flag)) - 4  # the four shared ideas come last
        assert own >= 2, flag.kind


def test_two_rating_gaps_on_one_page_get_different_words() -> None:
    week = rated(5, 1, CORE)
    gaps = [f for f in flags_for([week], DEFAULTS) if f.kind == FlagKind.RATING_GAP]
    assert len(gaps) == 3
    page = vary(gaps, seed=7)
    assert len({render(f.suggestion) for f in page}) == 3
    assert len({render(f.explanation).split(". ", 1)[1] for f in page}) == 3


def test_different_weeks_say_different_things() -> None:
    flag = flags_for([couple(sharer(40), sharer(2))], DEFAULTS)[0]
    assert flag.kind == FlagKind.ONE_SIDED_WEEK
    said = {render(vary([flag], seed=seed)[0].suggestion) for seed in range(6)}
    assert len(said) == 3  # each of its three ideas, in turn


def test_when_every_idea_is_used_a_flag_offers_none_rather_than_repeat_one() -> None:
    """Twelve shared signs Twoway has no wording for: two ideas of their own, then the four
    shared ones, then none; one kind word, then none."""
    signs = frozenset(f"sign {n}" for n in range(12))
    week = couple(partner(signs=signs), partner(signs=signs), (INT,))
    page = vary(flags_for([week], DEFAULTS), seed=0)
    assert len(page) == 12
    offered = [render(f.suggestion) for f in page]
    assert len([s for s in offered if s]) == 6
    assert len(set(offered) - {""}) == 6
    assert [f.reassurance_pick for f in page].count(None) == 11
    assert all(render(f.explanation) for f in page)  # what was noticed is always said


def test_the_first_idea_is_the_default_without_varying() -> None:
    (flag,) = flags_for([rated(5, 2, (EXP,))], DEFAULTS)
    assert render(flag.suggestion).startswith("Tell each other what your number meant")
    assert render(flag.explanation) == (
        "Your closeness ratings for \u201cDoing things together\u201d were 3 apart on the 1 to 5 "
        "scale. Neither number is wrong; you may simply have had different moments in mind."
    )
