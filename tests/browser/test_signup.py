import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

PASSWORD = "a long and private passphrase 9"


def test_a_newcomer_signs_up_verifies_logs_in_and_out(page: Page, live_server):
    page.goto(live_server.url)
    assert_accessible(page)
    page.get_by_role("link", name="Create your account").click()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Robin")
    page.get_by_label("Email").fill("robin@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page)
    # Confirming in the browser that signed up signs Robin in: no second login.
    page.get_by_role("button", name="Confirm my email").click()
    expect(page.get_by_role("heading", name="Welcome, Robin")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_text(
        "More"
    ).click()  # Log out is in the menu
    page.get_by_role("button", name="Log out").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()
