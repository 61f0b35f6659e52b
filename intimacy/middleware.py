"""Keep signed-in pages out of shared caches and the browser's back-button cache; remember
the address a request came to (for links in emails)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from intimacy import notify


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            # After logging out on a shared computer, Back must not show what was written.
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class SiteUrlMiddleware:
    """Remember the address this request came to, for links in the emails it causes when
    SITE_URL is unset (development: runserver on any port links to that port)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = notify.remember_served_at(request)
        try:
            return self.get_response(request)
        finally:
            notify.forget_served_at(token)
