"""Security emails: every change to how you log in tells you, in Twoway's words, with a
"this wasn't me" link; and so does a login from a device that hasn't logged in before.

The link (accounts.security) opens a page whose one button logs out every session, stops
the password working and goes straight to choosing a new one; it works once, for a week.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import security
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
NEW = "another long passphrase 77"
NOT_ME = re.compile(r"https?://\S+/accounts/not-me/[^/\s]+/")


@pytest.fixture
def alex(db):
    user = UserFactory(display_name="Alex", email="alex@example.com")
    user.last_login = timezone.now() - timedelta(days=3)  # not their very first login
    user.save(update_fields=["last_login"])
    return user


@pytest.fixture
def signed_in(alex, django_capture_on_commit_callbacks) -> Client:
    """Alex, logged in with their password on a signed_in they have used before."""
    client = Client(headers={"user-agent": FIREFOX})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_login"), {"login": alex.email, "password": PASSWORD})
    mail.outbox.clear()
    return client


def _only(subject: str) -> mail.EmailMessage:
    found = [m for m in mail.outbox if m.subject == f"[Twoway] {subject}"]
    assert len(found) == 1, [m.subject for m in mail.outbox]
    message = found[0]
    assert NOT_ME.search(message.body), message.body
    html = message.alternatives[0][0]
    assert NOT_ME.search(html)
    assert "This wasn't me" in html
    assert "Device: Firefox on Linux" in message.body
    return message


def test_a_changed_password(signed_in, alex):
    signed_in.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW, "password2": NEW},
    )
    assert _only("Your password was changed").to == [alex.email]


def test_a_password_set_for_the_first_time(alex):
    alex.set_unusable_password()
    alex.save(update_fields=["password"])
    client = Client(headers={"user-agent": FIREFOX})
    client.force_login(alex)
    client.post(reverse("account_set_password"), {"password1": NEW, "password2": NEW})
    _only("Your password was set")


def test_a_reset_password(alex, client):
    client.post(reverse("account_reset_password"), {"email": alex.email})
    link = re.search(r"https?://\S+/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    mail.outbox.clear()
    form = Client(headers={"user-agent": FIREFOX})
    location = form.get(link)["Location"]
    form.post(location, {"password1": NEW, "password2": NEW})
    _only("Your password was reset")


def test_an_added_a_removed_and_a_new_main_address(signed_in, alex):
    signed_in.post(reverse("account_email"), {"action_add": "", "email": "alex.b@example.com"})
    added = _only("An email address was added to your account")
    assert added.to == [alex.email]
    assert "alex.b@example.com" in added.body
    mail.outbox.clear()
    EmailAddress.objects.filter(email="alex.b@example.com").update(verified=True)
    signed_in.post(reverse("account_email"), {"action_primary": "", "email": "alex.b@example.com"})
    changed = _only("Your email address was changed")
    assert changed.to == [alex.email]  # the old address hears of it
    mail.outbox.clear()
    signed_in.post(reverse("account_email"), {"action_remove": "", "email": alex.email})
    assert _only("An email address was removed").to == ["alex.b@example.com"]


def _current_totp(secret: str) -> str:
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


@pytest.mark.django_db(transaction=True)  # allauth sends the new-codes email on commit
def test_two_factor_on_and_off_and_new_recovery_codes(signed_in, alex):
    signed_in.get(reverse("mfa_activate_totp"))
    secret = signed_in.session["mfa.totp.secret"]
    signed_in.post(reverse("mfa_activate_totp"), {"code": _current_totp(secret)})
    _only("Two-factor authentication is on")
    mail.outbox.clear()
    signed_in.post(reverse("mfa_generate_recovery_codes"))
    _only("New recovery codes")
    mail.outbox.clear()
    signed_in.post(reverse("mfa_deactivate_totp"))
    _only("Two-factor authentication is off")


# --- A login from a new device -------------------------------------------------------------


def _log_in(client: Client, email: str, capture) -> None:
    with capture(execute=True):
        response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302


def test_a_login_from_a_new_device_is_told(alex, django_capture_on_commit_callbacks):
    laptop = Client(headers={"user-agent": FIREFOX})
    _log_in(laptop, alex.email, django_capture_on_commit_callbacks)
    message = _only("A new login to your account")
    assert "on a device that hasn't logged in to it before: Firefox on Linux" in message.body
    assert message.to == [alex.email]
    # The same signed_in again: nothing.
    mail.outbox.clear()
    laptop.post(reverse("account_logout"))
    _log_in(laptop, alex.email, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_device_cookie_is_signed_http_only_and_names_no_one(
    alex, django_capture_on_commit_callbacks
):
    laptop = Client(headers={"user-agent": FIREFOX})
    _log_in(laptop, alex.email, django_capture_on_commit_callbacks)
    cookie = laptop.cookies[security.DEVICE_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 60 * 60 * 24 * 365
    # Keyed hashes only: no id, no address, nothing that says who logged in here.
    (mark,) = signing.loads(cookie.value, salt="twoway.known-device")
    assert re.fullmatch(r"[0-9a-f]{20}", mark)
    assert mark != str(alex.pk)
    # A forged or foreign cookie counts as a new device.
    laptop.cookies[security.DEVICE_COOKIE] = cookie.value[:-2] + "xx"
    laptop.post(reverse("account_logout"))
    mail.outbox.clear()
    _log_in(laptop, alex.email, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_another_account_on_the_same_browser_is_new_to_that_account(
    alex, django_capture_on_commit_callbacks
):
    sam = UserFactory(email="sam@example.com", last_login=timezone.now())
    shared = Client(headers={"user-agent": FIREFOX})
    _log_in(shared, alex.email, django_capture_on_commit_callbacks)
    shared.post(reverse("account_logout"))
    mail.outbox.clear()
    _log_in(shared, sam.email, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    # Alex is still known on it.
    shared.post(reverse("account_logout"))
    mail.outbox.clear()
    _log_in(shared, alex.email, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_very_first_login_is_not_news(django_capture_on_commit_callbacks):
    newcomer = UserFactory(email="new@example.com")
    assert newcomer.last_login is None
    _log_in(Client(), newcomer.email, django_capture_on_commit_callbacks)
    assert mail.outbox == []


# --- This wasn't me ------------------------------------------------------------------------


def _not_me_link(alex, django_capture_on_commit_callbacks) -> str:
    _log_in(Client(headers={"user-agent": FIREFOX}), alex.email, django_capture_on_commit_callbacks)
    return NOT_ME.search(_only("A new login to your account").body).group(0)


def test_this_wasnt_me_logs_out_everywhere_and_asks_for_a_new_password(
    alex, django_capture_on_commit_callbacks
):
    intruder = Client(headers={"user-agent": FIREFOX})
    _log_in(intruder, alex.email, django_capture_on_commit_callbacks)
    # The intruder's own passkey would log them back in: it goes (and the codes with it).
    RecoveryCodes.activate(alex)
    Authenticator.objects.create(
        user=alex, type=Authenticator.Type.WEBAUTHN, data={"name": "Theirs", "credential": {}}
    )
    link = NOT_ME.search(_only("A new login to your account").body).group(0)
    owner = Client()
    page = owner.get(link)
    assert page.status_code == 200
    assert "Log out everywhere and choose a new password" in page.content.decode()
    assert intruder.get(reverse("account_email")).status_code == 200  # GET changed nothing
    response = owner.post(link)
    assert intruder.get(reverse("account_email")).status_code == 302
    alex.refresh_from_db()
    assert not alex.has_usable_password()
    assert not Authenticator.objects.filter(user=alex).exists()
    # Straight on to choosing a new password, no email round trip.
    response = owner.get(response["Location"], follow=True)
    assert "Choose a new password" in response.content.decode()
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else None
    owner.post(form_url or response.request["PATH_INFO"], {"password1": NEW, "password2": NEW})
    alex.refresh_from_db()
    assert alex.check_password(NEW)
    # The old password no longer logs in.
    assert (
        Client()
        .post(reverse("account_login"), {"login": alex.email, "password": PASSWORD})
        .status_code
        == 200
    )


def test_the_link_works_once(alex, django_capture_on_commit_callbacks):
    link = _not_me_link(alex, django_capture_on_commit_callbacks)
    assert Client().post(link).status_code == 302
    used = Client().get(link)
    assert used.status_code == 410
    assert "This link has already been used" in used.content.decode()
    assert Client().post(link).status_code == 410


def test_a_link_older_than_a_week_or_tampered_with_is_refused(
    alex, django_capture_on_commit_callbacks
):
    link = _not_me_link(alex, django_capture_on_commit_callbacks)
    assert Client().get(link[:-3] + "x/").status_code == 410
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert Client().post(link).status_code == 410
    alex.refresh_from_db()
    assert alex.check_password(PASSWORD)


def test_the_link_is_for_one_person_only(alex, django_capture_on_commit_callbacks):
    sam = UserFactory(email="sam@example.com")
    link = _not_me_link(alex, django_capture_on_commit_callbacks)
    Client().post(link)
    sam.refresh_from_db()
    assert sam.check_password(PASSWORD)


def test_locking_keeps_the_authenticator_app_and_its_codes(alex):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(alex, generate_totp_secret())
    RecoveryCodes.activate(alex)
    Authenticator.objects.create(
        user=alex, type=Authenticator.Type.WEBAUTHN, data={"name": "Theirs", "credential": {}}
    )
    Client().post(security.not_me_url(alex))
    assert sorted(Authenticator.objects.filter(user=alex).values_list("type", flat=True)) == [
        "recovery_codes",
        "totp",
    ]
