"""Reacting to the partner's revealed answers in a real browser: with htmx (the buttons swap
in place, focus stays on the pressed one) and with JavaScript off (a plain form, then back to
the answer with a message). Alex and Sam come from the factories, with last week revealed."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, expect

from accounts.models import Couple
from checkins.models import Reaction
from checkins.selectors import clock_for
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.checkin_helpers import history
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


def _week_url(base: str, couple: Couple) -> str:
    return f"{base}/weeks/{clock_for(couple).previous.isoformat()}/"


def test_reacting_with_htmx_swaps_the_buttons_and_the_partner_sees_it(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    history(couple, 1)
    base, url = live_server.url, _week_url(live_server.url, couple)
    alex = log_in(
        new_page(browser, contexts, viewport=PHONE),
        base,
        "alex@example.com",
        PASSWORD,
        "Alex & Sam",
    )
    alex.goto(url)
    alex.evaluate("window.__marker = 1")
    group = alex.get_by_role("group", name="Your reaction to what Sam appreciated")
    thanks = group.get_by_role("button", name="Thank you")
    expect(thanks).to_have_attribute("aria-pressed", "false")

    with alex.expect_response(f"{url}react/") as answered:
        thanks.click()
    assert answered.value.request.headers.get("hx-request") == "true"
    expect(thanks).to_have_attribute("aria-pressed", "true")
    expect(alex.locator("#react-appreciation-thanks")).to_be_focused()  # not lost in the swap
    expect(group.locator("xpath=..").get_by_role("status")).to_have_text(
        "You replied “Thank you”. Press it again to take it back."
    )
    assert alex.evaluate("window.__marker") == 1, "the reaction was a full page load"
    assert_accessible(alex)

    sam = log_in(new_page(browser, contexts), base, "sam@example.com", PASSWORD, "Sam & Alex")
    sam.goto(url)
    expect(sam.get_by_text("Alex replied: “Thank you”")).to_be_visible()

    # Changed with the keyboard, then taken back.
    alex.keyboard.press("Tab")
    expect(alex.locator("#react-appreciation-me_too")).to_be_focused()
    with alex.expect_response(f"{url}react/"):
        alex.keyboard.press("Enter")
    expect(group.get_by_role("button", name="Me too")).to_have_attribute("aria-pressed", "true")
    expect(thanks).to_have_attribute("aria-pressed", "false")
    with alex.expect_response(f"{url}react/"):
        group.get_by_role("button", name="Me too").click()
    expect(group.get_by_role("button", name="Me too")).to_have_attribute("aria-pressed", "false")
    assert not Reaction.objects.exists()
    sam.reload()
    expect(sam.get_by_text("Alex replied:")).to_have_count(0)


def test_reacting_without_javascript_and_finding_it_again_next_week(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    history(couple, 1)
    base, url = live_server.url, _week_url(live_server.url, couple)
    alex = log_in(
        new_page(browser, contexts, java_script_enabled=False),
        base,
        "alex@example.com",
        PASSWORD,
        "Alex & Sam",
    )
    alex.goto(url)
    group = alex.get_by_role("group", name="Your reaction to Sam's wish for Feeling close")
    with alex.expect_navigation(url=f"{url}#react-need-emotional"):
        group.get_by_role("button", name="I'll do that").click()
    expect(alex.locator(".messages")).to_have_text("You reacted: I'll do that.")
    expect(group.get_by_role("button", name="I'll do that")).to_have_attribute(
        "aria-pressed", "true"
    )
    (reaction,) = Reaction.objects.all()
    assert (reaction.part, reaction.kind) == ("need:emotional", "will_do")

    # This week's check-in brings it back beside Sam's wish.
    alex.goto(f"{base}/weeks/{clock_for(couple).current.isoformat()}/checkin/")
    wish = alex.locator(".follow-up li").filter(has_text="need emotional «b1»")
    expect(wish).to_contain_text("You said: I'll do that")
