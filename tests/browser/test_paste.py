"""Passwords and codes can be pasted (WCAG 3.3.8, accessible authentication): a password
manager's password and an authenticator app's code go in with Ctrl+V, through the real
clipboard, and log in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import current_totp, new_page
from tests.counselling_helpers import make_counsellor
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _paste(page: Page, selector: str, text: str) -> None:
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    box = page.locator(selector)
    box.focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(box).to_have_value(text)


def test_a_pasted_password_and_a_pasted_code_log_in(
    browser: Browser, contexts: list[BrowserContext], live_server
):
    robin = make_counsellor(display_name="Robin", email="robin@example.com")
    page = new_page(browser, contexts, permissions=["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email").fill("robin@example.com")
    password = page.locator("#id_password")
    assert password.get_attribute("autocomplete") == "current-password"
    _paste(page, "#id_password", PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()

    expect(page.get_by_role("heading", name="Enter your code", level=1)).to_be_visible()
    code = page.locator("#id_code")
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert code.get_attribute("inputmode") == "numeric"
    _paste(page, "#id_code", current_totp(robin.totp_secret))
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Welcome, Robin", level=1)).to_be_visible()
