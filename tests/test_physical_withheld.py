"""Affection reaches the reveal only when it is in both check-ins: an answer to it left from
a draft, or written before the other partner turned it off, is kept for its author and shown
to nobody (the partner, the author's own week page, trends, reactions, a counsellor)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Membership
from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import Answer, Reaction
from checkins.selectors import clock_for, dimensions_for

pytestmark = pytest.mark.django_db

AFFECTION = "«affection words»"


def _choose(couple, *, a: bool, b: bool) -> None:
    first, second = couple.memberships.order_by("seat")
    Membership.objects.filter(pk=first.pk).update(wants_physical=a)
    Membership.objects.filter(pk=second.pk).update(wants_physical=b)


def _data(ctx, tag: str) -> CheckInData:
    answers = {d: AnswerData(4, f"{d} {tag}", "") for d in dimensions_for(ctx)}
    if "physical" in answers:
        answers["physical"] = AnswerData(4, f"{AFFECTION} {tag}", f"{AFFECTION} wish {tag}")
    return CheckInData(
        answers=answers, appreciation="thanks", private_note="", signs=[], follow_through=""
    )


def _pages(client, user, couple) -> str:
    client.force_login(user)
    week = clock_for(couple).current.isoformat()
    urls = [
        reverse("checkins:week", args=[week]),
        reverse("checkins:history"),
        reverse("checkins:trends"),
        reverse("home"),
    ]
    return "".join(client.get(url).content.decode() for url in urls)


def test_a_draft_of_affection_left_after_a_partner_turned_it_off_is_never_shown(
    client, couple, partner_a, partner_b
):
    current = clock_for(couple).current
    _choose(couple, a=True, b=True)
    services.checkin_save_draft(
        ctx=couple_for(partner_a), starts_on=current, data=_data(couple_for(partner_a), "a")
    )
    _choose(couple, a=True, b=False)
    services.checkin_submit(
        ctx=couple_for(partner_a), starts_on=current, data=_data(couple_for(partner_a), "a")
    )
    services.checkin_submit(
        ctx=couple_for(partner_b), starts_on=current, data=_data(couple_for(partner_b), "b")
    )
    for person in (partner_a, partner_b):
        assert AFFECTION not in _pages(client, person, couple)
        assert "Affection" not in _pages(client, person, couple)
    kept = Answer.objects.get(dimension="physical")
    assert kept.withheld is True
    assert kept.reflection == f"{AFFECTION} a"  # nothing the author wrote is lost


def test_affection_submitted_before_the_partner_turned_it_off_is_withheld_at_the_reveal(
    client, couple, partner_a, partner_b
):
    current = clock_for(couple).current
    _choose(couple, a=True, b=True)
    services.checkin_submit(
        ctx=couple_for(partner_a), starts_on=current, data=_data(couple_for(partner_a), "a")
    )
    _choose(couple, a=True, b=False)
    services.checkin_submit(
        ctx=couple_for(partner_b), starts_on=current, data=_data(couple_for(partner_b), "b")
    )
    assert AFFECTION not in _pages(client, partner_b, couple)
    with pytest.raises(services.ReactionRefused):
        services.reaction_set(
            ctx=couple_for(partner_b),
            starts_on=current,
            part=Reaction.part_of("need", "physical"),
            kind="will_do",
        )


def test_a_partner_who_turned_it_on_after_the_other_submitted_keeps_theirs_unseen(
    client, couple, partner_a, partner_b
):
    current = clock_for(couple).current
    services.checkin_submit(
        ctx=couple_for(partner_a), starts_on=current, data=_data(couple_for(partner_a), "a")
    )
    _choose(couple, a=True, b=True)
    services.checkin_submit(
        ctx=couple_for(partner_b), starts_on=current, data=_data(couple_for(partner_b), "b")
    )
    assert AFFECTION not in _pages(client, partner_a, couple)
    assert list(Answer.objects.filter(withheld=True).values_list("dimension", flat=True)) == [
        "physical"
    ]


def test_affection_both_answered_while_both_wanted_it_is_revealed(
    client, couple, partner_a, partner_b
):
    current = clock_for(couple).current
    _choose(couple, a=True, b=True)
    for person, tag in ((partner_a, "a"), (partner_b, "b")):
        ctx = couple_for(person)
        services.checkin_submit(ctx=ctx, starts_on=current, data=_data(ctx, tag))
    assert f"{AFFECTION} a" in _pages(client, partner_b, couple)
    assert f"{AFFECTION} b" in _pages(client, partner_a, couple)
    assert not Answer.objects.filter(withheld=True).exists()


def test_a_counsellor_never_gets_a_withheld_answer_even_if_marked_shared(
    couple, partner_a, partner_b
):
    from checkins.models import Week
    from checkins.selectors import answers_shared_with_counsellor

    current = clock_for(couple).current
    _choose(couple, a=True, b=True)
    services.checkin_submit(
        ctx=couple_for(partner_a), starts_on=current, data=_data(couple_for(partner_a), "a")
    )
    Answer.objects.update(share_with_counsellor=True)
    _choose(couple, a=False, b=True)
    services.checkin_submit(
        ctx=couple_for(partner_b), starts_on=current, data=_data(couple_for(partner_b), "b")
    )
    rows = answers_shared_with_counsellor(weeks=list(Week.objects.all()))
    assert rows
    assert all(AFFECTION not in row.reflection + row.need for row in rows)
