"""The shared cache (Redis) when Redis cannot be reached: every call answers as if the key
were missing, logs a warning, and the request goes on (docs/scaling.md, "What degrades when
Redis is down"). Nothing Twoway must not lose lives in the cache: sessions, check-ins and
queued emails are in PostgreSQL; the cache holds the rate-limit counters and the "this
wasn't me" links already used."""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _forgiving(name: str, fallback: Any) -> Any:
    strict = getattr(RedisCacheClient, name)

    def method(self: RedisCacheClient, *args: Any, **kwargs: Any) -> Any:
        try:
            return strict(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable (%s: %s); carrying on without it.", name, error)
            return fallback(*args) if callable(fallback) else fallback

    method.__name__ = name
    return method


class ForgivingRedisCacheClient(RedisCacheClient):
    # What each call answers while Redis is down: "missing" for reads, "done" for writes. An
    # add answers True so that allauth's cache lock does not wait; an incr counts 1 (a rate
    # limit starts again from its first attempt: rate limits are off while Redis is down).
    add = _forgiving("add", True)
    get = _forgiving("get", lambda key, default: default)
    set = _forgiving("set", None)
    touch = _forgiving("touch", False)
    delete = _forgiving("delete", False)
    get_many = _forgiving("get_many", lambda keys: {})
    has_key = _forgiving("has_key", False)
    incr = _forgiving("incr", lambda key, delta: delta)
    set_many = _forgiving("set_many", lambda data, timeout: [])
    delete_many = _forgiving("delete_many", None)
    clear = _forgiving("clear", False)


class ForgivingRedisCache(RedisCache):
    """Django's RedisCache whose failures are warnings, not errors (a 500 on every page)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient
