"""Pausing a couple quietly: nothing new is revealed or saved, no email about the couple goes
to either partner, the partner sees only "Check-ins are paused" (never who, never why), and
only the person who paused can resume. Unpairing still works, and tells nobody."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import CoupleEvent, PauseEvent
from accounts.scoping import couple_for
from accounts.selectors import paused_by, pausers
from checkins import services as checkin_services
from checkins.models import Answer, Reaction, Week
from checkins.selectors import clock_for
from notifications.kinds import Kind
from notifications.models import EmailPreferences, WeeklyEmail
from notifications.services import send_due_reminders
from notifications.tasks import send_notice
from tests.checkin_helpers import checkin_for, history
from tests.test_notifications import _data

pytestmark = pytest.mark.django_db

PAUSER = "Alexandrina Pausewell"  # long, so no random token on a page can contain it


@pytest.fixture
def named(couple, partner_a):
    partner_a.display_name = PAUSER
    partner_a.save(update_fields=["display_name"])
    return couple


@pytest.fixture
def alex_in(couple):
    """Alex has checked in this week; Sam's submit would reveal it."""
    week = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(week, couple.memberships.get(seat=1))
    return week


def pause(user):
    accounts_services.couple_pause(couple=couple_for(user).couple, by=user)


def submit(user):
    ctx = couple_for(user)
    return checkin_services.checkin_submit(
        ctx=ctx, starts_on=clock_for(ctx.couple).current, data=_data()
    )


def notice(html: str) -> str:
    """The paused notice of a page (the one place that speaks of the pause)."""
    found = re.search(r"<section[^>]*data-paused.*?</section>", html, re.S)
    assert found, "no paused notice on the page"
    return found.group(0)


# --- The service -------------------------------------------------------------------------


def test_a_pause_is_recorded_for_its_author_only_and_not_in_the_change_log(
    couple, partner_a, partner_b
):
    events_before = CoupleEvent.objects.count()
    pause(partner_a)
    couple.refresh_from_db()
    assert couple.is_paused
    assert pausers(couple=couple) == {partner_a.pk}
    assert paused_by(couple=couple, user=partner_a)
    assert not paused_by(couple=couple, user=partner_b)
    (event,) = PauseEvent.objects.all()
    assert (event.by, event.kind) == (partner_a, PauseEvent.Kind.PAUSED)
    assert CoupleEvent.objects.count() == events_before  # both partners read the change log
    pause(partner_a)  # twice is harmless
    assert PauseEvent.objects.count() == 1


def test_the_pause_history_is_append_only(couple, partner_a):
    pause(partner_a)
    event = PauseEvent.objects.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        PauseEvent.objects.update(kind=PauseEvent.Kind.RESUMED)
    with pytest.raises(PermissionError):
        PauseEvent.objects.all().delete()


def test_only_the_person_who_paused_can_resume(couple, partner_a, partner_b):
    pause(partner_a)
    with pytest.raises(accounts_services.NotPaused):
        accounts_services.couple_resume(couple=couple, by=partner_b)
    couple.refresh_from_db()
    assert couple.is_paused
    accounts_services.couple_resume(couple=couple, by=partner_a)
    couple.refresh_from_db()
    assert not couple.is_paused
    assert [e.kind for e in PauseEvent.objects.all()] == ["paused", "resumed"]


def test_with_both_paused_check_ins_resume_only_when_both_have_lifted_theirs(
    couple, partner_a, partner_b
):
    pause(partner_a)
    pause(partner_b)
    accounts_services.couple_resume(couple=couple, by=partner_a)
    couple.refresh_from_db()
    assert couple.is_paused
    assert pausers(couple=couple) == {partner_b.pk}
    accounts_services.couple_resume(couple=couple, by=partner_b)
    couple.refresh_from_db()
    assert not couple.is_paused


