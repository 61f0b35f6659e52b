"""Safety in a real browser: pausing and resuming on a phone with JavaScript off (the partner
sees only that check-ins are paused), the quick exit leaving Twoway out of the history (by
click and by Escape twice), on screen at once on a phone, and the safety page accessible."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD

PHONE = {"viewport": {"width": 320, "height": 640}}
NEUTRAL = "https://neutral.example/weather"
BEFORE = "https://before.example/"


def _offline_sites(page: Page) -> None:
    """The neutral site and a page visited before Twoway, served without a network."""

    def serve(route: Route) -> None:
        route.fulfill(
            body="<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>",
            content_type="text/html",
        )

    page.context.route("https://neutral.example/**", serve)
    page.context.route("https://before.example/**", serve)


def test_pause_and_resume_on_a_phone_without_javascript(
    browser: Browser, contexts: list[BrowserContext], live_server, couple
):
    base = live_server.url
    alex = new_page(browser, contexts, java_script_enabled=False, **PHONE)
    log_in(alex, base, "alex@example.com", PASSWORD, "Alex & Sam")
    sam = new_page(browser, contexts, java_script_enabled=False, **PHONE)
    log_in(sam, base, "sam@example.com", PASSWORD, "Sam & Alex")

    alex.goto(base + reverse("couple:settings"))
    alex.get_by_role("button", name="Pause check-ins").click()
    expect(alex.get_by_text("Check-ins are paused. Nothing new is shared")).to_be_visible()

    sam.goto(base + reverse("home"))
    notice = sam.get_by_role("region", name="Check-ins are paused")
    expect(notice).to_be_visible()
    expect(notice).not_to_contain_text("Alex")
    expect(sam.get_by_role("button", name="Resume check-ins")).to_have_count(0)
    expect(sam.get_by_role("link", name="Start this week's check-in")).to_have_count(0)

    alex.goto(base + reverse("home"))
    alex.get_by_role("button", name="Resume check-ins").click()
    expect(alex.get_by_text("Check-ins are back on")).to_be_visible()
    sam.goto(base + reverse("home"))
    expect(sam.get_by_role("region", name="Check-ins are paused")).to_have_count(0)
    expect(sam.get_by_role("link", name="Start this week's check-in")).to_be_visible()


def test_the_quick_exit_leaves_and_back_does_not_return_to_twoway(
    browser: Browser, contexts: list[BrowserContext], live_server, settings
):
    settings.QUICK_EXIT_URL = NEUTRAL
    page = new_page(browser, contexts, **PHONE)
    _offline_sites(page)
    page.goto(BEFORE)
    page.goto(live_server.url + reverse("safety"))
    exit_link = page.get_by_role("link", name="Quick exit")
    expect(exit_link).to_be_in_viewport()  # on a phone, without scrolling
    exit_link.click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    page.wait_for_url(BEFORE)
    assert not page.url.startswith(live_server.url)


def test_escape_twice_leaves_the_same_way_and_the_link_is_reached_by_keyboard(
    browser: Browser, contexts: list[BrowserContext], live_server, settings
):
    settings.QUICK_EXIT_URL = NEUTRAL
    page = new_page(browser, contexts, **PHONE)
    _offline_sites(page)
    page.goto(BEFORE)
    page.goto(live_server.url + reverse("home"))
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Quick exit")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    page.wait_for_url(BEFORE)


def test_the_safety_page_is_accessible(browser: Browser, contexts, live_server, couple):
    page = new_page(browser, contexts, **PHONE)
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    page.goto(live_server.url + reverse("safety"))
    expect(page.get_by_role("heading", name="Staying safe with Twoway", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + reverse("couple:settings"))
    assert_accessible(page)
