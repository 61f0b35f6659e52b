"""Both partners submitting at the same instant, or one partner submitting twice at once."""

import pytest
from django.core import mail

from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import CheckIn, Week
from checkins.selectors import clock_for
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)

DATA = CheckInData(
    answers={
        d: AnswerData(4, f"{d} words", "") for d in ("emotional", "experiential", "intellectual")
    },
    appreciation="thanks",
    private_note="",
    signs=[],
    follow_through="",
)


def _submitter(user, week):
    def submit():
        return services.checkin_submit(ctx=couple_for(user), starts_on=week, data=DATA)

    return submit


def test_both_partners_submitting_at_once_reveal_once_with_one_email_each(
    partner_a, partner_b, couple
):
    week = clock_for(couple).current
    results = at_once(_submitter(partner_a, week), _submitter(partner_b, week))
    assert all(isinstance(r, services.SubmitResult) for r in results), results
    assert sum(r.revealed for r in results) == 1
    assert CheckIn.objects.filter(submitted_at__isnull=False).count() == 2
    assert Week.objects.get().revealed_at is not None
    # One "checked in" to whoever was first, then "your week is ready" to both.
    ready = sorted(m.to[0] for m in mail.outbox if "your week is ready" in m.subject)
    assert ready == ["alex@example.com", "sam@example.com"]
    assert len(mail.outbox) == 3


def test_one_partner_double_submitting_at_once_submits_once(partner_a, couple):
    week = clock_for(couple).current
    results = at_once(_submitter(partner_a, week), _submitter(partner_a, week))
    assert all(isinstance(r, services.SubmitResult) for r in results), results
    assert sorted(r.first_time for r in results) == [False, True]
    assert CheckIn.objects.count() == 1
    assert Week.objects.get().revealed_at is None
    assert len(mail.outbox) == 1
