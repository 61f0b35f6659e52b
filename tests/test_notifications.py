"""The emails a person can turn off: each kind goes through the task, each can be turned
off, each carries a one-click unsubscribe (RFC 8058) and both parts, none says what anyone
wrote, and links use the site's real address."""

from __future__ import annotations

import io

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from accounts import services as accounts_services
from accounts.scoping import couple_for
from checkins import services as checkin_services
from checkins.forms import AnswerData, CheckInData
from checkins.selectors import clock_for
from intimacy.mail import ReadableConsoleBackend
from notifications import unsubscribe
from notifications.kinds import Kind
from notifications.models import EmailPreferences
from tests.checkin_helpers import marker
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db

SECRETS = [marker("reflection"), marker("need"), marker("thanks"), marker("note")]


def _data() -> CheckInData:
    reflection, need, thanks, note = SECRETS
    return CheckInData(
        answers={
            d: AnswerData(4, f"{d} {reflection}", f"{need}")
            for d in ("emotional", "experiential", "intellectual")
        },
        appreciation=thanks,
        private_note=note,
        signs=[],
        follow_through="",
    )


def submit(user, capture):
    ctx = couple_for(user)
    with capture(execute=True):
        checkin_services.checkin_submit(
            ctx=ctx, starts_on=clock_for(ctx.couple).current, data=_data()
        )


def turn_off(user, field):
    EmailPreferences.objects.update_or_create(user=user, defaults={field: False})


def everything_in(message):
    html = "".join(content for content, _ in message.alternatives)
    headers = "".join(f"{k}: {v}" for k, v in message.extra_headers.items())
    return message.subject + message.body + html + headers


def assert_unsubscribable(message, kind):
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http")
    assert header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = header.strip("<>").rstrip("/").rsplit("/", 1)[1]
    assert unsubscribe.read_token(token).kind == kind
    assert header.strip("<>") in message.body  # the link is in the text too
    ((html, kind_of_part),) = message.alternatives
    assert kind_of_part == "text/html"
    assert 'data-email-layout="twoway"' in html


# --- Each kind --------------------------------------------------------------------------


