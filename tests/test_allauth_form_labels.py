"""allauth's forms speak in Twoway's words: sentence-case, warm labels and placeholders.

Each page is reached the way a person reaches it (the reset key from the real email, the
two-factor step from a real login), as in tests/test_allauth_pages.py. The forms are
allauth's own underneath (accounts/allauth_forms.py changes only words and widget
attributes), so logging in, signing up and the two-factor step still work through them.
"""

from __future__ import annotations

import html
import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from accounts import allauth_forms
from accounts.models import User
from tests.counselling_helpers import make_counsellor
from tests.factories import PASSWORD, UserFactory
from tests.test_allauth_pages import PAGES

pytestmark = pytest.mark.django_db

# allauth's own wording, which must not be left on any of these pages.
TITLE_CASE = [
    "Remember Me",
    "Current Password",
    "New Password",
    "New Password (again)",
    "Password (again)",
    "Email (again)",
    "Authenticator code",
    "Forgot your password?",
]

# name: {field name: (label, placeholder or None for none, autocomplete or None)}
FIELDS: dict[str, dict[str, tuple[str, str | None, str | None]]] = {
    "account_login": {
        "login": ("Email address", "you@example.com", "email"),
        "password": ("Password", "Password", "current-password"),
        "remember": ("Remember me on this device", None, None),
    },
    "account_signup": {
        "display_name": ("Your name", None, "given-name"),
        "email": ("Email address", "you@example.com", "email"),
        "password1": ("Password", "Password", "new-password"),
        "password2": ("Password, once more", "Password, once more", "new-password"),
    },
    "account_email": {
        "email": ("Email address", "you@example.com", "email"),
    },
    "account_change_password": {
        "oldpassword": ("Current password", "Current password", "current-password"),
        "password1": ("New password", "New password", "new-password"),
        "password2": ("New password, once more", "New password, once more", "new-password"),
    },
    "account_set_password": {
        "password1": ("Password", "Password", "new-password"),
        "password2": ("Password, once more", "Password, once more", "new-password"),
    },
    "account_reset_password": {
        "email": ("Email address", "you@example.com", "email"),
    },
    "account_reset_password_from_key": {
        "password1": ("New password", "New password", "new-password"),
        "password2": ("New password, once more", "New password, once more", "new-password"),
    },
    "account_reauthenticate": {
        "password": ("Password", "Password", "current-password"),
    },
    "mfa_activate_totp": {
        "code": ("Code from your authenticator app", "6-digit code", "one-time-code"),
    },
    "mfa_authenticate": {
        "code": (
            "Code from your authenticator app, or a recovery code",
            "6-digit code",
            "one-time-code",
        ),
    },
    "mfa_reauthenticate": {
        "code": (
            "Code from your authenticator app, or a recovery code",
            "6-digit code",
            "one-time-code",
        ),
    },
}


def _main(client, name: str) -> str:
    """The page's own part, from its heading to the end of <main>."""
    setup, _, _ = PAGES[name]
    response = client.get(setup(client))
    assert response.status_code == 200, f"{name}: {response.status_code}"
    page = html.unescape(response.content.decode())
    return page[page.index("<h1") : page.index("</main>")]


def _input(page: str, field: str) -> str:
    found = re.findall(rf'<input\b[^>]*\bname="{field}"[^>]*\bid="id_{field}"[^>]*>', page)
    assert len(found) == 1, (field, found)
    return found[0]


def _attr(tag: str, attr: str) -> str | None:
    match = re.search(rf'\s{attr}="([^"]*)"', tag)
    return match.group(1) if match else None


def _label(page: str, field_id: str) -> str:
    found = re.findall(rf'<label[^>]*\bfor="{field_id}"[^>]*>(.*?)</label>', page, flags=re.S)
    assert len(found) == 1, (field_id, found)
    return " ".join(re.sub(r"<[^>]+>", "", found[0]).split()).removesuffix(":")


@pytest.mark.parametrize("name", FIELDS)
def test_each_field_has_twoways_label_placeholder_and_autocomplete(client, name):
    page = _main(client, name)
    for field, (label, placeholder, autocomplete) in FIELDS[name].items():
        box = _input(page, field)
        assert _label(page, _attr(box, "id")) == label, (name, field)
        assert _attr(box, "placeholder") == placeholder, (name, field)
        assert _attr(box, "autocomplete") == autocomplete, (name, field)


