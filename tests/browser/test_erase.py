"""Deleting an account in a real browser, on a phone: from Couple settings to the page that
counts what goes, a mistake that keeps what was typed, then the goodbye page; once with
JavaScript on (and axe-core on every step), once with it off."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import User
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.checkin_helpers import history
from tests.factories import PASSWORD

PHONE = {"viewport": {"width": 390, "height": 844}}


def _walk(page: Page, base: str, email: str, *, check_accessibility: bool) -> None:
    page.goto(base + reverse("couple:settings"))
    page.get_by_role("link", name="See what deleting your account means").click()
    expect(page.get_by_role("heading", name="Delete your account", level=1)).to_be_visible()
    goes = page.get_by_role("region", name="What will be deleted")
    expect(goes).to_contain_text("2 weeks of check-ins")
    expect(goes).to_contain_text("2 private notes")
    if check_accessibility:
        assert_accessible(page)

    # A typo in the address: nothing goes, the address stays typed, the password doesn't.
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Type your email address").fill(email.replace("@", "@@"))
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing has been deleted")
    expect(page.get_by_text("That isn't the address you sign in with")).to_be_visible()
    expect(page.get_by_label("Type your email address")).to_have_value(email.replace("@", "@@"))
    expect(page.get_by_label("Your password")).to_have_value("")
    if check_accessibility:
        assert_accessible(page)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Type your email address").fill(email)
    page.get_by_role("button", name="Delete my account").click()
    expect(
        page.get_by_role("heading", name="Your account has been deleted", level=1)
    ).to_be_visible()
    if check_accessibility:
        assert_accessible(page)
    assert not User.objects.filter(email=email).exists()
    page.goto(base + reverse("yourdata:erase"))
    expect(page).to_have_url(f"{base}/accounts/login/?next=/accounts/your-data/delete/")


def test_deleting_an_account_with_javascript_on(
    browser: Browser, contexts: list[BrowserContext], live_server, couple
):
    history(couple, 2)
    base = live_server.url
    page = log_in(
        new_page(browser, contexts, **PHONE), base, "alex@example.com", PASSWORD, "Alex & Sam"
    )
    _walk(page, base, "alex@example.com", check_accessibility=True)


def test_deleting_an_account_with_javascript_off(
    browser: Browser, contexts: list[BrowserContext], live_server, couple
):
    history(couple, 2)
    base = live_server.url
    page = new_page(browser, contexts, java_script_enabled=False, **PHONE)
    log_in(page, base, "sam@example.com", PASSWORD, "Sam & Alex")
    _walk(page, base, "sam@example.com", check_accessibility=False)
    # Alex, signed in elsewhere, finds the couple ended and their own answers kept.
    alex = log_in(
        new_page(browser, contexts, **PHONE), base, "alex@example.com", PASSWORD, "Welcome, Alex"
    )
    alex.goto(base + reverse("checkins:past"))
    expect(alex.locator("main")).to_contain_text("«a1»")
    expect(alex.locator("main")).not_to_contain_text("«b1»")
