"""A step's save (Next, Back, Save draft or autosave) writes only that step's fields:
it never blanks what another step holds."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins.models import CheckIn
from checkins.selectors import clock_for
from tests.test_checkin import answers, url

pytestmark = pytest.mark.django_db


def _stored(partner):
    checkin = CheckIn.objects.get(membership__user=partner)
    return checkin, {a.dimension: a for a in checkin.answers.all()}


@pytest.fixture
def drafted(client, partner_a, couple):
    """A whole draft, saved as one page: every field holds a «marker»."""
    client.force_login(partner_a)
    data = answers(action="save", appreciation="«thanks»", private_note="«mine»")
    data |= {"emotional-need": "«wish»"}
    assert client.post(url(couple), data).status_code == 302
    return client


@pytest.mark.parametrize("view", ["checkins:checkin", "checkins:autosave"])
def test_a_part_step_keeps_the_ratings_and_the_finish(drafted, partner_a, couple, view):
    """Catches a step saving the fields it does not carry as blank."""
    response = drafted.post(
        url(couple, view),
        {"step": "experiential", "experiential-reflection": "«new»", "experiential-need": ""},
    )
    assert response.status_code in (200, 302)
    checkin, stored = _stored(partner_a)
    assert stored["experiential"].reflection == "«new»"
    assert stored["experiential"].rating == 4
    assert stored["emotional"].reflection == "About emotional."
    assert stored["emotional"].need == "«wish»"
    assert (checkin.appreciation, checkin.private_note, checkin.signs) == (
        "«thanks»",
        "«mine»",
        ["distant"],
    )


def test_the_ratings_step_keeps_every_text(drafted, partner_a, couple):
    drafted.post(url(couple), {"step": "ratings", "emotional-rating": "1", "go": "2"})
    checkin, stored = _stored(partner_a)
    assert stored["emotional"].rating == 1
    assert stored["experiential"].rating == 4  # not posted: kept, never cleared
    assert stored["emotional"].reflection == "About emotional."
    assert checkin.appreciation == "«thanks»"


def test_the_finish_step_keeps_every_part_and_can_clear_its_own_boxes(drafted, partner_a, couple):
    drafted.post(url(couple), {"step": "finish", "appreciation": "", "private_note": "«p»"})
    checkin, stored = _stored(partner_a)
    assert (checkin.appreciation, checkin.private_note, checkin.signs) == ("", "«p»", [])
    assert {d: a.reflection for d, a in stored.items()} == {
        d: f"About {d}." for d in ("emotional", "experiential", "intellectual")
    }
    assert stored["emotional"].need == "«wish»"


def test_next_without_javascript_saves_and_redirects_to_the_next_step(drafted, partner_a, couple):
    response = drafted.post(
        url(couple), {"step": "emotional", "emotional-reflection": "«x»", "go": "3"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url(couple)}?step=3"
    assert _stored(partner_a)[1]["emotional"].reflection == "«x»"


def test_with_htmx_next_answers_with_the_next_step_and_pushes_its_address(
    drafted, partner_a, couple
):
    response = drafted.post(
        url(couple), {"step": "ratings", "go": "2"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{url(couple)}?step=2"
    html = response.content.decode()
    assert "<title>Step 2 of 5: Feeling close" in html
    assert "<!doctype" not in html.lower()
    assert 'name="emotional-reflection"' in html


def test_a_step_page_is_named_and_numbered(client, partner_a, couple):
    client.force_login(partner_a)
    html = client.get(f"{url(couple)}?step=5").content.decode()
    assert "<title>Step 5 of 5: Finish" in html
    assert 'aria-current="step"' in html
    week = clock_for(couple).current.isoformat()
    assert reverse("checkins:checkin", args=[week]) == url(couple)
