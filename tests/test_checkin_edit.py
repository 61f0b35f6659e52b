"""A check-in can be changed after submitting until the partner has submitted too: it
stays submitted, the partner is not told, and once the week is revealed it is final."""

from __future__ import annotations

import pytest
from django.core import mail

from checkins.models import Answer, CheckIn
from checkins.selectors import clock_for, featured_part
from tests.test_checkin import DIMS, answers, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, partner_a, couple, django_capture_on_commit_callbacks):
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(couple), answers(action="submit"))
    assert response.status_code == 302
    assert len(mail.outbox) == 1  # Sam hears that Alex checked in, once
    return client


def test_the_checkin_opens_again_to_change_until_the_partner_submits(submitted, partner_a, couple):
    page = submitted.get(f"{url(couple)}?step=5")
    assert page.status_code == 200
    html = page.content.decode()
    assert "you can still change your answers" in html
    assert "Save changes" in html
    assert "can&#x27;t be changed" not in html


def test_a_change_is_saved_stays_submitted_and_tells_nobody(
    submitted, partner_a, couple, django_capture_on_commit_callbacks
):
    before = CheckIn.objects.get(membership__user=partner_a).submitted_at
    with django_capture_on_commit_callbacks(execute=True):
        response = submitted.post(
            url(couple),
            {"step": "finish", "appreciation": "«changed»", "action": "submit"},
            follow=True,
        )
    assert "Your changes are saved" in response.content.decode()
    mine = CheckIn.objects.get(membership__user=partner_a)
    assert mine.appreciation == "«changed»"
    assert mine.submitted_at == before  # still submitted, at the same moment
    assert len(mail.outbox) == 1  # no second email


def test_an_autosave_after_submitting_changes_the_answer_too(submitted, partner_a, couple):
    response = submitted.post(
        url(couple, "checkins:autosave"), {"step": "emotional", "emotional-need": "«later»"}
    )
    assert response.status_code == 200
    answer = Answer.objects.get(checkin__membership__user=partner_a, dimension="emotional")
    assert answer.need == "«later»"


def test_the_partner_sees_only_that_it_was_submitted_never_the_change(
    submitted, client, partner_a, partner_b, couple
):
    submitted.post(url(couple), {"step": "finish", "appreciation": "«edited»", "action": "save"})
    client.force_login(partner_b)
    html = client.get(url(couple)).content.decode()
    assert "Alex has checked in" in html
    assert "«edited»" not in html
    assert "changed" not in html.lower()


def test_a_change_can_never_empty_a_needed_answer(submitted, partner_a, couple):
    featured = featured_part(couple, clock_for(couple).current, DIMS)
    response = submitted.post(
        url(couple), {"step": featured, f"{featured}-reflection": "  ", "action": "save"}
    )
    assert response.status_code == 422
    assert "can be changed but not emptied" in response.content.decode()
    stored = Answer.objects.get(checkin__membership__user=partner_a, dimension=featured)
    assert stored.reflection == f"About {featured}."


def test_after_the_reveal_a_change_is_refused_and_changes_nothing(
    submitted, client, partner_a, partner_b, couple
):
    client.force_login(partner_b)
    client.post(url(couple), answers(action="submit"))
    client.force_login(partner_a)
    response = client.post(
        url(couple), {"step": "finish", "appreciation": "«too late»", "action": "submit"}
    )
    assert response.status_code == 409
    assert "your answers are final now" in response.content.decode()
    assert CheckIn.objects.get(membership__user=partner_a).appreciation != "«too late»"
    htmx = client.post(
        url(couple),
        {"step": "finish", "appreciation": "«too late»", "action": "save"},
        headers={"HX-Request": "true"},
    )
    assert htmx["HX-Redirect"] == url(couple, "checkins:week")
    assert CheckIn.objects.get(membership__user=partner_a).appreciation != "«too late»"


def test_home_and_the_waiting_week_offer_to_change_the_answers(submitted, couple):
    """Catches a submitted check-in that can be changed but cannot be reached."""
    target = f'href="{url(couple)}">Change your answers</a>'
    assert target in submitted.get("/").content.decode()
    assert target in submitted.get(url(couple, "checkins:week")).content.decode()