def test_partner_checked_in_then_week_ready_to_both(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    submit(partner_a, django_capture_on_commit_callbacks)
    (checked_in,) = mail.outbox
    assert checked_in.to == ["sam@example.com"]
    assert "Alex has checked in" in checked_in.body
    assert_unsubscribable(checked_in, Kind.PARTNER_CHECKED_IN)
    submit(partner_b, django_capture_on_commit_callbacks)
    ready = mail.outbox[1:]
    assert sorted(m.to[0] for m in ready) == ["alex@example.com", "sam@example.com"]
    for message in ready:
        assert_unsubscribable(message, Kind.WEEK_READY)
    to_alex = next(m for m in ready if m.to == ["alex@example.com"])
    assert "You and Sam have both checked in" in to_alex.body
    for message in mail.outbox:
        assert not any(secret in everything_in(message) for secret in SECRETS)


def test_each_kind_can_be_turned_off(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    turn_off(partner_b, "partner_checked_in")
    submit(partner_a, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    turn_off(partner_a, "week_ready")
    submit(partner_b, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]


def test_the_inviter_hears_their_partner_joined(partner_a, django_capture_on_commit_callbacks):
    couple = make_couple(partner_a)
    _, token = accounts_services.invite_create(couple=couple, by=partner_a)
    sam = UserFactory(display_name="Sam", email="sam@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.invite_accept(token=token, user=sam)
    (message,) = mail.outbox
    assert message.to == ["alex@example.com"]
    assert message.subject == "Sam has joined you on Twoway"
    assert_unsubscribable(message, Kind.PARTNER_JOINED)


def test_partner_joined_can_be_turned_off(partner_a, django_capture_on_commit_callbacks):
    couple = make_couple(partner_a)
    _, token = accounts_services.invite_create(couple=couple, by=partner_a)
    turn_off(partner_a, "partner_joined")
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.invite_accept(token=token, user=UserFactory())
    assert mail.outbox == []


def test_unpairing_tells_the_partner_unless_they_turned_it_off(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.couple_close(couple=couple, by=partner_a)
    (message,) = mail.outbox
    assert message.to == ["sam@example.com"]
    assert "Alex has ended your couple" in message.body
    assert_unsubscribable(message, Kind.UNPAIRED)
    other = make_couple(UserFactory(display_name="Robin"), partner_c := UserFactory())
    turn_off(partner_c, "partner_unpaired")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.couple_close(couple=other, by=other.memberships.get(seat=1).user)
    assert mail.outbox == []


def _submit_then_fail(couple, partner_a):
    from django.db import transaction

    with transaction.atomic():
        checkin_services.checkin_submit(
            ctx=couple_for(partner_a), starts_on=clock_for(couple).current, data=_data()
        )
        raise RuntimeError("the request failed after the submit")


def test_a_rolled_back_change_queues_nothing(couple, partner_a, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        _submit_then_fail(couple, partner_a)
    assert callbacks == []
    assert mail.outbox == []


def test_the_task_carries_ids_never_text(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    from django.tasks.signals import task_enqueued

    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result)

    task_enqueued.connect(record)
    try:
        submit(partner_a, django_capture_on_commit_callbacks)
    finally:
        task_enqueued.disconnect(record)
    (result,) = seen
    assert result.args == []
    assert set(result.kwargs) == {"kind", "recipient_id", "couple_id", "week", "actor_id", "site"}
    assert not any(secret in repr(result.kwargs) for secret in SECRETS)
    assert result.kwargs["recipient_id"] == partner_b.pk


# --- The site's address -----------------------------------------------------------------


def test_links_use_the_address_the_app_is_served_at_when_site_url_is_unset(
    settings, couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    client = Client(headers={"host": "127.0.0.1:8123"})
    client.force_login(partner_a)
    week = clock_for(couple).current.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("checkins:checkin", args=[week]),
            {
                "action": "submit",
                **{f"{d}-rating": "4" for d in ("emotional", "experiential", "intellectual")},
                **{
                    f"{d}-reflection": "words"
                    for d in ("emotional", "experiential", "intellectual")
                },
            },
        )
    (message,) = mail.outbox
    assert (
        f"http://127.0.0.1:8123/checkins/{week}/" in message.body
        or "http://127.0.0.1:8123/" in message.body
    )
    assert "127.0.0.1:8000" not in everything_in(message)


def test_links_use_site_url_when_it_is_set(
    settings, couple, partner_a, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://twoway.example.org"
    submit(partner_a, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert "https://twoway.example.org/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://twoway.example.org/emails/"
    )


def test_the_terminal_shows_the_unsubscribe_headers_and_the_plain_text(
    couple, partner_a, partner_b, django_capture_on_commit_callbacks
):
    submit(partner_a, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    stream = io.StringIO()
    ReadableConsoleBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "To: sam@example.com" in printed
    assert f"List-Unsubscribe: {message.extra_headers['List-Unsubscribe']}" in printed
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in printed
    assert message.body in printed
    assert "<html" not in printed


# --- One-click unsubscribe --------------------------------------------------------------


def _link(user, kind):
    return reverse(
        "notifications:unsubscribe", args=[unsubscribe.make_token(user_id=user.pk, kind=kind)]
    )


def test_opening_the_link_asks_and_changes_nothing(client, partner_b):
    response = client.get(_link(partner_b, Kind.PARTNER_CHECKED_IN))
    assert response.status_code == 200
    assert b"Stop these emails?" in response.content
    assert not EmailPreferences.objects.filter(partner_checked_in=False).exists()


def test_the_button_unsubscribes_while_logged_out_and_only_from_that_kind(partner_b):
    client = Client(enforce_csrf_checks=True)  # no cookie, no token: the link is enough
    response = client.post(_link(partner_b, Kind.PARTNER_CHECKED_IN))
    assert response.status_code == 200
    assert b"won't get emails when your partner checks in any more" in response.content
    preferences = EmailPreferences.objects.get(user=partner_b)
    assert preferences.partner_checked_in is False
    assert preferences.week_ready is True
    assert preferences.nudges is True


def test_a_mail_programs_one_click_post_unsubscribes(partner_b):
    # RFC 8058: POST, body "List-Unsubscribe=One-Click", no cookies.
    Client(enforce_csrf_checks=True).post(
        _link(partner_b, Kind.NUDGE),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert EmailPreferences.objects.get(user=partner_b).nudges is False


def test_unsubscribing_from_a_reminder_turns_reminders_off(partner_b):
    EmailPreferences.objects.create(user=partner_b, remind_weekday=3)
    Client().post(_link(partner_b, Kind.LAST_CALL))
    assert EmailPreferences.objects.get(user=partner_b).remind_weekday is None


def test_a_tampered_or_foreign_token_is_refused(client, partner_a, partner_b):
    token = unsubscribe.make_token(user_id=partner_b.pk, kind=Kind.NUDGE)
    forged = signing.dumps([partner_a.pk, "nudge"], salt="another.purpose", compress=True)
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        response = client.post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 404
    assert not EmailPreferences.objects.exists()


def test_an_expired_link_says_so_and_changes_nothing(client, partner_b, monkeypatch):
    import time

    made = time.time() - unsubscribe.MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: made)
    token = unsubscribe.make_token(user_id=partner_b.pk, kind=Kind.NUDGE)
    monkeypatch.undo()
    response = client.post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 410
    assert b"expired" in response.content
    assert not EmailPreferences.objects.exists()


def test_unsubscribe_refuses_other_methods(client, partner_b):
    assert client.put(_link(partner_b, Kind.NUDGE)).status_code == 405
