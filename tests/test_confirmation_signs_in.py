"""Confirming an email signs the person in and takes them on to where they were going (the
invitation they followed), with no second login; in another browser it asks to log in."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services
from tests.factories import PASSWORD, make_couple

pytestmark = pytest.mark.django_db


def _link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture
def invite_url(partner_a):
    _, token = services.invite_create(couple=make_couple(partner_a), by=partner_a)
    return reverse("couple:invite", args=[token])


def _sign_up_from(client, invite_url):
    page = client.get(invite_url).content.decode()
    signup = html.unescape(re.search(r'href="([^"]*/accounts/signup/\?next=[^"]*)"', page).group(1))
    assert "next=" in signup
    client.post(
        signup,
        {
            "display_name": "Sam",
            "email": "sam@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    (message,) = mail.outbox
    return _link_in(message)


def test_confirming_signs_in_and_lands_on_the_invitation(client, invite_url):
    link = _sign_up_from(client, invite_url)
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == invite_url
    page = client.get(invite_url).content.decode()
    assert client.session.get("_auth_user_id")
    assert "Alex" in page
    assert reverse("account_login") not in page.split("<main", 1)[1]  # no "log in to accept"


def test_confirming_in_another_browser_confirms_but_asks_to_log_in(client, invite_url):
    link = _sign_up_from(client, invite_url)
    elsewhere = Client()
    response = elsewhere.post(link)
    assert response.status_code == 302
    assert not elsewhere.session.get("_auth_user_id")
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email="sam@example.com").verified


def test_a_plain_sign_up_lands_home_signed_in(client):
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Sam",
            "email": "sam@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    response = client.post(_link_in(mail.outbox[0]))
    assert response["Location"] == reverse("home")
    assert "Welcome, Sam" in client.get(reverse("home")).content.decode()
