"""A check-in save that cannot reach Twoway says so, in place of an earlier "Saved at …",
and every character typed stays in the box; the next save that works clears it."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, BrowserContext, Route, expect

from accounts.models import Couple
from checkins.selectors import clock_for
from tests.browser.conftest import log_in, new_page
from tests.factories import PASSWORD

AUTOSAVE_MS = 8_000


def test_an_autosave_that_fails_says_not_saved_and_keeps_the_words(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base = live_server.url
    week = clock_for(couple).current.isoformat()
    page = log_in(
        new_page(browser, contexts, viewport={"width": 390, "height": 844}),
        base,
        "alex@example.com",
        PASSWORD,
        "Alex & Sam",
    )
    page.goto(f"{base}/weeks/{week}/checkin/?step=2")
    box = page.locator("textarea:visible").first
    box.click()
    with page.expect_response(lambda r: r.url.endswith("/autosave/"), timeout=AUTOSAVE_MS):
        box.press_sequentially("A first line that saves")
    status = page.locator("#save-status")
    expect(status).to_have_text(re.compile(r"^Saved at \d{2}:\d{2}$"))

    # The database goes away: the server answers 503 (as intimacy.errors does in an outage).
    def outage(route: Route) -> None:
        route.fulfill(
            status=503, body="Twoway is taking a short break", headers={"Retry-After": "30"}
        )

    page.route(re.compile(r".*/autosave/$"), outage)
    with page.expect_response(lambda r: r.url.endswith("/autosave/"), timeout=AUTOSAVE_MS):
        box.press_sequentially(", and more")
    expect(status).to_have_text(re.compile(r"^Not saved: Twoway can.t be reached just now\."))
    expect(status).to_have_class(re.compile(r"\bsave-failed\b"))
    expect(box).to_have_value("A first line that saves, and more")

    # Back again: the next save goes through and says so.
    page.unroute(re.compile(r".*/autosave/$"))
    with page.expect_response(lambda r: r.url.endswith("/autosave/"), timeout=AUTOSAVE_MS):
        box.press_sequentially("!")
    expect(status).to_have_text(re.compile(r"^Saved at \d{2}:\d{2}$"))
    expect(status).not_to_have_class(re.compile(r"\bsave-failed\b"))
