"""Where you're logged in, in a real browser: a phone and a laptop, the laptop ends the
phone's session, with JavaScript on (and axe-checked) and off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
)


@pytest.mark.parametrize("javascript", [True, False])
def test_log_out_everywhere_else(
    browser: Browser, contexts: list[BrowserContext], live_server, javascript
):
    UserFactory(
        display_name="Kim", email="kim@example.com", last_login=timezone.now() - timedelta(days=1)
    )
    phone = new_page(browser, contexts, user_agent=IPHONE)
    log_in(phone, live_server.url, "kim@example.com", PASSWORD, "Welcome, Kim")
    laptop = new_page(browser, contexts, java_script_enabled=javascript)
    log_in(laptop, live_server.url, "kim@example.com", PASSWORD, "Welcome, Kim")

    laptop.goto(live_server.url + reverse("usersessions_list"))
    expect(laptop.get_by_role("heading", name="Where you're logged in", level=1)).to_be_visible()
    expect(laptop.get_by_role("cell", name="Safari on iPhone")).to_be_visible()
    expect(laptop.locator("strong", has_text="This device")).to_be_visible()
    if javascript:
        assert_accessible(laptop)
    laptop.get_by_role("button", name="Log out everywhere else").click()
    expect(
        laptop.get_by_text("You're logged out everywhere else. This device stays logged in.")
    ).to_be_visible()
    expect(laptop.get_by_role("cell", name="Safari on iPhone")).to_have_count(0)

    phone.goto(live_server.url + reverse("usersessions_list"))
    expect(phone.get_by_role("heading", name="Log in", level=1)).to_be_visible()
