"""Signing-in safety that allauth does not do itself: known devices, and "this wasn't me".

**Known devices.** A browser that has logged in to an account carries a long-lived, signed,
HttpOnly cookie listing keyed hashes of the accounts that logged in on it (never an id or an
address anyone could read). A login whose account is not on the list is from a new device
(or a browser whose cookies were cleared), and the account's owner gets an email.

**This wasn't me.** Every security email carries a signed link, for that person only and
good for a week. Following it shows a page; its button logs out every session of the
account, stops the current password working, removes every passkey (a passkey logs in on
its own, so one added by someone else would let them back in), and takes the person
straight to choosing a new one. Each link works once (its id is kept as used in the cache for as long as it lives).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac

from accounts.models import User

# The __Host- prefix needs a Secure cookie: as for the session cookie, in production.
DEVICE_COOKIE = "__Host-twoway_device" if settings.SESSION_COOKIE_SECURE else "twoway_device"
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 400  # the longest a browser keeps a cookie
_DEVICE_SALT = "twoway.known-device"
_DEVICES_KEPT = 10

NOT_ME_MAX_AGE = 60 * 60 * 24 * 7
_NOT_ME_SALT = "twoway.not-me"


def _device_mark(user: User) -> str:
    return salted_hmac(_DEVICE_SALT, str(user.pk), algorithm="sha256").hexdigest()[:20]


def _known_marks(request: HttpRequest) -> list[str]:
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        marks = signing.loads(raw, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return []
    return [m for m in marks if isinstance(m, str)] if isinstance(marks, list) else []


def is_known_device(request: HttpRequest, user: User) -> bool:
    return _device_mark(user) in _known_marks(request)


def remember_device(request: HttpRequest, response: HttpResponse, user: User) -> None:
    """Put ``user`` on this browser's list (most recent first), renewing the cookie."""
    mark = _device_mark(user)
    marks = [mark, *(m for m in _known_marks(request) if m != mark)][:_DEVICES_KEPT]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(marks, salt=_DEVICE_SALT),
        max_age=DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@dataclass(frozen=True)
class NotMeClaim:
    user: User
    link_id: str


def not_me_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "n": secrets.token_urlsafe(9)}, salt=_NOT_ME_SALT)


def not_me_url(user: User) -> str:
    return reverse("not_me", args=[not_me_token(user)])


def _used_key(link_id: str) -> str:
    return f"not-me-used:{link_id}"


def read_not_me_token(token: str) -> NotMeClaim | None:
    """The person a "this wasn't me" link is for, or None if it is bad, old or used."""
    try:
        data = signing.loads(token, salt=_NOT_ME_SALT, max_age=NOT_ME_MAX_AGE)
        user = User.objects.get(pk=data["u"], is_active=True)
        link_id = str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, User.DoesNotExist):
        return None
    if cache.get(_used_key(link_id)):
        return None
    return NotMeClaim(user=user, link_id=link_id)


def _remove_passkeys(user: User) -> None:
    """Every passkey goes; recovery codes go too if no authenticator app is left, as allauth
    does when the last second factor is removed (the person sets them up again)."""
    mine = Authenticator.objects.filter(user=user)
    mine.filter(type=Authenticator.Type.WEBAUTHN).delete()
    if not mine.filter(type=Authenticator.Type.TOTP).exists():
        mine.filter(type=Authenticator.Type.RECOVERY_CODES).delete()


def account_secure(*, claim: NotMeClaim) -> str:
    """Log out every session of the account, stop its password working and remove its
    passkeys; return the
    address of the page where its owner chooses a new password."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=claim.user.pk)
        # A new password hash: every session's auth hash stops matching, so even sessions
        # the sessions page does not list are logged out on their next request.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        for session in UserSession.objects.filter(user=user):
            session.end()
        _remove_passkeys(user)
    cache.set(_used_key(claim.link_id), True, NOT_ME_MAX_AGE)
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    return reverse(
        "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
    ).replace("UID-KEY", key)
