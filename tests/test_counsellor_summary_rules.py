"""The counsellor's summary and dashboard say exactly what the couple's weeks hold: each
partner's rating in their own column, the latest week, the counsellor's name in the terms."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from checkins.models import Answer
from counselling import services
from counselling.summary import SummaryWeek
from tests.checkin_helpers import history
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def test_rating_rows_put_each_seat_in_its_own_column_with_the_parts_name():
    week = SummaryWeek(
        starts_on=date(2026, 11, 23),
        ratings={1: {"emotional": 2}, 2: {"emotional": 4, "intellectual": 5}},
    )
    assert week.rating_rows == [
        ("Feeling close", "2 · A bit distant", "4 · Close"),
        ("Sharing ideas", "", "5 · Very close"),
    ]


def _rows(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td></tr>', html
    )


def test_the_summary_table_shows_the_weeks_stored_ratings(
    client, couple, counsellor, partner_a, partner_b
):
    (week,) = history(couple, 1)
    Answer.objects.filter(checkin__week=week, checkin__membership__seat=1).update(rating=1)
    Answer.objects.filter(checkin__week=week, checkin__membership__seat=2).update(rating=5)
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    assert ("Feeling close", "1 · Far apart", "5 · Very close") in _rows(html)


def test_the_dashboard_names_the_latest_week_checked_in_together(
    client, couple, counsellor, partner_a, partner_b
):
    weeks = history(couple, 3)
    connect(couple, counsellor, partner_a, partner_b)
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:dashboard")).content.decode()
    newest = weeks[0].starts_on
    assert f"Last check-in together: week of {newest.day} {newest:%B %Y}." in html


def test_the_consent_terms_name_the_counsellor():
    assert "Dr. Quill" in services.consent_terms(counsellor_name="Dr. Quill")
