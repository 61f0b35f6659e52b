"""Sending the app's emails: plain text from templates, only once the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string


def send_after_commit(*, to: Iterable[str], template: str, context: dict[str, Any]) -> None:
    """Render ``emails/<template>_subject.txt`` and ``_body.txt`` and send after commit.

    After commit, so that a rolled-back change (a lost race, say) sends nothing. One
    message per recipient, so nobody learns another person's address.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"emails/{template}_body.txt", context)
    for recipient in recipients:
        message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[recipient])
        transaction.on_commit(message.send)
