"""Run functions at the same instant, each in its own thread with its own connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection, connections


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Call every function at the same moment; return each result or raised exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


class Worker(threading.Thread):
    """Run ``call`` in a thread of its own, with its own database connection; keep what it
    returned or raised. ``outcome()`` waits for it and returns (or re-raises) that."""

    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.call = call
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.call()
        except BaseException as error:
            self.error = error
        finally:
            connections.close_all()

    def outcome(self, timeout: float = 30) -> Any:
        self.join(timeout)
        assert not self.is_alive(), "the worker did not finish"
        if self.error is not None:
            raise self.error
        return self.result


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> bool:
    """Check ``condition`` again and again (every few milliseconds) until it holds or
    ``timeout`` seconds pass; return whether it held. For states another connection reaches
    that no event can announce, such as "waiting for a row lock"."""
    deadline = threading.Event()
    timer = threading.Timer(timeout, deadline.set)
    timer.start()
    try:
        while not deadline.is_set():
            if condition():
                return True
            deadline.wait(0.005)
        return condition()
    finally:
        timer.cancel()


def backend_pid() -> int:
    """This thread's PostgreSQL backend process id."""
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def is_waiting_for_a_lock(pid: int) -> bool:
    """Whether PostgreSQL backend ``pid`` is blocked by a lock another backend holds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [pid])
        return bool(cursor.fetchone()[0])
