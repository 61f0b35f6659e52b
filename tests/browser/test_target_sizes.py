"""Every button, checkbox, radio, menu, nav and footer link on the main pages is at least
24x24 px on a 390 px phone, or spaced as WCAG 2.5.8 allows (see tests/browser/targets.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext

from tests.browser.conftest import log_in, new_page
from tests.browser.targets import undersized_targets
from tests.factories import PASSWORD

PHONE = {"viewport": {"width": 390, "height": 844}}


def _main_pages(world) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "settings": reverse("couple:settings"),
        "counselling": reverse("couple:counsellors"),
        "history": reverse("checkins:history"),
        "trends": reverse("checkins:trends"),
        "week": reverse("checkins:week", args=[world["week"]]),
        "check-in": reverse("checkins:checkin", args=[world["current"]]),
        "account": reverse("account_email"),
    }


def test_every_target_on_the_main_pages_is_big_enough(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, **PHONE)
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    problems = {}
    for name, path in _main_pages(world).items():
        page.goto(live_server.url + path)
        measured, failures = undersized_targets(page)
        assert measured >= 5, f"{name}: only {measured} targets found; is the page right?"
        # With the "More" menu open too: its links are targets as well.
        page.get_by_role("navigation", name="Main").get_by_text("More", exact=True).click()
        failures += undersized_targets(page)[1]
        if failures:
            problems[name] = sorted(set(failures))
    assert not problems, f"Targets under 24x24 px without room around them: {problems}"


def test_the_sign_in_pages_targets_are_big_enough(
    browser: Browser, contexts: list[BrowserContext], live_server
):
    page = new_page(browser, contexts, **PHONE)
    for path in ("/", reverse("account_login"), reverse("account_signup")):
        page.goto(live_server.url + path)
        assert undersized_targets(page)[1] == [], path


@pytest.mark.parametrize(
    ("markup", "caught"),
    [
        # Two 16 px links side by side: their circles overlap.
        (
            '<div><a href="#a" style="display:inline-block;width:16px;height:16px">a</a>'
            '<a href="#b" style="display:inline-block;width:16px;height:16px">b</a></div>',
            2,
        ),
        # The same links 40 px apart: the spacing exception.
        (
            '<div><a href="#a" style="display:inline-block;width:16px;height:16px">a</a>'
            '<a href="#b" style="display:inline-block;width:16px;height:16px;margin-left:40px">'
            "b</a></div>",
            0,
        ),
        # A link in a sentence is exempt; the same link in a navigation is not.
        (
            '<p>Read <a href="#y">the guide</a> first.</p>'
            '<nav><p>Read <a href="#z">the guide</a> first.</p></nav>',
            1,
        ),
        # A lone 20 px checkbox or a 20 px tall button, however much room is around them.
        (
            '<input type="checkbox" style="width:20px;height:20px">'
            '<button style="all:unset;display:block;margin-top:60px;width:90px;height:20px">b</button>',
            2,
        ),
        # Big enough controls pass.
        ('<button style="all:unset;display:inline-block;width:24px;height:24px">b</button>', 0),
    ],
)
def test_the_measure_catches_what_it_should(page, markup, caught):  # fmt: skip
    """The measuring script itself: a crowded small target is caught, a spaced or inline
    one is not (so a green run above means something)."""
    page.set_content(f"<!doctype html><body style='margin:20px'>{markup}</body>")
    assert len(undersized_targets(page)[1]) == caught
