"""The part about affection is a double opt-in: each partner chooses it in their own
settings, it is in the check-in only while both have, and nothing anyone sees, no change
log entry and no email, tells one partner what the other chose."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import CoupleEvent, Membership
from accounts.scoping import couple_for
from checkins import selectors, services
from checkins.forms import AnswerData, CheckInData
from checkins.selectors import clock_for

pytestmark = pytest.mark.django_db

SETTINGS = reverse("couple:settings")
CHOICES = reverse("couple:settings_choices")
PHYSICAL_FIELD = 'name="physical-rating"'


def _checkin_url(couple) -> str:
    return reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()])


def _choose(membership: Membership, wants: bool) -> None:
    Membership.objects.filter(pk=membership.pk).update(wants_physical=wants)


def _seats(couple) -> tuple[Membership, Membership]:
    a, b = couple.memberships.order_by("seat")
    return a, b


def _without_tokens(html: str) -> str:
    """The page minus what differs on every request (CSRF tokens, CSP nonces)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "«csrf»", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "«csrf-header»", html)
    return re.sub(r'nonce="[^"]+"', "«nonce»", html)


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return _without_tokens(response.content.decode())


@pytest.mark.parametrize(
    ("a_wants", "b_wants"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_the_part_is_in_both_check_ins_only_when_both_chose_it(
    client, partner_a, partner_b, couple, a_wants, b_wants
):
    a, b = _seats(couple)
    _choose(a, a_wants)
    _choose(b, b_wants)
    for person in (partner_a, partner_b):
        html = _page(client, person, _checkin_url(couple))
        assert (PHYSICAL_FIELD in html) is (a_wants and b_wants)


def test_a_person_waiting_for_a_partner_never_gets_the_part(loner):
    from tests.factories import make_couple

    couple = make_couple(loner)
    _choose(couple.memberships.get(), True)
    assert "physical" not in selectors.dimensions_for(couple_for(loner))


def test_a_partner_who_joins_has_chosen_nothing_yet(partner_a, partner_b):
    """Choosing while waiting for a partner is kept, and the one who joins decides too."""
    from accounts import services as accounts_services

    couple = accounts_services.couple_start(user=partner_a, time_zone="Europe/Paris")
    _choose(couple.memberships.get(), True)
    _, token = accounts_services.invite_create(couple=couple, by=partner_a)
    accounts_services.invite_accept(token=token, user=partner_b)
    assert couple.memberships.get(user=partner_b).wants_physical is False
    assert "physical" not in selectors.dimensions_for(couple_for(partner_a))


def test_deciding_needs_no_query(partner_a, couple, django_assert_num_queries):
    a, b = _seats(couple)
    _choose(a, True)
    _choose(b, True)
    ctx = couple_for(partner_a)
    with django_assert_num_queries(0):
        assert selectors.dimensions_for(ctx)[-1] == "physical"


def test_the_choice_is_explained_kindly_in_the_persons_own_section(client, partner_a, couple):
    html = _page(client, partner_a, SETTINGS)
    assert "Just for you" in html
    assert "Add a part about affection and touch" in html
    assert "It appears only if you both choose it; neither of you is told what the other" in html
    # The shared form does not carry it: that one is logged for both to see.
    shared = html[html.index('id="settings-form"') : html.index("</form>")]
    assert "wants_physical" not in shared


def test_choosing_saves_only_my_seat_with_no_log_entry_and_no_email(
    client, partner_a, partner_b, couple, django_capture_on_commit_callbacks
):
    a, b = _seats(couple)
    events = CoupleEvent.objects.count()
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHOICES, {"wants_physical": "on"}, follow=True)
    assert response.redirect_chain == [(SETTINGS, 302)]
    assert "Saved. Only you can see this choice." in response.content.decode()
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.wants_physical, b.wants_physical) == (True, False)
    assert CoupleEvent.objects.count() == events
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHOICES, {})  # and back off again
    a.refresh_from_db()
    assert a.wants_physical is False
    assert CoupleEvent.objects.count() == events
    assert mail.outbox == []


def test_choosing_with_htmx_swaps_only_the_choice_form(client, partner_a, couple):
    client.force_login(partner_a)
    response = client.post(CHOICES, {"wants_physical": "on"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="choices-form"' in html
    assert "checked" in html
    assert "Saved. Only you can see this choice." in html


def test_the_shared_settings_form_cannot_set_anyones_choice(client, partner_a, couple):
    a, b = _seats(couple)
    client.force_login(partner_a)
    client.post(
        SETTINGS,
        {
            "time_zone": "UTC",
            "week_start_day": 0,
            f"name_{a.pk}": "",
            f"name_{b.pk}": "",
            "wants_physical": "on",
        },
    )
    assert not Membership.objects.filter(wants_physical=True).exists()


def test_someone_without_a_couple_gets_404_and_nothing_changes(client, loner, couple):
    client.force_login(loner)
    assert client.post(CHOICES, {"wants_physical": "on"}).status_code == 404
    assert not Membership.objects.filter(wants_physical=True).exists()


@pytest.mark.parametrize("url_name", ["settings", "checkin", "home", "history"])
def test_my_partners_pages_are_the_same_whatever_i_chose(
    client, partner_a, partner_b, couple, url_name
):
    """Sam's pages, and Alex's own check-in, are byte for byte the same whether Alex chose
    the part or not: nothing tells either of them what the other chose."""
    from tests.checkin_helpers import history

    history(couple, 1)
    url = {
        "settings": SETTINGS,
        "checkin": _checkin_url(couple),
        "home": reverse("home"),
        "history": reverse("checkins:history"),
    }[url_name]
    a, _ = _seats(couple)
    sams_before = _page(client, partner_b, url)
    alexs_before = _page(client, partner_a, url)
    _choose(a, True)
    assert _page(client, partner_b, url) == sams_before
    if url_name != "settings":  # Alex's own settings show Alex's own box ticked
        assert _page(client, partner_a, url) == alexs_before


def test_my_settings_are_the_same_whatever_my_partner_chose(client, partner_a, couple):
    """Alex's settings page doesn't change when Sam chooses the part, or declines it."""
    a, b = _seats(couple)
    _choose(a, True)
    declined = _page(client, partner_a, SETTINGS)
    _choose(b, True)
    assert _page(client, partner_a, SETTINGS) == declined


def _submit(ctx) -> None:
    answer = AnswerData(rating=3, reflection="«words»", need="")
    data = CheckInData(
        answers=dict.fromkeys(selectors.dimensions_for(ctx), answer),
        appreciation="«thanks»",
        private_note="",
        signs=[],
        follow_through="",
    )
    services.checkin_submit(ctx=ctx, starts_on=clock_for(ctx.couple).current, data=data)


def _email_after_submitting(partner, captured) -> list[tuple[list[str], str, str]]:
    mail.outbox.clear()
    with captured(execute=True):
        _submit(couple_for(partner))
    return [(m.to, m.subject, m.body) for m in mail.outbox]


def test_the_email_my_partner_gets_is_the_same_whatever_i_chose(
    partner_a, partner_b, couple, django_capture_on_commit_callbacks
):
    from checkins.models import CheckIn

    a, _ = _seats(couple)
    plain = _email_after_submitting(partner_a, django_capture_on_commit_callbacks)
    assert plain
    CheckIn.objects.all().delete()
    _choose(a, True)
    assert _email_after_submitting(partner_a, django_capture_on_commit_callbacks) == plain
