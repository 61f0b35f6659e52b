"""The access log as CSV: either partner downloads exactly their couple's entries, streamed,
times in the couple's time zone, names that cannot run as spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counselling import services
from counselling.partner_views import spreadsheet_safe
from counselling.state import consent_state
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db

URL = reverse("couple:counsellor_log_csv")
HEADER = ["Counsellor name", "Counsellor email", "Viewed at", "Page", "Weeks from", "Weeks to"]


def rows_of(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def logged(access, page="summary", at=datetime(2027, 1, 4, 9, 30, tzinfo=UTC), **weeks):
    with time_machine.travel(at, tick=False):  # the log is append-only: log it then
        return services.log_view(state=consent_state(access), page=page, **weeks)


@pytest.fixture
def ours(couple, counsellor, partner_a, partner_b):
    couple.time_zone = "America/New_York"
    couple.save()
    access = connect(couple, counsellor, partner_a, partner_b)
    logged(access, weeks_from=date(2026, 12, 7), weeks_to=date(2027, 1, 4))
    logged(access, page="dashboard", at=datetime(2027, 1, 5, 15, 0, tzinfo=UTC))
    return access


@pytest.fixture
def theirs(db):
    a, b = UserFactory(display_name="Other A"), UserFactory(display_name="Other B")
    other_counsellor = make_counsellor(display_name="Dr. Elsewhere", email="elsewhere@example.com")
    access = connect(make_couple(a, b), other_counsellor, a, b)
    logged(access)
    return access


@pytest.mark.parametrize("who", ["partner_a", "partner_b"])
def test_either_partner_gets_exactly_the_couples_entries(client, request, ours, theirs, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="twoway-access-log-20')
    assert disposition.endswith('.csv"')
    assert rows_of(response) == [
        HEADER,
        ["Dr. Rivera", "rivera@example.com", "2027-01-05T10:00:00-05:00", "dashboard", "", ""],
        [
            "Dr. Rivera",
            "rivera@example.com",
            "2027-01-04T04:30:00-05:00",
            "summary",
            "2026-12-07",
            "2027-01-04",
        ],
    ]


def test_another_couple_gets_only_their_own(client, ours, theirs):
    partner = theirs.couple.memberships.first().user
    client.force_login(partner)
    rows = rows_of(client.get(URL))
    assert [r[0] for r in rows[1:]] == ["Dr. Elsewhere"]
    assert "rivera" not in str(rows)


def test_an_empty_log_is_just_the_header(client, couple, partner_a):
    client.force_login(partner_a)
    assert rows_of(client.get(URL)) == [HEADER]


@pytest.mark.parametrize("who", ["counsellor", "loner"])
def test_a_counsellor_or_a_stranger_gets_404(client, request, ours, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_wrong_method_is_refused(client, partner_a, couple):
    client.force_login(partner_a)
    assert client.post(URL).status_code == 405


def test_names_cannot_run_as_formulas(client, couple, partner_a, partner_b):
    sneaky = make_counsellor(display_name='=HYPERLINK("http://evil")', email="-x@example.com")
    logged(connect(couple, sneaky, partner_a, partner_b))
    client.force_login(partner_a)
    (_, row) = rows_of(client.get(URL))
    assert row[0] == '\'=HYPERLINK("http://evil")'
    assert row[1] == "'-x@example.com"
    for start in "=+-@\t\r":
        assert spreadsheet_safe(f"{start}1+1").startswith("'")
    assert spreadsheet_safe("Dr. Lee") == "Dr. Lee"


@pytest.mark.parametrize("entries", [2, 40])
def test_the_download_costs_the_same_queries_however_long_the_log(
    client, couple, counsellor, partner_a, partner_b, entries
):
    access = connect(couple, counsellor, partner_a, partner_b)
    state = consent_state(access)
    for _ in range(entries):
        services.log_view(state=state, page="summary")
    client.force_login(partner_a)
    with CaptureQueriesContext(connection) as queries:
        rows = rows_of(client.get(URL))
    assert len(rows) == entries + 1
    # Session, user, couple membership(s), then the log in one query (chunks of 500).
    assert len(queries) <= 6, [q["sql"] for q in queries]


def test_the_counsellors_page_links_the_download(client, ours, partner_a):
    client.force_login(partner_a)
    assert URL in client.get(reverse("couple:counsellors")).content.decode()
