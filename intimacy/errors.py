"""The styled error pages, rendered without a request context: the database or the session
may be what failed."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader


def _error_page(template: str, status: int) -> HttpResponse:
    context = {"quick_exit_url": settings.QUICK_EXIT_URL}  # the quick exit is on every page
    return HttpResponse(loader.get_template(template).render(context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page("errors/500.html", 500)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/429.html", 429)
