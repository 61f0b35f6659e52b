"""A counsellor joins a couple in real browsers: invitation, two-factor, both partners'
consent, the summary, the access log, and withdrawal.

Alex, Sam and their counsellor each log in through the real login form in their own
browser context, so each has their own session. The counsellor sees a couple's data only
while both partners consent, and only the answers a partner chose to share.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Couple, User
from checkins.models import Answer, CheckIn
from counselling.models import Consent, CounsellorAccess
from tests.browser.conftest import assert_accessible, current_totp, log_in, new_page
from tests.checkin_helpers import history
from tests.factories import PASSWORD, UserFactory

COUNSELLOR_EMAIL = "rivera@example.com"
SHARED = "Alex, shared: we laughed about the burnt toast and I felt close again"
UNSHARED = "Alex, not shared: I am afraid to bring up the move with Sam"
PRIVATE_NOTE = "Alex, private note: ask my sister about the holiday"
NOT_FOUND = "We couldn't find that page"
VIEWED_WEEKS = re.compile(r"Dr\. Rivera viewed the weeks of \d+ \w+ to \d+ \w+ \d{4} on ")


@pytest.fixture
def new_counsellor(db) -> User:
    """A verified account with no two-factor authentication yet."""
    return UserFactory(display_name="Dr. Rivera", email=COUNSELLOR_EMAIL)


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
    """A fresh browser context, logged in through the login form, on the home page."""
    return log_in(new_page(browser, contexts), base_url, email, PASSWORD, heading)


def _reauthenticate(page: Page) -> None:
    """allauth asks for the password again, then resumes what was asked for."""
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def _invite_link(base_url: str) -> str:
    sent = [m for m in mail.outbox if COUNSELLOR_EMAIL in m.to]
    assert sent, "no invitation was emailed to the counsellor"
    path = re.search(r"/counsellor/invite/[A-Za-z0-9_-]+/", sent[-1].body).group(0)
    return f"{base_url}{path}"


def _give_consent(page: Page, base_url: str, span: str) -> None:
    page.goto(f"{base_url}/couple/counsellors/")
    page.get_by_role("link", name="Review and give consent").click()
    expect(page.get_by_role("heading", name="Share with Dr. Rivera?", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label(span).check()
    page.get_by_label("I agree to share what is described above.").check()
    page.get_by_role("button", name="Give consent").click()
    _reauthenticate(page)
    expect(page).to_have_url(f"{base_url}/couple/counsellors/")
    expect(page.locator(".messages")).to_contain_text("Consent given.")
    expect(page.get_by_role("button", name="Withdraw my consent now")).to_be_visible()


def _expect_refused(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name=NOT_FOUND)).to_be_visible()


def test_a_counsellor_joins_sees_only_what_is_shared_and_is_cut_off_on_withdrawal(
    browser: Browser,
    contexts: list[BrowserContext],
    live_server,
    couple: Couple,
    new_counsellor: User,
    weeks_with_secrets: None,
) -> None:
    base = live_server.url
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam")
    sam = _log_in(browser, contexts, base, "sam@example.com", "Sam & Alex")
    rivera = _log_in(browser, contexts, base, COUNSELLOR_EMAIL, "Welcome, Dr. Rivera")

    # 1. Alex invites the counsellor from the Counselling page.
    alex.get_by_role("link", name="Counselling").click()
    expect(alex).to_have_url(f"{base}/couple/counsellors/")
    expect(alex.get_by_text("No counsellor has looked at anything.")).to_be_visible()
    assert_accessible(alex)
    alex.get_by_label("Your counsellor's email address").fill(COUNSELLOR_EMAIL)
    alex.get_by_role("button", name="Send the invitation").click()
    expect(alex.locator(".messages")).to_contain_text(
        f"We emailed an invitation to {COUNSELLOR_EMAIL}."
    )

    # 2. The counsellor accepts, lands on the dashboard and turns on two-factor.
    rivera.goto(_invite_link(base))
    expect(
        rivera.get_by_role("heading", name="You're invited as a counsellor", level=1)
    ).to_be_visible()
    assert_accessible(rivera)
    rivera.get_by_role("button", name="Accept").click()
    expect(rivera).to_have_url(f"{base}/counsellor/")
    expect(rivera.locator(".messages")).to_contain_text("You're connected.")
    access = CounsellorAccess.objects.get(couple=couple, counsellor=new_counsellor)
    summary_url = f"{base}/counsellor/couples/{access.pk}/"

    rivera.goto(f"{base}/counsellor/two-factor/")
    expect(
        rivera.get_by_role("heading", name="One step before you can see anything")
    ).to_be_visible()
    assert_accessible(rivera)
    rivera.get_by_role("link", name="Set up two-factor authentication").click()
    _reauthenticate(rivera)
    expect(rivera.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    assert_accessible(rivera)
    secret = rivera.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    rivera.get_by_label("Code from your authenticator app").fill(current_totp(secret))
    rivera.get_by_role("button", name="Turn on").click()
    expect(rivera).not_to_have_url(re.compile(r"/totp/activate"))
    assert new_counsellor.authenticator_set.filter(type="totp").exists()

    # 3. Before any consent: no couple on the dashboard, and the summary does not exist.
    rivera.goto(f"{base}/counsellor/")
    expect(rivera.get_by_role("heading", name="Couples sharing with you")).to_be_visible()
    expect(rivera.get_by_text("No couple is sharing with you right now.")).to_be_visible()
    expect(rivera.get_by_role("link", name="Open the summary")).to_have_count(0)
    assert_accessible(rivera)
    _expect_refused(rivera, summary_url)

    # 4. Alex consents: still nothing. Then Sam: the summary opens, with only what is shared.
    _give_consent(alex, base, "the last 12 weeks")
    # The suspended POST was resumed after the password: the choice made is what counts.
    alex_consent = Consent.objects.get(access=access, partner__email="alex@example.com")
    assert alex_consent.kind == Consent.Kind.GRANT
    assert alex_consent.span == Consent.Span.LAST_12
    assert alex_consent.wording.endswith("Period I chose: the last 12 weeks, plus this week.")
    _expect_refused(rivera, summary_url)
    _give_consent(sam, base, "the last 4 weeks")

    rivera.goto(f"{base}/counsellor/")
    expect(rivera.get_by_role("heading", name="Alex & Sam", level=2)).to_be_visible()
    assert_accessible(rivera)
    rivera.get_by_role("link", name="Open the summary").click()
    expect(rivera).to_have_url(summary_url)
    expect(rivera.get_by_role("heading", name="Alex & Sam: summary", level=1)).to_be_visible()
    expect(rivera.get_by_text("Shared with you: the last 4 weeks, plus this week.")).to_be_visible()
    expect(rivera.get_by_text(SHARED)).to_be_visible()
    markup = rivera.content()
    assert SHARED in markup
    for secret_text in (UNSHARED, PRIVATE_NOTE, "«secret-a-", "«secret-b-"):
        assert secret_text not in markup, f"{secret_text!r} leaked into the summary"
    assert_accessible(rivera)

    # 5. The partners see that the counsellor looked, and at which weeks.
    alex.goto(f"{base}/couple/counsellors/")
    expect(alex.get_by_text(VIEWED_WEEKS)).to_be_visible()
    expect(alex.get_by_text("Sharing now")).to_be_visible()
    expect(alex.get_by_text("They can see the last 4 weeks, plus this week.")).to_be_visible()
    assert_accessible(alex)

    # 6. Sam withdraws; the counsellor's very next request is refused.
    sam.goto(f"{base}/couple/counsellors/")
    sam.get_by_role("button", name="Withdraw my consent now").click()
    expect(sam.locator(".messages")).to_contain_text(
        "Consent withdrawn. Dr. Rivera can no longer see anything."
    )
    expect(sam.get_by_text("Not sharing")).to_be_visible()
    _expect_refused(rivera, summary_url)
    markup = rivera.content()
    assert SHARED not in markup
    rivera.goto(f"{base}/counsellor/")
    expect(rivera.get_by_text("No couple is sharing with you right now.")).to_be_visible()
