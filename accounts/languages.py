"""Which language a person reads Twoway in, and which one their emails are written in.

A person's ``User.language`` is one of ``settings.LANGUAGES`` or blank ("follow my
browser"). Signed in, the interface follows it (``accounts.middleware``). An email is
written in its recipient's language, never its sender's: ``for_recipient`` finds it from
the address, and ``intimacy.notify.render_message`` (every email Twoway builds, by
``notify.recipient_language``) and
``accounts.adapter.AccountAdapter.render_mail`` (allauth's) render inside
``translation.override`` of it. A recipient who chose no language (or an address with no
account yet, such as an invitation's) gets the language active where the email is built:
the page's of the person who caused it, or ``settings.LANGUAGE_CODE`` in the background
worker (``notifications.emails``).
"""

from __future__ import annotations

from typing import Literal, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from accounts.models import User
from intimacy import notify

SameSite = Literal["Lax", "Strict", "None"] | None


def offered() -> list[tuple[str, str]]:
    """The languages a person may choose, each named in itself."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def is_offered(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


def stored(user: User | None) -> str | None:
    """``user``'s chosen language, or None if they chose none (or it is no longer offered)."""
    if user is None or not user.language or not is_offered(user.language):
        return None
    return user.language


def for_recipient(email: str) -> str | None:
    """The stored language of the person with this address (their login address or another
    one they verified), or None if they chose none or the address has no account."""
    return notify.recipient_language(email)


def override_for(language: str | None) -> translation.override:
    """``translation.override`` of ``language``; of the active language when it is None."""
    return translation.override(language or translation.get_language())


def of_browser(request: HttpRequest) -> str:
    """The offered language the browser asks for first (``Accept-Language``), ignoring the
    cookie and the stored choice; ``settings.LANGUAGE_CODE`` if it asks for none of them."""
    header = request.headers.get("accept-language", "")
    for asked, _quality in parse_accept_lang_header(header):
        if asked == "*":
            break
        try:
            return translation.get_supported_language_variant(asked)
        except LookupError:
            continue
    return str(settings.LANGUAGE_CODE)


def remember(response: HttpResponse, language: str | None) -> None:
    """Set the language cookie as Django's ``set_language`` does (nothing for None)."""
    if language is None:
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=cast(SameSite, settings.LANGUAGE_COOKIE_SAMESITE),
    )
