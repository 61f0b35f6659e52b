"""The time zone: a searchable text box on the settings page, the browser's zone when a
couple starts, and never a silent fall back to UTC."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts import services, time_zones
from accounts.models import CoupleEvent
from accounts.scoping import couple_for

SETTINGS = reverse("couple:settings")
START = reverse("couple:start")
CHECK_NOTE = "Your time zone is UTC. Is that right?"


# --- the pure matching rules -------------------------------------------------------------


@given(st.sampled_from(time_zones.names()))
def test_every_name_is_its_own_canonical_form(name):
    assert time_zones.canonical(name) == name


@given(st.sampled_from(time_zones.names()), st.sampled_from([str.lower, str.upper, str.title]))
def test_case_spaces_and_underscores_do_not_matter(name, recase):
    typed = "  " + recase(name).replace("_", " ") + " "
    assert time_zones.canonical(typed) == name


@given(st.text(max_size=40))
def test_whatever_is_typed_is_a_known_loadable_zone_or_refused(typed):
    try:
        found = time_zones.canonical(typed)
    except time_zones.UnknownTimeZone:
        return
    assert found in time_zones.names()
    ZoneInfo(found)


def test_a_place_named_by_one_zone_is_enough_but_an_ambiguous_one_is_not():
    assert time_zones.canonical("new york") == "America/New_York"
    assert time_zones.canonical("London") == "Europe/London"
    with pytest.raises(time_zones.UnknownTimeZone):
        time_zones.canonical("Indianapolis")  # America/ and America/Indiana/
    assert "America/Indiana/Indianapolis" in time_zones.suggestions("Indianapolis")


def test_server_only_names_are_not_offered():
    assert "localtime" not in time_zones.names()
    assert "Factory" not in time_zones.names()
    with pytest.raises(time_zones.UnknownTimeZone):
        time_zones.canonical("localtime")


# --- starting a couple -------------------------------------------------------------------


def _start(client, user, **data):
    client.force_login(user)
    assert client.post(START, data).status_code == 302
    return couple_for(user).couple


@pytest.mark.django_db
def test_the_browsers_zone_is_kept_and_counts_as_chosen(client, loner):
    couple = _start(client, loner, time_zone="Asia/Kolkata")
    assert (couple.time_zone, couple.time_zone_confirmed) == ("Asia/Kolkata", True)
    assert CHECK_NOTE not in client.get(SETTINGS).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [{}, {"time_zone": ""}, {"time_zone": "Etc/Unknown"}])
def test_without_a_known_browser_zone_utc_comes_with_a_visible_question(client, loner, sent):
    couple = _start(client, loner, **sent)
    assert (couple.time_zone, couple.time_zone_confirmed) == ("UTC", False)
    html = client.get(SETTINGS).content.decode()
    assert CHECK_NOTE in html


@pytest.mark.django_db
def test_saving_the_settings_answers_the_question_without_a_log_entry(client, loner):
    couple = _start(client, loner)
    me = couple.memberships.get()
    client.post(SETTINGS, {"time_zone": "UTC", "week_start_day": 0, f"name_{me.pk}": ""})
    couple.refresh_from_db()
    assert couple.time_zone_confirmed
    assert CHECK_NOTE not in client.get(SETTINGS).content.decode()
    assert not CoupleEvent.objects.filter(kind=CoupleEvent.Kind.SETTINGS).exists()


@pytest.mark.django_db
def test_the_service_refuses_an_unknown_zone_instead_of_guessing(loner):
    with pytest.raises(time_zones.UnknownTimeZone):
        services.couple_start(user=loner, time_zone="Mars/Olympus")
    assert couple_for(loner) is None
    assert not services.couple_start(user=loner).time_zone_confirmed


# --- the settings field ------------------------------------------------------------------


def _data(couple, **overrides):
    me, partner = couple.memberships.order_by("seat")
    return {
        "time_zone": couple.time_zone,
        "week_start_day": couple.week_start_day,
        f"name_{me.pk}": "",
        f"name_{partner.pk}": "",
    } | overrides


@pytest.mark.django_db
def test_the_field_is_a_text_box_searching_every_zone(client, partner_a, couple):
    client.force_login(partner_a)
    html = client.get(SETTINGS).content.decode()
    assert 'type="text" name="time_zone"' in html
    assert 'list="time-zone-names"' in html
    assert '<datalist id="time-zone-names">' in html
    datalist = html[html.index('<datalist id="time-zone-names">') : html.index("</datalist>")]
    assert datalist.count("<option value=") == len(time_zones.names())
    for name in ("Europe/London", "America/New_York", "Pacific/Auckland", "UTC"):
        assert f'<option value="{name}">' in html
    assert '<select name="time_zone"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "saved"),
    [("europe/berlin", "Europe/Berlin"), ("New York", "America/New_York"), ("Tokyo", "Asia/Tokyo")],
)
def test_a_forgivingly_typed_zone_is_saved_by_its_proper_name(
    client, partner_a, couple, typed, saved
):
    client.force_login(partner_a)
    assert client.post(SETTINGS, _data(couple, time_zone=typed)).status_code == 302
    couple.refresh_from_db()
    assert couple.time_zone == saved
    assert CoupleEvent.objects.filter(
        change={"what": "time_zone", "old": "UTC", "new": saved}
    ).exists()


@pytest.mark.django_db
def test_an_unknown_zone_is_explained_with_suggestions_and_what_was_typed_kept(
    client, partner_a, couple
):
    client.force_login(partner_a)
    response = client.post(SETTINGS, _data(couple, time_zone="Indianapolis", week_start_day=3))
    html = response.content.decode()
    assert "know a time zone called “Indianapolis”" in html
    assert "Did you mean America/Indiana/Indianapolis or America/Indianapolis?" in html
    assert 'value="Indianapolis"' in html
    assert 'aria-invalid="true"' in html
    couple.refresh_from_db()
    assert (couple.time_zone, couple.week_start_day) == ("UTC", 0)


@pytest.mark.django_db
def test_an_unknown_zone_over_htmx_swaps_the_form_with_the_error(client, partner_a, couple):
    client.force_login(partner_a)
    response = client.post(
        SETTINGS, _data(couple, time_zone="Nowhere"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "<html" not in html
    assert "know a time zone called “Nowhere”" in html
    assert '<datalist id="time-zone-names">' in html
