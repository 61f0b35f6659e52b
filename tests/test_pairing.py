"""Starting a couple, inviting, accepting and every refusal."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import selectors, services
from accounts.invites import token_hash
from accounts.models import Couple, Invite, Membership
from accounts.scoping import couple_for
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db


def _start(client, user, time_zone="Europe/Paris"):
    client.force_login(user)
    client.post(reverse("couple:start"), {"time_zone": time_zone})
    return couple_for(user).couple


def _link_token(html: str) -> str:
    return re.search(r"/invite/([A-Za-z0-9_-]{43})/", html).group(1)


class TestStart:
    def test_anonymous_goes_to_login(self, client):
        response = client.post(reverse("couple:start"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_get_is_not_allowed(self, client, loner):
        client.force_login(loner)
        assert client.get(reverse("couple:start")).status_code == 405

    def test_it_starts_a_couple_with_a_link_to_copy(self, client, loner):
        couple = _start(client, loner)
        assert couple.time_zone == "Europe/Paris"
        html = client.get("/").content.decode()
        token = _link_token(html)
        assert Invite.objects.get(couple=couple).token_hash == token_hash(token)
        assert token not in Invite.objects.values_list("token_hash", flat=True)

    def test_an_unknown_time_zone_falls_back_to_utc(self, client, loner):
        assert _start(client, loner, time_zone="Mars/Olympus").time_zone == "UTC"

    def test_starting_twice_keeps_one_couple(self, client, loner):
        first = _start(client, loner)
        second = _start(client, loner)
        assert first == second
        assert Membership.objects.filter(user=loner).count() == 1


class TestInvitePage:
    def test_a_visitor_sees_who_invited_them_and_can_sign_up(self, client, loner):
        couple = services.couple_start(user=loner)
        _, token = services.invite_create(couple=couple, by=loner)
        response = client.get(reverse("couple:invite", args=[token]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Lee invited you to Twoway" in html
        assert reverse("account_signup") in html
        assert client.session["pending_invite_token"] == token

    def test_after_signing_in_the_invitation_waits_on_the_home_page(self, client, loner):
        couple = services.couple_start(user=loner)
        _, token = services.invite_create(couple=couple, by=loner)
        client.get(reverse("couple:invite", args=[token]))
        client.force_login(UserFactory(display_name="Kim"))
        assert "Lee invited you" in client.get("/").content.decode()

    @pytest.mark.parametrize("token", ["short", "x" * 43, "!" * 43])
    def test_a_malformed_or_unknown_link_is_a_clear_404(self, client, token):
        response = client.get(reverse("couple:invite", args=[token]))
        assert response.status_code == 404
        assert "invitation link isn" in response.content.decode()

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"revoked_at": timezone.now()}, "was cancelled"),
            ({"used_at": timezone.now()}, "already been used"),
            ({"expires_at": timezone.now() - timedelta(seconds=1)}, "has expired"),
        ],
    )
    def test_dead_links_say_why(self, client, change, message):
        # A name no random token on the page can contain, unlike a short one such as "Lee".
        inviter = UserFactory(display_name="Leonora Quickfeather")
        couple = services.couple_start(user=inviter)
        invite, token = services.invite_create(couple=couple, by=inviter)
        Invite.objects.filter(pk=invite.pk).update(**change)
        response = client.get(reverse("couple:invite", args=[token]))
        assert response.status_code == 410
        assert message in response.content.decode()
        assert "Quickfeather" not in response.content.decode()


class TestAccept:
    def _invite(self, inviter):
        couple = services.couple_start(user=inviter)
        return couple, services.invite_create(couple=couple, by=inviter)[1]

    def test_anonymous_goes_to_login(self, client, loner):
        _, token = self._invite(loner)
        response = client.post(reverse("couple:invite_accept", args=[token]))
        assert response["Location"].startswith(reverse("account_login"))

    def test_get_is_not_allowed(self, client, loner):
        _, token = self._invite(loner)
        client.force_login(UserFactory())
        assert client.get(reverse("couple:invite_accept", args=[token])).status_code == 405

    def test_it_pairs_and_both_land_on_the_couple_home(self, client, loner):
        couple, token = self._invite(loner)
        kim = UserFactory(display_name="Kim")
        client.force_login(kim)
        response = client.post(reverse("couple:invite_accept", args=[token]), follow=True)
        assert "You and Lee are paired" in response.content.decode()
        assert couple_for(kim).couple == couple
        assert couple_for(loner).partner.user == kim
        client.force_login(loner)
        assert "Lee &amp; Kim" in client.get("/").content.decode()

    def test_a_link_works_once(self, client, loner):
        _, token = self._invite(loner)
        client.force_login(UserFactory())
        client.post(reverse("couple:invite_accept", args=[token]))
        client.force_login(UserFactory())
        response = client.post(reverse("couple:invite_accept", args=[token]))
        assert response.status_code == 409
        assert "already been used" in response.content.decode()

    def test_accepting_your_own_invitation_is_refused(self, client, loner):
        _, token = self._invite(loner)
        client.force_login(loner)
        response = client.post(reverse("couple:invite_accept", args=[token]))
        assert response.status_code == 409
        assert "your own invitation" in response.content.decode()

    def test_someone_already_paired_is_refused(self, client, loner, couple, partner_a):
        _, token = self._invite(loner)
        client.force_login(partner_a)
        response = client.post(reverse("couple:invite_accept", args=[token]))
        assert response.status_code == 409
        assert "already in a couple" in response.content.decode()
        assert couple_for(loner).partner is None

    def test_a_full_couple_is_refused(self, couple, partner_a):
        _invite, token = services.invite_create(couple=couple, by=partner_a)
        with pytest.raises(services.InviteRefused) as refused:
            services.invite_accept(token=token, user=UserFactory())
        assert refused.value.refusal is services.Refusal.FULL

    def test_a_person_waiting_for_a_partner_can_accept_instead(self, client, loner):
        couple, token = self._invite(loner)
        kim = UserFactory(display_name="Kim")
        kims_own = services.couple_start(user=kim)
        services.invite_create(couple=kims_own, by=kim)
        client.force_login(kim)
        client.post(reverse("couple:invite_accept", args=[token]))
        kims_own.refresh_from_db()
        assert kims_own.closed_at is not None
        assert not kims_own.invites.filter(revoked_at__isnull=True).exists()
        assert couple_for(kim).couple == couple


class TestInvitePanel:
    @pytest.fixture
    def pending(self, client, loner):
        couple = _start(client, loner)
        return couple

    def test_revoke_swaps_the_panel_with_htmx(self, client, pending):
        response = client.post(reverse("couple:invite_revoke"), headers={"HX-Request": "true"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        assert 'id="invite-panel"' in html
        assert "The invitation was cancelled" in html
        assert not Invite.objects.filter(couple=pending, revoked_at__isnull=True).exists()

    def test_revoke_without_javascript_redirects_home_with_a_message(self, client, pending):
        response = client.post(reverse("couple:invite_revoke"), follow=True)
        assert "The invitation was cancelled" in response.content.decode()

    def test_a_new_link_replaces_the_old_one(self, client, pending):
        old = _link_token(client.get("/").content.decode())
        html = client.post(
            reverse("couple:invite_new"), headers={"HX-Request": "true"}
        ).content.decode()
        new = _link_token(html)
        assert new != old
        assert (
            services.invite_refusal(selectors.invite_by_token(token=old), None)
            is services.Refusal.REVOKED
        )
        assert services.invite_refusal(selectors.invite_by_token(token=new), None) is None

    def test_send_emails_the_partner_a_working_link(
        self, client, pending, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("couple:invite_send"), {"email": "kim@example.com"}, follow=True
            )
        assert "We emailed an invitation to kim@example.com" in response.content.decode()
        assert mail.outbox[-1].to == ["kim@example.com"]
        token = _link_token(mail.outbox[-1].body)
        assert selectors.invite_by_token(token=token).sent_to == "kim@example.com"

    def test_a_bad_address_is_explained_and_kept(self, client, pending):
        response = client.post(
            reverse("couple:invite_send"),
            {"email": "kim at example"},
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        assert response.status_code == 422
        assert 'value="kim at example"' in html
        assert "valid email address" in html
        assert not mail.outbox

    def test_someone_without_a_couple_gets_404(self, client, loner):
        client.force_login(loner)
        for name in ("invite_revoke", "invite_new", "invite_send"):
            assert client.post(reverse(f"couple:{name}")).status_code == 404


class TestConstraints:
    def test_the_database_refuses_a_third_partner(self, couple):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(couple=couple, user=UserFactory(), seat=2)

    def test_the_database_refuses_a_second_couple_for_one_person(self, couple, partner_a):
        other = Couple.objects.create()
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(couple=other, user=partner_a, seat=1)

    def test_the_database_refuses_a_third_seat(self, loner):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(couple=Couple.objects.create(), user=loner, seat=3)

    def test_after_unpairing_both_may_pair_again(self, couple, partner_a, partner_b):
        services.couple_close(couple=couple, by=partner_a)
        assert make_couple(partner_a, partner_b).pk != couple.pk


def test_emailing_invitations_is_rate_limited(client, loner, settings):
    settings.INVITE_EMAILS_PER_HOUR = 2
    _start(client, loner)
    statuses = [
        client.post(reverse("couple:invite_send"), {"email": f"k{i}@example.com"}).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_a_rate_limited_htmx_send_says_so_in_the_panel(client, loner, settings):
    settings.INVITE_EMAILS_PER_HOUR = 1
    _start(client, loner)
    send = reverse("couple:invite_send")
    client.post(send, {"email": "k@example.com"}, headers={"HX-Request": "true"})
    response = client.post(send, {"email": "k2@example.com"}, headers={"HX-Request": "true"})
    assert response.status_code == 429
    assert "wait a while" in response.content.decode()
    assert 'value="k2@example.com"' in response.content.decode()
