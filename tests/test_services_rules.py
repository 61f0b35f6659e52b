"""Writes touch exactly the row they name: one answer's sharing, one week's reaction."""

from __future__ import annotations

import pytest

from accounts.scoping import couple_for
from checkins import services
from checkins.models import Answer, Reaction
from tests.checkin_helpers import history

pytestmark = pytest.mark.django_db


def test_sharing_one_answer_changes_that_part_only(couple, partner_a):
    (week,) = history(couple, 1)
    Answer.objects.update(share_with_counsellor=False)
    services.answer_set_sharing(
        ctx=couple_for(partner_a), starts_on=week.starts_on, dimension="intellectual", share=True
    )
    shared = Answer.objects.filter(share_with_counsellor=True)
    assert list(shared.values_list("checkin__membership__seat", "dimension")) == [
        (1, "intellectual")
    ]


def test_removing_a_reaction_removes_it_from_that_week_only(couple, partner_a):
    older, newer = sorted(history(couple, 2), key=lambda w: w.starts_on)
    ctx = couple_for(partner_a)
    for week in (older, newer):
        services.reaction_set(ctx=ctx, starts_on=week.starts_on, part="appreciation", kind="thanks")
    services.reaction_set(ctx=ctx, starts_on=newer.starts_on, part="appreciation", kind="")
    assert list(Reaction.objects.values_list("checkin__week__starts_on", flat=True)) == [
        older.starts_on
    ]
