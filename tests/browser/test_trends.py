"""Trends on a 390 px phone: chart labels stay at least 12 px (the chart scrolls sideways
in a focusable region instead of shrinking), nothing widens the page, and each chart's
line of plain words links to the week it talks about."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.checkin_helpers import history
from tests.factories import PASSWORD

SMALLEST_LABEL = """() => Math.min(...[...document.querySelectorAll('.chart-svg .chart-label')]
  .map(t => t.getBoundingClientRect().height))"""


def test_trends_are_readable_on_a_390px_phone(
    browser: Browser, contexts: list[BrowserContext], live_server, couple, partner_a
):
    history(couple, 6)
    page = new_page(browser, contexts, viewport={"width": 390, "height": 844})
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    page.goto(live_server.url + reverse("checkins:trends"))
    assert page.locator(".chart-svg .chart-label").count() > 0
    # A 12px font draws glyph boxes of about 12px or more; a scaled-down SVG gave ~6px.
    assert page.evaluate(SMALLEST_LABEL) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.get_by_role("region", name="Feeling close, week by week (scrolls sideways)")
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    line = page.locator(".trend-line a").first
    expect(line).to_contain_text("Feeling close has")
    line.click()
    expect(page).to_have_url(live_server.url + "/weeks/" + page.url.split("/weeks/")[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Week of")
    page.go_back()
    assert_accessible(page)
