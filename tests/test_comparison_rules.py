"""Small rules of the comparison page's rows and reaction buttons, without the database."""

from __future__ import annotations

import pytest

from checkins.catalog import Dimension
from checkins.comparison import DimensionRow, ReactionChoice, ReactionSlot
from checkins.models import Answer, CheckIn


def _row(mine: int | None, theirs: int | None) -> DimensionRow:
    return DimensionRow(
        dimension=Dimension.EMOTIONAL,
        label="Feeling close",
        mine=Answer(dimension=Dimension.EMOTIONAL, rating=mine),
        theirs=Answer(dimension=Dimension.EMOTIONAL, rating=theirs),
    )


def test_gap_is_the_distance_either_way() -> None:
    assert _row(2, 5).gap == 3
    assert _row(5, 2).gap == 3
    assert _row(4, 4).gap == 0


def test_gap_needs_both_ratings() -> None:
    assert _row(None, 3).gap is None
    assert _row(3, None).gap is None
    row = DimensionRow(
        dimension=Dimension.EMOTIONAL,
        label="x",
        mine=Answer(dimension=Dimension.EMOTIONAL, rating=3),
        theirs=None,
    )
    assert row.gap is None


def test_a_pressed_reaction_button_takes_the_reaction_back() -> None:
    assert ReactionChoice(kind="thanks", label="Thank you", pressed=True).value == ""
    assert ReactionChoice(kind="thanks", label="Thank you", pressed=False).value == "thanks"


def test_reaction_slot_ids_are_distinct_per_side_and_part() -> None:
    mine = ReactionSlot(part="need:physical", reacted="", editable=True)
    theirs = ReactionSlot(part="need:physical", reacted="", editable=False)
    assert mine.dom_id == "react-need-physical"
    assert theirs.dom_id == "reacted-need-physical"


def test_a_row_shows_the_technical_name_under_the_friendly_one() -> None:
    row = _row(1, 2)
    assert row.technical_name == "Emotional intimacy"


def test_reaction_labels_name_the_partner_and_the_part() -> None:
    from checkins.comparison import reaction_label

    assert reaction_label("need:physical", "Sam") == "Your reaction to Sam's wish for Affection"
    assert (
        reaction_label("reflection:emotional", "Sam")
        == "Your reaction to Sam's answer on Feeling close"
    )
    assert reaction_label("appreciation", "Sam") == "Your reaction to what Sam appreciated"


def test_sign_rows_say_whose_sign_each_is_shared_first() -> None:
    from checkins.catalog import WarningSign
    from checkins.comparison import sign_rows

    first, second = WarningSign.values[0], WarningSign.values[1]
    mine = CheckIn(signs=[first, second])
    theirs = CheckIn(signs=[second])
    rows = sign_rows(mine, theirs)
    assert [(r.mine, r.theirs) for r in rows] == [(True, True), (True, False)]
    assert rows[0].label == str(WarningSign(second).label)
    assert rows[1].label == str(WarningSign(first).label)
    assert sign_rows(CheckIn(signs=[]), CheckIn(signs=[])) == []


@pytest.mark.django_db
def test_dimension_rows_carry_the_question_and_both_sides_reactions(couple, partner_a):
    from accounts.scoping import couple_for
    from checkins.comparison import dimension_rows
    from checkins.models import Reaction, ReactionKind
    from checkins.prompts import Prompt
    from tests.checkin_helpers import DIMS, history

    [week] = history(couple, 1)
    a, b = couple.memberships.order_by("seat")
    first = DIMS[0]
    mine, theirs = week.checkin_of(a), week.checkin_of(b)
    Reaction.objects.create(checkin=mine, part=f"need:{first}", by=b, kind=ReactionKind.WILL_DO)
    Reaction.objects.create(
        checkin=theirs, part=f"reflection:{first}", by=a, kind=ReactionKind.ME_TOO
    )
    ctx = couple_for(partner_a)
    assert ctx is not None
    assert ctx.partner is not None
    rows = dimension_rows(
        mine, theirs, prompts={first: Prompt(key="k", text="What made you smile?")}, ctx=ctx
    )
    row = rows[0]
    assert row.dimension == first
    assert row.question == "What made you smile?"
    assert rows[1].question == ""
    name = ctx.partner.name
    # My own answers: what my partner reacted, not editable.
    assert row.mine_reactions.need == ReactionSlot(
        part=f"need:{first}", reacted=ReactionKind.WILL_DO, editable=False
    )
    assert row.mine_reactions.reflection == ReactionSlot(
        part=f"reflection:{first}", reacted="", editable=False
    )
    # The partner's answers: my reactions, editable, with the buttons' group name.
    assert row.theirs_reactions.reflection == ReactionSlot(
        part=f"reflection:{first}",
        reacted=ReactionKind.ME_TOO,
        editable=True,
        label=f"Your reaction to {name}'s answer on {Dimension(first).label}",
    )
    assert row.theirs_reactions.need == ReactionSlot(
        part=f"need:{first}",
        reacted="",
        editable=True,
        label=f"Your reaction to {name}'s wish for {Dimension(first).label}",
    )


@pytest.mark.django_db
def test_the_reveal_lets_me_react_to_their_appreciation_and_shows_theirs_on_mine(couple, partner_a):
    from accounts.scoping import couple_for
    from checkins.comparison import reveal
    from checkins.models import APPRECIATION_PART, Reaction, ReactionKind
    from tests.checkin_helpers import history

    [week] = history(couple, 1)
    a, b = couple.memberships.order_by("seat")
    mine, theirs = week.checkin_of(a), week.checkin_of(b)
    Reaction.objects.create(checkin=mine, part=APPRECIATION_PART, by=b, kind=ReactionKind.THANK_YOU)
    ctx = couple_for(partner_a)
    assert ctx is not None
    assert ctx.partner is not None
    shown = reveal(ctx, [week], mine=mine, theirs=theirs, prompts={})
    name = ctx.partner.name
    assert shown.appreciations.mine_reaction == ReactionSlot(
        part=APPRECIATION_PART, reacted=ReactionKind.THANK_YOU, editable=False
    )
    assert shown.appreciations.theirs_reaction == ReactionSlot(
        part=APPRECIATION_PART,
        reacted="",
        editable=True,
        label=f"Your reaction to what {name} appreciated",
    )
    assert shown.rows[0].theirs_reactions.need is not None
    assert shown.rows[0].theirs_reactions.need.editable
