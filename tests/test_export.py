"""The export: everything that is yours, and of your partner's only what the app shows you.

A unique marker sits in every text field of both partners, of a couple that ended and of
another couple; each test says exactly which markers a download holds.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse

from tests.export_helpers import build, export_json, log_in_recently, read

pytestmark = pytest.mark.django_db

DOWNLOADS = ["yourdata:export_json", "yourdata:export_print"]


@pytest.fixture
def planted(partner_a, partner_b, couple, counsellor):
    return build(partner_a, partner_b, couple, counsellor)


def _found(markers: list[str], text: str) -> list[str]:
    return [m for m in markers if m in text]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_it_holds_exactly_what_is_yours_and_what_your_partner_showed_you(
    client, partner_a, planted, name
):
    log_in_recently(client, partner_a)
    text = read(client.get(reverse(name)))
    assert _found(planted.every, text) == planted.shown


@pytest.mark.parametrize("name", DOWNLOADS)
def test_your_partner_gets_only_their_own_and_your_revealed_week(client, partner_b, planted, name):
    log_in_recently(client, partner_b)
    text = read(client.get(reverse(name)))
    found = _found(planted.every, text)
    # Sam's own, everything but Alex's other couple, the other couple and Alex's private
    # parts; of Alex's, only the revealed week without its note and withheld answer.
    assert "«alex-revealed-emotional-reflection»" in found
    assert "«alex-revealed-private-note»" not in found
    assert "«alex-revealed-physical-withheld»" not in found
    assert not [m for m in found if m.startswith(("«alex-waiting", "«alex-draft", "«alex-past"))]
    assert "«sam-revealed-private-note»" in found
    assert "«sam-revealed-physical-withheld»" in found
    assert "«sam-draft-private-note»" in found
    assert "«sam-alone-appreciation»" in found
    assert not [m for m in found if m.startswith(("«robin", "«pia", "«quinn"))]


@pytest.mark.parametrize("name", DOWNLOADS)
@pytest.mark.parametrize("role", ["outsider", "counsellor", "loner"])
def test_other_people_get_nothing_of_ours(client, planted, name, role, request):
    person = request.getfixturevalue(role)
    log_in_recently(client, person)
    text = read(client.get(reverse(name)))
    ours = [m for m in planted.every if not m.startswith(("«pia", "«quinn"))]
    assert _found(ours, text) == []
    for name_or_address in ("Alex", "Sam", "alex@example.com", "sam@example.com"):
        assert name_or_address not in text


def test_the_outsider_gets_their_own_couple(client, partner_a, partner_b, couple, counsellor):
    planted = build(partner_a, partner_b, couple, counsellor)
    from accounts.models import User

    pia = User.objects.get(email="pia@example.com")
    log_in_recently(client, pia)
    text, _ = export_json(client)
    found = _found(planted.every, text)
    assert found
    assert all(m.startswith(("«pia", "«quinn")) for m in found)
    assert "«quinn-private-note»" not in found
    assert "«pia-private-note»" in found


def test_every_kind_of_data_is_in_the_json(client, partner_a, planted, counsellor):
    log_in_recently(client, partner_a)
    _, data = export_json(client)
    assert data["format"] == "twoway-export"
    assert data["version"] == 1
    account = data["account"]
    assert account["display_name"] == "Alex"
    assert account["email_addresses"] == [
        {"email": "alex@example.com", "primary": True, "verified": True}
    ]
    assert account["date_joined"]
    prefs = data["email_preferences"]
    assert prefs["saved"] is True
    assert prefs["reminder_weekday"] == "wednesday"
    assert prefs["reminder_hour"] == 8
    assert prefs["notifications"]["nudges"] is False
    assert prefs["notifications"]["week_ready"] is True
    (consent,) = data["consent_records"]
    assert consent["decision"] == "grant"
    assert consent["span"] == "12"
    assert consent["counsellor"] == "Dr. Rivera"
    assert "Dr. Rivera" in consent["wording"]

    ended, current = data["couples"]
    assert ended["current"] is False
    assert ended["ended_at"]
    assert ended["partner"] is None  # nothing of Robin's, not even the name
    assert [w["partners"] for w in ended["weeks"]] == [None]
    assert ended["access_log"] == []

    assert current["current"] is True
    assert current["partner"]["shown_name"] == "Sam"
    assert current["you"]["seat"] == 1
    assert [e["who"] for e in current["change_log"]] == ["partner"]
    (counsellor_record,) = current["counsellors"]
    assert counsellor_record["name"] == "Dr. Rivera"
    assert counsellor_record["email"] == "rivera@example.com"
    assert counsellor_record["sharing_now"] is True
    assert counsellor_record["your_latest_decision"]["decision"] == "grant"
    assert counsellor_record["partners_latest_decision"]["decision"] == "grant"
    (entry,) = current["access_log"]
    assert entry["counsellor"] == "Dr. Rivera"
    assert entry["page"] == "dashboard"

    # Oldest first: Alex's draft (week 3), what Alex submitted alone (2), the revealed (1).
    draft, waiting, revealed = current["weeks"]
    assert draft["yours"]["status"] == "draft"
    assert draft["partners"] is None
    assert waiting["yours"]["status"] == "submitted"
    assert waiting["partners"] is None
    assert waiting["revealed_at"] is None
    assert revealed["revealed_at"]
    assert revealed["yours"]["private_note"] == "«alex-revealed-private-note»"
    assert "private_note" not in revealed["partners"]
    parts = [a["part"] for a in revealed["yours"]["answers"]]
    assert parts == ["emotional", "experiential", "intellectual", "physical"]
    assert revealed["yours"]["answers"][-1]["withheld"] is True
    assert [a["part"] for a in revealed["partners"]["answers"]] == parts[:3]
    assert set(revealed["questions"]) == set(parts)
    assert [(r["by"], r["on"], r["kind"]) for r in revealed["reactions"]] == [
        ("partner", "need:emotional", "will_do"),
        ("you", "reflection:emotional", "thanks"),
    ]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_download_is_streamed_and_never_cached(client, partner_a, planted, name):
    log_in_recently(client, partner_a)
    response = client.get(reverse(name))
    assert isinstance(response, StreamingHttpResponse)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_json_is_an_attachment_named_for_today(client, partner_a, planted):
    log_in_recently(client, partner_a)
    response = client.get(reverse("yourdata:export_json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="twoway-export-\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )


def test_the_printable_page_opens_in_the_browser_without_navigation(client, partner_a, planted):
    log_in_recently(client, partner_a)
    response = client.get(reverse("yourdata:export_print"))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert not response.has_header("Content-Disposition")
    html = read(response)
    assert html.startswith("<!doctype html>")
    assert html.rstrip().endswith("</html>")
    assert "<nav" not in html
    assert "<script" not in html
    # The quick exit, as on every page (a plain link: this page runs no script).
    assert f'<a class="quick-exit" href="{settings.QUICK_EXIT_URL}"' in html
    assert html.count('<article class="export-week">') == 4  # 3 weeks now, 1 from before
    assert "Your couple with Sam" in html
    assert "A couple that has ended" in html


@pytest.mark.parametrize("name", ["yourdata:index", *DOWNLOADS])
def test_anonymous_people_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["yourdata:index", *DOWNLOADS])
def test_a_session_without_a_recent_password_is_asked_again_then_gets_it(
    client, partner_a, planted, name
):
    client.force_login(partner_a)  # signed in, but no recent password in this session
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    from tests.factories import PASSWORD

    back = client.post(response["Location"], {"password": PASSWORD})
    assert back.status_code == 302
    assert back["Location"] == reverse(name)
    got = client.get(back["Location"])
    assert got.status_code == 200
    if name != "yourdata:index":
        assert "«alex-revealed-private-note»" in read(got)


@pytest.mark.parametrize("name", ["yourdata:index", *DOWNLOADS])
def test_only_get(client, partner_a, name):
    log_in_recently(client, partner_a)
    assert client.post(reverse(name)).status_code == 405
    assert client.head(reverse(name)).status_code == 405


def test_the_your_data_page_says_what_is_in_it_and_links_both(client, partner_a, couple):
    log_in_recently(client, partner_a)
    response = client.get(reverse("yourdata:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert reverse("yourdata:export_json") in html
    assert reverse("yourdata:export_print") in html
    assert "Sam's answers for the weeks you both checked in" in html
    assert "never holds" in html


def test_the_settings_page_and_the_menu_lead_to_your_data(client, partner_a, couple):
    client.force_login(partner_a)
    html = client.get(reverse("couple:settings")).content.decode()
    assert html.count(f'href="{reverse("yourdata:index")}"') == 2  # the menu and the page
