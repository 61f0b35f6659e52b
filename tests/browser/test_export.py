"""Taking your data with you, on a phone: from the menu to "Your data", confirming it's you,
downloading the JSON and opening the printable page, which has no navigation; both pages
axe-clean, and neither holds the partner's private note."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.checkin_helpers import history
from tests.factories import PASSWORD

PHONE = {"viewport": {"width": 390, "height": 844}}


def test_a_partner_downloads_their_data_and_opens_the_printable_page(
    browser: Browser, contexts: list[BrowserContext], live_server, couple
):
    history(couple, 3)
    base = live_server.url
    page = log_in(new_page(browser, contexts, **PHONE), base, "alex@example.com", PASSWORD,
                  "Alex & Sam")  # fmt: skip

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_text("More", exact=True).click()
    nav.get_by_role("link", name="Your data").click()
    page.wait_for_load_state()
    # Confirming it's you: asked unless the login itself counts as recent (that policy is
    # allauth's settings'; tests/test_export.py checks the asking).
    if re.search(r"/accounts/reauthenticate/", page.url):
        page.locator('input[name="password"]').fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your data", level=1)).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as JSON").click()
    download = info.value
    assert re.fullmatch(r"twoway-export-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["format"] == "twoway-export"
    (current,) = data["couples"]
    assert len(current["weeks"]) == 3
    text = json.dumps(data, ensure_ascii=False)
    assert "«secret-a-1»" in text  # Alex's own private note
    assert "«b1»" in text  # Sam's revealed answers
    assert "«secret-b-1»" not in text  # never Sam's private note

    page.get_by_role("link", name="Open a page to read or print").click()
    expect(page.get_by_role("heading", name="Your Twoway data", level=1)).to_be_visible()
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_text("«secret-a-1»")).to_be_visible()
    assert "«secret-b-1»" not in page.content()
    assert not page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    ), "the printable page scrolls sideways on a phone"
    assert_accessible(page)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
