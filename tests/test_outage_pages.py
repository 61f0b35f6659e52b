"""In-process twins of the fault tests (tests/test_faults.py runs the real outages): the
database away or read-only gives the styled 503, a bug still the 500; a Redis that does not
answer is a warning, not an error."""

from __future__ import annotations

import logging

import psycopg.errors
import pytest
from django.db import InterfaceError, InternalError, OperationalError

from intimacy import errors
from intimacy.cache import ForgivingRedisCache
from tests.servers import free_port


def _answer_to(exception: Exception, rf):
    try:
        raise exception
    except Exception:
        return errors.server_error(rf.get("/"))


@pytest.mark.parametrize(
    "exception", [OperationalError("connection refused"), InterfaceError("connection closed")]
)
def test_a_database_that_is_away_gets_the_styled_503_with_retry_after(exception, rf):
    response = _answer_to(exception, rf)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Twoway is taking a short break" in response.content.decode()
    assert "What you saved before is safe." in response.content.decode()


def test_a_read_only_database_gets_the_503_too(rf):
    read_only = InternalError("cannot execute UPDATE in a read-only transaction")
    read_only.__cause__ = psycopg.errors.ReadOnlySqlTransaction("read-only")
    assert _answer_to(read_only, rf).status_code == 503


def test_other_errors_are_still_the_500(rf):
    other = InternalError("something else")
    other.__cause__ = psycopg.errors.InternalError_("x")
    for exception in (ValueError("a bug"), other):
        response = _answer_to(exception, rf)
        assert response.status_code == 500
        assert not response.has_header("Retry-After")
        assert "Something went wrong on our side" in response.content.decode()


def test_a_redis_that_does_not_answer_reads_as_empty_and_writes_nowhere(caplog):
    nobody = f"redis://127.0.0.1:{free_port()}/0"
    cache = ForgivingRedisCache(nobody, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with caplog.at_level(logging.WARNING, logger="intimacy.cache"):
        assert cache.get("k", "default") == "default"
        assert cache.add("lock", True) is True  # allauth's cache lock does not wait
        assert cache.incr("count") == 1
        cache.set("k", 1)
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        cache.set_many({"a": 1})
        cache.delete_many(["a"])
        assert cache.touch("k") is False
        assert cache.clear() is False
    assert "Cache unavailable" in caplog.text
