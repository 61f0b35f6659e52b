"""Sign-up, verification, login, reset and their refusals (django-allauth, restyled)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Sam",
    "email": "sam@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def _link_in(message) -> str:
    return re.search(r"https?://[^\s]+", message.body).group(0)


def test_it_signs_up_verifies_and_logs_in(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="sam@example.com")
    assert user.display_name == "Sam"
    assert user.check_password(PASSWORD)

    # Mandatory verification: no login until the link is followed.
    assert client.get("/").context["user"].is_authenticated is False
    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(email="sam@example.com").verified

    response = client.post(
        reverse("account_login"), {"login": "sam@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Welcome, Sam" in client.get("/").content.decode()


def test_there_is_no_username_field_on_signup(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert 'name="username"' not in html
    assert 'name="display_name"' in html
    assert 'name="email"' in html


def test_signup_with_a_taken_email_looks_the_same_as_a_new_one(client):
    UserFactory(email="taken@example.com")
    taken = client.post(reverse("account_signup"), SIGNUP | {"email": "taken@example.com"})
    client.logout()
    fresh = client.post(reverse("account_signup"), SIGNUP | {"email": "new@example.com"})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    # The owner of the taken address is told by email instead.
    assert any("taken@example.com" in m.to for m in mail.outbox)


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(client):
    UserFactory(email="known@example.com")
    known = client.post(
        reverse("account_login"), {"login": "known@example.com", "password": "nope-nope-1"}
    )
    unknown = client.post(
        reverse("account_login"), {"login": "nobody@example.com", "password": "nope-nope-1"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    UserFactory(email="known@example.com")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_password_reset_end_to_end(client):
    UserFactory(email="forgetful@example.com")
    client.post(reverse("account_reset_password"), {"email": "forgetful@example.com"})
    link = _link_in(mail.outbox[-1])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "another long passphrase 77"
    client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert User.objects.get(email="forgetful@example.com").check_password(new)


def test_a_bad_verification_link_gets_a_clear_page(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 200
    assert "This link has expired or has already been used." in response.content.decode()


def test_a_bad_reset_link_gets_a_clear_page(client):
    response = client.get("/accounts/password/reset/key/zz-not-a-key/", follow=True)
    assert response.status_code == 200
    assert "Reset links work only once, and not for long." in response.content.decode()


def _login(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def test_failed_logins_lock_the_address_for_a_while(client):
    UserFactory(email="target@example.com")
    for i in range(5):
        assert (
            "Too many failed"
            not in _login(client, "target@example.com", f"wrong-{i}").content.decode()
        )
    # Even the right password is refused now: guessing has to stop.
    refused = _login(client, "target@example.com", PASSWORD)
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.content.decode()


def test_changing_the_port_in_the_host_header_does_not_reset_the_account_lockout(client):
    """``ALLOWED_HOSTS`` ignores the port, and allauth keyed the counter on the host: each
    ``Host: 127.0.0.1:<port>`` used to start a fresh count of five (issue 14)."""
    UserFactory(email="target@example.com")
    for port in range(8001, 8006):
        _login(client, "Target@Example.com ", "wrong", HTTP_HOST=f"127.0.0.1:{port}")
    refused = _login(client, "target@example.com", PASSWORD, HTTP_HOST="localhost:9999")
    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_forwarded_for_header_does_not_escape_the_rate_limit(client):
    for i in range(10):
        _login(client, f"nobody{i}@example.com", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    refused = _login(client, "someone@example.com", "wrong", HTTP_X_FORWARDED_FOR="10.0.0.99")
    # 10 failures a minute per client address: the header changed nothing.
    assert "Too many failed login attempts" in refused.content.decode()


def test_too_many_reset_requests_get_the_styled_429_page(client):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": "a@example.com"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    last = client.post(reverse("account_reset_password"), {"email": "a@example.com"})
    assert "take a short pause" in last.content.decode()


def test_the_admin_login_goes_through_the_protected_login(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_mfa_setup_is_offered_in_account_settings(client, user):
    client.force_login(user)
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    assert "Authenticator" in response.content.decode()
