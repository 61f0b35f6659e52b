"""Confirm it's you: what counts as recent, and that nothing typed is lost.

Giving counsellor consent (and, with the same decorator, downloading or deleting your data,
changing email addresses or second factors) asks for the password again unless this session
logged in with a password or a second factor, or confirmed one, in the last five minutes
(``ACCOUNT_REAUTHENTICATION_TIMEOUT``; accounts.adapter). A login from an email link is not
a password. When it does ask, the consent form's choices are kept and applied after.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone

from counselling.models import Consent
from tests.counselling_helpers import connect
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

CONSENT = {"span": "4", "agree": "on"}


def _log_in(client: Client, email: str = "alex@example.com") -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302


def _consent(client: Client, access) -> object:
    return client.post(reverse("couple:counsellor_consent", args=[access.pk]), CONSENT)


def test_consent_just_after_logging_in_is_not_asked_again(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    _log_in(client)
    response = _consent(client, access)
    assert response["Location"] == reverse("couple:counsellors")
    assert Consent.objects.get().partner == partner_a


@pytest.mark.parametrize(
    ("after", "asked"),
    [(timedelta(minutes=4, seconds=55), False), (timedelta(minutes=5, seconds=5), True)],
)
def test_the_login_counts_for_five_minutes(client, partner_a, couple, counsellor, after, asked):
    access = connect(couple, counsellor)
    _log_in(client)
    with time_machine.travel(timezone.now() + after):
        response = _consent(client, access)
    assert response["Location"].startswith(reverse("account_reauthenticate")) is asked
    assert Consent.objects.exists() is not asked


def test_a_confirmed_password_counts_for_five_minutes_too(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    client.force_login(partner_a)  # a login that proved nothing in this session
    assert _consent(client, access)["Location"].startswith(reverse("account_reauthenticate"))
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=10)):
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    with time_machine.travel(start + timedelta(minutes=14)):
        assert _consent(client, access)["Location"] == reverse("couple:counsellors")


def test_the_choices_made_before_confirming_are_kept(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    client.force_login(partner_a)
    response = _consent(client, access)
    reauthenticate = response["Location"]
    assert reauthenticate.startswith(reverse("account_reauthenticate") + "?next=")
    assert not Consent.objects.exists()
    # The password page, then the consent as it was typed: no second form to fill in.
    response = client.post(reauthenticate, {"password": PASSWORD})
    assert response["Location"] == reverse("couple:counsellors")
    consent = Consent.objects.get()
    assert (consent.partner, consent.span) == (partner_a, "4")


def test_the_consent_form_itself_opens_without_asking(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    client.force_login(partner_a)
    assert client.get(reverse("couple:counsellor_consent", args=[access.pk])).status_code == 200


def test_adding_an_email_address_asks_unless_recent(client, partner_a):
    client.force_login(partner_a)
    add = {"action_add": "", "email": "alex.other@example.com"}
    response = client.post(reverse("account_email"), add)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not partner_a.emailaddress_set.filter(email="alex.other@example.com").exists()
    client.logout()
    _log_in(client)
    client.post(reverse("account_email"), add)
    assert partner_a.emailaddress_set.filter(email="alex.other@example.com").exists()


def test_a_failed_login_attempt_proves_nothing(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    client.post(reverse("account_login"), {"login": "alex@example.com", "password": "wrong"})
    client.force_login(partner_a)
    assert _consent(client, access)["Location"].startswith(reverse("account_reauthenticate"))


# --- The policy for downloading and deleting your data (yourdata/) --------------------------
# A download (GET) is guarded whole: after the password, the browser comes back to it.
# A deletion page opens freely (allow_get=True); its POST waits for the password and then
# goes ahead as typed. Both count a login in the last five minutes.


@login_required
@reauthentication_required
def _download(request):
    return HttpResponse("everything that is yours")


@login_required
@reauthentication_required(allow_get=True)
def _delete(request):
    if request.method == "POST":
        return HttpResponse(f"deleting {request.POST['email']}")
    return HttpResponse("type your email to confirm")


urlpatterns = [
    path("download/", _download),
    path("delete/", _delete),
    path("", include("intimacy.urls")),
]


@pytest.fixture
def _guarded_views(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.usefixtures("_guarded_views")
def test_a_download_asks_then_comes_back_to_it(client, partner_a):
    client.force_login(partner_a)
    response = client.get("/download/")
    assert response["Location"] == reverse("account_reauthenticate") + "?next=%2Fdownload%2F"
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/download/"
    assert client.get("/download/").content == b"everything that is yours"


@pytest.mark.usefixtures("_guarded_views")
def test_a_deletion_page_opens_and_its_post_waits_for_the_password(client, partner_a):
    client.force_login(partner_a)
    assert client.get("/delete/").status_code == 200
    response = client.post("/delete/", {"email": "alex@example.com"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.content == b"deleting alex@example.com"


@pytest.mark.usefixtures("_guarded_views")
def test_a_fresh_login_downloads_at_once(client, partner_a):
    _log_in(client)
    assert client.get("/download/").content == b"everything that is yours"
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert client.get("/download/").status_code == 302
