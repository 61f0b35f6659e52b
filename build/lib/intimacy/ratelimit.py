"""A small fixed-window rate limit in the shared cache (Redis in production), for actions
that send email on someone's behalf."""

from __future__ import annotations

from django.core.cache import cache


def allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one attempt for ``key``; False once ``limit`` attempts fall in the window."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit
