"""Pairing in real browsers: two people, two browser contexts, one couple.

Each person has their own context (their own cookies), so the invitation really travels
from one session to another, the way a copied link does.
"""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import assert_accessible, new_page

PASSWORD = "a long and private passphrase 9"


def _assert_accessible_without_javascript(
    browser: Browser, contexts: list[BrowserContext], page: Page
) -> None:
    """axe-core on a page from a context without JavaScript.

    axe needs JavaScript (it hangs in such a context), so the page's DOM is served, as it
    stands, at the same address to a JavaScript-enabled twin that loads none of the app's
    scripts: the twin renders exactly what the person without JavaScript sees.
    """
    html, url = page.content(), page.url
    twin = new_page(browser, contexts)
    twin.route("**/*.js", lambda route: route.abort())
    twin.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    twin.goto(url)
    expect(twin).to_have_title(page.title())
    assert_accessible(twin)


def _verification_link(email: str) -> str:
    sent = [m for m in mail.outbox if email in m.to]
    assert sent, f"no email was sent to {email}"
    return re.search(r"https?://\S+", sent[-1].body).group(0)


def _fill_sign_up(page: Page, name: str, email: str, *, check: bool = True) -> None:
    """On the sign-up form: fill it in, submit, and land on 'verify your email'."""
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    if check:
        assert_accessible(page)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    if check:
        assert_accessible(page)


def _confirm(page: Page, email: str, *, check: bool = True) -> None:
    """Follow the emailed link in the browser that signed up: confirming signs in."""
    page.goto(_verification_link(email))
    if check:
        assert_accessible(page)
    page.get_by_role("button", name="Confirm my email").click()


def _sign_up_and_start_a_couple(page: Page, base_url: str, name: str, email: str) -> str:
    """A newcomer signs up, logs in and starts a couple; returns the invitation link."""
    page.goto(f"{base_url}/accounts/signup/")
    _fill_sign_up(page, name, email, check=False)
    _confirm(page, email, check=False)
    page.get_by_role("button", name="Invite your partner").click()
    expect(page.get_by_role("heading", name="Invite your partner", level=1)).to_be_visible()
    return page.locator("#invite-link").input_value()


def test_two_people_sign_up_and_pair_through_an_invitation_link(
    browser: Browser, contexts: list[BrowserContext], live_server
) -> None:
    base = live_server.url
    sam = new_page(browser, contexts)
    alex = new_page(browser, contexts)

    # Sam signs up from the front page, confirms (and so is signed in) and invites a partner.
    sam.goto(base)
    assert_accessible(sam)
    sam.get_by_role("link", name="Create your account").click()
    _fill_sign_up(sam, "Sam", "sam@example.com")
    _confirm(sam, "sam@example.com")
    expect(sam.get_by_role("heading", name="Welcome, Sam")).to_be_visible()
    assert_accessible(sam)
    sam.get_by_role("button", name="Invite your partner").click()
    expect(sam.get_by_role("heading", name="Invite your partner", level=1)).to_be_visible()
    assert_accessible(sam)
    link = sam.locator("#invite-link").input_value()
    assert re.fullmatch(rf"{re.escape(base)}/invite/[A-Za-z0-9_-]+/", link), link

    # Alex opens the link while logged out and sees who invited them.
    alex.goto(link)
    expect(alex.get_by_role("heading", name="Sam invited you to Twoway", level=1)).to_be_visible()
    assert_accessible(alex)
    alex.get_by_role("link", name="Create an account").click()
    _fill_sign_up(alex, "Alex", "alex@example.com")
    _confirm(alex, "alex@example.com")

    # Confirming signed Alex in and brought them back to the invitation: no second login.
    expect(alex.get_by_role("heading", name="Sam invited you to Twoway", level=1)).to_be_visible()
    expect(alex.get_by_role("button", name="Join Sam")).to_be_visible()
    assert_accessible(alex)
    alex.get_by_role("button", name="Join Sam").click()

    # Alex lands on the couple home, with both names.
    expect(alex.get_by_role("heading", name="Alex & Sam", level=1)).to_be_visible()
    expect(alex.get_by_text("You and Sam are paired.")).to_be_visible()
    assert_accessible(alex)

    # Sam, still on the invite page, reloads and sees the couple too.
    sam.reload()
    expect(sam.get_by_role("heading", name="Sam & Alex", level=1)).to_be_visible()
    expect(sam.get_by_role("link", name="Couple settings")).to_be_visible()
    expect(sam.locator("#invite-link")).to_have_count(0)
    assert_accessible(sam)


def test_making_a_new_link_swaps_the_invite_panel_in_place(
    browser: Browser, contexts: list[BrowserContext], live_server
) -> None:
    page = new_page(browser, contexts)
    first = _sign_up_and_start_a_couple(page, live_server.url, "Sam", "sam@example.com")
    # A full page load would forget this; an htmx swap keeps it.
    page.evaluate("window.__stillTheSamePage = true")

    with page.expect_response(lambda r: r.url.endswith("/couple/invite/new/")) as response:
        page.get_by_role("button", name="Make a new link").click()
    assert response.value.request.headers.get("hx-request") == "true"
    assert response.value.status == 200

    expect(page.locator("#invite-status")).to_have_text(
        "Here is a new link. Any earlier link no longer works."
    )
    expect(page.locator("#invite-link")).not_to_have_value(first)
    expect(page.locator("#invite-link")).to_have_value(re.compile(r"/invite/[A-Za-z0-9_-]+/$"))
    expect(page.locator("#invite-panel")).to_have_count(1)
    expect(page.locator("#invite-status")).to_have_count(1)  # one live region, kept in place
    expect(page.locator("#invite-heading")).to_be_focused()  # focus returns to the panel
    assert page.evaluate("window.__stillTheSamePage") is True
    # The swapped-in panel is enhanced too: twoway.js reveals its copy button.
    expect(page.get_by_role("button", name="Copy link")).not_to_have_attribute("hidden", "")
    assert_accessible(page)


def test_making_a_new_link_works_without_javascript(
    browser: Browser, contexts: list[BrowserContext], live_server
) -> None:
    page = new_page(browser, contexts, java_script_enabled=False)
    first = _sign_up_and_start_a_couple(page, live_server.url, "Sam", "sam@example.com")
    # Without JavaScript the copy button keeps its hidden attribute; the link can be selected.
    expect(page.locator("button[data-copy-target]")).to_have_attribute("hidden", "")

    with page.expect_navigation():
        page.get_by_role("button", name="Make a new link").click()

    expect(page.get_by_role("heading", name="Invite your partner", level=1)).to_be_visible()
    expect(
        page.get_by_text("Here is a new link. Any earlier link no longer works.")
    ).to_be_visible()
    expect(page.locator("#invite-link")).not_to_have_value(first)
    expect(page.locator("#invite-link")).to_have_value(re.compile(r"/invite/[A-Za-z0-9_-]+/$"))
    _assert_accessible_without_javascript(browser, contexts, page)


def test_the_copy_button_is_not_shown_without_javascript(
    browser: Browser, contexts: list[BrowserContext], live_server
) -> None:
    page = new_page(browser, contexts, java_script_enabled=False)
    _sign_up_and_start_a_couple(page, live_server.url, "Sam", "sam@example.com")
    expect(page.locator("button[data-copy-target]")).to_be_hidden(timeout=1_000)
