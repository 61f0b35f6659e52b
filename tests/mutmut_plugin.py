"""A pytest plugin for mutation runs only (``make mutation`` loads it with ``-p``).

mutmut forks its workers from a process that has already imported the settings, so every
worker would inherit the same ``twoway-test-<pid>.sqlite3`` test database name and two
workers running at once would delete each other's database: a mutant "killed" by that
crash is a false kill. Each pytest run here gets a database file of its own instead, in
the throw-away ``mutants/`` copy of the tree.
"""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    folder = config.rootpath / ".test-databases"
    folder.mkdir(exist_ok=True)
    for alias, prefix in (("default", "test"), ("keys", "test-keys")):
        database = settings.DATABASES[alias]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise pytest.UsageError(
                "Mutation runs use SQLite: unset DATABASE_URL and KEYS_DATABASE_URL."
            )
        # The same dict object that django.db.connections reads, so the change reaches it.
        database.setdefault("TEST", {})["NAME"] = str(folder / f"{prefix}-{os.getpid()}.sqlite3")


def pytest_sessionstart(session: pytest.Session) -> None:
    # mutmut's stats run traces every call, so Hypothesis deadlines would fail clean tests;
    # derandomized examples make a mutant's verdict the same on every run.
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "mutmut",
        deadline=None,
        derandomize=True,
        max_examples=30,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile("mutmut")
