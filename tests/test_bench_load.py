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
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from benchmarks.load.run import PAGES

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def databases() -> tuple[str, str]:
    import psycopg

    base = urlsplit(os.environ["DATABASE_URL"])
    names = [f"tw_bench_smoke_{uuid.uuid4().hex[:8]}", ""]
    names[1] = names[0] + "_keys"
    admin = urlunsplit(base._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    yield tuple(urlunsplit(base._replace(path=f"/{n}")) for n in names)  # type: ignore[misc]
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
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    done = subprocess.run(
        [
            sys.executable, "-m", "benchmarks.load.run", "--couples", "3", "--weeks", "3",
            "--summary-couples", "1", "--seconds", "1", "--rounds", "1", "--users", "4",
            "--memory-requests", "40", "--workers", "1", "--port", str(_free_port()),
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
