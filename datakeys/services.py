"""Per-person data keys: made on first write, unwrapped on read, destroyed on erasure,
re-wrapped on rotation.

Unwrapped keys are cached in this process (``CACHE_SIZE`` keys, each for ``CACHE_SECONDS``),
so a page of many rows costs at most one query to the keys database per person. Destroying a
person's key forgets it here at once; other processes forget it within ``CACHE_SECONDS``.

The keys database is a separate connection: a key is committed as soon as it is made, even
inside the caller's transaction on the main database. A key whose text was rolled back is
harmless (it opens nothing) and is destroyed with the person.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import transaction

from datakeys.errors import UnreadableText
from datakeys.kek import Kek, kek_ring
from datakeys.models import DataKey
from datakeys.routers import KEYS_DB

CACHE_SIZE = 1024
CACHE_SECONDS = 60.0
NONCE_BYTES = 12


@dataclass(frozen=True)
class OpenKey:
    """An unwrapped data key."""

    id: str
    person_id: int
    aead: AESGCM

    def __repr__(self) -> str:
        return f"OpenKey({self.id!r}, person {self.person_id})"


_lock = threading.Lock()
_by_id: OrderedDict[str, tuple[float, OpenKey]] = OrderedDict()
_id_by_person: dict[int, str] = {}


def forget_cached_keys() -> None:
    """Forget every unwrapped key this process holds (the tests start each from none)."""
    with _lock:
        _by_id.clear()
        _id_by_person.clear()


def _remember(key: OpenKey) -> None:
    with _lock:
        _by_id[key.id] = (time.monotonic() + CACHE_SECONDS, key)
        _by_id.move_to_end(key.id)
        _id_by_person[key.person_id] = key.id
        while len(_by_id) > CACHE_SIZE:
            _old_id, (_t, old) = _by_id.popitem(last=False)
            _id_by_person.pop(old.person_id, None)


def _cached(key_id: str) -> OpenKey | None:
    with _lock:
        entry = _by_id.get(key_id)
        if entry is None:
            return None
        expires, key = entry
        if expires < time.monotonic():
            del _by_id[key_id]
            _id_by_person.pop(key.person_id, None)
            return None
        return key


def _wrap_context(key_id: str, person_id: int, kek_id: str) -> bytes:
    # A wrapped key moved to another row (another person) does not unwrap.
    return f"twoway-datakey\x1f{key_id}\x1f{person_id}\x1f{kek_id}".encode()


def _wrap(secret: bytes, *, key_id: str, person_id: int, kek: Kek) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    context = _wrap_context(key_id, person_id, kek.id)
    return nonce + AESGCM(kek.secret).encrypt(nonce, secret, context)


def _unwrap(row: DataKey) -> bytes:
    kek = kek_ring().by_id.get(row.kek_id)
    if kek is None:
        raise UnreadableText(
            f"Data key {row.id} is wrapped by key-encryption key {row.kek_id!r}, which is not "
            "configured (DATA_KEYS_KEK or DATA_KEYS_OLD_KEKS)."
        )
    wrapped = bytes(row.wrapped)
    nonce, body = wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:]
    try:
        return AESGCM(kek.secret).decrypt(
            nonce, body, _wrap_context(row.id, row.person_id, row.kek_id)
        )
    except InvalidTag:
        raise UnreadableText(f"Data key {row.id} does not unwrap.") from None


def _open(row: DataKey) -> OpenKey:
    key = OpenKey(row.id, row.person_id, AESGCM(_unwrap(row)))
    _remember(key)
    return key


def key_by_id(key_id: str) -> OpenKey:
    """The data key named in a ciphertext; ``UnreadableText`` when it was destroyed."""
    key = _cached(key_id)
    if key is not None:
        return key
    row = DataKey.objects.using(KEYS_DB).filter(pk=key_id).first()
    if row is None:
        raise UnreadableText(f"Data key {key_id} does not exist (destroyed, or never made).")
    return _open(row)


def key_for_person(person_id: int) -> OpenKey:
    """``person_id``'s data key, made on their first write. Two first writes at once end
    with one key: the second insert does nothing and both read the row that won."""
    with _lock:
        key_id = _id_by_person.get(person_id)
    if key_id is not None and (key := _cached(key_id)) is not None:
        return key
    row = DataKey.objects.using(KEYS_DB).filter(person_id=person_id).first()
    if row is None:
        kek = kek_ring().current
        made = DataKey(person_id=person_id, kek_id=kek.id)
        made.wrapped = _wrap(
            AESGCM.generate_key(bit_length=256), key_id=made.id, person_id=person_id, kek=kek
        )
        DataKey.objects.using(KEYS_DB).bulk_create([made], ignore_conflicts=True)
        row = DataKey.objects.using(KEYS_DB).get(person_id=person_id)
    return _open(row)


def destroy_person_keys(*, person_id: int) -> int:
    """Destroy ``person_id``'s data keys: everything they wrote becomes unreadable, in the
    live database and in every backup of it. Erasure calls this first. Returns how many
    keys were destroyed (0 when they never wrote)."""
    with transaction.atomic(using=KEYS_DB):
        deleted, _per_model = DataKey.objects.using(KEYS_DB).filter(person_id=person_id).delete()
    with _lock:
        for key_id in [k for k, (_t, key) in _by_id.items() if key.person_id == person_id]:
            del _by_id[key_id]
        _id_by_person.pop(person_id, None)
    return deleted


def keys_to_rewrap() -> int:
    return DataKey.objects.using(KEYS_DB).exclude(kek_id=kek_ring().current.id).count()


def rewrap_batch(*, size: int = 500) -> int:
    """Re-wrap up to ``size`` data keys not under the current KEK; returns how many.

    Each batch is its own transaction and each row is updated only if it is still under
    the KEK it was read with, so it can be interrupted, resumed, and run beside the app
    (readers see the old wrapping or the new one; both open while the old KEK is listed in
    DATA_KEYS_OLD_KEKS). The data keys themselves do not change, so no text is rewritten.
    """
    current = kek_ring().current
    done = 0
    with transaction.atomic(using=KEYS_DB):
        rows = list(DataKey.objects.using(KEYS_DB).exclude(kek_id=current.id).order_by("pk")[:size])
        for row in rows:
            secret = _unwrap(row)
            wrapped = _wrap(secret, key_id=row.id, person_id=row.person_id, kek=current)
            done += (
                DataKey.objects.using(KEYS_DB)
                .filter(pk=row.pk, kek_id=row.kek_id)
                .update(wrapped=wrapped, kek_id=current.id)
            )
    return done


def rewrap_all(*, size: int = 500) -> Iterator[int]:
    """Batches of ``rewrap_batch`` until none is left; yields each batch's count."""
    while done := rewrap_batch(size=size):
        yield done


def orphaned_person_ids(
    *, live: Callable[[list[int]], set[int]], created_before: datetime, batch: int = 1000
) -> Iterator[int]:
    """The people whose data keys outlived them: keys made before ``created_before`` whose
    ``person_id`` ``live`` (given a batch of ids, the ones that still exist) does not return.

    A key can outlive its person only when erasure committed but destroying the key after it
    failed (the keys database was down; ``yourdata.erasure`` logs it). Keys younger than
    ``created_before`` are left alone: a person's first write makes their key on its own
    connection before the person's own transaction may have committed."""
    after = -1
    while True:
        ids = list(
            DataKey.objects.using(KEYS_DB)
            .filter(person_id__gt=after, created_at__lt=created_before)
            .order_by("person_id")
            .values_list("person_id", flat=True)[:batch]
        )
        if not ids:
            return
        alive = live(ids)
        yield from (person_id for person_id in ids if person_id not in alive)
        after = ids[-1]
