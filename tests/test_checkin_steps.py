"""The check-in's steps as pure rules: the plan, the featured question, what is missing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkins import steps

PARTS = st.lists(
    st.sampled_from(["emotional", "experiential", "intellectual", "physical"]),
    min_size=1,
    max_size=4,
    unique=True,
)


@given(PARTS)
def test_the_plan_is_ratings_then_one_step_per_part_then_finish(parts):
    plan = steps.plan(parts)
    assert [s.number for s in plan] == list(range(1, len(parts) + 3))
    assert plan[0].kind is steps.Kind.RATINGS
    assert plan[-1].kind is steps.Kind.FINISH
    assert [s.dimension for s in plan[1:-1]] == parts


@given(PARTS, st.integers(), st.integers(min_value=-1000, max_value=1000))
def test_the_featured_part_is_a_part_and_the_same_for_the_same_couple_and_week(parts, seed, week):
    featured = steps.featured_dimension(parts, couple_seed=seed, week_index=week)
    assert featured in parts
    assert featured == steps.featured_dimension(list(parts), couple_seed=seed, week_index=week)


@given(PARTS, st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=500))
def test_every_part_is_featured_once_in_as_many_weeks_and_never_twice_in_a_row(parts, seed, start):
    run = [
        steps.featured_dimension(parts, couple_seed=seed, week_index=week)
        for week in range(start, start + len(parts))
    ]
    assert sorted(run) == sorted(parts)
    following = steps.featured_dimension(parts, couple_seed=seed, week_index=start + 1)
    if len(parts) > 1:
        assert following != run[0]


def test_couples_start_the_rotation_at_different_parts():
    parts = ("emotional", "experiential", "intellectual")
    assert {steps.featured_dimension(parts, couple_seed=s, week_index=0) for s in range(3)} == set(
        parts
    )


@given(
    PARTS,
    st.data(),
)
def test_missing_is_every_unrated_part_then_a_blank_featured_question(parts, data):
    featured = data.draw(st.sampled_from(parts))
    ratings = {p: data.draw(st.one_of(st.none(), st.integers(1, 5))) for p in parts}
    reflection = data.draw(st.sampled_from(["", "   \n", "A sentence."]))
    missing = steps.missing_answers(
        dimensions=parts, featured=featured, ratings=ratings, reflections={featured: reflection}
    )
    expected = [steps.Missing(p, steps.Field.RATING) for p in parts if ratings[p] is None]
    if not reflection.strip():
        expected.append(steps.Missing(featured, steps.Field.REFLECTION))
    assert list(missing) == expected
    plan = steps.plan(parts)
    for item in missing:
        where = steps.step_of(plan, item)
        assert where.kind is (
            steps.Kind.RATINGS if item.field is steps.Field.RATING else steps.Kind.PART
        )


@pytest.mark.parametrize(
    ("value", "number"), [("", 1), ("x", 1), ("0", 1), ("-3", 1), ("2", 2), ("5", 5), ("99", 5)]
)
def test_a_step_in_the_address_is_clamped_to_the_plan(value, number):
    plan = steps.plan(("emotional", "experiential", "intellectual"))
    assert steps.by_number(plan, value).number == number


@given(
    st.one_of(st.text(max_size=6), st.integers(-10, 10).map(str)),
    st.lists(
        st.sampled_from(["emotional", "experiential", "intellectual", "physical"]),
        min_size=1,
        max_size=4,
        unique=True,
    ),
)
def test_names_first_agrees_with_the_plan_it_is_read_for(value, parts):
    """The check-in reads last week's wishes only for step 1, deciding before the plan is
    known: ``names_first`` must say "first" exactly when ``by_number`` picks step 1."""
    plan = steps.plan(tuple(parts))
    assert steps.names_first(value) is (steps.by_number(plan, value).number == 1)
