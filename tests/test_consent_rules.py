"""Counsellor access and consent: what the partners are told when a counsellor joins."""

from __future__ import annotations

from django.core import mail

from counselling import services


def test_the_partners_are_told_which_counsellor_accepted(
    couple, partner_a, counsellor, django_capture_on_commit_callbacks
):
    _, token = services.counsellor_invite_create(
        couple=couple, by=partner_a, email=counsellor.email
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.counsellor_invite_accept(token=token, user=counsellor)
    joined = [m for m in mail.outbox if counsellor.email not in m.to]
    assert sorted(m.to[0] for m in joined) == ["alex@example.com", "sam@example.com"]
    for message in joined:
        assert "Dr. Rivera accepted your invitation" in message.body
