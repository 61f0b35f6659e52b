"""One-click unsubscribe links: signed, expiring, tamper-proof, and good while logged out.

A token names a person and one kind of email, signed with SECRET_KEY under a salt of its
own (so no other signed value in the app can be replayed here) and stamped with the time
it was made. It is good for ``MAX_AGE``; a changed character makes it worthless.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

from notifications.kinds import Kind

SALT = "twoway.notifications.unsubscribe"
MAX_AGE = timedelta(days=60)


class Expired(Exception):
    """A genuine link, older than MAX_AGE."""


class Invalid(Exception):
    """Not a link we made (mistyped, cut short or tampered with)."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: Kind


def make_token(*, user_id: int, kind: Kind) -> str:
    return signing.dumps([user_id, str(kind)], salt=SALT, compress=True)


def read_token(token: str) -> Unsubscribe:
    try:
        user_id, kind = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Expired from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Invalid from None
    if not isinstance(user_id, int) or kind not in Kind.values:
        raise Invalid
    return Unsubscribe(user_id=user_id, kind=Kind(kind))
