"""The comparison of a week, in a real browser, on the demo couple from ``seed_demo``.

Alex and Sam have twelve weeks before the current one (oldest first, index 0 to 11). Week 8
is one-sided (Sam writes a few words), Sam skipped week 9, and week 7 before it is an ordinary
revealed week. Each person logs in through the real login form in their own browser context.
"""

from __future__ import annotations

import html
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Couple
from checkins import selectors, weeks
from checkins.models import Answer
from demo import people
from demo.story import HISTORY_WEEKS
from tests.browser.conftest import assert_accessible, log_in, new_page

ONE_SIDED_WEEK = 8  # Sam writes much less than Alex
SKIPPED_WEEK = 9  # Sam never checked in
# Written by Alex in the week Sam skipped: never to be shown to Sam.
ALEX_SKIPPED_WEEK_PHRASES = (
    "A long hug when you get home, before anything else.",
    "You've kept going through a brutal stretch at work",
    "I almost wrote 'you never fill this in any more'",  # Alex's private note
)


@pytest.fixture
def demo(settings) -> Couple:
    """The demo couple. ``seed_demo`` refuses to run unless DEBUG is on; the live server
    then runs with DEBUG off again, as in production."""
    debug = settings.DEBUG
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = debug
    return Couple.objects.get(memberships__user__email=people.ALEX.email)


def story_week(couple: Couple, index: int) -> date:
    """The start of week ``index`` (0 is the oldest) of the demo story."""
    first = selectors.clock_for(couple).current - weeks.ONE_WEEK * HISTORY_WEEKS
    return first + weeks.ONE_WEEK * index


def heading(week: date) -> str:
    return f"Week of {week.day} {week:%B %Y}"


def week_url(base: str, week: date) -> str:
    return f"{base}/weeks/{week.isoformat()}/"


def demo_log_in(page: Page, base: str, email: str) -> None:
    me, partner = ("Alex", "Sam") if email == people.ALEX.email else ("Sam", "Alex")
    log_in(page, base, email, people.DEMO_PASSWORD, f"{me} & {partner}")


def test_a_one_sided_week_shows_its_flag_and_the_pages_are_accessible(
    page: Page, live_server, demo
):
    week = story_week(demo, ONE_SIDED_WEEK)
    demo_log_in(page, live_server.url, people.ALEX.email)

    # Find the week on the history page, the way a person would.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=f"{week.day} {week:%b %Y}", exact=True)
    )
    row.get_by_role("link", name="See the week").click()

    expect(page).to_have_url(week_url(live_server.url, week))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading(week))
    flag = page.locator("article.flag").filter(
        has=page.get_by_role("heading", name="One of you shared much more this week")
    )
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text("This week Alex wrote")
    expect(flag).to_contain_text("words and Sam wrote")
    expect(flag.locator(".suggestion")).to_contain_text(
        "Try this: Each day this week, take turns naming one feeling"
    )
    assert_accessible(page)

    page.get_by_role("link", name="How these are worked out").click()
    expect(page).to_have_url(f"{live_server.url}/flags/")
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Trends").click()
    expect(page).to_have_url(f"{live_server.url}/trends/")
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)


def test_previous_week_swaps_in_with_htmx_and_back_reloads_the_week(page: Page, live_server, demo):
    week = story_week(demo, ONE_SIDED_WEEK)
    before = weeks.previous_week(week)
    demo_log_in(page, live_server.url, people.ALEX.email)
    page.goto(week_url(live_server.url, week))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading(week))

    page.evaluate("window.__marker = 1")
    with page.expect_response(week_url(live_server.url, before)) as swapped:
        page.get_by_role("link", name="Previous week").click()
    assert swapped.value.request.headers.get("hx-request") == "true"

    expect(page).to_have_url(week_url(live_server.url, before))  # hx-push-url
    expect(page.get_by_role("heading", level=1)).to_have_text(heading(before))
    expect(page).to_have_title(f"{heading(before)} · Twoway")
    expect(page.locator("#week-heading")).to_be_focused()
    assert page.evaluate("window.__marker") == 1, "the week was a full page load"
    expect(page.locator("#week")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)

    page.go_back()
    expect(page).to_have_url(week_url(live_server.url, week))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading(week))
    # No snapshot is kept (historyCacheSize 0), so htmx reloads the page from the server.
    page.wait_for_function("window.__marker === undefined")
    expect(
        page.get_by_role("heading", name="One of you shared much more this week")
    ).to_be_visible()


def test_the_week_picker_and_previous_week_without_javascript(
    page: Page, browser: Browser, contexts: list[BrowserContext], live_server, demo
):
    week = story_week(demo, ONE_SIDED_WEEK)
    chosen = story_week(demo, 3)
    demo_log_in(page, live_server.url, people.ALEX.email)
    page.goto(week_url(live_server.url, week))

    page.locator("#week-picker").select_option(chosen.isoformat())
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page).to_have_url(week_url(live_server.url, chosen))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading(chosen))
    expect(page.locator("#week-picker")).to_have_value(chosen.isoformat())

    plain = new_page(browser, contexts, java_script_enabled=False)
    demo_log_in(plain, live_server.url, people.ALEX.email)
    plain.goto(week_url(live_server.url, week))
    with plain.expect_navigation(url=week_url(live_server.url, weeks.previous_week(week))):
        plain.get_by_role("link", name="Previous week").click()
    expect(plain.get_by_role("heading", level=1)).to_have_text(heading(weeks.previous_week(week)))

    plain.locator("#week-picker").select_option(chosen.isoformat())
    plain.get_by_role("button", name="Go", exact=True).click()
    expect(plain).to_have_url(week_url(live_server.url, chosen))
    expect(plain.get_by_role("heading", level=1)).to_have_text(heading(chosen))


def test_sam_sees_only_that_he_skipped_a_week_and_none_of_what_alex_wrote(
    browser: Browser, contexts: list[BrowserContext], live_server, demo
):
    week = story_week(demo, SKIPPED_WEEK)
    alex_wrote = [
        text
        for answer in Answer.objects.filter(
            checkin__week__couple=demo,
            checkin__week__starts_on=week,
            checkin__membership__user__email=people.ALEX.email,
        )
        for text in (answer.reflection, answer.need)
        if text
    ]
    assert len(alex_wrote) == 8  # four reflections and four needs

    sam = new_page(browser, contexts)
    demo_log_in(sam, live_server.url, people.SAM.email)
    sam.goto(week_url(live_server.url, week))

    expect(sam.get_by_role("heading", level=1)).to_have_text(heading(week))
    expect(sam.get_by_role("heading", name="Waiting for both of you")).to_be_visible()
    expect(sam.get_by_text("You: not started")).to_be_visible()
    expect(sam.get_by_text("Alex: checked in")).to_be_visible()
    text, markup = sam.locator("body").inner_text(), sam.content()
    for phrase in (*ALEX_SKIPPED_WEEK_PHRASES, *alex_wrote):
        assert phrase not in text
        assert html.escape(phrase) not in markup
    assert_accessible(sam)

    # The same page shows Alex what Alex wrote, so the phrases above are the right ones.
    alex = new_page(browser, contexts)
    demo_log_in(alex, live_server.url, people.ALEX.email)
    alex.goto(week_url(live_server.url, week))
    expect(alex.get_by_role("heading", name="Waiting for both of you")).to_be_visible()
    text = alex.locator("body").inner_text()
    for phrase in (*ALEX_SKIPPED_WEEK_PHRASES, *alex_wrote):
        assert phrase in text
