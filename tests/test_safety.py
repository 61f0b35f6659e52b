"""The safety page and the quick exit: the page renders for everyone with its guidance and a
configurable link to local help, and every page (signed in or out, allauth's, the error
pages) has the quick exit and the safety link in the same place, first in the header."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Staying safe with Twoway",
    "If you need help",
    "When an app like this is used to watch or pressure you",
    "You never have to share or check in",
    "Ways to step back",
]


def _header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S)[0]


def _safety_bar(html: str) -> str:
    header = _header(html)
    # First in the header, before the navigation, so it is on screen on a phone at once.
    assert header.index('class="safety-bar"') < header.index("<nav")
    return re.search(r'<div class="safety-bar">.*?</div>', header, re.S)[0]


def test_the_page_renders_for_a_visitor_with_its_guidance(client):
    response = client.get(reverse("safety"))
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    for heading in HEADINGS:
        assert heading in html
    for way in ("Pause check-ins", "Skip this week", "End your couple", "Delete your account"):
        assert way in html
    # Unset, the help link is a neutral sentence, not one country's hotline.
    assert "Look for the help that is available where you live" in html
    assert "call your local emergency number" in html


def test_the_help_link_comes_from_the_settings(client, settings):
    settings.SAFETY_HELP_URL = "https://help.example.org/near-you"
    settings.SAFETY_HELP_NAME = "Example Helpline, open day and night"
    html = client.get(reverse("safety")).content.decode()
    assert 'href="https://help.example.org/near-you" rel="noreferrer"' in html
    assert "Example Helpline, open day and night" in html
    assert "Look for the help" not in html


def test_a_partner_gets_the_ways_to_pause_unpair_and_their_account(client, couple, partner_a):
    client.force_login(partner_a)
    html = client.get(reverse("safety")).content.decode()
    assert reverse("couple:settings") in html
    assert reverse("couple:unpair") in html
    assert reverse("account_email") in html


@pytest.mark.parametrize(
    "name",
    ["home", "safety", "privacy", "account_login", "account_signup", "account_reset_password"],
)
def test_every_page_signed_out_has_the_quick_exit_and_the_safety_link(client, name):
    bar = _safety_bar(client.get(reverse(name)).content.decode())
    assert f'href="{reverse("safety")}"' in bar
    assert f'href="{settings.QUICK_EXIT_URL}" rel="noreferrer"' in bar
    assert "data-quick-exit" in bar
    assert ">Quick exit</a>" in bar


@pytest.mark.parametrize(
    "name",
    ["home", "couple:settings", "checkins:history", "account_email", "notifications:settings"],
)
def test_every_page_signed_in_has_them_in_the_same_place(client, couple, partner_a, name):
    client.force_login(partner_a)
    bar = _safety_bar(client.get(reverse(name)).content.decode())
    assert f'href="{settings.QUICK_EXIT_URL}"' in bar


def test_the_error_pages_have_the_quick_exit_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    bar = _safety_bar(response.content.decode())
    assert f'href="{settings.QUICK_EXIT_URL}" rel="noreferrer"' in bar


def test_the_quick_exit_url_is_configurable_and_its_script_carries_the_nonce(client, settings):
    settings.QUICK_EXIT_URL = "https://weather.example.com/"
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert 'href="https://weather.example.com/" rel="noreferrer"' in _safety_bar(html)
    script = re.search(r'<script src="/static/js/quick-exit.js"[^>]*>', html)[0]
    nonce = re.search(r'nonce="([^"]+)"', script)[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_quick_exit_script_replaces_the_history_entry():
    source = (settings.BASE_DIR / "static" / "js" / "quick-exit.js").read_text()
    assert "location.replace(" in source
    assert "location.href =" not in source  # that would leave Twoway in the history


def test_the_form_expired_page_has_the_quick_exit_too(partner_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner_a)
    response = client.post(reverse("couple:pause"))
    assert response.status_code == 403
    bar = _safety_bar(response.content.decode())
    assert 'href="https://www.wikipedia.org/" rel="noreferrer"' in bar
