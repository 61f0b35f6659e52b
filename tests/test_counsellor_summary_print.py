"""The summary's print view: the same access rules as the summary, logged as its own page,
no navigation, the couple's names, the span and the date printed, A4 print CSS."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from counselling import services as counselling_services
from counselling.models import AccessLogEntry
from tests.checkin_helpers import history
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


@pytest.fixture
def access(couple, counsellor, partner_a, partner_b):
    history(couple, 12)
    return connect(couple, counsellor, partner_a, partner_b, span="12")


def _url(access):
    return reverse("counsellor:summary_print", args=[access.pk])


def test_it_prints_the_names_span_and_date_without_navigation(client, counsellor, access):
    client.force_login(counsellor)
    response = client.get(_url(access))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alex &amp; Sam: summary" in html
    today = timezone.localdate()
    assert f"Printed {today.day} {today:%B %Y}." in html
    assert "Weeks of " in html
    assert 'class="site-header"' not in html
    assert "<nav" not in html
    assert "hx-get" not in html  # no polling on paper
    assert "Week by week" in html


def test_it_is_logged_as_print_with_the_weeks(client, counsellor, access):
    client.force_login(counsellor)
    client.get(_url(access))
    entry = AccessLogEntry.objects.get(access=access)
    assert entry.page == "print"
    assert entry.weeks_from is not None
    assert entry.weeks_to is not None
    assert entry.weeks_from < entry.weeks_to


def test_the_summary_links_to_it(client, counsellor, access):
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    assert f'href="{_url(access)}"' in html
    assert "Print or save as PDF" in html


def test_it_needs_two_factor(client, access):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=access.counsellor).delete()
    client.force_login(access.counsellor)
    response = client.get(_url(access))
    assert response.status_code == 302
    assert response["Location"] == reverse("counsellor:mfa_needed")
    assert not AccessLogEntry.objects.filter(access=access).exists()


def test_anonymous_is_sent_to_log_in(client, access):
    response = client.get(_url(access))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_others_get_404_and_a_paused_access_says_so_with_no_data(
    client, access, outsider, partner_a
):
    client.force_login(outsider)
    assert client.get(_url(access)).status_code == 404
    client.force_login(partner_a)
    assert client.get(_url(access)).status_code == 404
    counselling_services.consent_revoke(access=access, partner=partner_a)
    client.force_login(access.counsellor)
    response = client.get(_url(access))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Alex and Sam have paused sharing with you." in page
    assert "«" not in page  # none of the texts the history helper wrote
    assert not AccessLogEntry.objects.filter(access=access, page="print").exists()


def test_it_refuses_post(client, counsellor, access):
    client.force_login(counsellor)
    assert client.post(_url(access)).status_code == 405


def test_the_stylesheet_sets_a4_pages():
    css = (Path(settings.BASE_DIR) / "static/css/twoway.css").read_text()
    section = css[css.index("/* Counsellor summary") :]
    assert "@page { size: A4; margin: 15mm; }" in section
    assert "@media print" in section


def test_since_your_last_visit_matches_the_summary_it_was_opened_from(client, counsellor, access):
    from datetime import timedelta

    earlier = timezone.now() - timedelta(weeks=3)
    AccessLogEntry.objects.create(
        access=access, counsellor=counsellor, page="summary", viewed_at=earlier
    )
    client.force_login(counsellor)
    summary = client.get(reverse("counsellor:summary", args=[access.pk]))
    printed = client.get(_url(access))
    local = timezone.localtime(earlier)
    when = f"Since your last visit ({local.day} {local:%B %Y})"
    assert when in summary.content.decode()
    assert when in printed.content.decode()


def test_it_prints_the_newest_two_weeks_of_shared_answers_unless_asked_for_all(
    client, counsellor, access
):
    from checkins.models import Answer

    Answer.objects.filter(dimension="emotional").update(share_with_counsellor=True)
    client.force_login(counsellor)
    page = client.get(_url(access)).content.decode()
    answers = page.split("Shared answers", 1)[1]
    # history(): week n's texts end in «a{n}» / «b{n}» (1 = last week)
    assert "«a1»" in answers
    assert "«b2»" in answers
    assert "«a3»" not in answers
    assert "The shared answers of 10 earlier weeks are on the summary page." in answers
    every = client.get(_url(access) + "?answers=all").content.decode()
    assert all(f"«a{n}»" in every for n in range(1, 13))
    assert "earlier weeks are on the summary page" not in every


def test_one_row_per_week_with_both_ratings_of_each_part(client, counsellor, access):
    client.force_login(counsellor)
    page = client.get(_url(access)).content.decode()
    table = page.split('class="print-week-table"', 1)[1].split("</table>", 1)[0]
    assert table.count('<th scope="row">') == 12
    assert '<th scope="col" class="print-rating">Feeling close</th>' in table
