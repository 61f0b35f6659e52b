"""The privacy page, "Who sees what, and when": it renders for everyone, says its parts, and
the pages where privacy matters most link to it. The visitor home shows a sample reveal."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from checkins.selectors import clock_for
from tests.counselling_helpers import connect

HEADINGS = [
    "Who sees what, and when",
    "The short version",
    "Your answers stay hidden until you have both checked in",
    "Your private note is for you alone",
    "The part about affection",
    "If you share with a counsellor",
    "Emails",
    "If you end your couple",
    "Taking your data with you",
    "What the people who run Twoway can see",
    "Not built yet",
]


def _links_to_privacy(html: str) -> bool:
    return f'href="{reverse("privacy")}"' in html


def _headings(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)
    ]


@pytest.mark.django_db
def test_the_page_renders_for_a_visitor_with_its_headings(client):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    assert [h for h in HEADINGS if h not in _headings(html)] == []


def test_the_page_renders_for_someone_signed_in(client, partner_a, couple):
    client.force_login(partner_a)
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert "Who sees what, and when" in response.content.decode()


@pytest.mark.django_db
def test_it_is_honest_about_what_is_not_built(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "not encrypted on the server yet" not in html
    assert "the people who run a live server, or anyone who breaks into it, could read them" in html
    assert "A way to download your answers." not in html  # it is built: see its section
    assert "A way to delete a single check-in or a couple on its own" in html
    assert "never anything either of you wrote" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/privacy/"])
def test_the_footer_links_to_it_on_any_page(client, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert _links_to_privacy(footer)


def test_the_check_in_links_to_it(client, partner_a, couple):
    client.force_login(partner_a)
    week = clock_for(couple).current.isoformat()
    response = client.get(reverse("checkins:checkin", args=[week]))
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert _links_to_privacy(main)
    assert "Your partner sees this only after you have both checked in" in main


def test_the_consent_page_links_to_it(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    client.force_login(partner_a)
    response = client.get(reverse("couple:counsellor_consent", args=[access.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert _links_to_privacy(main)


@pytest.mark.django_db
def test_the_visitor_home_shows_a_sample_reveal(client):
    html = client.get("/").content.decode()
    assert "An example week, from a made-up couple" in _headings(html)
    sample = html[html.index('class="sample-reveal"') :]
    assert "Robin" in sample
    assert "Kai" in sample
    for part in ("Feeling close", "Doing things together", "Sharing ideas"):
        assert part in sample
    assert "One of you had more to say this week" in sample
    assert "Try this:" in sample


def test_signed_in_people_do_not_get_the_sample(client, partner_a, couple):
    client.force_login(partner_a)
    assert "sample-reveal" not in client.get("/").content.decode()
