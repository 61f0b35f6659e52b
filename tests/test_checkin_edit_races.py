"""A change to a submitted check-in racing the partner's submit, on real connections:
it lands before the reveal (and the reveal shows it) or it is refused, never half."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import CheckIn, Week
from checkins.selectors import clock_for
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)

DIMS = ("emotional", "experiential", "intellectual")
COMPLETE = CheckInData(
    answers={d: AnswerData(4, f"{d} words", "") for d in DIMS},
    appreciation="«first»",
    private_note="",
    signs=[],
    follow_through="",
)
CHANGE = CheckInData(
    answers={"emotional": AnswerData(reflection="«changed»")}, appreciation="«changed»"
)


def _stored(user):
    mine = CheckIn.objects.get(membership__user=user)
    return mine.appreciation, mine.answers.get(dimension="emotional").reflection


@pytest.mark.parametrize("round_", range(3))
def test_an_edit_racing_the_partners_submit_lands_whole_or_not_at_all(
    partner_a, partner_b, couple, round_
):
    week = clock_for(couple).current
    services.checkin_submit(ctx=couple_for(partner_a), starts_on=week, data=COMPLETE)
    mail.outbox.clear()

    def edit():
        return services.checkin_save_draft(ctx=couple_for(partner_a), starts_on=week, data=CHANGE)

    def submit():
        return services.checkin_submit(ctx=couple_for(partner_b), starts_on=week, data=COMPLETE)

    edited, revealed = at_once(edit, submit)
    assert isinstance(revealed, services.SubmitResult), revealed
    assert revealed.revealed
    assert Week.objects.get().revealed_at is not None
    if isinstance(edited, services.CheckInFinal):
        assert _stored(partner_a) == ("«first»", "emotional words")  # nothing of it
    else:
        assert isinstance(edited, CheckIn), edited
        assert _stored(partner_a) == ("«changed»", "«changed»")  # all of it, before
    assert CheckIn.objects.get(membership__user=partner_a).is_submitted
    # The reveal's "week is ready" to both; the edit sent nothing.
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.com", "sam@example.com"]


def test_an_edit_after_the_reveal_is_refused(partner_a, partner_b, couple):
    week = clock_for(couple).current
    for person in (partner_a, partner_b):
        services.checkin_submit(ctx=couple_for(person), starts_on=week, data=COMPLETE)
    with pytest.raises(services.CheckInFinal):
        services.checkin_save_draft(ctx=couple_for(partner_a), starts_on=week, data=CHANGE)
    with pytest.raises(services.CheckInFinal):
        services.checkin_submit(ctx=couple_for(partner_a), starts_on=week, data=CHANGE)
    assert _stored(partner_a) == ("«first»", "emotional words")


def test_an_edit_before_the_partner_submits_is_in_the_reveal(partner_a, partner_b, couple):
    week = clock_for(couple).current
    services.checkin_submit(ctx=couple_for(partner_a), starts_on=week, data=COMPLETE)
    services.checkin_save_draft(ctx=couple_for(partner_a), starts_on=week, data=CHANGE)
    result = services.checkin_submit(ctx=couple_for(partner_b), starts_on=week, data=COMPLETE)
    assert result.revealed
    assert _stored(partner_a) == ("«changed»", "«changed»")
