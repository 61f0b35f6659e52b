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
from allauth.core import context
from django.http import HttpRequest

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
    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        return request is None or not logged_in_recently(request)
