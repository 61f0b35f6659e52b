"""Skip this week: no reminder for the week reaches the person who skipped, their partner's
view is exactly what it would be if they simply had not checked in, a draft is kept out of
sight, and it can be undone while the week is open."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.middleware.csrf import CSRF_TOKEN_LENGTH
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.scoping import couple_for
from checkins import services as checkin_services
from checkins.models import CheckIn, Week
from checkins.selectors import clock_for
from notifications.models import EmailPreferences
from notifications.services import send_due_reminders
from tests.checkin_helpers import checkin_for, marker
from tests.test_notifications import _data

pytestmark = pytest.mark.django_db

DRAFT = marker("skipped", "draft")
# Thursday 18 June 2026, 19:05 UTC, in a couple whose weeks start on Monday 15 June.
THURSDAY_EVENING = datetime(2026, 6, 18, 19, 5, tzinfo=UTC)


def skip_url(week: str) -> str:
    return reverse("checkins:skip", args=[week])


def _without_tokens(html: str) -> str:
    """The page without what differs on every response (CSRF tokens, CSP nonces)."""
    html = re.sub(r'nonce="[^"]+"', 'nonce=""', html)
    return re.sub(rf"[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH},}}", "", html)


def _this_week_card(html: str) -> str:
    return re.search(
        r'<section class="card" aria-labelledby="this-week">.*?</section>', html, re.S
    )[0]


def test_the_partner_sees_what_they_would_if_we_had_not_checked_in(
    client, couple, partner_a, partner_b
):
    week = clock_for(couple).current.isoformat()
    client.force_login(partner_a)
    before = (
        _this_week_card(client.get(reverse("home")).content.decode()),
        client.get(reverse("checkins:week", args=[week])).content.decode(),
    )
    sam = Client()
    sam.force_login(partner_b)
    response = sam.post(skip_url(week), follow=True)
    assert "You&#x27;re skipping this week" in response.content.decode()
    after = (
        _this_week_card(client.get(reverse("home")).content.decode()),
        client.get(reverse("checkins:week", args=[week])).content.decode(),
    )
    assert _without_tokens(after[0]) == _without_tokens(before[0])
    assert _without_tokens(after[1]) == _without_tokens(before[1])
    assert "skipping" not in after[0].lower()


def test_a_draft_is_kept_out_of_sight_and_back_after_undo(client, couple, partner_b):
    week = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(week, couple.memberships.get(seat=2), submitted=False, text=DRAFT, note=DRAFT)
    iso = week.starts_on.isoformat()
    client.force_login(partner_b)
    client.post(skip_url(iso))
    page = client.get(reverse("checkins:checkin", args=[iso])).content.decode()
    assert "You're skipping this week" in page
    assert "kept, just for you" in page
    assert DRAFT not in page
    assert "checkin-form" not in page
    response = client.post(reverse("checkins:unskip", args=[iso]))
    assert response["Location"] == reverse("checkins:checkin", args=[iso])
    checkin = CheckIn.objects.get(week=week, membership__user=partner_b)
    assert checkin.skipped_at is None
    assert DRAFT in checkin.appreciation
    assert DRAFT in checkin.private_note
    assert "checkin-form" in client.get(reverse("checkins:checkin", args=[iso])).content.decode()


def test_home_offers_skip_and_undo_without_javascript(client, couple, partner_b):
    iso = clock_for(couple).current.isoformat()
    client.force_login(partner_b)
    home = client.get(reverse("home")).content.decode()
    assert f'action="{skip_url(iso)}"' in home
    client.post(skip_url(iso))
    home = client.get(reverse("home")).content.decode()
    assert "skipping this week" in home
    assert f'action="{reverse("checkins:unskip", args=[iso])}"' in home


def test_a_submitted_check_in_cannot_be_skipped(couple, partner_a):
    ctx = couple_for(partner_a)
    starts_on = clock_for(couple).current
    checkin_services.checkin_submit(ctx=ctx, starts_on=starts_on, data=_data())
    with pytest.raises(checkin_services.AlreadySubmitted):
        checkin_services.checkin_skip(ctx=ctx, starts_on=starts_on)


@pytest.fixture
def reminded(couple, partner_b):
    couple.created_at = datetime(2026, 5, 1, tzinfo=UTC)
    couple.save()
    EmailPreferences.objects.create(
        user=partner_b, remind_weekday=3, remind_hour=19, reminders_asked_at=timezone.now()
    )
    return couple


def test_no_reminder_for_a_skipped_week_and_one_again_after_undo(
    reminded, partner_b, django_capture_on_commit_callbacks
):
    with time_machine.travel(THURSDAY_EVENING.replace(hour=9), tick=False):
        ctx = couple_for(partner_b)
        starts_on = clock_for(reminded).current
        checkin_services.checkin_skip(ctx=ctx, starts_on=starts_on)
    with time_machine.travel(THURSDAY_EVENING, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert send_due_reminders().sent == 0
        checkin_services.checkin_unskip(ctx=ctx, starts_on=starts_on)
        with django_capture_on_commit_callbacks(execute=True):
            assert send_due_reminders().sent == 1
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]


def test_the_partners_nudge_looks_the_same_but_never_reaches_the_skipper(
    client, couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    starts_on = clock_for(couple).current
    checkin_services.checkin_submit(ctx=couple_for(partner_a), starts_on=starts_on, data=_data())
    checkin_services.checkin_skip(ctx=couple_for(partner_b), starts_on=starts_on)
    client.force_login(partner_a)
    assert "Nudge Sam" in client.get(reverse("home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("notifications:nudge", args=[starts_on.isoformat()]), follow=True
        )
    assert "We've let Sam know" in response.content.decode().replace("&#x27;", "'")
    assert mail.outbox == []


def test_the_partners_check_in_email_does_not_reach_the_skipper(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    starts_on = clock_for(couple).current
    checkin_services.checkin_skip(ctx=couple_for(partner_b), starts_on=starts_on)
    with django_capture_on_commit_callbacks(execute=True):
        checkin_services.checkin_submit(
            ctx=couple_for(partner_a), starts_on=starts_on, data=_data()
        )
    assert mail.outbox == []


def test_the_check_in_page_offers_skip_until_you_have_checked_in(client, couple, partner_b):
    iso = clock_for(couple).current.isoformat()
    client.force_login(partner_b)
    page = client.get(reverse("checkins:checkin", args=[iso])).content.decode()
    assert f'action="{skip_url(iso)}"' in page
    checkin_services.checkin_submit(
        ctx=couple_for(partner_b), starts_on=clock_for(couple).current, data=_data()
    )
    page = client.get(reverse("checkins:checkin", args=[iso])).content.decode()
    assert skip_url(iso) not in page
