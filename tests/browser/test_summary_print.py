"""The counsellor's print view fits a session: 12 weeks of a couple who share every answer,
printed by Chromium to A4 ("Save as PDF"), is one or two pages, with no navigation."""

from __future__ import annotations

import re

from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, expect

from checkins.models import Answer
from tests.browser.conftest import current_totp, new_page
from tests.checkin_helpers import history, write_text
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import PASSWORD

# About what a partner writes in a minute or two: a few sentences, and a one-line wish.
REFLECTION = (
    "We cooked together on Sunday and talked about my sister's visit. I felt heard when you "
    "asked how I was really doing, and I'd like more evenings like that one."
)
NEED = "A walk after dinner, just the two of us, phones at home."


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_twelve_weeks_print_on_one_or_two_a4_pages(
    browser: Browser, contexts: list[BrowserContext], live_server, couple, partner_a, partner_b
):
    history(couple, 12)
    write_text(Answer.objects.all(), reflection=REFLECTION, need=NEED, share_with_counsellor=True)
    counsellor = make_counsellor(display_name="Dr. Rivera", email="rivera@clinic.example")
    access = connect(couple, counsellor, partner_a, partner_b, span="12")

    page = new_page(browser, contexts)
    page.goto(f"{live_server.url}{reverse('account_login')}")
    page.get_by_label("Email").fill(counsellor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.locator('input[name="code"]').fill(current_totp(counsellor.totp_secret))
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Your couples", level=1)).to_be_visible()

    page.goto(f"{live_server.url}{reverse('counsellor:summary', args=[access.pk])}")
    page.get_by_role("link", name="Print or save as PDF").click()
    expect(page.get_by_role("heading", name="Alex & Sam: summary", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Printed \d+ \w+ \d{4}"))).to_be_visible()
    expect(page.get_by_role("navigation")).to_have_count(0)
    assert REFLECTION in page.content()

    pdf = page.pdf(format="A4", print_background=False)
    assert 1 <= _pages(pdf) <= 2, f"{_pages(pdf)} pages"
