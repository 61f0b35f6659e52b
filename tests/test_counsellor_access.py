"""Who may open a counsellor page: an authorization matrix over every counsellor URL."""

import pytest
from django.urls import reverse

from accounts import services
from counselling import services as counselling_services
from counselling.models import AccessLogEntry
from tests.checkin_helpers import history
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db


def summary_url(access):
    return reverse("counsellor:summary", args=[access.pk])


@pytest.fixture
def shared(couple, counsellor, partner_a, partner_b):
    history(couple, 3)
    return connect(couple, counsellor, partner_a, partner_b)


def _status(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def _shows_nothing(client, counsellor, url, heading):
    """The counsellor's own couple, not shared now: a plain page saying so (403), with none
    of the couple's texts or ratings, and nothing logged."""
    client.force_login(counsellor)
    logged = AccessLogEntry.objects.filter(page="summary").count()
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 403
    assert heading in page
    assert "«" not in page  # every text the history helper writes is marked «…»
    assert "Week by week" not in page
    assert AccessLogEntry.objects.filter(page="summary").count() == logged
    return page


def test_a_counsellor_with_both_consents_sees_the_summary(client, shared, counsellor):
    assert _status(client, counsellor, summary_url(shared)) == 200


@pytest.mark.parametrize("consenting", ["none", "a_only", "b_only"])
def test_without_both_consents_it_says_not_shared_yet(
    client, couple, counsellor, partner_a, partner_b, consenting
):
    history(couple, 3)
    who = {"none": (), "a_only": (partner_a,), "b_only": (partner_b,)}[consenting]
    access = connect(couple, counsellor, *who)
    page = _shows_nothing(client, counsellor, summary_url(access), "Not shared with you yet")
    assert "Alex and their partner haven't started sharing with you yet." in page
    assert "Sam" not in page  # whose name is theirs to share by consenting


@pytest.mark.parametrize("who", ["partner_a", "partner_b"])
def test_after_either_partner_revokes_it_says_sharing_is_paused(
    client, shared, counsellor, request, who
):
    counselling_services.consent_revoke(access=shared, partner=request.getfixturevalue(who))
    page = _shows_nothing(client, counsellor, summary_url(shared), "Sharing is paused")
    assert "Alex and Sam have paused sharing with you." in page


def test_consent_given_again_restores_access(client, shared, counsellor, partner_b):
    counselling_services.consent_revoke(access=shared, partner=partner_b)
    counselling_services.consent_grant(access=shared, partner=partner_b, span="4")
    assert _status(client, counsellor, summary_url(shared)) == 200


def test_after_unpairing_it_says_access_has_ended(client, shared, couple, counsellor, partner_a):
    services.couple_close(couple=couple, by=partner_a)
    page = _shows_nothing(client, counsellor, summary_url(shared), "Access has ended")
    assert "Alex and Sam have ended your access as their counsellor." in page


def test_after_the_couple_removes_the_counsellor_it_says_access_has_ended(
    client, shared, counsellor, partner_a
):
    counselling_services.counsellor_remove(access=shared, by=partner_a)
    page = _shows_nothing(client, counsellor, summary_url(shared), "Access has ended")
    assert reverse("counsellor:dashboard") in page


def test_a_counsellor_of_another_couple_gets_404(client, shared):
    other = make_counsellor(display_name="Dr. Other")
    x, y = UserFactory(), UserFactory()
    connect(make_couple(x, y), other, x, y)
    assert _status(client, other, summary_url(shared)) == 404


@pytest.mark.parametrize("who", ["partner_a", "partner_b", "outsider", "loner"])
def test_partners_and_outsiders_get_404(client, shared, request, who):
    assert _status(client, request.getfixturevalue(who), summary_url(shared)) == 404


def test_anonymous_goes_to_login(client, shared):
    for url in (summary_url(shared), reverse("counsellor:dashboard")):
        assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_a_counsellor_without_two_factor_is_walked_through_setting_it_up(
    client, couple, partner_a, partner_b
):
    novice = UserFactory(display_name="Dr. New")
    access = connect(couple, novice, partner_a, partner_b)
    client.force_login(novice)
    response = client.get(summary_url(access))
    assert response["Location"] == reverse("counsellor:mfa_needed")
    # The dashboard is their home: it names the couple and says what to do, with no data.
    dashboard = client.get(reverse("counsellor:dashboard")).content.decode()
    assert "Alex &amp; Sam" in dashboard
    assert reverse("mfa_activate_totp") in dashboard
    assert reverse("counsellor:summary", args=[access.pk]) not in dashboard
    assert "Last check-in together" not in dashboard
    page = client.get(reverse("counsellor:mfa_needed")).content.decode()
    assert reverse("mfa_activate_totp") in page
    assert not AccessLogEntry.objects.exists()


def test_wrong_method_is_refused(client, shared, counsellor):
    client.force_login(counsellor)
    assert client.post(summary_url(shared)).status_code == 405
    assert client.post(reverse("counsellor:dashboard")).status_code == 405


def test_the_dashboard_opens_only_couples_sharing_now(
    client, shared, counsellor, partner_a, partner_b
):
    x = UserFactory(display_name="Xenia Featherstonehaugh")
    y = UserFactory(display_name="Yuri Underhill")
    connect(make_couple(x, y), counsellor, x)  # only one consent
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:dashboard")).content.decode()
    assert "Alex &amp; Sam" in html
    sharing, waiting = html.split("Not sharing right now")
    assert "Featherstonehaugh" not in sharing
    # The couple waiting for consent: who invited the counsellor, and nothing more.
    assert "Xenia Featherstonehaugh and their partner" in waiting
    assert "Underhill" not in html
    assert html.count(reverse("counsellor:summary", args=[shared.pk])) == 1
    assert html.count("/counsellor/couples/") == 1


def test_every_view_is_logged_and_shown_to_both_partners(
    client, shared, counsellor, partner_a, partner_b
):
    client.force_login(counsellor)
    client.get(summary_url(shared))
    client.get(reverse("counsellor:dashboard"))
    entries = list(AccessLogEntry.objects.order_by("viewed_at"))
    assert [e.page for e in entries] == ["summary", "dashboard"]
    assert entries[0].weeks_from is not None
    for partner in (partner_a, partner_b):
        client.force_login(partner)
        html = client.get(reverse("couple:counsellors")).content.decode()
        assert "Dr. Rivera viewed the weeks of" in html
        assert "Dr. Rivera viewed your overview" in html


def test_a_refused_view_is_not_logged(client, couple, counsellor, partner_a):
    access = connect(couple, counsellor, partner_a)
    client.force_login(counsellor)
    client.get(summary_url(access))
    assert not AccessLogEntry.objects.exists()


def test_an_open_summary_learns_at_once_that_access_ended(client, shared, counsellor, partner_b):
    client.force_login(counsellor)
    page = client.get(summary_url(shared)).content.decode()
    status_url = reverse("counsellor:status", args=[shared.pk])
    assert f'hx-get="{status_url}"' in page
    assert client.get(status_url, headers={"HX-Request": "true"}).status_code == 204
    counselling_services.consent_revoke(access=shared, partner=partner_b)
    response = client.get(status_url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Sam have paused sharing with you" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert AccessLogEntry.objects.filter(page="summary").count() == 1  # polling reads no data


def test_a_deactivated_partner_account_ends_access(client, shared, counsellor, partner_b):
    partner_b.is_active = False
    partner_b.save(update_fields=["is_active"])
    _shows_nothing(client, counsellor, summary_url(shared), "Sharing is paused")


def test_a_partner_who_also_counsels_finds_the_dashboard_from_home(client, couple, partner_a):
    x, y = UserFactory(), UserFactory()
    connect(make_couple(x, y), partner_a)
    client.force_login(partner_a)
    assert reverse("counsellor:dashboard") in client.get("/").content.decode()


def test_after_the_agreed_end_it_says_sharing_ended_on_that_date(
    client, couple, counsellor, partner_a, partner_b
):
    from datetime import UTC, datetime, timedelta

    import time_machine

    start = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        history(couple, 3)
        access = connect(couple, counsellor)
        counselling_services.consent_grant(access=access, partner=partner_a, span="all", months=3)
        counselling_services.consent_grant(access=access, partner=partner_b, span="all")
    with time_machine.travel(datetime(2027, 3, 3, 10, 0, tzinfo=UTC) - timedelta(seconds=1)):
        assert _status(client, counsellor, summary_url(access)) == 200
    with time_machine.travel(datetime(2027, 3, 3, 10, 0, tzinfo=UTC), tick=False):
        page = _shows_nothing(client, counsellor, summary_url(access), "Access has ended")
        assert "Sharing with you ended on 3 March 2027, the date Alex and Sam agreed." in page
        dashboard = client.get(reverse("counsellor:dashboard")).content.decode()
        assert "Sharing ended on 3 March 2027, the date they agreed." in dashboard
