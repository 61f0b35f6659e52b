"""Every django-allauth page Twoway uses speaks in Twoway's voice, inside Twoway's layout.

Each page is reached the way a person reaches it (keys come from the real emails, the
two-factor step from a real login), then checked for the site's header, footer and skip
link, for Twoway's sentence-case heading, and for the absence of allauth's Title Case one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.security import not_me_token
from tests.counselling_helpers import make_counsellor
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD_RULES = (
    "At least 8 characters, and not one that's easy to guess "
    "(like a common word, only numbers, or your name or email)."
)


def _link_in(message) -> str:
    return re.search(r"https?://[^\s]+", message.body).group(0)


def _logged_in(client: Client, user: User | None = None) -> User:
    user = user or UserFactory(display_name="Alex")
    client.force_login(user)
    return user


def _recently_authenticated(client: Client, user: User | None = None) -> User:
    """Logged in and just reauthenticated with a password, as the two-factor settings need."""
    user = _logged_in(client, user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return user


def _with_two_factor(client: Client) -> User:
    person = make_counsellor(display_name="Robin", email="robin@example.com")
    RecoveryCodes.activate(person)
    return _recently_authenticated(client, person)


# Each returns the URL to GET, after putting the client in the state the page needs.


def _anonymous(name: str) -> Callable[[Client], str]:
    return lambda client: reverse(name)


def _as_user(name: str) -> Callable[[Client], str]:
    def setup(client: Client) -> str:
        _logged_in(client)
        return reverse(name)

    return setup


def _fresh(name: str, *, two_factor: bool = False) -> Callable[[Client], str]:
    def setup(client: Client) -> str:
        if two_factor:
            _with_two_factor(client)
        else:
            _recently_authenticated(client)
        return reverse(name)

    return setup


def _password_set(client: Client) -> str:
    user = UserFactory()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    client.force_login(user)
    return reverse("account_set_password")


def _email_confirm(client: Client) -> str:
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Sam",
            "email": "sam@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    return _link_in(mail.outbox[-1])


def _reset_from_key(client: Client) -> str:
    UserFactory(email="forgetful@example.com")
    client.post(reverse("account_reset_password"), {"email": "forgetful@example.com"})
    # The link's key is swapped for a session-held one by a redirect, as in a browser.
    response = client.get(_link_in(mail.outbox[-1]))
    assert response.status_code == 302
    return response["Location"]


def _mfa_authenticate(client: Client) -> str:
    make_counsellor(display_name="Robin", email="robin@example.com")
    response = client.post(
        reverse("account_login"), {"login": "robin@example.com", "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    return reverse("mfa_authenticate")


def _mfa_reauthenticate(client: Client) -> str:
    _logged_in(client, make_counsellor(display_name="Robin", email="robin@example.com"))
    return reverse("mfa_reauthenticate")


def _with_passkey(name: str) -> Callable[[Client], str]:
    def setup(client: Client) -> str:
        user = _recently_authenticated(client)
        RecoveryCodes.activate(user)
        key = Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.WEBAUTHN,
            data={"name": "Phone", "credential": {}, "passwordless": True},
        )
        return reverse(name, kwargs={"pk": key.pk})

    return setup


def _not_me(client: Client) -> str:
    return reverse("not_me", args=[not_me_token(UserFactory())])


# name: (setup, Twoway's heading, allauth's headings that must be gone)
PAGES: dict[str, tuple[Callable[[Client], str], str, list[str]]] = {
    "account_login": (_anonymous("account_login"), "Log in", ["Sign In"]),
    "account_signup": (_anonymous("account_signup"), "Create your account", ["Sign Up", "Signup"]),
    "account_logout": (_as_user("account_logout"), "Log out", ["Sign Out"]),
    "account_email_verification_sent": (
        _anonymous("account_email_verification_sent"),
        "Check your email",
        ["Verify Your Email Address"],
    ),
    "account_confirm_email": (_email_confirm, "Confirm your email", ["Confirm Email Address"]),
    "account_email": (_as_user("account_email"), "Your email addresses", ["Email Addresses"]),
    "account_change_password": (
        _as_user("account_change_password"),
        "Change your password",
        ["Change Password"],
    ),
    "account_set_password": (_password_set, "Choose a password", ["Set Password"]),
    "account_reset_password": (
        _anonymous("account_reset_password"),
        "Reset your password",
        ["Password Reset", "Reset My Password"],
    ),
    "account_reset_password_done": (
        _anonymous("account_reset_password_done"),
        "Check your email",
        ["Password Reset"],
    ),
    "account_reset_password_from_key": (
        _reset_from_key,
        "Choose a new password",
        ["Change Password", "Bad Token"],
    ),
    "account_reset_password_from_key_done": (
        _anonymous("account_reset_password_from_key_done"),
        "Your password is changed",
        ["Change Password"],
    ),
    "account_reauthenticate": (
        _as_user("account_reauthenticate"),
        "Confirm it's you",
        ["Confirm Access"],
    ),
    "account_inactive": (
        _anonymous("account_inactive"),
        "This account is switched off",
        ["Account Inactive"],
    ),
    "mfa_index": (
        _as_user("mfa_index"),
        "Two-factor authentication",
        ["Two-Factor Authentication"],
    ),
    "mfa_activate_totp": (
        _fresh("mfa_activate_totp"),
        "Set up your authenticator app",
        ["Activate Authenticator App"],
    ),
    "mfa_deactivate_totp": (
        _fresh("mfa_deactivate_totp", two_factor=True),
        "Turn off two-factor authentication?",
        ["Deactivate Authenticator App"],
    ),
    "mfa_view_recovery_codes": (
        _fresh("mfa_view_recovery_codes", two_factor=True),
        "Your recovery codes",
        ["Recovery Codes"],
    ),
    "mfa_generate_recovery_codes": (
        _fresh("mfa_generate_recovery_codes", two_factor=True),
        "Make new recovery codes",
        ["Recovery Codes"],
    ),
    "mfa_authenticate": (_mfa_authenticate, "Enter your code", ["Two-Factor Authentication"]),
    "mfa_reauthenticate": (_mfa_reauthenticate, "Confirm it's you", ["Confirm Access"]),
    "usersessions_list": (_as_user("usersessions_list"), "Where you're logged in", ["Sessions"]),
    "mfa_list_webauthn": (_as_user("mfa_list_webauthn"), "Your passkeys", ["Security Keys"]),
    "mfa_add_webauthn": (_fresh("mfa_add_webauthn"), "Add a passkey", ["Add Security Key"]),
    "mfa_edit_webauthn": (
        _with_passkey("mfa_edit_webauthn"),
        "Rename this passkey",
        ["Edit Security Key"],
    ),
    "mfa_remove_webauthn": (
        _with_passkey("mfa_remove_webauthn"),
        "Remove this passkey?",
        ["Remove Security Key"],
    ),
    # Twoway's own page behind "this wasn't me" in the security emails.
    "not_me": (_not_me, "If this wasn't you", []),
}


def _page(client: Client, name: str) -> str:
    setup, _, _ = PAGES[name]
    response = client.get(setup(client))
    assert response.status_code == 200, f"{name}: {response.status_code}"
    return html.unescape(response.content.decode())


def _h1(page: str) -> str:
    found = re.findall(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S)
    assert len(found) == 1, found
    return " ".join(re.sub(r"<[^>]+>", "", found[0]).split())


@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_twoways_heading_inside_twoways_layout(client, name):
    _, heading, _ = PAGES[name]
    page = _page(client, name)
    assert 'class="skip-link" href="#main"' in page
    assert 'class="site-header"' in page
    assert 'class="site-footer"' in page
    assert "your private notes are for you alone" in page
    assert _h1(page) == heading
    # The browser tab says it too, in sentence case: only the first letter a capital.
    title = " ".join(re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1).split())
    words, site = title.rsplit(" · ", 1)
    assert site == "Twoway"
    assert words[0].isupper()
    assert words[1:] == words[1:].lower()


@pytest.mark.parametrize("name", PAGES)
def test_allauths_title_case_headings_are_gone(client, name):
    _, _, leftovers = PAGES[name]
    page = _page(client, name)
    # The page's own words: its title, and from its heading to the end of <main> (the
    # account menu above the heading has its own one-word links, such as "Sessions").
    own = re.search(r"<title>.*?</title>", page, flags=re.S).group(0)
    own += page[page.index("<h1") : page.index("</main>")]
    for words in leftovers:
        assert words not in own, f"{name} still says {words!r}"


@pytest.mark.parametrize(
    "name",
    [
        "account_signup",
        "account_change_password",
        "account_set_password",
        "account_reset_password_from_key",
    ],
)
def test_password_pages_give_the_rules_just_before_the_new_password(client, name):
    page = _page(client, name)
    assert page.count(PASSWORD_RULES) == 1
    before, after = page.split(PASSWORD_RULES, 1)
    assert 'name="password1"' not in before
    assert after.index('name="password1"') < after.index('name="password2"')
    # It is the box's own description, for screen readers too...
    rules_id = re.findall(r'<p class="help" id="([^"]+)">$', before)[0]
    password1 = re.search(r'<input[^>]*name="password1"[^>]*>', page).group(0)
    assert f'aria-describedby="{rules_id}"' in password1
    # ...and it replaces Django's list of validator messages.
    assert "Your password must contain at least 8 characters." not in page


def test_signup_links_to_the_privacy_page(client):
    page = _page(client, "account_signup")
    assert f'<a href="{reverse("privacy")}">Who sees what, and when</a>' in page
    assert f'href="{reverse("account_login")}"' in page
    # The sign-up form itself still works: name, email and both passwords.
    for field in ("display_name", "email", "password1", "password2"):
        assert f'name="{field}"' in page


def test_login_offers_sign_up_and_the_button_says_log_in(client):
    page = _page(client, "account_login")
    assert f'<a href="{reverse("account_signup")}">Create your account</a>' in page
    assert re.search(r"<button[^>]*type=\"submit\"[^>]*>\s*Log in\s*</button>", page)


def test_a_used_or_bad_verification_link_says_so_kindly(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    page = html.unescape(response.content.decode())
    assert _h1(page) == "Confirm your email"
    assert "This link has expired or has already been used." in page
    assert "expired or is invalid" not in page


def test_a_bad_reset_link_gets_its_own_heading(client):
    response = client.get("/accounts/password/reset/key/zz-not-a-key/", follow=True)
    page = html.unescape(response.content.decode())
    assert _h1(page) == "This link no longer works"
    assert f'href="{reverse("account_reset_password")}">Ask for a new link</a>' in page
    assert "Bad Token" not in page


def test_the_two_factor_index_says_on_or_off(client):
    def index() -> str:
        return html.unescape(client.get(reverse("mfa_index")).content.decode())

    _logged_in(client)
    assert "Off. Set it up" in index()
    assert "On. We ask for a code" not in index()
    client.logout()
    _with_two_factor(client)
    assert "On. We ask for a code" in index()
    assert "10 of 10 codes left." in index()


def test_the_sessions_page_marks_this_device(client):
    UserFactory(email="alex@example.com")
    client.post(reverse("account_login"), {"login": "alex@example.com", "password": PASSWORD})
    page = html.unescape(client.get(reverse("usersessions_list")).content.decode())
    assert re.search(r"<strong\s*>\s*This device\s*</strong>", page)
    assert "Current" not in page
    assert re.search(r"<button[^>]*>\s*Log out\s*</button>", page)


def test_downloaded_recovery_codes_say_what_they_are(client):
    user = _with_two_factor(client)
    response = client.get(reverse("mfa_download_recovery_codes"))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("Twoway recovery codes. Each one lets you log in once")
    codes = RecoveryCodes(user.authenticator_set.get(type="recovery_codes")).get_unused_codes()
    assert text.split("\n\n", 1)[1].split() == codes


# The notes allauth leaves at the top of the next page are Twoway's words too.


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_logging_in_and_out_say_so_in_twoways_words(client):
    UserFactory(display_name="Alex", email="alex@example.com", last_login=timezone.now())
    response = client.post(
        reverse("account_login"),
        {"login": "alex@example.com", "password": PASSWORD},
        follow=True,
    )
    assert _messages(response) == ["Welcome back, Alex."]
    response = client.post(reverse("account_logout"), follow=True)
    assert _messages(response) == ["You're logged out."]


def test_confirming_an_email_says_thanks(client):
    link = _email_confirm(client)
    response = client.post(link, follow=True)
    assert "Thanks, sam@example.com is confirmed." in _messages(response)


def test_the_very_first_login_welcomes_rather_than_welcomes_back(client):
    """Confirming the address signs a new person in for the first time: that is no
    "welcome back"; the next login is."""
    link = _email_confirm(client)
    response = client.post(link, follow=True)
    assert "Welcome to Twoway, Sam." in _messages(response)
    assert not any(m.startswith("Welcome back") for m in _messages(response))
    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"),
        {"login": "sam@example.com", "password": PASSWORD},
        follow=True,
    )
    assert "Welcome back, Sam." in _messages(response)


def test_a_changed_password_is_saved(client):
    _logged_in(client)
    new = "another long passphrase 77"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
        follow=True,
    )
    assert "Your new password is saved." in _messages(response)


@pytest.mark.django_db(transaction=True)
def test_new_recovery_codes_replace_the_old_ones(client):
    # allauth adds its note once the new codes are committed: real commits here.
    _with_two_factor(client)
    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert "Your new recovery codes are ready. Any old ones no longer work." in _messages(response)
    assert _h1(html.unescape(response.content.decode())) == "Your recovery codes"


def test_turning_two_factor_off_says_it_is_off(client):
    _with_two_factor(client)
    response = client.post(reverse("mfa_deactivate_totp"), follow=True)
    assert _messages(response) == ["Two-factor authentication is off."]
