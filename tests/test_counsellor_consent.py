"""The partners' side: inviting a counsellor, consenting, withdrawing, removing."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from counselling import selectors
from counselling import services as counselling_services
from counselling.models import AccessLogEntry, Consent, CounsellorAccess
from counselling.state import consent_state
from tests.counselling_helpers import connect
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("couple:counsellors")


def _token(body: str) -> str:
    return re.search(r"/counsellor/invite/([A-Za-z0-9_-]{43})/", body).group(1)


def test_anonymous_goes_to_login(client):
    assert client.get(PAGE)["Location"].startswith(reverse("account_login"))


def test_someone_without_a_couple_gets_404(client, loner):
    client.force_login(loner)
    assert client.get(PAGE).status_code == 404


def test_invite_emails_a_single_use_link(
    client, partner_a, couple, django_capture_on_commit_callbacks
):
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("couple:counsellor_invite"), {"email": "rivera@example.com"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["rivera@example.com"]
    token = _token(mail.outbox[-1].body)
    invite = selectors.counsellor_invite_by_token(token=token)
    assert invite.token_hash != token
    assert invite.couple == couple


def test_inviting_a_bad_or_own_address_is_explained(client, partner_a, couple):
    client.force_login(partner_a)
    for email, message in (("nope", "valid email"), ("sam@example.com", "one of your own")):
        response = client.post(reverse("couple:counsellor_invite"), {"email": email})
        assert response.status_code == 422
        assert message in response.content.decode()


def test_a_counsellor_accepts_and_the_partners_are_told(
    client, partner_a, couple, counsellor, django_capture_on_commit_callbacks
):
    _, token = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="RIVERA@example.com"
    )
    client.force_login(counsellor)
    assert (
        "invited as a counsellor"
        in client.get(reverse("counsellor:invite", args=[token])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("counsellor:invite_accept", args=[token]))
    assert response["Location"] == reverse("counsellor:dashboard")
    assert CounsellorAccess.objects.get().counsellor == counsellor
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.com", "sam@example.com"]
    again = client.post(reverse("counsellor:invite_accept", args=[token]))
    assert again.status_code == 409


def test_the_invitation_works_only_for_the_address_it_was_sent_to(
    client, partner_a, couple, counsellor
):
    _, token = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="a@b.org"
    )
    client.force_login(counsellor)  # rivera@example.com
    response = client.post(reverse("counsellor:invite_accept", args=[token]))
    assert response.status_code == 409
    assert "sent to a different email address" in response.content.decode()
    assert "a@b.org" not in response.content.decode()
    assert not CounsellorAccess.objects.exists()


def test_inviting_is_rate_limited(client, partner_a, couple, settings):
    settings.INVITE_EMAILS_PER_HOUR = 2
    client.force_login(partner_a)
    statuses = [
        client.post(reverse("couple:counsellor_invite"), {"email": f"c{i}@x.org"}).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_removing_tells_the_counsellor_and_the_other_partner(
    client, partner_a, couple, counsellor, django_capture_on_commit_callbacks
):
    access = connect(couple, counsellor)
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("couple:counsellor_remove", args=[access.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == ["rivera@example.com", "sam@example.com"]


def test_a_partner_cannot_be_their_own_counsellor(client, partner_a, partner_b, couple):
    _, token = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="r@x.org"
    )
    client.force_login(partner_b)
    response = client.post(reverse("counsellor:invite_accept", args=[token]))
    assert response.status_code == 409
    assert "one of the partners" in response.content.decode()


def test_a_bad_counsellor_link_is_a_clear_404(client):
    response = client.get(reverse("counsellor:invite", args=["x" * 43]))
    assert response.status_code == 404
    assert "This invitation link isn" in response.content.decode()


def test_the_consent_page_states_what_is_shared_and_records_the_wording(
    client, partner_a, couple, counsellor
):
    access = connect(couple, counsellor)
    _log_in_with_password(client, partner_a)
    page = client.get(reverse("couple:counsellor_consent", args=[access.pk])).content.decode()
    assert "never see drafts, private notes, or answers I have not marked" in page
    url = reverse("couple:counsellor_consent", args=[access.pk])
    response = client.post(url, {"span": "12", "agree": "on"})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.kind == "grant"
    assert consent.span == "12"
    shown = re.search(r'<blockquote class="wording">(.*?)</blockquote>', page, re.S).group(1)
    assert consent.wording.startswith(shown.replace("&quot;", '"'))  # what they read…
    assert consent.wording.endswith(
        "Period I chose: the last 12 weeks, plus this week."
    )  # …and chose


def test_consent_needs_the_box_ticked(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    _log_in_with_password(client, partner_a)
    response = client.post(reverse("couple:counsellor_consent", args=[access.pk]), {"span": "4"})
    assert response.status_code == 422
    assert "Please tick the box to give consent" in response.content.decode()
    assert not Consent.objects.exists()


def test_consent_asks_for_the_password_again(client, partner_a, couple, counsellor):
    access = connect(couple, counsellor)
    client.force_login(partner_a)  # no recent password entry in this session
    response = client.post(
        reverse("couple:counsellor_consent", args=[access.pk]), {"span": "4", "agree": "on"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not Consent.objects.exists()


def test_the_consent_page_of_another_couples_counsellor_is_404(
    client, outsider, couple, counsellor
):
    access = connect(couple, counsellor)
    client.force_login(outsider)
    assert client.get(reverse("couple:counsellor_consent", args=[access.pk])).status_code == 404
    assert client.post(reverse("couple:counsellor_revoke", args=[access.pk])).status_code == 404


def test_revoking_ends_access_and_tells_the_counsellor_and_the_partner(
    client, partner_a, partner_b, couple, counsellor, django_capture_on_commit_callbacks
):
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_b)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("couple:counsellor_revoke", args=[access.pk]), follow=True)
    assert "Consent withdrawn" in response.content.decode()
    assert not consent_state(access).active
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.com", "rivera@example.com"]
    assert [c.kind for c in Consent.objects.order_by("pk")] == ["grant", "grant", "revoke"]


def test_removing_the_counsellor_ends_access(client, partner_a, partner_b, couple, counsellor):
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_a)
    client.post(reverse("couple:counsellor_remove", args=[access.pk]))
    access.refresh_from_db()
    assert access.removed_at is not None


def test_consent_and_the_access_log_are_append_only(couple, counsellor, partner_a, partner_b):
    access = connect(couple, counsellor, partner_a, partner_b)
    consent = Consent.objects.first()
    entry = counselling_services.log_view(state=consent_state(access), page="summary")
    for record, model in ((consent, Consent), (entry, AccessLogEntry)):
        with pytest.raises(PermissionError):
            record.save()
        with pytest.raises(PermissionError):
            record.delete()
        with pytest.raises(PermissionError):
            model.objects.all().delete()
        with pytest.raises(PermissionError):
            model.objects.update(created_at=None) if model is Consent else model.objects.update(
                page="x"
            )


def test_the_admin_cannot_change_or_delete_history(admin_client, couple, counsellor, partner_a):
    access = connect(couple, counsellor, partner_a)
    consent = Consent.objects.get()
    url = reverse("admin:counselling_consent_change", args=[consent.pk])
    assert admin_client.post(url, {"kind": "revoke"}).status_code == 403
    delete = reverse("admin:counselling_consent_delete", args=[consent.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Consent.objects.get().kind == "grant"
    del access


def test_the_span_is_the_narrower_of_the_two_choices(couple, counsellor, partner_a, partner_b):
    access = connect(couple, counsellor)
    counselling_services.consent_grant(access=access, partner=partner_a, span="all")
    counselling_services.consent_grant(access=access, partner=partner_b, span="12")
    assert consent_state(access).span_weeks == 12
    counselling_services.consent_grant(access=access, partner=partner_a, span="4")
    assert consent_state(access).span_weeks == 4


def _log_in_with_password(client, user):
    """Log in, then confirm the password on allauth's reauthentication page."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_a_new_counsellor_person_can_also_be_a_partner_elsewhere(couple, partner_a, partner_b):
    both = UserFactory(display_name="Dual")
    from tests.factories import make_couple

    make_couple(both, UserFactory())
    access = connect(couple, both, partner_a, partner_b)
    assert consent_state(access).active


def test_withdrawing_twice_records_and_sends_once(
    client, partner_a, partner_b, couple, counsellor, django_capture_on_commit_callbacks
):
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_b)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            client.post(reverse("couple:counsellor_revoke", args=[access.pk]))
    assert Consent.objects.filter(kind="revoke").count() == 1
    assert len(mail.outbox) == 2  # the counsellor and the other partner, once each
