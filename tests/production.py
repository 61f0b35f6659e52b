"""Helpers to run manage.py in a child process with production variables."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 30 + "-not-a-real-secret-only-for-the-deploy-check-test",
    "ALLOWED_HOSTS": "twoway.example.org",
    "DATABASE_URL": "postgres://twoway@127.0.0.1:5432/twoway",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "SITE_URL": "https://twoway.example.org",
    "KEYS_DATABASE_URL": "postgres://twoway@127.0.0.1:5432/twoway_keys",
    # Not a real key: 32 bytes of "p", for the deploy-check tests only.
    "DATA_KEYS_KEK": "prod-test:cHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHA=",
}


def run_python(code: str, **overrides: str | None) -> subprocess.CompletedProcess[str]:
    skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set for the browser tests only
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env |= PRODUCTION_ENV
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "intimacy.settings"
    # Rate-limit counters live in that Redis; a fresh prefix keeps runs from adding up.
    env.setdefault("CACHE_KEY_PREFIX", f"twoway-test-{uuid.uuid4().hex}")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def run_manage(*args: str, **overrides: str | None) -> subprocess.CompletedProcess[str]:
    code = f"import sys; from django.core.management import execute_from_command_line as x; x(['manage.py', *{list(args)!r}])"
    return run_python(code, **overrides)
