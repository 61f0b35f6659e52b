"""Building and sending the app's emails: a plain-text and an HTML part from templates.

``send_after_commit`` is for the essential emails (invitations, counsellor access): sent
from the request that caused them, once its transaction commits. The emails a person can
turn off go through ``notifications`` (a background task) and add an unsubscribe link.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

# The address the app is served at, from the request being handled (development only: with
# SITE_URL set, that is the address, always). ``intimacy.middleware.SiteUrlMiddleware``.
_served_at: contextvars.ContextVar[str] = contextvars.ContextVar("served_at", default="")
FALLBACK_SITE_URL = "http://127.0.0.1:8000"


def remember_served_at(request: HttpRequest) -> contextvars.Token[str]:
    return _served_at.set(f"{request.scheme}://{request.get_host()}")


def forget_served_at(token: contextvars.Token[str]) -> None:
    _served_at.reset(token)


def site_url() -> str:
    """The site's address for links in emails: SITE_URL, or in development (SITE_URL unset)
    the address of the request being handled, or 127.0.0.1:8000 outside any request."""
    return settings.SITE_URL or _served_at.get() or FALLBACK_SITE_URL


def recipient_language(email: str) -> str | None:
    """The language the person with this address chose (``User.language``, one of
    ``settings.LANGUAGES``), found by their login address or another one they verified;
    None if they chose none or the address has no account (an invitation's, say)."""
    return recipient_languages([email]).get(email.lower())


def recipient_languages(emails: Iterable[str]) -> dict[str, str]:
    """``recipient_language`` for many addresses in one query: lowercased address → the
    language its person chose, for those who chose one Twoway has."""
    wanted = {e.lower() for e in emails if e}
    if not wanted:
        return {}
    known = dict(settings.LANGUAGES)
    rows = (
        get_user_model()
        .objects.annotate(login=Lower("email"), other=Lower("emailaddress__email"))
        .filter(
            Q(login__in=wanted) | Q(other__in=wanted, emailaddress__verified=True),
            language__in=known,
        )
        .values_list("login", "other", "language")
    )
    found: dict[str, str] = {}
    for login, other, language in rows:
        for address in (login, other):
            if address in wanted:
                found.setdefault(address, language)
    return found


def render_message(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> EmailMultiAlternatives:
    """``emails/<template>_subject.txt``, ``_body.txt`` and ``_body.html`` as one message,
    written in ``language`` (the recipient's: callers look it up, ``recipient_language``), or
    the active language when it is None."""
    context = {"site_url": site_url(), **context}
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string(f"emails/{template}_body.txt", context),
            to=[to],
            headers=headers or {},
        )
        message.attach_alternative(
            render_to_string(f"emails/{template}_body.html", context), "text/html"
        )
    return message


def send_after_commit(*, to: Iterable[str], template: str, context: dict[str, Any]) -> None:
    """Render (in each recipient's language) and send once the transaction commits.

    After commit, so that a rolled-back change (a lost race, say) sends nothing. One
    message per recipient, so nobody learns another person's address.
    """
    recipients = [address for address in to if address]
    languages = recipient_languages(recipients)  # one query, however many recipients
    for recipient in recipients:
        # In the recipient's language, whoever caused it; with none chosen (or no account
        # yet, as for an invitation), in the language of the page that caused it.
        language = languages.get(recipient.lower())
        message = render_message(
            to=recipient, template=template, context=context, language=language
        )
        transaction.on_commit(message.send)
