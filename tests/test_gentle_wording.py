"""Wording that never pressures a partner to share or to check in: no phrase that pushes,
blames or says someone is waiting, in any template, in any string of the code, in the
rendered emails, or on the pages a partner sees while their partner has checked in."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from checkins.models import Week
from checkins.selectors import clock_for
from intimacy.notify import render_message
from notifications.kinds import TEMPLATE
from tests.checkin_helpers import checkin_for

# Phrases that push someone to check in or to share, blame them, or make someone wait.
FORBIDDEN = [
    "you must",
    "you have to check in",
    "you need to check in",
    "you have to share",
    "you should share",
    "you should check in",
    "don't forget",
    "do not forget",
    "you forgot",
    "you missed",
    "you failed",
    "you still haven't",
    "why haven't you",
    "your partner is waiting",
    "is waiting for you",
    "waiting for you",
    "waiting for your check-in",
    "submit yours",
    "hurry up",
    "before it's too late",
    "last chance",
    "don't let",
    "overdue",
]

ROOT = Path(settings.BASE_DIR)
SOURCES = [
    *sorted((ROOT / "templates").rglob("*.html")),
    *sorted((ROOT / "templates").rglob("*.txt")),
    *(
        path
        for app in ("accounts", "checkins", "counselling", "notifications", "intimacy", "yourdata")
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    ),
]


def pushes(text: str) -> list[str]:
    text = " ".join(
        html.unescape(text).replace("\N{RIGHT SINGLE QUOTATION MARK}", "'").lower().split()
    )
    return [phrase for phrase in FORBIDDEN if phrase in text]


def test_the_forbidden_phrases_are_caught():
    assert pushes("Don&#x27;t forget to share!") == ["don't forget"]
    assert pushes("Sam is   waiting for your check-in") == [
        "is waiting for you",
        "waiting for you",
        "waiting for your check-in",
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_or_string_pushes(path):
    assert pushes(path.read_text()) == []


EMAIL_CONTEXT = {
    "partner": "Sam",
    "name": "Sam",
    "link": "/weeks/2026-06-15/checkin/",
    "open_until": datetime(2026, 6, 21, 23, 59, tzinfo=timezone.get_current_timezone()),
    "starts_on": date(2026, 6, 15),
    "unsubscribe_url": "https://twoway.example/unsubscribe/x/",
    "settings_url": "https://twoway.example/settings/emails/",
}


@pytest.mark.parametrize("template", sorted(set(TEMPLATE.values())))
def test_no_email_a_person_can_turn_off_pushes(template):
    message = render_message(to="sam@example.com", template=template, context=EMAIL_CONTEXT)
    rendered = message.subject + message.body + "".join(c for c, _ in message.alternatives)
    assert pushes(rendered) == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "checkin", "week", "history"])
def test_the_pages_after_the_partner_checked_in_do_not_push(client, couple, partner_b, page):
    week = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(week, couple.memberships.get(seat=1))
    iso = week.starts_on.isoformat()
    url = {
        "home": reverse("home"),
        "checkin": reverse("checkins:checkin", args=[iso]),
        "week": reverse("checkins:week", args=[iso]),
        "history": reverse("checkins:history"),
    }[page]
    client.force_login(partner_b)
    text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
    assert pushes(text) == []
