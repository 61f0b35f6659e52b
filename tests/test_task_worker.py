"""A real worker: an email queued on the database backend waits in its table until
``manage.py db_worker`` (a separate process, on the same database) picks it up and sends it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from notifications.kinds import Kind
from notifications.services import notify
from tests.production import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def test_the_worker_sends_a_queued_email(settings, couple, partner_a, partner_b):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.SITE_URL = "https://twoway.example.org"  # the address is fixed when queued
    with transaction.atomic():
        notify(kind=Kind.PARTNER_JOINED, recipient=partner_a, couple=couple, actor=partner_b)
        assert not DBTaskResult.objects.exists()  # queued on commit, not before
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert "Sam" not in str(queued.args_kwargs), queued.args_kwargs  # ids, never text

    env = {
        k: v for k, v in os.environ.items() if k not in {"EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "intimacy.settings",
    }
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert worker.returncode == 0, worker.stderr
    # The development mail backend prints the email, headers first, then the plain text.
    assert "To: alex@example.com" in worker.stdout
    assert "Subject: Sam has joined you on Twoway" in worker.stdout
    assert "List-Unsubscribe: <https://twoway.example.org/emails/unsubscribe/" in worker.stdout
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in worker.stdout
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value == "sent"
