"""The key-encryption keys (KEKs): from the environment, never from the database.

``DATA_KEYS_KEK`` is ``"<id>:<base64 of 32 random bytes>"``, the key every new or re-wrapped
data key is wrapped with; ``DATA_KEYS_OLD_KEKS`` lists earlier ones, comma separated, so data
keys wrapped before a rotation still open until ``manage.py rotate_data_keys`` has re-wrapped
them. In development (DEBUG on, no variable set) one is made once and kept in
``DATA_KEYS_KEK_FILE`` (``.data-kek``, ignored by git).

This module reads no settings at import time: ``intimacy.settings`` uses ``parse_kek`` to
refuse a bad value at start.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

KEK_BYTES = 32
_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class Kek:
    id: str
    secret: bytes

    def __repr__(self) -> str:  # never print the secret
        return f"Kek({self.id!r})"


@dataclass(frozen=True)
class KekRing:
    current: Kek
    by_id: dict[str, Kek]


def parse_kek(value: str, *, name: str = "DATA_KEYS_KEK") -> Kek:
    """``"<id>:<base64 32 bytes>"`` as a ``Kek``; ``ImproperlyConfigured`` naming ``name``."""
    kek_id, sep, encoded = value.strip().partition(":")
    if not sep or not _ID.match(kek_id):
        raise ImproperlyConfigured(
            f"{name} must be '<id>:<base64 of 32 random bytes>' (id: letters, digits, . _ -)."
        )
    try:
        secret = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{name}: the part after ':' is not base64.") from None
    if len(secret) != KEK_BYTES:
        raise ImproperlyConfigured(f"{name} must hold exactly {KEK_BYTES} bytes (base64).")
    return Kek(kek_id, secret)


def new_kek_value(kek_id: str | None = None) -> str:
    """A fresh ``DATA_KEYS_KEK`` value (``manage.py rotate_data_keys --new-kek`` prints one)."""
    kek_id = kek_id or f"kek-{secrets.token_hex(4)}"
    return f"{kek_id}:{base64.b64encode(secrets.token_bytes(KEK_BYTES)).decode()}"


def parse_ring(current: str, old: list[str]) -> KekRing:
    kek = parse_kek(current)
    by_id = {kek.id: kek}
    for value in old:
        older = parse_kek(value, name="DATA_KEYS_OLD_KEKS")
        if older.id in by_id and by_id[older.id] != older:
            raise ImproperlyConfigured(f"Two different key-encryption keys are named {older.id!r}.")
        by_id.setdefault(older.id, older)
    return KekRing(kek, by_id)


def _development_kek(path: Path) -> str:
    """The development KEK, made once and kept in ``path`` (readable by its owner only)."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    value = new_kek_value("dev")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value


@cache
def kek_ring() -> KekRing:
    from django.conf import settings

    current = settings.DATA_KEYS_KEK
    if not current:
        if not settings.DEBUG:
            raise ImproperlyConfigured("DATA_KEYS_KEK must be set when DEBUG=false.")
        current = _development_kek(Path(settings.DATA_KEYS_KEK_FILE))
    return parse_ring(current, list(settings.DATA_KEYS_OLD_KEKS))


@receiver(setting_changed)
def _forget_ring(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("DATA_KEYS_") or setting == "DEBUG":
        kek_ring.cache_clear()
