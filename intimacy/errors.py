"""The styled error pages, rendered without a request context: the database or the session
may be what failed."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

# How long to ask browsers and load balancers to wait while the database is away.
RETRY_AFTER_SECONDS = 30
# PostgreSQL's read_only_sql_transaction: a standby, or a database set read-only.
READ_ONLY_SQLSTATE = "25006"


def _error_page(template: str, status: int) -> HttpResponse:
    context = {"quick_exit_url": settings.QUICK_EXIT_URL}  # the quick exit is on every page
    return HttpResponse(loader.get_template(template).render(context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/404.html", 404)


def database_unavailable(exception: BaseException | None) -> bool:
    """Whether a request failed because the database is away (down, restarting, refusing
    connections) or read-only, not because of a bug: then the person gets a 503."""
    if isinstance(exception, (OperationalError, InterfaceError)):
        return True
    if isinstance(exception, InternalError):
        cause = exception.__cause__
        return getattr(cause, "sqlstate", None) == READ_ONLY_SQLSTATE
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is still at hand.
    if database_unavailable(sys.exc_info()[1]):
        response = _error_page("errors/503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_page("errors/500.html", 500)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("errors/429.html", 429)
