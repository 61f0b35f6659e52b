"""Where you're logged in (/accounts/sessions/), and how long a login lasts.

Two browsers log in as the same person; the sessions page names both (browser and system,
read from the User-Agent), says when each was last active, and "Log out everywhere else"
ends the other one. Logins end after SESSION_IDLE_TIMEOUT unused or SESSION_MAX_AGE after
logging in (intimacy.middleware.SessionLifetimeMiddleware); "last active" is written at
most every few minutes, not on every request.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intimacy import devices, session_lifetime
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
)
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/140.0.0.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Mobile Safari/537.36"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.5 Safari/605.1.15"
)


def _browser(user_agent: str, email: str = "alex@example.com") -> Client:
    client = Client(headers={"user-agent": user_agent})
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def _page(client: Client) -> str:
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _logged_in(client: Client) -> bool:
    return client.get(reverse("account_email")).status_code == 200


@pytest.mark.parametrize(
    ("user_agent", "named"),
    [
        (FIREFOX_LINUX, "Firefox on Linux"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (CHROME_WINDOWS, "Chrome on Windows"),
        (EDGE_WINDOWS, "Edge on Windows"),
        (CHROME_ANDROID, "Chrome on Android"),
        (SAFARI_MAC, "Safari on Mac"),
        ("curl/8.5.0", "An unknown browser"),
        ("", "An unknown browser"),
    ],
)
def test_a_user_agent_reads_as_browser_on_system(user_agent, named):
    assert devices.describe(user_agent) == named


def test_the_page_names_each_device_and_when_it_was_last_active():
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        laptop = _browser(FIREFOX_LINUX)
        page = _page(laptop)
    assert "Firefox on Linux" in page
    assert "Safari on iPhone" in page
    # The raw header is not shown; "last active" is, for the other device.
    assert "AppleWebKit" not in page
    assert "Last active" in page
    assert "3\xa0hours ago" in page
    assert "This device" in page
    assert phone.get(reverse("usersessions_list")).status_code == 200


def test_log_out_everywhere_else_ends_the_other_session_only():
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    laptop = _browser(FIREFOX_LINUX)
    assert "Log out everywhere else" in _page(laptop)
    response = laptop.post(reverse("usersessions_list"), follow=True)
    assert "You're logged out everywhere else. This device stays logged in." in html.unescape(
        response.content.decode()
    )
    assert _logged_in(laptop)
    assert not _logged_in(phone)
    page = _page(laptop)
    assert "Safari on iPhone" not in page
    assert UserSession.objects.count() == 1


def test_someone_elses_sessions_are_not_listed():
    UserFactory(email="alex@example.com")
    UserFactory(email="sam@example.com")
    _browser(SAFARI_IPHONE, "sam@example.com")
    page = _page(_browser(FIREFOX_LINUX))
    assert "Safari on iPhone" not in page


def test_last_active_is_written_every_few_minutes_not_on_every_request():
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    row = UserSession.objects.get()
    start = timezone.now()
    url = reverse("account_email")
    phone.get(url)
    with (
        time_machine.travel(start + timedelta(minutes=2)),
        CaptureQueriesContext(connection) as queries,
    ):
        phone.get(url)
    # Read the session and the person, render the page: nothing written.
    assert not [q for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    row.refresh_from_db()
    assert row.last_seen_at < start + timedelta(minutes=1)
    with (
        time_machine.travel(start + timedelta(minutes=6)),
        CaptureQueriesContext(connection) as queries,
    ):
        phone.get(url)
    written = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(written) == 2  # the session's "last seen" and the sessions page's row
    row.refresh_from_db()
    assert row.last_seen_at >= start + timedelta(minutes=6)


def test_a_login_unused_for_the_idle_timeout_ends(settings):
    settings.SESSION_IDLE_TIMEOUT = 2 * 60 * 60
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    start = timezone.now()
    with time_machine.travel(start + timedelta(hours=1, minutes=59)):
        assert _logged_in(phone)
    # Seen at 1:59, so still in at 3:58...
    with time_machine.travel(start + timedelta(hours=3, minutes=58)):
        assert _logged_in(phone)
    # ...and out after two hours without a visit.
    with time_machine.travel(start + timedelta(hours=6)):
        response = phone.get(reverse("account_email"), follow=True)
        page = html.unescape(response.content.decode())
    assert response.redirect_chain[0][0].startswith(reverse("account_login") + "?next=")
    assert "You were logged out because this device wasn't used for a while." in page
    assert not UserSession.objects.exists()


def test_the_default_idle_timeout_is_fourteen_days():
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    laptop = _browser(FIREFOX_LINUX)
    start = timezone.now()
    with time_machine.travel(start + timedelta(days=13, hours=23)):
        assert _logged_in(phone)
    with time_machine.travel(start + timedelta(days=14, minutes=1)):
        assert not _logged_in(laptop)
    with time_machine.travel(start + timedelta(days=27, hours=22)):
        assert _logged_in(phone)


def test_a_login_ends_after_the_absolute_lifetime_however_active():
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    start = timezone.now()
    for day in range(1, 30):
        with time_machine.travel(start + timedelta(days=day)):
            assert _logged_in(phone), day
    with time_machine.travel(start + timedelta(days=30, minutes=1)):
        response = phone.get(reverse("account_email"), follow=True)
        page = html.unescape(response.content.decode())
    assert "You were logged out because it had been a while since you logged in." in page
    assert not _logged_in(phone)
    # Logging in again starts a new lifetime.
    with time_machine.travel(start + timedelta(days=30, minutes=2)):
        again = _browser(SAFARI_IPHONE)
        assert _logged_in(again)


def test_an_htmx_request_after_the_timeout_goes_to_the_login_page(settings):
    settings.SESSION_IDLE_TIMEOUT = 60 * 60
    UserFactory(email="alex@example.com")
    phone = _browser(SAFARI_IPHONE)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = phone.get(reverse("home"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_a_session_from_before_the_rules_gets_a_clock_once(client):
    user = UserFactory()
    client.force_login(user)
    session = client.session
    del session[session_lifetime.LOGGED_IN_AT]
    del session[session_lifetime.SEEN_AT]
    session.save()
    assert _logged_in(client)
    assert session_lifetime.LOGGED_IN_AT in client.session
