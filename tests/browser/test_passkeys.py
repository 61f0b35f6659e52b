"""Passkeys in a real browser, with Chromium's virtual authenticator standing in for a
phone's fingerprint reader: add a passkey, log out, log in with the passkey alone.

The passkey pages run allauth's JavaScript as static files under the strict CSP (any
blocked script would leave the buttons dead, and the test would fail). With JavaScript
off, the pages say passkeys need it and point to the other ways to log in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def _csp_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return errors


def test_add_a_passkey_then_log_in_with_it_alone(
    browser: Browser, contexts: list[BrowserContext], live_server
):
    UserFactory(
        display_name="Kim", email="kim@example.com", last_login=timezone.now() - timedelta(days=2)
    )
    page = new_page(browser, contexts)
    _virtual_authenticator(page)
    blocked = _csp_errors(page)
    log_in(page, live_server.url, "kim@example.com", PASSWORD, "Welcome, Kim")

    # Just logged in, so no second password prompt (a login counts for five minutes).
    page.goto(live_server.url + reverse("mfa_add_webauthn"))
    expect(page.get_by_role("heading", name="Add a passkey", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("A name, so you can tell your passkeys apart").fill("My laptop")
    page.get_by_role("button", name="Add the passkey").click()
    # The first second factor comes with recovery codes.
    expect(page.get_by_role("heading", name="Your recovery codes", level=1)).to_be_visible()
    key = Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "My laptop"
    assert key.wrap().is_passwordless is True

    page.goto(live_server.url + reverse("mfa_list_webauthn"))
    expect(page.get_by_text("My laptop")).to_be_visible()
    expect(page.get_by_text("logs you in on its own")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + reverse("account_logout"))
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    page.goto(live_server.url + reverse("account_login"))
    expect(page.get_by_text("Passkeys need JavaScript")).to_be_hidden()
    page.get_by_role("button", name="Log in with a passkey").click()
    expect(page.get_by_role("heading", name="Welcome, Kim", level=1)).to_be_visible()
    assert blocked == []

    # As a second step after the password, too.
    page.goto(live_server.url + reverse("account_logout"))
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email").fill("kim@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Enter your code", level=1)).to_be_visible()
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", name="Welcome, Kim", level=1)).to_be_visible()

    # Ten minutes on, the passkey also confirms it's Kim before a change.
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        page.goto(live_server.url + reverse("mfa_list_webauthn"))
        page.get_by_role("link", name="Add a passkey").click()
        expect(page.get_by_role("heading", name="Confirm it's you", level=1)).to_be_visible()
        page.get_by_role("link", name="Use a passkey").click()
        page.get_by_role("button", name="Use my passkey").click()
        expect(page.get_by_role("heading", name="Add a passkey", level=1)).to_be_visible()
    assert blocked == []


def test_a_cancelled_passkey_says_so(browser: Browser, contexts: list[BrowserContext], live_server):
    page = new_page(browser, contexts)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    # An authenticator with no passkey on it: the login cannot complete.
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": False,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("button", name="Log in with a passkey").click()
    expect(page.get_by_role("alert")).to_contain_text("That didn't work")


def test_with_javascript_off_the_login_page_says_passkeys_need_it(
    browser: Browser, contexts: list[BrowserContext], live_server
):
    page = new_page(browser, contexts, java_script_enabled=False)
    page.goto(live_server.url + reverse("account_login"))
    expect(
        page.get_by_text("Passkeys need JavaScript, which is off in this browser.")
    ).to_be_visible()
    # No dead passkey button; the password form still works.
    expect(page.get_by_role("button", name="Log in with a passkey")).to_be_hidden()
    expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()
