"""The navigation on a phone: one row from 320 px up, nothing wider than the screen, every
item reachable by keyboard, the current page marked, and the "More" menu working with
JavaScript on and off."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD

PHONES = {
    "320": {"viewport": {"width": 320, "height": 700}},
    "390": {"viewport": {"width": 390, "height": 844}},
}

ROW = """
(selector) => {
  const items = [...document.querySelectorAll(selector)]
    .filter((el) => el.getBoundingClientRect().width > 0);
  const doc = document.documentElement;
  const header = document.querySelector(".site-header");
  return {
    tops: items.map((el) => el.getBoundingClientRect().top),
    rights: items.map((el) => el.getBoundingClientRect().right),
    labels: items.map((el) => el.innerText.trim()),
    viewport: doc.clientWidth,
    headerScrolls: header.scrollWidth > header.clientWidth,
    pageScrolls: doc.scrollWidth > doc.clientWidth,
  };
}
"""


def _assert_one_row(page: Page, selector: str, labels: list[str], *, whole_page=True) -> None:
    row = page.evaluate(ROW, selector)
    assert row["labels"] == labels
    assert len(set(row["tops"])) == 1, f"{selector} wraps: tops {row['tops']}"
    assert max(row["rights"]) <= row["viewport"], f"{selector} runs off the screen: {row}"
    assert not row["headerScrolls"], f"the header of {page.url} is wider than the screen"
    if whole_page:
        assert not row["pageScrolls"], f"{page.url} scrolls sideways"


def _pages(world) -> dict[str, bool]:
    """The pages to check, and whether the whole page must fit too (history and the week's
    comparison are being rebuilt for phones by their own work in issue 10, so only their
    header is checked here)."""
    return {
        reverse("home"): True,
        reverse("couple:settings"): True,
        reverse("checkins:checkin", args=[world["current"]]): True,
        reverse("checkins:trends"): True,
        reverse("checkins:history"): False,
        reverse("checkins:week", args=[world["week"]]): False,
    }


@pytest.mark.parametrize("phone", sorted(PHONES))
def test_the_navigation_is_one_row_and_nothing_is_wider_than_the_phone(
    browser: Browser, contexts: list[BrowserContext], live_server, world, phone
):
    page = new_page(browser, contexts, **PHONES[phone])
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    for path, whole_page in _pages(world).items():
        page.goto(live_server.url + path)
        _assert_one_row(
            page,
            ".site-nav > .brand, .site-nav .nav-items > li > a, .site-nav .menu > summary",
            ["Twoway", "Home", "History", "More"],
            whole_page=whole_page,
        )
    page.goto(live_server.url + reverse("account_email"))
    _assert_one_row(page, ".subnav li", ["Email", "Password", "Two-factor", "Sessions"])
    page.context.clear_cookies()  # and a visitor's
    page.goto(live_server.url + "/")
    _assert_one_row(
        page, ".site-nav > .brand, .site-nav .nav-items > li > a", ["Twoway", "Log in", "Sign up"]
    )


def test_a_laptop_shows_trends_in_the_row(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, viewport={"width": 1280, "height": 800})
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Trends").click()
    expect(page).to_have_url(live_server.url + reverse("checkins:trends"))
    expect(nav.get_by_role("link", name="Trends")).to_have_attribute("aria-current", "page")
    _assert_one_row(
        page,
        ".site-nav > .brand, .site-nav .nav-items > li > a, .site-nav .menu > summary",
        ["Twoway", "Home", "History", "Trends", "More"],
    )


def test_the_current_page_is_marked(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, **PHONES["390"])
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.locator('[aria-current="page"]')).to_have_text(["Home"])
    nav.get_by_role("link", name="History").click()
    expect(nav.locator('[aria-current="page"]')).to_have_text(["History"])
    # On a phone Trends lives in the menu: marked there, and the menu's button shows it.
    page.goto(live_server.url + reverse("checkins:trends"))
    expect(nav.locator("summary")).to_have_class("has-current-narrow")
    nav.get_by_text("More", exact=True).click()
    expect(nav.locator('[aria-current="page"]:visible')).to_have_text(["Trends"])
    nav.get_by_role("link", name="Account").click()
    expect(nav.locator("summary")).to_have_class("has-current")
    expect(
        page.get_by_role("navigation", name="Account settings").locator("[aria-current]")
    ).to_have_text(["Email"])


def test_every_item_is_reachable_by_keyboard_and_escape_closes_the_menu(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, **PHONES["320"])
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    focused = []
    page.keyboard.press("Tab")  # the skip link
    for _ in range(6):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.innerText.trim()"))
    # The safety bar comes first on every page, then the navigation.
    assert focused == ["Safety", "Quick exit", "Twoway", "Home", "History", "More"]
    page.keyboard.press("Enter")  # opens the menu
    menu = page.locator("details[data-menu]")
    expect(menu).to_have_attribute("open", "")
    assert_accessible(page)
    page.keyboard.press("Tab")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Trends")).to_be_focused()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Account")).to_be_focused()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Your data")).to_be_focused()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("button", name="Log out")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(page.locator("summary")).to_be_focused()
    # A click elsewhere closes it too.
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.mouse.click(5, 600)
    expect(menu).not_to_have_attribute("open", "")


def test_the_menu_works_without_javascript(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, java_script_enabled=False, **PHONES["320"])
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_text("More", exact=True).click()
    nav.get_by_role("button", name="Log out").click()
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
