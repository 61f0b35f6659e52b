"""Twoway's allauth account adapter: what counts as "recently authenticated".

allauth asks again for a password (or a second factor) before sensitive changes, and by
itself counts only an explicit confirmation on its reauthentication page, not the login.
Here a login within the last ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds (five minutes)
counts too: someone who has just typed their password (and second factor) is not asked
for it again to give consent or download their data. Logging in from an email link (the
confirmation link signs you in) is not a password and does not count.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.core.internal.httpkit import HTTP_USER_AGENT_MAX_LENGTH
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts import languages, security
from intimacy import devices, notify

# The authentication records (allauth keeps them in the session) that prove it is you.
PROOF_METHODS = frozenset({"password", "mfa"})


def logged_in_recently(request: HttpRequest, *, now: float | None = None) -> bool:
    """Whether this session's person typed a password or used a second factor (a passkey,
    an authenticator code) within the reauthentication timeout."""
    if not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    times: list[float] = [r.get("at", 0) for r in records if r.get("method") in PROOF_METHODS]
    if not times:
        return False
    now = time.time() if now is None else now
    timeout: int = app_settings.REAUTHENTICATION_TIMEOUT
    return now - max(times) < timeout


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """The failed-login counter of an account, by its email alone. allauth keys it on
        the site's domain too, which without django.contrib.sites is the request's Host
        header, port included (that ``ALLOWED_HOSTS`` ignores): each ``Host: 127.0.0.1:<port>``
        got a fresh counter, and two app servers on two ports kept two."""
        login = credentials.get("email", credentials.get("username", ""))
        return f"account:{str(login).strip().lower()}"

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        return request is None or not logged_in_recently(request)

    def get_reauthentication_methods(self, user: Any) -> list[dict[str, Any]]:
        """allauth's ways to confirm it's you, in Twoway's words."""
        words = {
            "reauthenticate": _("Use your password"),
            "mfa_reauthenticate": _("Use your authenticator app or a recovery code"),
            "mfa_reauthenticate:webauthn": _("Use a passkey"),
        }
        methods: list[dict[str, Any]] = super().get_reauthentication_methods(user)
        return [m | {"description": words.get(m["id"], m["description"])} for m in methods]

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> Any:
        """allauth's emails (confirmations, password resets, security notices) in their
        recipient's stored language, else the language of the page that caused them (the
        person's own, for every allauth email)."""
        address = email if isinstance(email, str) else (email[0] if email else "")
        with languages.override_for(languages.for_recipient(address)):
            return super().render_mail(template_prefix, email, context, headers)

    def login(self, request: HttpRequest, user: Any) -> None:
        # Before Django's login stamps last_login: whether this person had ever logged in
        # (the first login, right after confirming the address, is not news to them).
        request.twoway_first_login = user.last_login is None  # type: ignore[attr-defined]
        super().login(request, user)

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        if (language := languages.stored(user)) is not None:
            translation.activate(language)  # "You're logged in" already in it
            request.LANGUAGE_CODE = language
        response: HttpResponse = super().post_login(request, user, **kwargs)
        if not security.is_known_device(request, user) and not getattr(
            request, "twoway_first_login", False
        ):
            self._send_after_commit("account/email/new_device", user)
        security.remember_device(request, response, user)
        # Signing in brings the person's language: this page on (accounts.middleware), and
        # the cookie, so the pages after logging out stay in it on this browser.
        languages.remember(response, languages.stored(user))
        return response

    def _send_after_commit(self, template_prefix: str, user: Any) -> None:
        """A notification rendered now (from this request's device and address) and sent
        once the login commits, like every essential email (intimacy.notify)."""
        email = EmailAddress.objects.get_primary_email(user)
        if not email or not app_settings.EMAIL_NOTIFICATIONS:
            return
        user_agent = self.get_http_user_agent(self.request)[:HTTP_USER_AGENT_MAX_LENGTH]
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": self.request,
                "email": email,
                "timestamp": timezone.now(),
                "ip": self.get_client_ip(self.request),
                "user_agent": user_agent,
                "device": devices.describe(user_agent),
                **self._security_context(user),
            },
        )
        transaction.on_commit(message.send)

    def _security_context(self, user: Any) -> dict[str, str]:
        return {
            "not_me_url": notify.site_url() + security.not_me_url(user),
            "site_url": notify.site_url(),
        }

    def send_notification_mail(
        self,
        template_prefix: str,
        user: Any,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        """Every security email gets the "this wasn't me" link (accounts.security)."""
        context = {**self._security_context(user), **(context or {})}
        super().send_notification_mail(template_prefix, user, context, email)


def tell_about_added_email(
    sender: object, request: HttpRequest, user: Any, email_address: Any, **kwargs: Any
) -> None:
    """allauth's ``email_added`` receiver (accounts.apps): allauth tells the new address
    (the confirmation email), this tells the main one."""
    if not email_address.primary:
        from allauth.account.adapter import get_adapter

        get_adapter(request).send_notification_mail(
            "account/email/email_added", user, {"added_email": email_address.email}
        )
