""" "Share this answer with our counsellor" is offered only while a counsellor both partners
consent to can see shared answers; a box that was not offered changes nothing stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins import sharing
from checkins.models import Answer, Week
from checkins.selectors import clock_for, planned_prompts
from counselling import services as counselling_services
from tests.checkin_helpers import checkin_for
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db

SHARE_LABEL = "Share this answer with our counsellor"


def _checkin_page(client, couple) -> str:
    week = clock_for(couple).current.isoformat()
    # The box sits with each part's answers: step 2 is the first part's.
    return client.get(reverse("checkins:checkin", args=[week]) + "?step=2").content.decode()


def test_no_counsellor_means_no_share_box(client, partner_a, couple):
    client.force_login(partner_a)
    assert SHARE_LABEL not in _checkin_page(client, couple)


def test_a_counsellor_with_one_consent_is_not_enough(client, partner_a, couple, counsellor):
    connect(couple, counsellor, partner_a)
    client.force_login(partner_a)
    assert SHARE_LABEL not in _checkin_page(client, couple)


def test_both_consents_offer_the_box_and_a_withdrawal_takes_it_away(
    client, partner_a, partner_b, couple, counsellor
):
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_a)
    assert SHARE_LABEL in _checkin_page(client, couple)
    counselling_services.consent_revoke(access=access, partner=partner_b)
    assert SHARE_LABEL not in _checkin_page(client, couple)


def test_saving_without_the_box_keeps_what_was_stored(client, partner_a, couple):
    week = clock_for(couple).current
    stored = Week.objects.create(
        couple=couple, starts_on=week, prompts=planned_prompts(couple, week)
    )
    checkin = checkin_for(stored, couple.memberships.get(user=partner_a), submitted=False)
    checkin.answers.update(share_with_counsellor=True)
    client.force_login(partner_a)
    response = client.post(
        reverse("checkins:autosave", args=[week.isoformat()]),
        {"emotional-rating": "4", "emotional-reflection": "«kept as shared»"},
    )
    assert response.status_code == 200
    answer = Answer.objects.get(checkin=checkin, dimension="emotional")
    assert answer.reflection == "«kept as shared»"
    assert answer.share_with_counsellor is True


def test_nothing_registered_means_no_sharing(couple, partner_a, monkeypatch):
    from accounts.scoping import couple_for

    monkeypatch.setattr(sharing, "_provider", None)
    assert sharing.counsellor_sharing_active(couple_for(partner_a)) is False


@pytest.mark.parametrize(
    ("step", "box"),
    [("2", SHARE_LABEL), ("5", "Share this week&#x27;s answers with our counsellor")],
)
def test_every_id_the_check_in_refers_to_is_on_the_page(
    client, partner_a, partner_b, couple, counsellor, step, box
):
    """With the share boxes shown (a part's and the finish's), every ``aria-describedby``,
    ``aria-labelledby`` and label ``for`` names an element of the page: a screen reader
    reads the box's explanation with it, not nothing."""
    import re

    connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_a)
    week = clock_for(couple).current.isoformat()
    page = client.get(reverse("checkins:checkin", args=[week]) + f"?step={step}").content.decode()
    assert box in page
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    referred = re.findall(r'\s(?:aria-describedby|aria-labelledby|for)="([^"]+)"', page)
    names = {name for value in referred for name in value.split()}
    assert "share" in " ".join(sorted(names))  # the share box's references are among them
    assert names - ids == set()
