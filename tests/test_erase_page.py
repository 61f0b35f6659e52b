"""The delete-account page: what goes, counted, before anything does; the password (or a
second-factor code) and the typed email to confirm; a failed form keeps what was typed
but the password; then the session ends on a goodbye page."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.core import mail
from django.urls import reverse

from accounts.models import User
from checkins.models import CheckIn
from tests.checkin_helpers import checkin_for, history
from tests.counselling_helpers import connect
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("yourdata:erase")


def _confirm(user: User, **overrides: str) -> dict[str, str]:
    return {"secret": PASSWORD, "email": user.email} | overrides


def test_anonymous_goes_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))
    assert client.post(URL, {})["Location"].startswith(reverse("account_login"))


def test_wrong_method_is_refused(client, loner):
    client.force_login(loner)
    assert client.put(URL).status_code == 405


@pytest.fixture
def shared(couple, counsellor, partner_a, partner_b):
    from datetime import timedelta

    from checkins.models import Week

    weeks = history(couple, 3)  # revealed, with private notes for both
    alex = couple.memberships.get(seat=1)
    older = Week.objects.create(
        couple=couple, starts_on=weeks[-1].starts_on - timedelta(weeks=1), prompts={}
    )
    checkin_for(older, alex, submitted=False, text="«a-draft»")  # a draft, no private note
    connect(couple, counsellor, partner_a, partner_b)
    return weeks


def test_a_person_who_wrote_nothing_is_told_so_not_shown_zeros(client, loner):
    client.force_login(loner)
    html = " ".join(client.get(URL).content.decode().split())
    assert "nothing you have written: you have no check-ins, drafts or reactions yet" in html
    assert "0 " not in html.split('id="what-goes"')[1].split("</ul>")[0]


def test_the_page_counts_what_goes_and_what_the_partner_keeps(client, partner_a, shared):
    client.force_login(partner_a)
    response = client.get(URL)
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "3 weeks of check-ins" in html
    assert "3 private notes" in html
    assert "1 draft" in html
    assert "reactions you gave" not in html  # none: not listed as "0"
    assert "Your 1 counsellor consent record stays" in html
    assert "Sam keeps their own answers" in html
    assert "Sam no longer sees your answers in the 3 weeks you shared" in html
    assert "Dr. Rivera's access as your counsellor ends" in html
    assert "alex@example.com" in html  # "You're signed in as"
    assert 'type="password"' in html
    assert "«" not in html  # counts only: nothing anyone wrote


def test_the_settings_page_and_the_account_menu_link_to_it(client, partner_a, couple):
    client.force_login(partner_a)
    assert URL in client.get(reverse("couple:settings")).content.decode()
    assert URL in client.get(reverse("notifications:settings")).content.decode()


def test_a_wrong_password_deletes_nothing_and_keeps_the_email_typed(client, partner_a, shared):
    client.force_login(partner_a)
    response = client.post(URL, _confirm(partner_a, secret="not my password"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "That password isn&#x27;t right. Nothing has been deleted" in html
    assert 'value="alex@example.com"' in html
    assert "not my password" not in html
    assert User.objects.filter(pk=partner_a.pk).exists()
    assert client.get(reverse("home")).context["user"].is_authenticated


def test_a_wrong_email_deletes_nothing(client, partner_a, shared):
    client.force_login(partner_a)
    response = client.post(URL, _confirm(partner_a, email="alex@example.org"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "That isn&#x27;t the address you sign in with" in html
    assert 'value="alex@example.org"' in html
    assert PASSWORD not in html
    assert CheckIn.objects.filter(membership__user=partner_a).count() == 4


def test_empty_fields_say_what_is_missing(client, partner_a):
    client.force_login(partner_a)
    html = client.post(URL, {}).content.decode()
    assert "Please enter your password." in html
    assert "Please type your email address." in html


def test_it_erases_signs_out_says_goodbye_and_tells_the_partner(
    client, partner_a, partner_b, shared, django_capture_on_commit_callbacks
):
    client.force_login(partner_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _confirm(partner_a, email="  ALEX@example.com "))
    assert response.status_code == 302
    assert response["Location"] == reverse("yourdata:erased")
    assert not User.objects.filter(pk=partner_a.pk).exists()
    goodbye = client.get(response["Location"])
    assert goodbye.status_code == 200
    assert "Your account has been deleted" in goodbye.content.decode()
    assert not goodbye.context["user"].is_authenticated
    assert "Alex" not in goodbye.content.decode()
    assert client.get(URL)["Location"].startswith(reverse("account_login"))
    assert [m.to for m in mail.outbox if "closed their Twoway account" in m.subject] == [
        [partner_b.email]
    ]


def test_with_two_factor_and_no_password_a_code_confirms(
    client, loner, django_capture_on_commit_callbacks
):
    secret = generate_totp_secret()
    TOTP.activate(loner, secret)
    loner.set_unusable_password()
    loner.save(update_fields=["password"])
    client.force_login(loner)
    html = client.get(URL).content.decode()
    assert "A code from your authenticator app" in html
    assert 'autocomplete="one-time-code"' in html
    wrong = client.post(URL, _confirm(loner, secret="000000"))
    assert wrong.status_code == 422
    assert "That code didn" in wrong.content.decode()
    import time

    from allauth.mfa import app_settings

    code = format(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD), "06d")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _confirm(loner, secret=code))
    assert response.status_code == 302
    assert not User.objects.filter(pk=loner.pk).exists()


def test_without_any_way_to_confirm_it_asks_for_a_password_first(client, loner):
    loner.set_unusable_password()
    loner.save(update_fields=["password"])
    client.force_login(loner)
    html = client.get(URL).content.decode()
    assert reverse("account_set_password") in html
    assert client.post(URL, _confirm(loner)).status_code == 422
    assert User.objects.filter(pk=loner.pk).exists()


def test_guessing_is_limited(client, loner):
    client.force_login(loner)
    for _ in range(5):
        assert client.post(URL, _confirm(loner, secret="guess")).status_code == 422
    assert client.post(URL, _confirm(loner)).status_code == 429
    assert User.objects.filter(pk=loner.pk).exists()


def test_the_goodbye_page_is_the_same_for_everyone(client, loner):
    anonymous = client.get(reverse("yourdata:erased")).content.decode()
    assert "Your account has been deleted" in anonymous
    assert client.post(reverse("yourdata:erased")).status_code == 405


@pytest.mark.parametrize("weeks", [1, 52])
def test_the_page_has_a_fixed_query_budget(
    client, partner_a, couple, counsellor, partner_b, django_assert_num_queries, weeks
):
    """Session, user, then the plan: the check-ins (two columns), the couple, the shared
    weeks, the counsellors, the two-factor check, the reactions, consents, relations and
    earlier seats. Equal at 1 and 52 weeks."""
    history(couple, weeks)
    connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_a)
    with django_assert_num_queries(11):
        response = client.get(URL)
    assert response.status_code == 200


def test_a_typo_in_the_address_does_not_use_up_a_recovery_code(client, loner):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    TOTP.activate(loner, generate_totp_secret())
    codes = RecoveryCodes.activate(loner)
    loner.set_unusable_password()
    loner.save(update_fields=["password"])
    code = codes.get_unused_codes()[0]
    client.force_login(loner)
    typo = client.post(URL, _confirm(loner, secret=code, email="lee@example.org"))
    assert typo.status_code == 422
    fresh = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    assert code in fresh.get_unused_codes()
    response = client.post(URL, _confirm(loner, secret=code))
    assert response.status_code == 302
    assert not User.objects.filter(pk=loner.pk).exists()
