"""How long a login lasts: an idle timeout and an absolute lifetime (both settings).

The session remembers when the person logged in and when they were last seen. "Last seen"
is written at most once every ``SEEN_EVERY`` seconds, so an active person costs one session
write (and one update of the sessions page's "last active") every few minutes, not one per
request. ``intimacy.middleware.SessionLifetimeMiddleware`` applies the rules below.
"""

from __future__ import annotations

import enum
import time
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

LOGGED_IN_AT = "twoway_logged_in_at"
SEEN_AT = "twoway_seen_at"
# How stale "last seen" may get before it is written again (seconds).
SEEN_EVERY = 5 * 60


class Verdict(enum.Enum):
    FRESH = "fresh"  # nothing to do
    SEEN = "seen"  # still valid; write "last seen" now
    IDLE = "idle"  # unused for longer than the idle timeout
    EXPIRED = "expired"  # older than the absolute lifetime


def stamp_login(session: SessionBase, now: float) -> None:
    session[LOGGED_IN_AT] = now
    session[SEEN_AT] = now


def verdict(
    session: SessionBase | dict[str, Any], now: float, *, idle: int, max_age: int
) -> Verdict:
    logged_in_at = session.get(LOGGED_IN_AT)
    seen_at = session.get(SEEN_AT)
    if not isinstance(logged_in_at, (int, float)) or not isinstance(seen_at, (int, float)):
        # A session from before these rules: its clock starts now (written once).
        return Verdict.SEEN
    if now - logged_in_at >= max_age:
        return Verdict.EXPIRED
    if now - seen_at >= idle:
        return Verdict.IDLE
    if now - seen_at >= SEEN_EVERY:
        return Verdict.SEEN
    return Verdict.FRESH


def mark_seen(session: SessionBase, now: float) -> None:
    session.setdefault(LOGGED_IN_AT, now)
    session[SEEN_AT] = now


def start_on_login(sender: object, request: Any, **kwargs: Any) -> None:
    """Django's ``user_logged_in`` receiver (connected in accounts.apps): the clock starts."""
    if request is not None and hasattr(request, "session"):
        stamp_login(request.session, time.time())
