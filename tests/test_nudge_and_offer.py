"""The nudge (once a week, only while the partner hasn't checked in and wants nudges), the
reminder offer after a first check-in, and the email settings page."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from checkins.models import Week
from checkins.selectors import clock_for
from notifications.kinds import Kind
from notifications.models import EmailPreferences, WeeklyEmail
from tests.checkin_helpers import checkin_for, history

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(couple):
    """Alex has checked in this week; Sam hasn't."""
    week = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(week, couple.memberships.get(seat=1))
    return week


def nudge_url(week):
    return reverse("notifications:nudge", args=[week.starts_on.isoformat()])


def test_the_home_page_offers_the_nudge_while_the_partner_has_not_checked_in(
    client, partner_a, waiting
):
    client.force_login(partner_a)
    page = client.get(reverse("home")).content.decode()
    assert "Nudge Sam" in page
    assert nudge_url(waiting) in page


def test_a_nudge_goes_once_a_week_and_says_nothing_written(
    client, partner_a, partner_b, waiting, django_capture_on_commit_callbacks
):
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(nudge_url(waiting), follow=True)
    assert "We've let Sam know" in html.unescape(response.content.decode())
    (message,) = mail.outbox
    assert message.to == ["sam@example.com"]
    assert message.subject == "Alex is looking forward to your check-in"
    assert "«" not in message.body  # no marker from Alex's check-in
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(nudge_url(waiting), HTTP_HX_REQUEST="true")
    assert "No nudge needed" in again.content.decode()
    assert len(mail.outbox) == 1
    assert WeeklyEmail.objects.get().kind == Kind.NUDGE
    assert "Nudge Sam" not in client.get(reverse("home")).content.decode()


