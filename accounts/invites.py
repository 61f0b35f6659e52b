"""Invitation tokens (partner and counsellor): random, shown once, stored only as a SHA-256
hash, and looked up by that hash."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from typing import Any

from django.db import models
from django.utils import timezone

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


def find[M: models.Model](queryset: models.QuerySet[M], token: str) -> M | None:
    """The invitation in ``queryset`` whose token this is; None for anything malformed."""
    if not is_well_formed(token):
        return None
    return queryset.filter(token_hash=token_hash(token)).first()
