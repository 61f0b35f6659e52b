"""Choosing how long consent lasts, and what the counsellors page says about the ends."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from counselling import services
from counselling.models import Consent, CounsellorAccess
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
PAGE = reverse("couple:counsellors")


@pytest.fixture
def access(couple, counsellor, partner_a):
    return CounsellorAccess.objects.create(
        couple=couple, counsellor=counsellor, invited_by=partner_a
    )


def signed_in(client, user):
    client.force_login(user)
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302


def post(client, access, **data):
    return client.post(
        reverse("couple:counsellor_consent", args=[access.pk]),
        {"span": "all", "agree": "on", **data},
    )


def test_the_page_offers_four_lengths_with_six_months_chosen(client, access, partner_a):
    signed_in(client, partner_a)
    page = client.get(reverse("couple:counsellor_consent", args=[access.pk])).content.decode()
    for label in ("3 months", "6 months", "12 months", "until I withdraw it"):
        assert label in page
    assert re.search(r'name="lasts" value="6"[^>]*checked', page)


@pytest.mark.parametrize(
    ("lasts", "ends"),
    [
        ("3", datetime(2027, 3, 3, 10, 0, tzinfo=UTC)),
        ("6", datetime(2027, 6, 3, 10, 0, tzinfo=UTC)),
        ("12", datetime(2027, 12, 3, 10, 0, tzinfo=UTC)),
        ("withdrawn", None),
        (None, datetime(2027, 6, 3, 10, 0, tzinfo=UTC)),  # an old form: the default
    ],
)
def test_the_choice_is_stored_as_the_grants_end(client, access, partner_a, lasts, ends):
    with time_machine.travel(START, tick=False):
        signed_in(client, partner_a)
        response = post(client, access, **({} if lasts is None else {"lasts": lasts}))
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.ends_at == ends
    if ends:
        assert f"My consent ends on {ends.day} {ends:%B %Y}" in consent.wording
    else:
        assert "My consent lasts until I withdraw it." in consent.wording


def test_a_length_not_offered_is_refused(client, access, partner_a):
    signed_in(client, partner_a)
    assert post(client, access, lasts="1200").status_code == 422
    assert not Consent.objects.exists()


def test_the_counsellors_page_shows_each_end_the_effective_end_and_an_expiry(
    client, access, partner_a, partner_b
):
    with time_machine.travel(START, tick=False):
        services.consent_grant(access=access, partner=partner_a, span="all", months=3)
        services.consent_grant(access=access, partner=partner_b, span="all", months=None)
        signed_in(client, partner_a)
        page = client.get(PAGE).content.decode()
    assert "your consent ends on 3 March 2027" in page
    assert "their consent lasts until they withdraw it" in page
    assert "Sharing ends on 3 March 2027, the earlier of your two end dates." in page
    assert "Renew or change my end date" in page

    with time_machine.travel(datetime(2027, 3, 3, 10, 0, tzinfo=UTC), tick=False):
        services.end_expired_access()
        signed_in(client, partner_a)
        page = client.get(PAGE).content.decode()
    assert "Sharing ended on 3 March 2027, the date you agreed." in page
    assert "Give consent again" in page
    assert "consent ended on 3 Mar 2027, the date chosen" in page
    # Alex's consent is over: nothing to withdraw, only to give again.
    assert reverse("couple:counsellor_revoke", args=[access.pk]) not in page

    with time_machine.travel(datetime(2027, 3, 3, 10, 0, tzinfo=UTC) + timedelta(days=1)):
        signed_in(client, partner_b)
        page = client.get(PAGE).content.decode()
    assert "Sharing ended on 3 March 2027" in page  # the other partner sees it too
