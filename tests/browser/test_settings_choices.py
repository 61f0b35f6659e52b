"""Settings in a real browser: the part about affection as each partner's own choice (one
with JavaScript, one without), and the time zone taken from the browser, searched for by
typing, and never UTC without saying so."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Couple
from checkins.selectors import clock_for
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD

PHONE = {"viewport": {"width": 390, "height": 844}}
CHECK_NOTE = "Your time zone is UTC. Is that right?"


def _has_affection(page: Page, base: str, couple: Couple) -> bool:
    page.goto(base + reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()]))
    return page.locator('input[name="physical-rating"]').count() > 0


def _choose_affection(page: Page, base: str) -> None:
    page.goto(base + reverse("couple:settings"))
    section = page.get_by_role("region", name="Just for you")
    section.get_by_label("Add a part about affection and touch").check()
    section.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Saved. Only you can see this choice.")).to_be_visible()


def test_the_part_about_affection_appears_once_both_have_chosen_it(
    browser: Browser, contexts: list[BrowserContext], live_server, couple
):
    base = live_server.url
    alex = log_in(new_page(browser, contexts, **PHONE), base, "alex@example.com", PASSWORD,
                  "Alex & Sam")  # fmt: skip
    sam = new_page(browser, contexts, java_script_enabled=False, **PHONE)
    log_in(sam, base, "sam@example.com", PASSWORD, "Sam & Alex")

    _choose_affection(alex, base)  # with htmx: the form swaps in place
    assert_accessible(alex)
    assert not _has_affection(alex, base, couple)
    assert not _has_affection(sam, base, couple)
    sam.goto(base + reverse("couple:settings"))
    expect(sam.get_by_label("Add a part about affection and touch")).not_to_be_checked()
    expect(sam.get_by_role("region", name="Recent changes")).not_to_contain_text("affection")

    _choose_affection(sam, base)  # without JavaScript: post, redirect, flash
    assert _has_affection(alex, base, couple)
    assert _has_affection(sam, base, couple)


def _start_couple(browser, contexts, base: str, **options) -> Page:
    from tests.factories import UserFactory

    UserFactory(display_name="Kim", email="kim@example.com")
    page = new_page(browser, contexts, **PHONE, **options)
    log_in(page, base, "kim@example.com", PASSWORD, "Welcome, Kim")
    page.get_by_role("button", name="Invite your partner").click()
    expect(page.get_by_role("heading", name="Invite your partner")).to_be_visible()
    page.goto(base + reverse("couple:settings"))
    return page


def test_the_browsers_time_zone_is_the_couples(
    browser: Browser, contexts: list[BrowserContext], live_server
):
    page = _start_couple(browser, contexts, live_server.url, timezone_id="Asia/Tokyo")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    expect(page.get_by_text(CHECK_NOTE)).to_have_count(0)


def test_without_javascript_utc_is_flagged_and_the_device_zone_is_one_tap_away(
    browser: Browser, contexts: list[BrowserContext], live_server
):
    base = live_server.url
    page = _start_couple(browser, contexts, base, java_script_enabled=False)
    expect(page.get_by_text(CHECK_NOTE)).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("UTC")

    # Later, on a device with JavaScript: it offers its own zone.
    context = page.context.browser.new_context(
        **PHONE, timezone_id="Europe/Berlin", storage_state=page.context.storage_state()
    )
    contexts.append(context)
    later = context.new_page()
    later.goto(base + reverse("couple:settings"))
    expect(later.get_by_text(CHECK_NOTE)).to_be_visible()
    assert_accessible(later)
    later.get_by_role("button", name="Use Europe/Berlin, the time zone of this device").click()
    expect(later.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    later.get_by_role("button", name="Save settings").click()
    expect(later.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(later.get_by_text(CHECK_NOTE)).to_have_count(0)
    later.reload()
    expect(later.get_by_role("region", name="Recent changes")).to_contain_text(
        "changed the time zone from UTC to Europe/Berlin"
    )


def test_a_time_zone_is_found_by_typing_and_a_wrong_one_is_explained(
    browser: Browser, contexts: list[BrowserContext], live_server, couple
):
    base = live_server.url
    page = log_in(new_page(browser, contexts, **PHONE), base, "alex@example.com", PASSWORD,
                  "Alex & Sam")  # fmt: skip
    page.goto(base + reverse("couple:settings"))
    field = page.get_by_label("Time zone")
    expect(field).to_have_attribute("list", "time-zone-names")
    field.fill("Atlantis")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("We don't know a time zone called “Atlantis”")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Atlantis")
    expect(page.get_by_label("Time zone")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("Time zone").fill("auckland")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Pacific/Auckland")
    couple.refresh_from_db()
    assert couple.time_zone == "Pacific/Auckland"
