"""A counsellor's whole start and a couple's control of it, in real browsers, on a phone:
the invitation email, sign-up and confirmation (no second click on the email), two-factor
with recovery codes back to the dashboard, both consents, the summary and its print view,
a partner's withdrawal while the summary is open, and an expiry.

Alex, Sam and their counsellor each have their own browser context, so each has their own
session. The counsellor sees a couple's data only while both partners consent, and only the
answers a partner chose to share.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Couple, User
from checkins.models import Answer, CheckIn
from counselling.models import Consent, CounsellorAccess
from tests.browser.conftest import assert_accessible, current_totp, log_in, new_page
from tests.checkin_helpers import history
from tests.factories import PASSWORD

COUNSELLOR_EMAIL = "rivera@clinic.example"
SHARED = "Alex, shared: we laughed about the burnt toast and I felt close again"
UNSHARED = "Alex, not shared: I am afraid to bring up the move with Sam"
PRIVATE_NOTE = "Alex, private note: ask my sister about the holiday"
VIEWED_WEEKS = re.compile(r"Dr\. Rivera viewed the weeks of \d+ \w+ to \d+ \w+ \d{4} on ")
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}


@pytest.fixture
def weeks_with_secrets(couple: Couple) -> None:
    """Three revealed weeks; in the latest, one of Alex's answers is shared with the
    counsellor, another is not, and Alex wrote a private note."""
    history(couple, 3)
    latest = CheckIn.objects.filter(membership__user__email="alex@example.com").latest(
        "week__starts_on"
    )
    latest.private_note = PRIVATE_NOTE
    latest.save(update_fields=["private_note"])
    answers = {a.dimension: a for a in latest.answers.all()}
    answers["emotional"].reflection = SHARED
    answers["emotional"].share_with_counsellor = True
    answers["emotional"].save(update_fields=["reflection", "share_with_counsellor"])
    answers["intellectual"].reflection = UNSHARED
    answers["intellectual"].save(update_fields=["reflection"])
    assert Answer.objects.filter(share_with_counsellor=True).count() == 1


def _log_in(
    browser: Browser, contexts: list[BrowserContext], base_url: str, email: str, heading: str
) -> Page:
    """A fresh phone-sized browser context, logged in through the login form."""
    return log_in(new_page(browser, contexts, **PHONE), base_url, email, PASSWORD, heading)


def _reauthenticate(page: Page) -> None:
    """allauth asks for the password again, then resumes what was asked for."""
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def _link_in_email(to: str, pattern: str) -> str:
    sent = [m for m in mail.outbox if to in m.to]
    assert sent, f"nothing was emailed to {to}"
    return re.search(pattern, sent[-1].body).group(0)


def _give_consent(page: Page, base_url: str, span: str, lasts: str = "") -> None:
    page.goto(f"{base_url}/couple/counsellors/")
    page.get_by_role("link", name="Review and give consent").click()
    expect(page.get_by_role("heading", name="Share with Dr. Rivera?", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label(span).check()
    if lasts:
        page.get_by_label(lasts).check()
    page.get_by_label("I agree to share what is described above.").check()
    page.get_by_role("button", name="Give consent").click()
    if re.search(r"/accounts/reauthenticate/", page.url):
        _reauthenticate(page)
    expect(page).to_have_url(f"{base_url}/couple/counsellors/")
    expect(page.locator(".messages")).to_contain_text("Consent given.")
    expect(page.get_by_role("button", name="Withdraw my consent now")).to_be_visible()


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_a_counsellor_goes_from_the_invitation_to_the_summary_and_is_cut_off(
    browser: Browser,
    contexts: list[BrowserContext],
    live_server,
    couple: Couple,
    weeks_with_secrets: None,
) -> None:
    base = live_server.url
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam")
    sam = _log_in(browser, contexts, base, "sam@example.com", "Sam & Alex")

    # 1. Alex invites the counsellor from the Counselling page.
    alex.get_by_role("link", name="Counselling").click()
    expect(alex).to_have_url(f"{base}/couple/counsellors/")
    expect(alex.get_by_text("No counsellor has looked at anything.")).to_be_visible()
    alex.get_by_label("Your counsellor's email address").fill(COUNSELLOR_EMAIL)
    alex.get_by_role("button", name="Send the invitation").click()
    expect(alex.locator(".messages")).to_contain_text(
        f"We emailed an invitation to {COUNSELLOR_EMAIL}."
    )

    # 2. The counsellor has no account: from the email to sign-up, and back.
    rivera = new_page(browser, contexts, **PHONE)
    invitation = base + _link_in_email(COUNSELLOR_EMAIL, r"/counsellor/invite/[A-Za-z0-9_-]+/")
    rivera.goto(invitation)
    expect(
        rivera.get_by_role("heading", name="You're invited as a counsellor", level=1)
    ).to_be_visible()
    assert_accessible(rivera)
    rivera.get_by_role("link", name="Create an account").click()
    rivera.get_by_label("Your name").fill("Dr. Rivera")
    rivera.get_by_label("Email").fill(COUNSELLOR_EMAIL)
    rivera.locator("#id_password1").fill(PASSWORD)
    rivera.locator("#id_password2").fill(PASSWORD)
    rivera.get_by_role("button", name="Create my account").click()
    expect(rivera.get_by_role("heading", name="Check your email")).to_be_visible()

    # 3. Confirming signs her in and puts her back on the invitation: no second click on
    #    the invitation email.
    rivera.goto(_link_in_email(COUNSELLOR_EMAIL, r"https?://\S+/accounts/confirm-email/\S+"))
    rivera.get_by_role("button", name="Confirm my email").click()
    expect(rivera).to_have_url(invitation)
    rivera.get_by_role("button", name="Accept").click()
    expect(rivera).to_have_url(f"{base}/counsellor/")
    expect(rivera.locator(".messages")).to_contain_text("You're connected.")
    counsellor = User.objects.get(email=COUNSELLOR_EMAIL)
    access = CounsellorAccess.objects.get(couple=couple, counsellor=counsellor)
    summary_url = f"{base}/counsellor/couples/{access.pk}/"

    # Her own home: her couples and two-factor, not the couple's pages.
    expect(rivera.get_by_role("heading", name="Your couples", level=1)).to_be_visible()
    expect(_nav(rivera).get_by_role("link", name="History")).to_have_count(0)
    expect(rivera.get_by_role("heading", name="Alex and their partner")).to_be_visible()
    expect(rivera.get_by_text("Invite your partner")).to_have_count(0)
    assert_accessible(rivera)

    # 4. Two-factor, in Twoway's words, ending back on the dashboard.
    rivera.get_by_role("link", name="Set up two-factor authentication").click()
    _reauthenticate(rivera)
    expect(rivera.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    assert_accessible(rivera)
    secret = rivera.locator("#authenticator_secret").input_value()
    rivera.get_by_label("Code from your authenticator app").fill(current_totp(secret))
    rivera.get_by_role("button", name="Turn on").click()
    expect(rivera.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert_accessible(rivera)
    rivera.get_by_role("link", name="Back to your dashboard").click()
    expect(rivera).to_have_url(f"{base}/counsellor/")
    expect(rivera.get_by_text("Two-factor authentication is on.")).to_be_visible()

    # Before both consents: the summary says so, with no data.
    rivera.goto(summary_url)
    expect(rivera.get_by_role("heading", name="Not shared with you yet", level=1)).to_be_visible()
    assert SHARED not in rivera.content()

    # 5. Both consent; the summary opens, with only what is shared.
    _give_consent(alex, base, "the last 12 weeks")
    assert Consent.objects.get(access=access, partner__email="alex@example.com").span == "12"
    _give_consent(sam, base, "the last 4 weeks")
    rivera.goto(f"{base}/counsellor/")
    rivera.get_by_role("link", name="Open the summary").click()
    expect(rivera).to_have_url(summary_url)
    expect(rivera.get_by_role("heading", name="Alex & Sam: summary", level=1)).to_be_visible()
    expect(rivera.get_by_text(SHARED)).to_be_visible()
    markup = rivera.content()
    for secret_text in (UNSHARED, PRIVATE_NOTE, "«secret-a-", "«secret-b-"):
        assert secret_text not in markup, f"{secret_text!r} leaked into the summary"
    assert_accessible(rivera)

    # The print view: no navigation, the names, the span and the date printed.
    rivera.get_by_role("link", name="Print or save as PDF").click()
    expect(rivera.get_by_role("heading", name="Alex & Sam: summary", level=1)).to_be_visible()
    expect(rivera.get_by_text(re.compile(r"Printed \d+ \w+ \d{4}\."))).to_be_visible()
    expect(rivera.get_by_role("navigation")).to_have_count(0)
    assert PRIVATE_NOTE not in rivera.content()
    assert_accessible(rivera)
    rivera.go_back()

    # The partners see that she looked, and at which weeks.
    alex.goto(f"{base}/couple/counsellors/")
    expect(alex.get_by_text(VIEWED_WEEKS).first).to_be_visible()

    # 6. Sam withdraws while her summary is open: the open page says sharing is paused, and
    #    the couple's words are gone from it.
    sam.goto(f"{base}/couple/counsellors/")
    sam.get_by_role("button", name="Withdraw my consent now").click()
    expect(sam.locator(".messages")).to_contain_text("Consent withdrawn.")
    rivera.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # back to the tab
    expect(rivera.get_by_text("Alex and Sam have paused sharing with you.")).to_be_visible()
    assert SHARED not in rivera.content()
    rivera.reload()
    expect(rivera.get_by_role("heading", name="Sharing is paused", level=1)).to_be_visible()
    assert_accessible(rivera)

    # 7. Sam consents again, for 3 months; the summary is back.
    _give_consent(sam, base, "the last 4 weeks", lasts="3 months")
    sam_grant = Consent.objects.filter(access=access, partner__email="sam@example.com").last()
    assert sam_grant.ends_at is not None
    rivera.goto(summary_url)
    expect(rivera.get_by_text(SHARED)).to_be_visible()

    # 8. The agreed end passes: access ends by itself. Three months on she signs in again
    #    (sessions last two weeks) and finds it said plainly, with no data.
    with time_machine.travel(sam_grant.ends_at + timedelta(minutes=1)):
        rivera.goto(summary_url)
        expect(rivera).to_have_url(re.compile(r"/accounts/login/"))
        rivera.get_by_label("Email").fill(COUNSELLOR_EMAIL)
        rivera.locator("#id_password").fill(PASSWORD)
        rivera.get_by_role("button", name="Log in", exact=True).click()
        rivera.locator('input[name="code"]').fill(current_totp(secret))
        rivera.get_by_role("button", name="Log in", exact=True).click()
        expect(rivera.get_by_role("heading", name="Access has ended", level=1)).to_be_visible()
        expect(
            rivera.get_by_text(
                re.compile(r"Sharing with you ended on .*, the date Alex and Sam agreed\.")
            )
        ).to_be_visible()
        assert SHARED not in rivera.content()
