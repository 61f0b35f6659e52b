"""Per-person data keys, wrapped by a key-encryption key (KEK) from the environment.

They live in their own database (the ``keys`` alias, ``datakeys.routers.KeysRouter``), so
that deleting a person's key makes their text unreadable in every earlier backup of the
main database too (crypto-shredding). ``person_id`` is a plain number, not a foreign key:
the person lives in the other database.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone


def new_key_id() -> str:
    return secrets.token_hex(12)


class DataKey(models.Model):
    id = models.CharField(primary_key=True, max_length=24, default=new_key_id, editable=False)
    person_id = models.PositiveBigIntegerField(unique=True)
    # nonce (12 bytes) + AES-GCM(KEK, data key, associated data naming this row and the KEK)
    wrapped = models.BinaryField()
    kek_id = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"data key {self.id} of person {self.person_id} (under {self.kek_id})"
