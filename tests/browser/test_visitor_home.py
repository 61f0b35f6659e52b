"""The visitor's home on a phone: the sample reveal is there and labelled as an example,
nothing is wider than the screen, and axe-core finds nothing serious on it or on the
privacy page, in light and dark colour schemes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import assert_accessible, new_page

PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sample_reveal_fits_a_phone_and_is_accessible(
    browser: Browser, contexts: list[BrowserContext], live_server, scheme
):
    page = new_page(browser, contexts, viewport=PHONE, color_scheme=scheme)
    page.goto(live_server.url + "/")
    sample = page.locator(".sample-reveal")
    expect(
        sample.get_by_role("heading", name="An example week, from a made-up couple", level=2)
    ).to_be_visible()
    for part in ("Feeling close", "Doing things together", "Sharing ideas"):
        expect(sample.get_by_role("heading", name=part, level=3)).to_be_visible()
    expect(sample.locator(".side-a .who").first).to_have_text("Robin")
    expect(sample.locator(".side-b .who").first).to_have_text("Kai")
    expect(
        sample.get_by_role("heading", name="One of you had more to say this week")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.get_by_role("link", name="Privacy: who sees what").click()
    expect(page.get_by_role("heading", name="Who sees what, and when", level=1)).to_be_visible()
    assert page.url == live_server.url + reverse("privacy")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
