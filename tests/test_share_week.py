"""Sharing a whole week's answers with the counsellor: a box on the check-in's finish step,
off by default and offered only while a counsellor can see shared answers, and a control on
the week page to share or stop sharing every answer later."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins.models import Answer, Week
from checkins.selectors import clock_for, planned_prompts
from tests.checkin_helpers import checkin_for, history
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db

BOX = "Share this week&#x27;s answers with our counsellor"  # a form label, escaped
DIMS = ["emotional", "experiential", "intellectual"]


def _answers(**overrides):
    data = {"appreciation": "You made me tea.", "signs": ["distant"], "action": "submit"}
    for i, dim in enumerate(DIMS):
        data |= {f"{dim}-rating": str(3 + i % 2), f"{dim}-reflection": f"About {dim}."}
    return data | overrides


def _checkin_url(couple):
    return reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()])


def _finish_page(client, couple) -> str:
    return client.get(_checkin_url(couple) + "?step=5").content.decode()


def _shared(user) -> list[str]:
    return sorted(
        Answer.objects.filter(checkin__membership__user=user, share_with_counsellor=True)
        .values_list("dimension", flat=True)
        .distinct()
    )


@pytest.fixture
def sharing(couple, counsellor, partner_a, partner_b):
    return connect(couple, counsellor, partner_a, partner_b)


def test_no_counsellor_no_box_and_a_forged_field_shares_nothing(client, couple, partner_a):
    client.force_login(partner_a)
    assert BOX not in _finish_page(client, couple)
    client.post(_checkin_url(couple), _answers(share_week="on"))
    assert not Answer.objects.filter(share_with_counsellor=True).exists()


def test_one_consent_is_not_enough_for_the_box(client, couple, counsellor, partner_a):
    connect(couple, counsellor, partner_a)
    client.force_login(partner_a)
    assert BOX not in _finish_page(client, couple)


def test_the_box_is_offered_unticked_while_a_counsellor_can_see(client, couple, sharing, partner_a):
    client.force_login(partner_a)
    page = _finish_page(client, couple)
    assert BOX in page
    box = page.split('name="share_week"', 1)[1].split(">", 1)[0]
    assert "checked" not in box
    assert "never your private note" in page


def test_ticked_shares_every_answer_of_this_check_in_only(
    client, couple, sharing, partner_a, partner_b
):
    history(couple, 1)  # last week: nothing shared
    current = clock_for(couple).current
    week = Week.objects.create(
        couple=couple, starts_on=current, prompts=planned_prompts(couple, current)
    )
    checkin_for(week, couple.memberships.get(user=partner_b), submitted=False)
    client.force_login(partner_a)
    response = client.post(_checkin_url(couple), _answers(share_week="on"))
    assert response.status_code == 302
    mine = Answer.objects.filter(checkin__week=week, checkin__membership__user=partner_a)
    assert sorted(mine.filter(share_with_counsellor=True).values_list("dimension", flat=True)) == (
        sorted(DIMS)
    )
    assert _shared(partner_b) == []  # the partner's answers are theirs to share
    assert Answer.objects.filter(share_with_counsellor=True).count() == len(DIMS)  # no other week


def test_unticked_keeps_the_answers_shared_one_by_one(client, couple, sharing, partner_a):
    client.force_login(partner_a)
    client.post(_checkin_url(couple), _answers(**{"action": "save", "emotional-share": "on"}))
    assert _shared(partner_a) == ["emotional"]
    client.post(_checkin_url(couple), _answers(**{"emotional-share": "on"}))  # box unticked
    assert _shared(partner_a) == ["emotional"]


def test_unticking_a_box_shown_ticked_stops_sharing_the_week(client, couple, sharing, partner_a):
    client.force_login(partner_a)
    client.post(_checkin_url(couple), _answers(action="save", share_week="on"))
    assert _shared(partner_a) == sorted(DIMS)
    page = _finish_page(client, couple)
    assert "checked" in page.split('name="share_week"', 1)[1].split(">", 1)[0]
    # The finish step carries the box and none of the per-answer ones.
    client.post(_checkin_url(couple), {"step": "finish", "action": "save", "appreciation": "x"})
    assert _shared(partner_a) == []


def test_a_failed_submit_keeps_the_box_ticked(client, couple, sharing, partner_a):
    client.force_login(partner_a)
    too_long = "x" * 5000
    response = client.post(_checkin_url(couple), _answers(share_week="on", appreciation=too_long))
    page = response.content.decode()
    assert response.status_code == 422
    assert too_long in page
    assert "checked" in page.split('name="share_week"', 1)[1].split(">", 1)[0]


@pytest.fixture
def last_week(couple):
    (week,) = history(couple, 1)
    return week


def _week_url(week):
    return reverse("checkins:week", args=[week.starts_on.isoformat()])


def _share_url(week):
    return reverse("checkins:share", args=[week.starts_on.isoformat()])


def test_the_week_page_shares_and_unshares_the_whole_week(
    client, couple, sharing, partner_a, partner_b, last_week
):
    client.force_login(partner_a)
    assert "Share all this week's answers" in client.get(_week_url(last_week)).content.decode()
    response = client.post(_share_url(last_week), {"whole_week": "1", "share": "on"})
    assert response["Location"] == _week_url(last_week)
    assert _shared(partner_a) == sorted(DIMS)
    assert _shared(partner_b) == []
    page = client.get(_week_url(last_week)).content.decode()
    assert "Stop sharing this week's answers" in page
    client.post(_share_url(last_week), {"whole_week": "1"})
    assert _shared(partner_a) == []


def test_without_a_counsellor_the_week_page_offers_no_whole_week_sharing(
    client, couple, partner_a, last_week
):
    client.force_login(partner_a)
    page = client.get(_week_url(last_week)).content.decode()
    assert "Share all this week" not in page
    assert 'name="whole_week"' not in page


def test_a_week_i_have_not_submitted_is_404_and_changes_nothing(client, couple, sharing, partner_a):
    current = clock_for(couple).current
    week = Week.objects.create(
        couple=couple, starts_on=current, prompts=planned_prompts(couple, current)
    )
    checkin_for(week, couple.memberships.get(user=partner_a), submitted=False)
    client.force_login(partner_a)
    response = client.post(_share_url(week), {"whole_week": "1", "share": "on"})
    assert response.status_code == 404
    assert _shared(partner_a) == []


@pytest.mark.parametrize("who", ["outsider", "counsellor"])
def test_others_cannot_share_our_week(client, couple, sharing, request, who, last_week):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_share_url(last_week), {"whole_week": "1", "share": "on"})
    assert response.status_code == 404
    assert not Answer.objects.filter(share_with_counsellor=True).exists()
