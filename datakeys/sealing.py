"""Sealing text under a person's data key, bound to where it is stored.

A sealed text is ASCII: ``tw1:<data key id>:<base64url(nonce + AES-GCM ciphertext)>``. The
associated data names the place (``context``: table, column and the row's identity), so a
ciphertext copied to another row or column does not open. Text without the prefix is legacy
plaintext, from before encryption, and reads as it is until ``encrypt_private_text`` seals it.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from cryptography.exceptions import InvalidTag

from datakeys.errors import UnreadableText
from datakeys.services import NONCE_BYTES, key_by_id, key_for_person

PREFIX = "tw1:"


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def _associated(context: str, key_id: str) -> bytes:
    return f"{PREFIX}{key_id}\x1f{context}".encode()


def seal(*, person_id: int, text: str, context: str) -> str:
    key = key_for_person(person_id)
    nonce = secrets.token_bytes(NONCE_BYTES)
    body = key.aead.encrypt(nonce, text.encode(), _associated(context, key.id))
    return f"{PREFIX}{key.id}:{base64.urlsafe_b64encode(nonce + body).decode('ascii')}"


def unseal(*, stored: str, context: str) -> str:
    """The text of ``stored`` at ``context``; legacy plaintext as it is. ``UnreadableText``
    when it does not open (key destroyed, moved to another place, altered)."""
    if not is_sealed(stored):
        return stored
    key_id, sep, encoded = stored[len(PREFIX) :].partition(":")
    if not sep:
        raise UnreadableText(f"Malformed ciphertext at {context}.")
    try:
        raw = base64.urlsafe_b64decode(encoded.encode("ascii"))
    except (binascii.Error, ValueError):
        raise UnreadableText(f"Malformed ciphertext at {context}.") from None
    key = key_by_id(key_id)
    try:
        plain = key.aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _associated(context, key_id))
    except InvalidTag:
        raise UnreadableText(
            f"The ciphertext at {context} does not open (moved from another row or altered)."
        ) from None
    return plain.decode()
