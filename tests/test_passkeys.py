"""Passkeys (allauth's WebAuthn) beside the authenticator app and recovery codes.

The browser test (tests/browser/test_passkeys.py) adds one with a virtual authenticator and
logs in with it alone; here: the settings, the pages' words and scripts under the CSP, and a
passkey counting as a counsellor's second factor.
"""

from __future__ import annotations

import html
import re

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.checkin_helpers import history
from tests.counselling_helpers import connect
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def _passkey(user, *, passwordless: bool = True) -> Authenticator:
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Phone", "credential": {}, "passwordless": passwordless},
    )


def test_passkeys_are_on_for_two_factor_and_for_logging_in():
    assert "webauthn" in mfa_settings.SUPPORTED_TYPES
    assert mfa_settings.PASSKEY_LOGIN_ENABLED
    # Plain http://127.0.0.1 only in development and tests.
    assert (
        mfa_settings.WEBAUTHN_ALLOW_INSECURE_ORIGIN is settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN
    )


def test_the_insecure_origin_is_never_allowed_in_production():
    from tests.production import run_python

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN, settings.SESSION_IDLE_TIMEOUT,"
        " settings.SESSION_MAX_AGE)"
    )
    result = run_python(code)
    assert result.stdout.split() == ["False", "1209600", "2592000"], result.stderr
    refused = run_python(code, SESSION_IDLE_TIMEOUT="7200", SESSION_MAX_AGE="3600")
    assert "SESSION_IDLE_TIMEOUT must not be longer than SESSION_MAX_AGE" in refused.stderr


def _scripts_and_data(page: str) -> tuple[list[str], list[str]]:
    tags = re.findall(r"<script\b[^>]*>", page)
    code = [t for t in tags if 'type="application/json"' not in t]
    data = [t for t in tags if 'type="application/json"' in t]
    return code, data


def test_the_login_page_offers_a_passkey_under_the_csp(client):
    response = client.get(reverse("account_login"))
    page = html.unescape(response.content.decode())
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    code, data = _scripts_and_data(page)
    # Every script is a static file carrying the nonce; the rest is JSON data, never run.
    for tag in code:
        assert 'src="/static/' in tag, tag
        assert f'nonce="{nonce}"' in tag, tag
    assert any("webauthn.js" in t for t in code)
    assert any("passkeys.js" in t for t in code)
    assert data
    assert re.search(r"<script[^>]*>\s*[^<\s{]", page) is None  # no inline code
    assert "Log in with a passkey" in page
    # Hidden until the script shows it; the note says why when it can't.
    assert re.search(r"<div data-passkey-js-only hidden>\s*<button[^>]*id=\"passkey_login\"", page)
    assert "Passkeys need JavaScript, which is off in this browser." in page


def test_the_add_page_names_the_passkey_after_this_device(client):
    user = UserFactory()
    client = Client(headers={"user-agent": FIREFOX})
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = html.unescape(client.get(reverse("mfa_add_webauthn")).content.decode())
    assert "A name, so you can tell your passkeys apart" in page
    assert 'value="Firefox on Linux"' in page
    assert "Use it to log in without a password" in page
    assert re.search(r'<input[^>]*name="passwordless"[^>]*checked', page)


def test_the_two_factor_page_counts_passkeys(client):
    user = UserFactory()
    client.force_login(user)
    page = html.unescape(client.get(reverse("mfa_index")).content.decode())
    assert "None yet. A passkey on your phone or computer" in page
    _passkey(user)
    page = html.unescape(client.get(reverse("mfa_index")).content.decode())
    assert "You have 1 passkey." in page


@pytest.mark.parametrize("passwordless", [True, False])
def test_a_passkey_is_a_counsellors_second_factor(
    client, couple, partner_a, partner_b, passwordless
):
    counsellor = UserFactory(display_name="Rivera", email="rivera@example.com")
    history(couple, 2)
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(counsellor)
    summary = reverse("counsellor:summary", args=[access.pk])
    assert client.get(summary)["Location"] == reverse("counsellor:mfa_needed")
    page = html.unescape(client.get(reverse("counsellor:mfa_needed")).content.decode())
    assert f'<a href="{reverse("mfa_add_webauthn")}">add a passkey</a>' in page
    _passkey(counsellor, passwordless=passwordless)
    assert client.get(summary).status_code == 200
    assert client.get(reverse("counsellor:mfa_needed"))["Location"] == reverse(
        "counsellor:dashboard"
    )


def test_the_code_step_offers_no_passkey_to_someone_without_one(client):
    from tests.counselling_helpers import make_counsellor

    make_counsellor(display_name="Robin", email="robin@example.com")
    client.post(reverse("account_login"), {"login": "robin@example.com", "password": PASSWORD})
    page = html.unescape(client.get(reverse("mfa_authenticate")).content.decode())
    assert "Use a passkey" not in page
    assert "or use your passkey" not in page
    assert "Cancel" in page
    # With one, the page offers it: tests/browser/test_passkeys.py (a real credential).