def test_while_paused_nothing_is_saved_submitted_or_revealed(
    couple, partner_a, partner_b, alex_in, django_capture_on_commit_callbacks
):
    pause(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(checkin_services.Paused):
            submit(partner_b)
        with pytest.raises(checkin_services.Paused):
            checkin_services.checkin_save_draft(
                ctx=couple_for(partner_b), starts_on=alex_in.starts_on, data=_data()
            )
    alex_in.refresh_from_db()
    assert alex_in.revealed_at is None
    assert not alex_in.checkins.filter(membership__user=partner_b).exists()
    assert mail.outbox == []
    # After the resume the week goes on as before: Sam's submit reveals it.
    accounts_services.couple_resume(couple=couple, by=partner_a)
    assert submit(partner_b).revealed


# --- What each partner sees --------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "checkin", "week"])
def test_the_partner_sees_only_that_check_ins_are_paused(
    client, named, partner_a, partner_b, alex_in, page
):
    pause(partner_a)
    week = alex_in.starts_on.isoformat()
    url = {
        "home": reverse("home"),
        "checkin": reverse("checkins:checkin", args=[week]),
        "week": reverse("checkins:week", args=[week]),
    }[page]
    client.force_login(partner_b)
    html = client.get(url).content.decode()
    said = notice(html)
    assert "Check-ins are paused" in said
    assert PAUSER not in said
    assert "Alexandrina" not in said
    assert "You paused" not in html
    assert reverse("couple:resume") not in html
    # Nothing that would ask them to check in, and no nudge.
    assert "checkin-form" not in html
    assert reverse("notifications:nudge", args=[week]) not in html
    assert "Alex has checked in" not in html


@pytest.mark.parametrize("page", ["home", "checkin", "week", "settings"])
def test_the_person_who_paused_sees_how_to_resume(client, named, partner_a, alex_in, page):
    pause(partner_a)
    week = alex_in.starts_on.isoformat()
    url = {
        "home": reverse("home"),
        "checkin": reverse("checkins:checkin", args=[week]),
        "week": reverse("checkins:week", args=[week]),
        "settings": reverse("couple:settings"),
    }[page]
    client.force_login(partner_a)
    html = client.get(url).content.decode()
    assert reverse("couple:resume") in html
    assert "Only you can resume" in html


def test_the_settings_page_pauses_and_resumes_without_javascript(client, couple, partner_a):
    client.force_login(partner_a)
    page = client.get(reverse("couple:settings")).content.decode()
    assert f'action="{reverse("couple:pause")}"' in page
    response = client.post(reverse("couple:pause"), follow=True)
    assert "Check-ins are paused." in response.content.decode()
    couple.refresh_from_db()
    assert couple.is_paused
    response = client.post(reverse("couple:resume"), follow=True)
    assert "Check-ins are back on" in response.content.decode()
    couple.refresh_from_db()
    assert not couple.is_paused


def test_posting_a_check_in_while_paused_is_refused_and_says_so(
    client, couple, partner_a, partner_b
):
    pause(partner_a)
    client.force_login(partner_b)
    week = clock_for(couple).current.isoformat()
    response = client.post(reverse("checkins:checkin", args=[week]), {"action": "save"})
    assert response.status_code == 409
    assert "Check-ins are paused" in response.content.decode()
    autosave = client.post(reverse("checkins:autosave", args=[week]), {"appreciation": "x"})
    assert autosave.status_code == 409
    assert not Week.objects.filter(couple=couple).exists()


def test_a_counsellor_sees_nothing_new_while_paused(couple, partner_a, partner_b, alex_in):
    """Nothing is revealed while paused, and a counsellor reads only revealed weeks."""
    pause(partner_a)
    with pytest.raises(checkin_services.Paused):
        submit(partner_b)
    assert not Week.objects.filter(couple=couple).revealed().exists()


# --- No email about a paused couple ------------------------------------------------------


def test_no_reminder_goes_to_either_partner_while_paused(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    for person in (partner_a, partner_b):
        EmailPreferences.objects.create(
            user=person, remind_weekday=None, reminders_asked_at=timezone.now()
        )
    pause(partner_b)
    current = clock_for(couple).current
    # Every hour of every day of this week: nothing is ever due for a paused couple.
    EmailPreferences.objects.update(remind_weekday=3, remind_hour=19)
    start = timezone.now()
    for hours in range(0, 24 * 8, 6):
        with time_machine.travel(start + timedelta(hours=hours), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                run = send_due_reminders()
            assert run.considered == 0
    assert mail.outbox == []
    assert not WeeklyEmail.objects.filter(week__gte=current).exists()


def test_an_email_queued_before_the_pause_is_not_sent_after_it(
    couple, partner_a, partner_b, alex_in
):
    pause(partner_a)
    for kind in (Kind.REMINDER, Kind.LAST_CALL, Kind.NUDGE, Kind.PARTNER_CHECKED_IN):
        result = send_notice.enqueue(
            kind=str(kind),
            recipient_id=partner_b.pk,
            couple_id=couple.pk,
            week=alex_in.starts_on.isoformat(),
            actor_id=partner_a.pk if kind != Kind.REMINDER else None,
            site="http://testserver",
        )
        assert result.return_value.startswith("skipped"), kind
    assert mail.outbox == []


def test_the_nudge_is_refused_while_paused(client, couple, partner_a, partner_b, alex_in):
    pause(partner_b)
    client.force_login(partner_a)
    assert "Nudge Sam" not in client.get(reverse("home")).content.decode()
    client.post(reverse("notifications:nudge", args=[alex_in.starts_on.isoformat()]))
    assert mail.outbox == []
    assert not WeeklyEmail.objects.exists()


def test_unpairing_works_while_paused_and_emails_nobody(
    client, couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    pause(partner_a)
    client.force_login(partner_a)
    page = client.get(reverse("couple:unpair")).content.decode()
    assert "is not emailed" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("couple:unpair"), {"confirm": "on"})
    assert response.status_code == 302
    couple.refresh_from_db()
    assert couple.closed_at is not None
    assert mail.outbox == []


def test_deleting_a_person_removes_their_pause_history_with_them(couple, partner_a, partner_b):
    """Append-only through the app, yet never in the way of erasing a person (the cascade
    does not go through the QuerySet's ``delete``)."""
    pause(partner_a)
    pause(partner_b)
    partner_a.memberships.all().delete()
    partner_a.delete()
    assert list(PauseEvent.objects.values_list("by", flat=True)) == [partner_b.pk]


def test_no_reaction_and_no_new_sharing_while_paused_but_sharing_can_be_taken_back(
    client, couple, partner_a, partner_b
):
    """A reaction, or an answer newly shared with a counsellor, would be something new for
    someone to see; stopping sharing is always allowed."""
    [week] = history(couple, 1)
    iso = week.starts_on.isoformat()
    Answer.objects.filter(checkin__membership__user=partner_b).update(share_with_counsellor=True)
    pause(partner_a)
    client.force_login(partner_b)
    reacted = client.post(
        reverse("checkins:react", args=[iso]),
        {"part": "reflection:emotional", "kind": "thanks"},
        follow=True,
    )
    assert "reactions wait until they resume" in reacted.content.decode()
    assert not Reaction.objects.exists()
    client.post(reverse("checkins:share", args=[iso]), {"whole_week": "1"})  # share off
    assert not Answer.objects.filter(share_with_counsellor=True).exists()
    client.post(reverse("checkins:share", args=[iso]), {"whole_week": "1", "share": "on"})
    client.post(reverse("checkins:share", args=[iso]), {"dimension": "emotional", "share": "on"})
    assert not Answer.objects.filter(share_with_counsellor=True).exists()
