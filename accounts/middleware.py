"""The language a signed-in person stored in their settings wins over the browser's.

Runs after ``LocaleMiddleware`` (which has chosen from the language cookie, then
``Accept-Language``) and after ``AuthenticationMiddleware``. A person who stored no language
keeps what ``LocaleMiddleware`` chose. ``request.user`` is loaded here, a query every signed-in
page makes anyway (the navigation reads it).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from accounts import languages


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = languages.stored(user)
            if language is not None and language != translation.get_language():
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
