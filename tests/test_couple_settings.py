"""Couple settings: either partner changes them, both see who changed what."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts import change_log
from accounts.models import CoupleEvent

pytestmark = pytest.mark.django_db

URL = reverse("couple:settings")


def _data(couple, **overrides):
    me, partner = couple.memberships.order_by("seat")
    data = {
        "time_zone": couple.time_zone,
        "week_start_day": couple.week_start_day,
        f"name_{me.pk}": "",
        f"name_{partner.pk}": "",
    }
    return data | overrides


def test_anonymous_goes_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_someone_without_a_couple_gets_404(client, loner):
    client.force_login(loner)
    assert client.get(URL).status_code == 404


def test_wrong_method_is_refused(client, partner_a, couple):
    client.force_login(partner_a)
    assert client.delete(URL).status_code == 405


def test_it_shows_our_settings_only(client, partner_a, couple, outsider):
    client.force_login(partner_a)
    html = client.get(URL).content.decode()
    assert "How Sam is shown" in html
    assert "Outerbridge" not in html
    assert "Otherington" not in html


def test_a_change_is_saved_and_shown_to_the_partner(client, partner_a, partner_b, couple):
    client.force_login(partner_a)
    response = client.post(URL, _data(couple, time_zone="Asia/Tokyo", week_start_day=6))
    assert response.status_code == 302
    couple.refresh_from_db()
    assert (couple.time_zone, couple.week_start_day) == ("Asia/Tokyo", 6)
    client.force_login(partner_b)
    html = client.get(URL).content.decode()
    assert "Alex changed the time zone from UTC to Asia/Tokyo." in html
    assert "Alex changed the first day of the check-in week from Monday to Sunday." in html
    client.force_login(partner_a)
    html = client.get(URL).content.decode()
    assert "You changed the time zone from UTC to Asia/Tokyo." in html


def test_the_partner_sees_a_renamed_partner(client, partner_a, partner_b, couple):
    client.force_login(partner_a)
    sam = couple.memberships.get(user=partner_b)
    client.post(URL, _data(couple, **{f"name_{sam.pk}": "Sammy"}))
    sam.refresh_from_db()
    assert sam.name == "Sammy"
    assert CoupleEvent.objects.filter(
        change={"what": "renamed", "old": "Sam", "new": "Sammy"}
    ).exists()
    client.force_login(partner_b)
    assert "Alex renamed Sam to Sammy." in client.get(URL).content.decode()


def test_each_partner_reads_the_change_log_in_their_own_language(
    client, partner_a, partner_b, couple
):
    """What changed is stored as data, so the reader's language words it, whoever changed it
    and in whichever language they were using then."""
    client.force_login(partner_a)
    with translation.override("de"):
        client.post(URL, _data(couple, week_start_day=6))
    event = CoupleEvent.objects.get(kind=CoupleEvent.Kind.SETTINGS)
    assert event.change == {"what": "week_start_day", "old": 0, "new": 6}
    assert event.detail == ""
    with translation.override("es"):
        spanish = change_log.sentence(event, yours=False, name="Alex")
        expected = gettext(
            "%(name)s changed the first day of the check-in week from %(old)s to %(new)s."
        ) % {"name": "Alex", "old": gettext("Monday"), "new": gettext("Sunday")}
    assert spanish == expected


def test_an_entry_from_before_changes_were_data_reads_as_it_was_written(partner_a, couple):
    event = CoupleEvent.objects.create(
        couple=couple,
        actor=partner_a,
        kind=CoupleEvent.Kind.SETTINGS,
        detail="renamed Sam to Sammy",
    )
    assert change_log.sentence(event, yours=True, name="Alex") == "You: renamed Sam to Sammy"
    assert change_log.sentence(event, yours=False, name="Alex") == "Alex: renamed Sam to Sammy"


def test_htmx_save_swaps_the_form_and_announces_it(client, partner_a, couple):
    client.force_login(partner_a)
    response = client.post(
        URL, _data(couple, time_zone="Europe/Oslo"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'role="status" aria-live="polite"' in html
    assert "Saved." in html


def test_a_bad_value_is_explained_and_the_rest_is_kept(client, partner_a, couple):
    client.force_login(partner_a)
    sam = couple.memberships.get(seat=2)
    response = client.post(
        URL, _data(couple, time_zone="Mars/Olympus", **{f"name_{sam.pk}": "Sammy"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "know a time zone called “Mars/Olympus”" in html
    assert 'value="Mars/Olympus"' in html  # what was typed is kept
    assert 'value="Sammy"' in html
    couple.refresh_from_db()
    assert couple.time_zone == "UTC"


def test_nothing_changed_logs_nothing(client, partner_a, couple):
    client.force_login(partner_a)
    client.post(URL, _data(couple))
    assert not CoupleEvent.objects.filter(kind=CoupleEvent.Kind.SETTINGS).exists()
