"""Ending a couple: a clear confirmation, an email to the partner, nothing deleted."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Couple, Membership
from accounts.scoping import couple_for

pytestmark = pytest.mark.django_db

URL = reverse("couple:unpair")


def test_anonymous_goes_to_login(client):
    assert client.post(URL)["Location"].startswith(reverse("account_login"))


def test_someone_without_a_couple_gets_404(client, loner):
    client.force_login(loner)
    assert client.get(URL).status_code == 404


def test_wrong_method_is_refused(client, partner_a, couple):
    client.force_login(partner_a)
    assert client.put(URL).status_code == 405


def test_the_confirmation_says_exactly_what_happens(client, partner_a, couple):
    client.force_login(partner_a)
    html = client.get(URL).content.decode()
    assert "keep read access to your own past answers" in html
    assert "Sam is told by email" in html
    assert "counsellor access ends" in html
    assert "Nothing is deleted" in html


def test_it_needs_the_box_ticked(client, partner_a, couple):
    client.force_login(partner_a)
    response = client.post(URL, {})
    assert "Please tick the box to confirm" in response.content.decode()
    couple.refresh_from_db()
    assert couple.closed_at is None


def test_it_ends_the_couple_and_tells_the_partner(
    client, partner_a, partner_b, couple, django_capture_on_commit_callbacks
):
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"confirm": "on"}, follow=True)
    assert "Your couple has ended" in response.content.decode()
    couple.refresh_from_db()
    assert couple.closed_at is not None
    assert couple.closed_by == partner_a
    assert couple_for(partner_a) is None
    assert couple_for(partner_b) is None
    assert Membership.objects.filter(couple=couple).count() == 2  # nothing deleted
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    assert "Alex has ended your couple" in mail.outbox[0].body


def test_after_unpairing_a_new_couple_can_start(client, partner_a, couple):
    client.force_login(partner_a)
    client.post(URL, {"confirm": "on"})
    client.post(reverse("couple:start"))
    assert Couple.objects.open().filter(memberships__user=partner_a).count() == 1
