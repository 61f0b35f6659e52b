"""``send_reminders`` with the clock moved: the chosen day and hour in the person's own time
zone, each reminder once however often (and however many at once) it runs, nothing for
someone who has checked in, and emails that never say what anyone wrote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Couple
from checkins.models import Week
from checkins.selectors import clock_for
from notifications.kinds import Kind
from notifications.models import EmailPreferences, WeeklyEmail
from notifications.services import send_due_reminders
from tests.checkin_helpers import checkin_for, marker
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Thursday 18 June 2026, in a couple whose weeks start on Monday 15 June.
THURSDAY_EVENING = datetime(2026, 6, 18, 19, 5, tzinfo=LONDON)


@pytest.fixture
def london(couple):
    couple.time_zone = "Europe/London"
    couple.created_at = datetime(2026, 5, 1, tzinfo=UTC)
    couple.save()
    return couple


def remind(user, *, weekday=3, hour=19, time_zone=""):
    return EmailPreferences.objects.create(
        user=user,
        remind_weekday=weekday,
        remind_hour=hour,
        time_zone=time_zone,
        reminders_asked_at=timezone.now(),
    )


def run_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_due_reminders()


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_a_reminder_goes_on_the_chosen_evening_once(
    london, partner_a, django_capture_on_commit_callbacks
):
    remind(partner_a)
    assert (
        run_at(THURSDAY_EVENING - timedelta(minutes=10), django_capture_on_commit_callbacks).sent
        == 0
    )
    assert run_at(THURSDAY_EVENING, django_capture_on_commit_callbacks).sent == 1
    assert (
        run_at(THURSDAY_EVENING + timedelta(minutes=5), django_capture_on_commit_callbacks).sent
        == 0
    )
    (message,) = sent_to("alex@example.com")
    assert message.subject == "Your check-in is ready when you are"
    assert "/checkins/2026-06-15/" in message.body or "2026-06-15" in message.body
    assert WeeklyEmail.objects.get().kind == Kind.REMINDER


def test_each_person_on_their_own_day_hour_and_time_zone(
    london, partner_a, partner_b, django_capture_on_commit_callbacks
):
    remind(partner_a, weekday=3, hour=19)  # Thursday 19:00 London
    remind(partner_b, weekday=3, hour=7, time_zone="America/New_York")  # Thursday 07:00 NY
    run_at(
        datetime(2026, 6, 18, 7, 0, tzinfo=ZoneInfo("America/New_York")),
        django_capture_on_commit_callbacks,
    )
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    run_at(THURSDAY_EVENING, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["sam@example.com"], ["alex@example.com"]]


def test_nothing_for_someone_who_has_checked_in_or_turned_reminders_off(
    london, partner_a, partner_b, django_capture_on_commit_callbacks
):
    remind(partner_a)
    remind(partner_b).__class__.objects.filter(user=partner_b).update(remind_weekday=None)
    with time_machine.travel(THURSDAY_EVENING - timedelta(hours=2), tick=False):
        clock = clock_for(london)
        week = Week.objects.create(couple=london, starts_on=clock.current, prompts={})
        checkin_for(week, london.memberships.get(seat=1))
    run_at(THURSDAY_EVENING, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not WeeklyEmail.objects.exists()


def test_a_draft_is_not_a_check_in_and_its_words_never_travel(
    london, partner_a, django_capture_on_commit_callbacks
):
    remind(partner_a)
    secret = marker("draft", "words")
    with time_machine.travel(THURSDAY_EVENING - timedelta(hours=2), tick=False):
        week = Week.objects.create(couple=london, starts_on=clock_for(london).current, prompts={})
        checkin_for(week, london.memberships.get(seat=1), submitted=False, text=secret, note=secret)
    run_at(THURSDAY_EVENING, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert secret not in message.body
    assert secret not in html
    assert secret not in message.subject


def test_the_last_call_on_the_last_evening_last_week_is_open(
    london, partner_a, django_capture_on_commit_callbacks
):
    remind(partner_a, weekday=3, hour=19)
    # This week is done; last week (from 8 June) was not, and closes at midnight Sunday 21.
    with time_machine.travel(THURSDAY_EVENING, tick=False):
        week = Week.objects.create(couple=london, starts_on=clock_for(london).current, prompts={})
        checkin_for(week, london.memberships.get(seat=1))
    run_at(datetime(2026, 6, 21, 18, 59, tzinfo=LONDON), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    run_at(datetime(2026, 6, 21, 19, 1, tzinfo=LONDON), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == "There's still time for last week's check-in"
    # In the person's own time: it takes answers until the end of Sunday.
    assert "open until the end of Sunday" in message.body
    assert "2026-06-08" in message.body


def test_the_same_reminder_in_a_repeated_autumn_hour_goes_once(
    london, partner_a, django_capture_on_commit_callbacks
):
    remind(partner_a, weekday=6, hour=1)  # Sunday 01:00, which London has twice on 25 October
    with time_machine.travel(datetime(2026, 10, 18, 12, tzinfo=UTC), tick=False):
        previous = clock_for(london).current  # the week of 12 October: done
        week = Week.objects.create(couple=london, starts_on=previous, prompts={})
        checkin_for(week, london.memberships.get(seat=1))
    first = datetime(2026, 10, 25, 0, 10, tzinfo=UTC)  # 01:10 BST
    second = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 01:10 GMT, an hour later
    assert run_at(first, django_capture_on_commit_callbacks).sent == 1
    assert run_at(second, django_capture_on_commit_callbacks).sent == 0
    assert len(mail.outbox) == 1


def test_in_a_skipped_spring_hour_it_goes_at_the_first_time_after(
    london, partner_a, django_capture_on_commit_callbacks
):
    remind(partner_a, weekday=6, hour=1)  # Sunday 01:00, which London skips on 29 March
    london.created_at = datetime(2026, 3, 1, tzinfo=UTC)
    london.save()
    with time_machine.travel(datetime(2026, 3, 22, 12, tzinfo=UTC), tick=False):
        week = Week.objects.create(couple=london, starts_on=clock_for(london).current, prompts={})
        checkin_for(week, london.memberships.get(seat=1))
    assert (
        run_at(datetime(2026, 3, 29, 0, 59, tzinfo=UTC), django_capture_on_commit_callbacks).sent
        == 0
    )
    assert (
        run_at(datetime(2026, 3, 29, 1, 0, tzinfo=UTC), django_capture_on_commit_callbacks).sent
        == 1
    )  # 02:00 BST


def test_couples_without_a_partner_or_closed_get_nothing(
    partner_a, partner_b, user, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory, make_couple

    waiting = make_couple(user, time_zone="Europe/London")
    waiting.created_at = datetime(2026, 5, 1, tzinfo=UTC)
    waiting.save()
    remind(user)
    closed = make_couple(partner_a, partner_b, time_zone="Europe/London")
    Couple.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    remind(partner_a)
    remind(UserFactory(display_name="Robin"))  # no couple at all
    assert run_at(THURSDAY_EVENING, django_capture_on_commit_callbacks).sent == 0
    assert mail.outbox == []


def test_the_command_sends_what_is_due_now(
    london, partner_a, capsys, django_capture_on_commit_callbacks
):
    now = timezone.localtime(timezone.now(), LONDON)
    remind(partner_a, weekday=now.weekday(), hour=now.hour)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    out = capsys.readouterr().out
    assert "Reminders: 1 queued" in out
    assert "Reminders: 0 queued" in out
    assert [m.to for m in mail.outbox] == [["alex@example.com"]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_send_each_reminder_once(london, partner_a, partner_b):
    remind(partner_a)
    remind(partner_b)
    with time_machine.travel(THURSDAY_EVENING, tick=False):
        runs = at_once(send_due_reminders, send_due_reminders, send_due_reminders)
    assert all(not isinstance(run, Exception) for run in runs), runs
    assert sum(run.sent for run in runs) == 2
    assert WeeklyEmail.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.com", "sam@example.com"]


@pytest.mark.parametrize("couples", [1, 12])
def test_a_run_with_nothing_due_costs_three_queries_however_many_people(
    couples, django_assert_num_queries
):
    from tests.factories import UserFactory, make_couple

    for _ in range(couples):
        a, b = UserFactory(), UserFactory()
        make_couple(a, b, time_zone="Europe/London")
        remind(a)
        remind(b)
    # Seats with their preferences, their recent check-ins, what was already sent.
    with (
        time_machine.travel(THURSDAY_EVENING - timedelta(hours=3), tick=False),
        django_assert_num_queries(3),
    ):
        assert send_due_reminders().considered == 2 * couples
