"""Reminders, the nudge and unsubscribing in a real browser on a phone: Alex nudges Sam and
accepts the reminder offered after the first check-in (with JavaScript); Sam, without
JavaScript, chooses a reminder for now, gets it, follows it to the check-in, and leaves
the nudges with one click from the email, logged out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, expect

from checkins.models import Week
from checkins.selectors import clock_for
from notifications.models import EmailPreferences
from notifications.services import send_due_reminders
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.checkin_helpers import checkin_for
from tests.factories import PASSWORD

PHONE = {"viewport": {"width": 390, "height": 844}}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _link(message, pattern: str) -> str:
    return re.search(rf"https?://\S*{pattern}\S*", message.body).group(0)


@pytest.fixture
def alex_checked_in(couple):
    week = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(week, couple.memberships.get(seat=1))
    return week


def test_nudge_offer_reminder_and_unsubscribe_end_to_end(
    browser: Browser, contexts: list[BrowserContext], live_server, couple, alex_checked_in, settings
):
    base = live_server.url
    alex = log_in(new_page(browser, contexts, **PHONE), base, "alex@example.com", PASSWORD,
                  "Alex & Sam")  # fmt: skip

    # The nudge, in place (htmx), once.
    alex.get_by_role("button", name="Nudge Sam").click()
    expect(
        alex.get_by_text("We've let Sam know you're looking forward to their check-in.")
    ).to_be_visible()
    (nudge,) = mail.outbox
    assert nudge.to == ["sam@example.com"]
    assert nudge.subject == "Alex is looking forward to your check-in"
    alex.reload()
    expect(alex.get_by_role("button", name="Nudge Sam")).to_have_count(0)

    # The reminder offered after the first check-in: a day and an hour, then a yes.
    alex.goto(base + reverse("checkins:week", args=[alex_checked_in.starts_on.isoformat()]))
    offer = alex.get_by_role("region", name="Would a reminder help?")
    expect(offer.get_by_label("Remind me on")).to_have_value("3")
    offer.get_by_label("Remind me on").select_option(label="Friday")
    offer.get_by_label("Time").select_option(label="20:00")
    offer.get_by_role("button", name="Remind me").click()
    expect(alex.get_by_text("Done. We'll remind you on Friday at 20:00")).to_be_visible()
    saved = EmailPreferences.objects.get(user__email="alex@example.com")
    assert (saved.remind_weekday, saved.remind_hour) == (4, 20)
    alex.get_by_role("link", name="Your email settings").click()
    expect(alex.get_by_role("heading", name="Your emails", level=1)).to_be_visible()
    assert alex.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(alex)

    # Sam, without JavaScript: a reminder for this very hour, from the settings page.
    sam = new_page(browser, contexts, java_script_enabled=False, **PHONE)
    log_in(sam, base, "sam@example.com", PASSWORD, "Sam & Alex")
    sam.goto(base + reverse("notifications:settings"))
    now = timezone.localtime(timezone.now(), clock_for(couple).tz)
    sam.get_by_label("Remind me on").select_option(label=WEEKDAYS[now.weekday()])
    sam.get_by_label("Time:", exact=True).select_option(label=f"{now.hour:02d}:00")
    sam.get_by_role("button", name="Save my email choices").click()
    expect(sam.get_by_text("Saved. Your emails follow these choices from now on.")).to_be_visible()
    settings.SITE_URL = base  # the scheduler has no request: make run sets it like this
    assert send_due_reminders().sent == 1
    reminder = mail.outbox[-1]
    assert reminder.to == ["sam@example.com"]
    assert reminder.subject == "Your check-in is ready when you are"
    sam.goto(_link(reminder, "/checkin/"))
    expect(sam.get_by_role("heading", level=1)).to_contain_text("Check-in: week of")

    # One click from the nudge email, logged out (a fresh browser), with the page checked.
    stranger = new_page(browser, contexts, **PHONE)
    stranger.goto(_link(nudge, "/emails/unsubscribe/"))
    expect(stranger.get_by_role("heading", name="Stop these emails?")).to_be_visible()
    assert_accessible(stranger)
    stranger.get_by_role("button", name="Unsubscribe").click()
    expect(stranger.get_by_role("heading", name="Done")).to_be_visible()
    assert EmailPreferences.objects.get(user__email="sam@example.com").nudges is False
    assert (
        EmailPreferences.objects.get(user__email="sam@example.com").remind_weekday == now.weekday()
    )
