"""The reveal: a submitted check-in can be changed quietly until the partner submits."""

from __future__ import annotations

import pytest

from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import CheckIn
from checkins.selectors import clock_for

pytestmark = pytest.mark.django_db


def _data(words: str) -> CheckInData:
    return CheckInData(
        answers={
            d: AnswerData(4, f"{d} {words}", "")
            for d in ("emotional", "experiential", "intellectual")
        },
        appreciation="thanks",
        private_note="",
        signs=[],
        follow_through="",
    )


def test_a_second_submit_saves_the_edit_quietly_then_the_reveal_makes_it_final(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    from django.core import mail

    current = clock_for(couple).current
    with django_capture_on_commit_callbacks(execute=True):
        first = services.checkin_submit(
            ctx=couple_for(partner_a), starts_on=current, data=_data("one")
        )
    emailed = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.checkin_submit(
            ctx=couple_for(partner_a), starts_on=current, data=_data("two")
        )
    assert first.first_time is True
    assert (again.first_time, again.revealed, again.submitted) == (False, False, True)
    assert again.checkin.pk == first.checkin.pk
    stored = CheckIn.objects.get(pk=first.checkin.pk)
    assert stored.submitted_at == first.checkin.submitted_at
    assert stored.answers.get(dimension="emotional").reflection == "emotional two"
    assert len(mail.outbox) == emailed  # the partner is not told about the edit
    services.checkin_submit(ctx=couple_for(partner_b), starts_on=current, data=_data("b"))
    with pytest.raises(services.CheckInFinal):
        services.checkin_submit(ctx=couple_for(partner_a), starts_on=current, data=_data("three"))
    assert (
        CheckIn.objects.get(pk=first.checkin.pk).answers.get(dimension="emotional").reflection
        == "emotional two"
    )


def test_the_partner_is_linked_to_the_form_then_to_the_revealed_week(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.urls import reverse

    current = clock_for(couple).current
    with django_capture_on_commit_callbacks(execute=True):
        services.checkin_submit(ctx=couple_for(partner_a), starts_on=current, data=_data("a"))
    form = reverse("checkins:checkin", args=[current.isoformat()])
    assert mail.outbox[-1].to == ["sam@example.com"]
    assert form in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.checkin_submit(ctx=couple_for(partner_b), starts_on=current, data=_data("b"))
    week = reverse("checkins:week", args=[current.isoformat()])
    # At the reveal both are linked to the week, never to the form.
    assert [m.to for m in mail.outbox[-2:]] == [["alex@example.com"], ["sam@example.com"]]
    for message in mail.outbox[-2:]:
        assert week in message.body
        assert form not in message.body


def test_shared_warning_signs_come_first_then_each_partners_in_catalogue_order():
    from checkins.catalog import WarningSign
    from checkins.comparison import sign_rows

    mine = CheckIn(signs=[WarningSign.DISTANT, WarningSign.NO_HELP])
    theirs = CheckIn(signs=[WarningSign.NO_HELP, WarningSign.ONLY_ONE_SHARES])
    rows = sign_rows(mine, theirs)
    assert [(r.label, r.mine, r.theirs) for r in rows] == [
        (str(WarningSign.NO_HELP.label), True, True),
        (str(WarningSign.DISTANT.label), True, False),
        (str(WarningSign.ONLY_ONE_SHARES.label), False, True),
    ]


def test_a_draft_after_submitting_stays_submitted_and_after_the_reveal_is_refused(
    couple, partner_a, partner_b
):
    current = clock_for(couple).current
    done = services.checkin_submit(ctx=couple_for(partner_a), starts_on=current, data=_data("a"))
    services.checkin_save_draft(ctx=couple_for(partner_a), starts_on=current, data=_data("b"))
    stored = CheckIn.objects.get(pk=done.checkin.pk)
    assert stored.submitted_at == done.checkin.submitted_at
    assert stored.answers.get(dimension="emotional").reflection == "emotional b"
    services.checkin_submit(ctx=couple_for(partner_b), starts_on=current, data=_data("x"))
    with pytest.raises(services.CheckInFinal):
        services.checkin_save_draft(ctx=couple_for(partner_a), starts_on=current, data=_data("c"))
    assert CheckIn.objects.get(pk=done.checkin.pk).answers.get(
        dimension="emotional"
    ).reflection == ("emotional b")
