"""Small rules of the selectors' value objects, without the database."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.scoping import couple_for
from checkins import selectors
from checkins.catalog import Dimension
from checkins.models import CheckIn
from checkins.selectors import JournalPart, VisibleWeek, Wish
from tests.checkin_helpers import history


def test_only_the_partners_need_is_a_wish_to_follow_up() -> None:
    assert Wish(dimension=Dimension.EMOTIONAL, label="x", need="a walk").is_wish
    assert not Wish(dimension=Dimension.EMOTIONAL, label="x", need="a", mine=True).is_wish
    assert not Wish(dimension=Dimension.EMOTIONAL, label="x", need="a", about="reflection").is_wish


def test_the_journal_puts_words_on_a_rating() -> None:
    part = JournalPart(dimension=Dimension.EMOTIONAL, label="x", prompt=None, mine=4, theirs=2)
    assert part.my_word == "Close"
    assert part.their_word == "A bit distant"
    assert JournalPart(dimension=Dimension.EMOTIONAL, label="x", prompt=None).my_word == ""


def test_my_status_without_a_checkin_is_not_started() -> None:
    week = VisibleWeek(
        starts_on=date(2026, 1, 5), week=None, mine=None, partners=None, partner_submitted=False
    )
    assert week.my_status == "not_started"
    draft = VisibleWeek(
        starts_on=date(2026, 1, 5),
        week=None,
        mine=CheckIn(),
        partners=None,
        partner_submitted=False,
    )
    assert draft.my_status == "draft"


@pytest.mark.django_db
def test_a_submitted_partners_checkin_stays_hidden_until_the_reveal(couple, partner_a, partner_b):
    [week] = history(couple, 1, revealed=False)  # seat 1 submitted, seat 2 has a draft
    ctx = couple_for(partner_b)
    assert ctx is not None
    seen = selectors.visible_week(ctx, week.starts_on, week)
    assert seen.mine is not None
    assert seen.partner_submitted
    assert seen.partners is None
    assert not seen.revealed


@pytest.mark.parametrize(
    ("revealed", "open_", "mine", "theirs", "status"),
    [
        (True, False, True, True, "both"),
        (False, True, True, False, "waiting_for_partner"),
        (False, True, False, True, "waiting_for_you"),
        (False, True, False, False, "waiting_for_both"),
        (False, False, True, False, "partner_skipped"),
        (False, False, False, True, "you_skipped"),
        (False, False, False, False, "neither"),
    ],
)
def test_journal_status_of_every_kind_of_week(revealed, open_, mine, theirs, status) -> None:
    got = selectors.journal_status(revealed=revealed, open_=open_, mine=mine, theirs=theirs)
    assert got == status


@pytest.mark.django_db
def test_follow_up_brings_back_my_appreciation_my_partner_wants_to_talk_about(
    couple, partner_a, partner_b
):
    from checkins.models import APPRECIATION_PART, Reaction, ReactionKind
    from checkins.selectors import clock_for

    [week] = history(couple, 1)
    a, b = couple.memberships.order_by("seat")
    Reaction.objects.create(
        checkin=week.checkin_of(a), part=APPRECIATION_PART, by=b, kind=ReactionKind.LETS_TALK
    )
    ctx = couple_for(partner_a)
    assert ctx is not None
    shown = selectors.follow_up(ctx, clock_for(couple).current)
    talks = [w for w in shown if w.about == "appreciation"]
    assert talks == [
        Wish(
            dimension="",
            label="Appreciation",
            need="Thanks «a1»",
            reaction=ReactionKind.LETS_TALK,
            about="appreciation",
            mine=True,
        )
    ]


@pytest.mark.django_db
def test_follow_up_lists_each_wish_once_with_my_reaction_and_my_own_talks(
    couple, partner_a, partner_b
):
    from checkins.catalog import Dimension
    from checkins.models import Reaction, ReactionKind
    from checkins.selectors import clock_for
    from tests.checkin_helpers import DIMS

    [week] = history(couple, 1)
    a, b = couple.memberships.order_by("seat")
    first, second = DIMS[0], DIMS[1]
    theirs, mine = week.checkin_of(b), week.checkin_of(a)
    # I promise one of my partner's wishes and want to talk about another.
    Reaction.objects.create(checkin=theirs, part=f"need:{first}", by=a, kind=ReactionKind.WILL_DO)
    Reaction.objects.create(
        checkin=theirs, part=f"need:{second}", by=a, kind=ReactionKind.LETS_TALK
    )
    # My partner wants to talk about my wish on the first part.
    Reaction.objects.create(checkin=mine, part=f"need:{first}", by=b, kind=ReactionKind.LETS_TALK)
    ctx = couple_for(partner_a)
    assert ctx is not None
    shown = selectors.follow_up(ctx, clock_for(couple).current)
    wishes = [w for w in shown if w.is_wish]
    assert [(w.dimension, w.label, w.reaction) for w in wishes] == [
        (d, str(Dimension(d).label), kind)
        for d, kind in zip(
            DIMS,
            [ReactionKind.WILL_DO, ReactionKind.LETS_TALK] + [""] * (len(DIMS) - 2),
            strict=True,
        )
    ]
    assert all(w.need == f"need {w.dimension} «b1»" for w in wishes)
    assert [w for w in shown if not w.is_wish] == [
        Wish(
            dimension=first,
            label=str(Dimension(first).label),
            need=f"need {first} «a1»",
            reaction=ReactionKind.LETS_TALK,
            about="need",
            mine=True,
        )
    ]
