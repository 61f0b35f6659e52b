"""axe-core over every page a person can reach, in light and dark colour schemes, on a
phone-sized and a laptop-sized screen: nothing serious or critical anywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, expect

from counselling import services as counselling_services
from counselling.models import CounsellorAccess
from tests.browser.conftest import assert_accessible, current_totp, log_in, new_page
from tests.factories import PASSWORD, UserFactory

SCREENS = {
    "phone-light": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light"},
    "laptop-dark": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"},
}


def _visit_all(page, base: str, paths: list[str]) -> None:
    for path in paths:
        page.goto(base + path)
        assert_accessible(page)


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_every_page_for_a_visitor(
    browser: Browser, contexts: list[BrowserContext], live_server, world, screen
):
    page = new_page(browser, contexts, **SCREENS[screen])
    _visit_all(
        page,
        live_server.url,
        [
            "/",
            reverse("account_login"),
            reverse("account_signup"),
            reverse("account_reset_password"),
            reverse("couple:invite", args=[world["invite"]]),
            reverse("counsellor:invite", args=[world["counsellor_invite"]]),
            reverse("couple:invite", args=["x" * 43]),
            "/no/such/page/",
        ],
    )


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_every_page_for_a_partner(
    browser: Browser, contexts: list[BrowserContext], live_server, world, screen
):
    page = new_page(browser, contexts, **SCREENS[screen])
    log_in(page, live_server.url, "alex@example.com", PASSWORD, "Alex & Sam")
    week, current, access = world["week"], world["current"], world["access"]
    _visit_all(
        page,
        live_server.url,
        [
            "/",
            reverse("checkins:checkin", args=[current]),
            # The check-in's other steps: a part (its question and wish), and the finish
            # (a step number past the end is the last step).
            reverse("checkins:checkin", args=[current]) + "?step=2",
            reverse("checkins:checkin", args=[current]) + "?step=3",
            reverse("checkins:checkin", args=[current]) + "?step=9",
            reverse("checkins:week", args=[week]),
            reverse("checkins:week", args=[current]),
            reverse("checkins:history"),
            reverse("checkins:questions"),
            reverse("checkins:questions") + "?by=part",
            reverse("checkins:past"),
            reverse("checkins:trends"),
            reverse("checkins:flag_rules"),
            reverse("couple:settings"),
            reverse("couple:unpair"),
            reverse("couple:counsellors"),
            reverse("couple:counsellor_consent", args=[access]),
            reverse("account_email"),
            reverse("account_change_password"),
            reverse("mfa_index"),
            reverse("usersessions_list"),
        ],
    )


def test_every_page_for_a_counsellor(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, **SCREENS["laptop-dark"])
    page.goto(f"{live_server.url}{reverse('account_login')}")
    page.get_by_label("Email").fill("rivera@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    assert_accessible(page)  # the second-factor step
    page.locator('input[name="code"]').fill(current_totp(world["users"]["counsellor"].totp_secret))
    page.get_by_role("button", name="Log in", exact=True).click()
    # A counsellor without a couple of their own is home on their dashboard.
    expect(page.get_by_role("heading", name="Your couples", level=1)).to_be_visible()
    _visit_all(
        page,
        live_server.url,
        [
            reverse("counsellor:dashboard"),
            reverse("counsellor:summary", args=[world["access"]]),
            reverse("counsellor:summary_print", args=[world["access"]]),
            reverse("mfa_index"),
        ],
    )
    # Once a partner withdraws, the same address says so.
    access = CounsellorAccess.objects.get(pk=world["access"])
    counselling_services.consent_revoke(
        access=access, partner=access.couple.memberships.first().user
    )
    _visit_all(page, live_server.url, [reverse("counsellor:summary", args=[world["access"]])])


def test_a_pending_couple_and_a_loner(
    browser: Browser, contexts: list[BrowserContext], live_server, world
):
    page = new_page(browser, contexts, **SCREENS["phone-light"])
    log_in(page, live_server.url, "inviter@example.com", PASSWORD, "Invite your partner")
    _visit_all(page, live_server.url, ["/", reverse("couple:settings")])
    other = new_page(browser, contexts, **SCREENS["phone-light"])
    UserFactory(display_name="Kim", email="kim@example.com")
    log_in(other, live_server.url, "kim@example.com", PASSWORD, "Welcome, Kim")
    _visit_all(other, live_server.url, [reverse("counsellor:mfa_needed")])
