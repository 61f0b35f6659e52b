"""``make bench-load`` at a tiny scale: the harness runs end to end and writes its JSON.

Timings are not checked (that is the benchmark's job, not a test's): only that every page
was served (the harness stops at the first failed request or login redirect) and the shape
of the result. It runs on databases of its own, made and dropped here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from benchmarks.load.run import PAGES

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROOT = Path(__file__).resolve().parent.parent
KEPT = {"django_migrations", "django_content_type", "auth_permission", "django_site"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _copy_database(conn: Any, name: str, template: str) -> None:
    """``CREATE DATABASE name TEMPLATE template``. A template may have no other session, and
    in the whole suite threads of earlier tests (the session's live server, the racing
    helpers of tests/concurrency.py) can still hold an idle one on the test database: those
    are ended first (each such thread reconnects if it is ever used again)."""
    import psycopg

    for _attempt in range(40):
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (template,),
        )
        try:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return
        except psycopg.errors.ObjectInUse:
            time.sleep(0.25)  # an ended session takes a moment to go
    raise RuntimeError(f"{template} kept other sessions; cannot copy it")


@pytest.fixture
def databases(django_db_setup: None) -> Iterator[tuple[str, str]]:
    """Two databases of this test's own, copied from the migrated test databases (so the
    harness's migrate has nothing to do), dropped afterwards."""
    import psycopg
    from django.conf import settings
    from django.db import connections

    connections.close_all()  # a template must have no other sessions
    base = urlsplit(os.environ["DATABASE_URL"])
    admin = urlunsplit(base._replace(path="/postgres"))
    made = f"tw_bench_smoke_{uuid.uuid4().hex[:8]}"
    names = {made: settings.DATABASES["default"]["NAME"]}
    names[made + "_keys"] = settings.DATABASES["keys"]["NAME"]
    with psycopg.connect(admin, autocommit=True) as conn:
        for name, template in names.items():
            _copy_database(conn, name, template)
    for name in names:  # the schema only: no rows another test left committed
        with psycopg.connect(urlunsplit(base._replace(path=f"/{name}")), autocommit=True) as db:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
                if row[0] not in KEPT
            ]
            if tables:
                db.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
    try:
        yield (
            urlunsplit(base._replace(path=f"/{made}")),
            urlunsplit(base._replace(path=f"/{made}_keys")),
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_harness_runs_at_a_tiny_scale(databases: tuple[str, str], tmp_path: Path) -> None:
    main, keys = databases
    out = tmp_path / "result.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DATABASE_URL": main,
        "KEYS_DATABASE_URL": keys,
        "REDIS_URL": os.environ["REDIS_URL"],
        "DATA_KEYS_KEK": "bench-smoke:" + "cHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHA=",
    }
    done = subprocess.run(
        [
            sys.executable, "-m", "benchmarks.load.run", "--couples", "3", "--weeks", "3",
            "--summary-couples", "1", "--seconds", "1", "--rounds", "1", "--users", "4",
            "--memory-requests", "40", "--workers", "1", "--warmup-seconds", "0",
            "--port", str(_free_port()),
            "--out", str(out),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=170,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    result = json.loads(out.read_text())
    assert set(result) == {"meta", "floor", "pages", "rounds", "memory"}
    assert set(result["pages"]) == set(PAGES)
    for page, summary in result["pages"].items():
        assert summary["target"] == PAGES[page]
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "app_cpu_ms", "db_cpu_ms"):
            assert summary[key] >= 0, (page, key)
        assert {"ratio_rps", "ratio_cpu", "meets_rps", "meets_cpu", "html_bytes"} <= set(summary)
        assert result["rounds"][page][0]["requests"] > 0
    assert result["floor"]["rps"] > 0
    assert result["meta"]["couples"] == 3
    assert result["memory"]["after_requests_2"] >= 40
    assert result["memory"]["rss_kb_2"]
