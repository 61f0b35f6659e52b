"""Typed requests for views, so mypy knows what the middleware put on them."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """Any request, signed in or not: ``request.user`` may be anonymous."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request to a ``@login_required`` view: ``request.user`` is a ``User``."""

    user: User
