"""Someone who followed an invitation before signing in is offered that invitation, not
"Invite your partner"; starting a couple of their own stays possible, quietly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invite
from accounts.views import PENDING_INVITE_KEY
from tests.factories import UserFactory


def _invite_pending_for(client, *, change: dict | None = None) -> str:
    inviter = UserFactory(display_name="Leonora Quickfeather")
    invite, token = services.invite_create(couple=services.couple_start(user=inviter), by=inviter)
    if change:
        Invite.objects.filter(pk=invite.pk).update(**change)
    session = client.session
    session[PENDING_INVITE_KEY] = token
    session.save()
    return token


def _invite_button(html: str) -> bool:
    return '<button type="submit">Invite your partner</button>' in html


def test_a_pending_invitation_is_the_one_thing_offered(client, loner):
    client.force_login(loner)
    token = _invite_pending_for(client)
    html = client.get("/").content.decode()
    assert "Leonora Quickfeather invited you" in html
    assert f'href="{reverse("couple:invite", args=[token])}"' in html
    assert "Review the invitation" in html
    assert not _invite_button(html)
    assert "Invite your partner" not in html
    assert "Next step: invite your partner" not in html
    # The way out: a secondary button that starts a couple of their own.
    assert "Not from your partner? You can start your own couple instead." in html
    assert f'action="{reverse("couple:start")}"' in html
    assert '<button type="submit" class="button-secondary">Start your own couple</button>' in html


def test_starting_your_own_couple_instead_still_works(client, loner):
    client.force_login(loner)
    _invite_pending_for(client)
    response = client.post(reverse("couple:start"), {"time_zone": "Europe/Paris"})
    assert response.status_code == 302
    assert loner.memberships.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"expires_at": timezone.now() - timedelta(seconds=1)},
        {"revoked_at": timezone.now()},
        {"used_at": timezone.now()},
    ],
    ids=["expired", "cancelled", "used"],
)
def test_a_dead_invitation_leaves_the_normal_card(client, loner, change):
    client.force_login(loner)
    _invite_pending_for(client, change=change)
    html = client.get("/").content.decode()
    assert "Quickfeather" not in html
    assert "Review the invitation" not in html
    assert "Next step: invite your partner" in html
    assert _invite_button(html)
    assert "start your own couple instead" not in html


def test_an_unknown_token_leaves_the_normal_card(client, loner):
    client.force_login(loner)
    session = client.session
    session[PENDING_INVITE_KEY] = "x" * 43
    session.save()
    html = client.get("/").content.decode()
    assert "Review the invitation" not in html
    assert _invite_button(html)


def test_without_an_invitation_the_normal_card_shows(client, loner):
    client.force_login(loner)
    html = client.get("/").content.decode()
    assert "Review the invitation" not in html
    assert _invite_button(html)