def test_no_nudge_once_the_partner_has_checked_in_or_turned_nudges_off(
    client, couple, partner_a, partner_b, waiting, django_capture_on_commit_callbacks
):
    EmailPreferences.objects.create(user=partner_b, nudges=False)
    client.force_login(partner_a)
    assert "Nudge Sam" not in client.get(reverse("home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(nudge_url(waiting))
    assert mail.outbox == []
    EmailPreferences.objects.filter(user=partner_b).update(nudges=True)
    checkin_for(waiting, couple.memberships.get(seat=2))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(nudge_url(waiting))
    assert mail.outbox == []


def test_a_closed_week_or_a_date_that_is_no_week_of_ours_nudges_nobody(
    client, couple, partner_a, waiting, django_capture_on_commit_callbacks
):
    history(couple, 3, revealed=False)  # Sam never checked in those weeks
    client.force_login(partner_a)
    closed = clock_for(couple).current - timedelta(weeks=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:nudge", args=[closed.isoformat()]))
    assert response.status_code == 302
    tuesday = clock_for(couple).current + timedelta(days=1)
    assert (
        client.post(reverse("notifications:nudge", args=[tuesday.isoformat()])).status_code == 404
    )
    # The last Monday there is: a week far in the future, no week of ours (404, not a 500).
    assert client.post(reverse("notifications:nudge", args=["9999-12-27"])).status_code == 404
    assert mail.outbox == []
    assert not WeeklyEmail.objects.exists()


def test_after_a_first_check_in_the_week_page_offers_a_reminder_once(client, partner_a, waiting):
    client.force_login(partner_a)
    url = reverse("checkins:week", args=[waiting.starts_on.isoformat()])
    page = client.get(url).content.decode()
    assert "Would a reminder help?" in page
    assert 'value="3" selected' in page  # Thursday, for a week from Monday
    response = client.post(
        reverse("notifications:reminder_offer"),
        {"answer": "yes", "remind_weekday": "4", "remind_hour": "20", "next": url},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    preferences = EmailPreferences.objects.get(user=partner_a)
    assert (preferences.remind_weekday, preferences.remind_hour) == (4, 20)
    assert "Would a reminder help?" not in client.get(url).content.decode()


def test_no_thanks_means_no_reminders_and_no_more_asking(client, partner_a, waiting):
    client.force_login(partner_a)
    response = client.post(
        reverse("notifications:reminder_offer"), {"answer": "no"}, HTTP_HX_REQUEST="true"
    )
    assert "No reminders, then" in response.content.decode()
    preferences = EmailPreferences.objects.get(user=partner_a)
    assert preferences.remind_weekday is None
    assert preferences.reminders_asked_at is not None


def test_the_offer_refuses_an_unsafe_next(client, partner_a, waiting):
    client.force_login(partner_a)
    response = client.post(
        reverse("notifications:reminder_offer"),
        {
            "answer": "yes",
            "remind_weekday": "1",
            "remind_hour": "9",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("home")


def test_nothing_is_on_until_the_person_chooses(partner_a, waiting, client):
    client.force_login(partner_a)
    client.get(reverse("home"))
    client.get(reverse("checkins:week", args=[waiting.starts_on.isoformat()]))
    assert not EmailPreferences.objects.exists()


def test_the_settings_page_saves_every_choice(client, partner_a, couple):
    client.force_login(partner_a)
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == 200
    assert "Your emails" in page.content.decode()
    response = client.post(
        reverse("notifications:settings"),
        {
            "remind_weekday": "6",
            "remind_hour": "8",
            "time_zone": "america/new york",
            "nudges": "on",
            "week_ready": "on",
        },
    )
    assert response.status_code == 302
    saved = EmailPreferences.objects.get(user=partner_a)
    assert (saved.remind_weekday, saved.remind_hour, saved.time_zone) == (6, 8, "America/New_York")
    assert (saved.nudges, saved.week_ready) == (True, True)
    assert (saved.partner_joined, saved.partner_checked_in, saved.partner_unpaired) == (False,) * 3


def test_reminders_off_is_a_choice_on_the_settings_page(client, partner_a, couple):
    EmailPreferences.objects.create(user=partner_a, remind_weekday=2)
    client.force_login(partner_a)
    client.post(reverse("notifications:settings"), {"remind_weekday": "", "remind_hour": "19"})
    assert EmailPreferences.objects.get(user=partner_a).remind_weekday is None


def test_a_bad_time_zone_keeps_every_choice_and_says_why(client, partner_a, couple):
    client.force_login(partner_a)
    response = client.post(
        reverse("notifications:settings"),
        {"remind_weekday": "2", "remind_hour": "7", "time_zone": "Atlantis/Lost City"},
    )
    assert response.status_code == 422
    page = html.unescape(response.content.decode())
    assert "We don't know a time zone called" in page
    assert 'value="Atlantis/Lost City"' in page
    assert 'value="2" selected' in page
    assert not EmailPreferences.objects.exists()


def test_the_account_email_page_leads_to_the_email_choices(client, partner_a):
    client.force_login(partner_a)
    page = client.get(reverse("account_email")).content.decode()
    assert f'href="{reverse("notifications:settings")}"' in page
    choices = client.get(reverse("notifications:settings")).content.decode()
    # The account menu marks "Email" as where you are.
    assert f'<a href="{reverse("account_email")}" aria-current="page">Email</a>' in choices


def test_the_offer_s_markup_is_the_form_s_own_for_each_couple_and_language(
    client, partner_a, waiting
):
    """The offer's fields are rendered once per day, hour and language and then reused: a
    couple whose week starts on another day, and a person reading German, each get their
    own, the same markup the form itself renders."""
    from accounts.models import Couple
    from notifications.forms import ReminderOfferForm
    from tests.factories import UserFactory, make_couple

    client.force_login(partner_a)
    page = client.get(reverse("checkins:week", args=[waiting.starts_on.isoformat()]))
    assert 'value="3" selected' in page.content.decode()  # Thursday, for a week from Monday

    english = ReminderOfferForm(initial={"remind_weekday": 2, "remind_hour": 19}).fields_html()
    assert "Remind me on" in english  # the same day and hour, kept for English first
    hans, grete = UserFactory(language="de"), UserFactory()
    sunday = make_couple(hans, grete, week_start_day=Couple.WEEKDAYS[6][0])
    week = Week.objects.create(couple=sunday, starts_on=clock_for(sunday).current, prompts={})
    checkin_for(week, sunday.memberships.get(seat=1))
    client.force_login(hans)
    page = client.get(reverse("checkins:week", args=[week.starts_on.isoformat()])).content
    offer = html.unescape(page.decode())
    assert "Erinnere mich am" in offer
    assert "Remind me on" not in offer
    assert 'value="2" selected' in offer  # Wednesday, for a week from Sunday

    from django.utils import translation

    with translation.override("de"):
        form = ReminderOfferForm(initial={"remind_weekday": 2, "remind_hour": 19})
        day, hour = form["remind_weekday"], form["remind_hour"]
        own = f"<div>{day.as_field_group()}</div>\n<div>{hour.as_field_group()}</div>"
        assert form.fields_html() == own
