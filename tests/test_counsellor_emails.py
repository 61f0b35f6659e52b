"""The emails of counsellor access, through the real pages: who gets each one and who does
not, in plain text and HTML on the shared layout, never quoting what a partner wrote."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from counselling import services
from counselling.models import CounsellorAccess
from tests.checkin_helpers import history, leaked, plant_markers
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PARTNERS = ["alex@example.com", "sam@example.com"]
EVERYONE = sorted([*PARTNERS, "rivera@example.com"])


@pytest.fixture
def access(couple, counsellor, partner_a):
    return CounsellorAccess.objects.create(
        couple=couple, counsellor=counsellor, invited_by=partner_a
    )


@pytest.fixture
def written(couple):
    """Every text both partners wrote in two weeks, each a unique marker."""
    weeks = history(couple, 2)
    return [m for w in weeks for c in w.checkins.all() for m in plant_markers(c, f"w{w.pk}")]


def consent_through_the_page(client, partner, access, lasts="6"):
    client.force_login(partner)
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    response = client.post(
        reverse("couple:counsellor_consent", args=[access.pk]),
        {"span": "all", "lasts": lasts, "agree": "on"},
    )
    assert response["Location"] == reverse("couple:counsellors")


def html_of(message):
    (html,) = [c for c, kind in message.alternatives if kind == "text/html"]
    return html


def check_parts(message):
    html = html_of(message)
    assert 'data-email-layout="twoway"' in html
    assert message.body.startswith("Hello,")
    assert "unsubscribe" not in (message.body + html).lower()  # essential emails


def test_the_first_consent_tells_only_the_other_partner(
    client, access, partner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consent_through_the_page(client, partner_a, access)
    (message,) = [m for m in mail.outbox if "gave consent" in m.subject]
    assert message.to == ["sam@example.com"]
    assert message.subject == "Alex gave consent for Dr. Rivera to see your summary"
    assert "Nothing is shared until you consent too." in message.body
    assert "/couple/counsellors/" in message.body
    assert "/couple/counsellors/" in html_of(message)
    check_parts(message)
    assert not [m for m in mail.outbox if "rivera@example.com" in m.to]  # not yet


def test_the_consent_that_starts_sharing_tells_the_counsellor_and_both_partners(
    client, access, partner_a, partner_b, django_capture_on_commit_callbacks
):
    consent_through_the_page(client, partner_a, access, lasts="3")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consent_through_the_page(client, partner_b, access, lasts="12")
    assert sorted(m.to[0] for m in mail.outbox) == EVERYONE
    for message in mail.outbox:
        check_parts(message)
    (rivera,) = [m for m in mail.outbox if m.to == ["rivera@example.com"]]
    assert rivera.subject == "Alex and Sam are now sharing their summary with you"
    assert reverse("counsellor:summary", args=[access.pk]) in rivera.body
    (sam,) = [m for m in mail.outbox if m.to == ["sam@example.com"]]
    assert sam.subject == "Sharing with Dr. Rivera has started"
    assert "It ends by itself on" in sam.body  # Alex's 3 months, the earlier end


def test_a_renewal_while_sharing_sends_nothing(
    access, partner_a, partner_b, django_capture_on_commit_callbacks
):
    for partner in (partner_a, partner_b):
        services.consent_grant(access=access, partner=partner, span="all", months=6)
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_grant(access=access, partner=partner_a, span="all", months=12)
    assert mail.outbox == []


def test_withdrawal_and_removal_say_what_happened(
    client, access, partner_a, partner_b, django_capture_on_commit_callbacks
):
    for partner in (partner_a, partner_b):
        services.consent_grant(access=access, partner=partner, span="all", months=6)
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_revoke(access=access, partner=partner_b)
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.com", "rivera@example.com"]
    for message in mail.outbox:
        assert "Sam has withdrawn consent for Dr. Rivera to see the couple's summary" in (
            message.body
        )
        assert "Access ended at once" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.counsellor_remove(access=access, by=partner_a)
    assert sorted(m.to[0] for m in mail.outbox) == ["rivera@example.com", "sam@example.com"]
    (sam,) = [m for m in mail.outbox if m.to == ["sam@example.com"]]
    assert "Alex removed Dr. Rivera" in sam.body


def test_no_counsellor_email_quotes_what_a_partner_wrote(
    client, access, partner_a, partner_b, written, django_capture_on_commit_callbacks
):
    assert written
    with django_capture_on_commit_callbacks(execute=True):
        consent_through_the_page(client, partner_a, access, lasts="3")
        consent_through_the_page(client, partner_b, access, lasts="3")
    ends = timezone.now() + timedelta(days=92)
    for moment in (ends - timedelta(days=7), ends):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            services.end_expired_access()
    with django_capture_on_commit_callbacks(execute=True):
        consent_through_the_page(client, partner_a, access, lasts="3")
        services.consent_revoke(access=access, partner=partner_a)
    kinds = {m.subject for m in mail.outbox}
    assert len(kinds) >= 7  # given, started (2), warned (2), expired (2), withdrawn
    for message in mail.outbox:
        assert leaked(written, message.body + html_of(message)) == []


def test_a_withdrawal_before_sharing_never_names_the_other_partner_to_the_counsellor(
    access, partner_a, django_capture_on_commit_callbacks
):
    services.consent_grant(access=access, partner=partner_a, span="all", months=6)
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_revoke(access=access, partner=partner_a)
    (rivera,) = [m for m in mail.outbox if m.to == ["rivera@example.com"]]
    assert "Alex has withdrawn consent" in rivera.body
    assert "Sam" not in rivera.body + html_of(rivera) + rivera.subject
