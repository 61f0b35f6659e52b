"""A counsellor's own home and navigation, a person on both sides switching between them,
and the counsellor's start: from the invitation email through sign-up and confirmation back
to the invitation, and from two-factor setup back to the dashboard."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from counselling import services as counselling_services
from intimacy.roles import Roles, roles_of
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import PASSWORD, UserFactory, make_couple

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("counsellor:dashboard")


def _nav(page: str) -> str:
    return page.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


@pytest.fixture
def counsels(couple, counsellor, partner_a, partner_b):
    return connect(couple, counsellor, partner_a, partner_b)


@pytest.fixture
def both(couple, partner_a, partner_b):
    """Someone with a couple of their own who also counsels Alex and Sam."""
    person = make_counsellor(display_name="Dr. Both")
    make_couple(person, UserFactory(display_name="Bea"))
    connect(couple, person, partner_a, partner_b)
    return person


def test_a_counsellor_without_a_couple_is_home_on_their_dashboard(client, counsels, counsellor):
    client.force_login(counsellor)
    assert client.get(reverse("home"))["Location"] == DASHBOARD
    page = client.get(DASHBOARD).content.decode()
    nav = _nav(page)
    assert "Your couples" in nav
    assert reverse("mfa_index") in nav
    for couples_page in ("checkins:history", "checkins:trends"):
        assert reverse(couples_page) not in nav
    assert "Invite your partner" not in page
    assert "Two-factor authentication is on." in page
    # ... and can still start a check-in of their own.
    assert reverse("home") + "?own" in page
    own = client.get(reverse("home") + "?own")
    assert own.status_code == 200
    assert "Invite your partner" in own.content.decode()


def test_the_counsellor_navigation_follows_them_to_their_account_pages(
    client, counsels, counsellor
):
    client.force_login(counsellor)
    nav = _nav(client.get(reverse("account_email")).content.decode())
    assert "Your couples" in nav
    assert reverse("checkins:history") not in nav


def test_a_partner_sees_the_couples_navigation_and_no_switch(client, couple, partner_a):
    client.force_login(partner_a)
    nav = _nav(client.get(reverse("home")).content.decode())
    assert reverse("checkins:history") in nav
    assert "Your couples" not in nav
    assert "Switch to" not in nav


def test_someone_on_both_sides_switches_clearly(client, both):
    client.force_login(both)
    home = client.get(reverse("home"))
    assert home.status_code == 200  # their own couple's home, not a redirect
    nav = _nav(home.content.decode())
    assert reverse("checkins:history") in nav
    assert f'<a href="{DASHBOARD}">Switch to counselling</a>' in nav

    dashboard = client.get(DASHBOARD).content.decode()
    nav = _nav(dashboard)
    assert reverse("checkins:history") not in nav
    assert "Your couples" in nav
    assert f'<a href="{reverse("home")}">Switch to your own check-in</a>' in nav
    assert "Alex &amp; Sam" in dashboard


def test_roles_come_with_the_signed_in_user_and_are_right_without_it(
    couple, partner_a, counsels, counsellor, loner, both
):
    assert roles_of(User.objects.get(pk=partner_a.pk)) == Roles(in_couple=True, counsels=False)
    assert roles_of(User.objects.get(pk=counsellor.pk)) == Roles(in_couple=False, counsels=True)
    assert roles_of(User.objects.get(pk=loner.pk)) == Roles(in_couple=False, counsels=False)
    assert roles_of(User.objects.get(pk=both.pk)) == Roles(in_couple=True, counsels=True)


def test_a_removed_counsellor_is_no_longer_on_the_counsellor_side(
    client, counsels, counsellor, partner_a
):
    counselling_services.counsellor_remove(access=counsels, by=partner_a)
    assert roles_of(User.objects.get(pk=counsellor.pk)) == Roles(in_couple=False, counsels=False)
    client.force_login(counsellor)
    assert client.get(reverse("home")).status_code == 200


def _current_totp(secret: str) -> str:
    """The code an authenticator app shows now (never one about to expire)."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def _turn_on_two_factor(client, person):
    """Log in with the password, set up the authenticator app, land on the recovery codes."""
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    # allauth asks for the password again before a change of two-factor settings.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    setup = client.get(reverse("mfa_activate_totp"))
    secret = setup.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_totp(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    return client.get(response["Location"]).content.decode()


def test_two_factor_setup_ends_back_on_the_counsellor_dashboard(client, couple, partner_a):
    novice = UserFactory(display_name="Dr. New", email="new@clinic.example")
    connect(couple, novice)
    page = _turn_on_two_factor(client, novice)
    assert "Your recovery codes" in page
    assert f'<a class="button" href="{DASHBOARD}">Back to your dashboard</a>' in page
    assert "Two-factor authentication is on." in client.get(DASHBOARD).content.decode()


def test_a_partner_setting_up_two_factor_goes_back_home(client, partner_a):
    page = _turn_on_two_factor(client, partner_a)
    assert f'<a class="button" href="{reverse("home")}">Back to your dashboard</a>' in page


def test_a_counsellor_invitation_survives_sign_up_and_confirmation(client, couple, partner_a):
    _, token = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="lee@clinic.example"
    )
    invite_url = reverse("counsellor:invite", args=[token])
    page = client.get(invite_url).content.decode()
    signup = html.unescape(re.search(r'href="([^"]*/accounts/signup/\?next=[^"]*)"', page)[1])
    mail.outbox.clear()
    client.post(
        signup,
        {
            "display_name": "Dr. Lee",
            "email": "lee@clinic.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    (confirmation,) = mail.outbox
    link = re.search(r"https?://\S+", confirmation.body)[0]
    response = client.post(link)
    assert response["Location"] == invite_url  # signed in and back on the invitation
    page = client.get(invite_url).content.decode()
    accept = reverse("counsellor:invite_accept", args=[token])
    assert f'action="{accept}"' in page  # one click from accepting
    response = client.post(accept)
    assert response["Location"] == DASHBOARD
    dashboard = client.get(DASHBOARD).content.decode()
    assert "Alex and their partner" in dashboard
    assert reverse("mfa_activate_totp") in dashboard