@pytest.mark.parametrize("name", FIELDS)
def test_allauths_title_case_labels_are_gone(client, name):
    page = _main(client, name)
    for words in TITLE_CASE:
        assert words not in page, f"{name} still says {words!r}"
    assert 'placeholder="Code"' not in page
    assert 'placeholder="Email address"' not in page
    # Every label is sentence case: a capital only where a sentence starts.
    for label in re.findall(r"<label[^>]*>(.*?)</label>", page, flags=re.S):
        text = " ".join(re.sub(r"<[^>]+>", "", label).split())
        if "@" in text:  # an email address's own radio label
            continue
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert sentence[1:] == sentence[1:].lower(), label


@pytest.mark.parametrize("name", FIELDS)
def test_passwords_and_codes_can_be_pasted(client, name):
    page = _main(client, name)
    assert "onpaste" not in page.lower()
    assert "oncopy" not in page.lower()
    for field in FIELDS[name]:
        box = _input(page, field)
        if field == "code":
            assert _attr(box, "inputmode") == "numeric"
            assert _attr(box, "type") == "text"


@pytest.mark.parametrize("name", ["account_login", "account_reauthenticate"])
def test_the_forgotten_password_help_is_warm_and_links_to_reset(client, name):
    page = _main(client, name)
    assert f'<a href="{reverse("account_reset_password")}">Forgotten your password?</a>' in page
    box = _input(page, "password")
    assert _attr(box, "aria-describedby") == "id_password_helptext"


def test_the_change_password_page_offers_the_reset_link_once(client):
    page = _main(client, "account_change_password")
    assert page.count(f'href="{reverse("account_reset_password")}"') == 1


def test_allauth_uses_twoways_forms(settings):
    from allauth.account import app_settings as account_settings
    from allauth.mfa import app_settings as mfa_settings

    for key, form in {
        "login": allauth_forms.LoginForm,
        "signup": allauth_forms.SignupForm,
        "add_email": allauth_forms.AddEmailForm,
        "change_password": allauth_forms.ChangePasswordForm,
        "set_password": allauth_forms.SetPasswordForm,
        "reset_password": allauth_forms.ResetPasswordForm,
        "reset_password_from_key": allauth_forms.ResetPasswordKeyForm,
        "reauthenticate": allauth_forms.ReauthenticateForm,
    }.items():
        assert account_settings.FORMS[key] == f"accounts.allauth_forms.{form.__name__}"
    for key, form in {
        "authenticate": allauth_forms.MFAAuthenticateForm,
        "reauthenticate": allauth_forms.MFAReauthenticateForm,
        "activate_totp": allauth_forms.ActivateTOTPForm,
    }.items():
        assert mfa_settings.FORMS[key] == f"accounts.allauth_forms.{form.__name__}"


# The forms still work, exactly as allauth's do.


def test_logging_in_works_and_remember_me_still_chooses_the_session_length(client):
    UserFactory(email="alex@example.com")
    response = client.post(
        reverse("account_login"), {"login": "alex@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "ALEX@example.com", "password": PASSWORD, "remember": "on"},
    )
    assert response.status_code == 302
    assert not client.session.get_expire_at_browser_close()


def test_a_wrong_password_is_still_refused(client):
    UserFactory(email="alex@example.com")
    response = client.post(
        reverse("account_login"), {"login": "alex@example.com", "password": "not it at all"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signing_up_works_and_stores_the_name(client):
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "  Sam ",
            "email": "Sam@Example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="sam@example.com")
    assert user.display_name == "Sam"
    assert user.check_password(PASSWORD)


def test_signing_up_still_checks_the_passwords_match(client):
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "Sam",
            "email": "sam@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.filter(email="sam@example.com").exists()


def _current_totp(secret: str) -> str:
    """The code an authenticator app shows now (never one about to expire)."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def test_the_two_factor_step_works_with_a_pasted_code(client):
    person = make_counsellor(display_name="Robin", email="robin@example.com")
    client.post(reverse("account_login"), {"login": "robin@example.com", "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": _current_totp(person.totp_secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
