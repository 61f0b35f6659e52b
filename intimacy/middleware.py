"""Keep signed-in pages out of shared caches and the browser's back-button cache; remember
the address a request came to (for links in emails); end logins that were idle or lived too
long (intimacy.session_lifetime)."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from intimacy import notify, session_lifetime
from intimacy.session_lifetime import Verdict


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


class SessionLifetimeMiddleware:
    """Log out a session unused for SESSION_IDLE_TIMEOUT or older than SESSION_MAX_AGE, and
    keep "last seen" (the session's, and the sessions page's) to within a few minutes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        now = time.time()
        session = request.session
        found = session_lifetime.verdict(
            session, now, idle=settings.SESSION_IDLE_TIMEOUT, max_age=settings.SESSION_MAX_AGE
        )
        if found in (Verdict.IDLE, Verdict.EXPIRED):
            return self._logged_out(request, found)
        if found is Verdict.SEEN:
            session_lifetime.mark_seen(session, now)
            if session.session_key:
                UserSession.objects.filter(session_key=session.session_key).update(
                    last_seen_at=timezone.now()
                )
        return self.get_response(request)

    def _logged_out(self, request: HttpRequest, found: Verdict) -> HttpResponse:
        ended = request.session.session_key
        logout(request)
        UserSession.objects.filter(session_key=ended).delete()
        if found is Verdict.IDLE:
            note = _("You were logged out because this device wasn't used for a while.")
        else:
            note = _("You were logged out because it had been a while since you logged in.")
        messages.info(request, note + " " + _("Log in again to carry on."))
        login_page = redirect_to_login(request.get_full_path())
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(login_page["Location"])
        return login_page
