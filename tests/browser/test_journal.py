"""The shared journal on the narrowest phone: nothing wider than a 320 px screen."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, expect

from checkins.models import Answer, CheckIn
from tests.browser.conftest import log_in, new_page
from tests.checkin_helpers import history, write_text
from tests.factories import PASSWORD

LONG = "«" + "unbreakable" * 12 + "»"


def test_the_journal_fits_a_320px_screen_even_with_long_words(
    browser: Browser, contexts: list[BrowserContext], live_server, couple, partner_a
):
    history(couple, 3)
    write_text(CheckIn.objects.all(), appreciation=f"Thanks {LONG}")
    write_text(Answer.objects.all(), need=f"need {LONG}")
    page = new_page(browser, contexts, viewport={"width": 320, "height": 700})
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    page.goto(live_server.url + reverse("checkins:history"))
    expect(page.get_by_text(f"Thanks {LONG}").first).to_be_visible()
    assert page.locator("article.journal-card").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('article.journal-card *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 320


def test_older_and_newer_weeks_are_plain_links_on_a_phone_without_javascript(
    browser: Browser, contexts: list[BrowserContext], live_server, couple, partner_a
):
    made = history(couple, 20)  # 21 weeks with the current one: two pages
    page = new_page(
        browser, contexts, viewport={"width": 320, "height": 700}, java_script_enabled=False
    )
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    page.goto(live_server.url + reverse("checkins:history"))
    assert page.locator("article.journal-card").count() == 13
    pages = page.get_by_role("navigation", name="More weeks of your journal")
    expect(pages.get_by_role("link", name="Newer weeks")).to_have_count(0)
    pages.get_by_role("link", name="Older weeks").click()
    assert page.locator("article.journal-card").count() == 8
    oldest = made[-1].starts_on.isoformat()
    expect(page.locator(f"#week-{oldest}")).to_be_visible()
    expect(pages.get_by_role("link", name="Older weeks")).to_have_count(0)
    pages.get_by_role("link", name="Newer weeks").click()
    assert page.url.endswith(reverse("checkins:history"))
    assert page.locator("article.journal-card").count() == 13
