"""The one invitation mechanism, for partners and counsellors alike: random tokens shown
once and stored only as a SHA-256 hash, their lifecycle (why a link stopped working), and
the email that carries the link. The shared fields are ``accounts.models.Invitation``."""

from __future__ import annotations

import enum
import hashlib
import re
import secrets
from datetime import timedelta
from typing import Any

from django.db import models
from django.utils import timezone

from intimacy.notify import send_after_commit

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.match(token))


def issue(lifetime_days: int) -> tuple[str, dict[str, Any]]:
    """A new token, and the fields that store it: its hash, creation and expiry times."""
    token, now = new_token(), timezone.now()
    fields = {
        "token_hash": token_hash(token),
        "created_at": now,
        "expires_at": now + timedelta(days=lifetime_days),
    }
    return token, fields


# Why a link stopped working, whoever it was for. Each invitation kind's refusal enum has
# members with these names, so one lifecycle check and one status mapping serve both.
STOPPED = ("INVALID", "REVOKED", "USED", "EXPIRED")


def stopped(invite: Any) -> str | None:
    """The name of the reason an invitation link no longer works, or None while it does.

    ``invite`` is a partner or counsellor invitation with its couple loaded.
    """
    if invite is None:
        return "INVALID"
    if invite.revoked_at is not None or invite.couple.closed_at is not None:
        return "REVOKED"
    if invite.used_at is not None:
        return "USED"
    if invite.expires_at <= timezone.now():
        return "EXPIRED"
    return None


class Refused(Exception):
    """An invitation that may not be accepted; ``refusal`` (an enum member) says why."""

    def __init__(self, refusal: enum.Enum) -> None:
        super().__init__(refusal.name)
        self.refusal = refusal


def http_status(refusal: enum.Enum | None) -> int:
    """404 for a link that never worked, 410 for one that stopped, 409 for this person."""
    if refusal is None:
        return 200
    if refusal.name == "INVALID":
        return 404
    return 410 if refusal.name in STOPPED else 409


def send(*, to: str, template: str, link: str, invite: Any, inviter: Any) -> None:
    """Email an invitation link once the transaction that issued it commits."""
    send_after_commit(
        to=[to],
        template=template,
        context={
            "inviter": inviter.display_name,
            "link": link,
            "expires_at": invite.expires_at,
        },
    )


def find[M: models.Model](queryset: models.QuerySet[M], token: str) -> M | None:
    """The invitation in ``queryset`` whose token this is; None for anything malformed."""
    if not is_well_formed(token):
        return None
    return queryset.filter(token_hash=token_hash(token)).first()
