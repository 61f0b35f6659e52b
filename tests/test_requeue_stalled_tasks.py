"""``manage.py requeue_stalled_tasks``: a task a dead worker left RUNNING is READY again once
it is old enough; one still being run (recently started) and finished ones are left alone.
tests/test_faults.py kills a real worker mid-send."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def _task(status: str, started_minutes_ago: int | None) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        started_at=None
        if started_minutes_ago is None
        else now - timedelta(minutes=started_minutes_ago),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="notifications.tasks.send_notice",
        backend_name="default",
        run_after=now,
        worker_ids=["dead-worker"],
    )


def test_it_queues_again_only_the_tasks_left_running_too_long(capsys):
    stalled = _task("RUNNING", 20)
    running = _task("RUNNING", 2)
    done = _task("SUCCESSFUL", 30)
    call_command("requeue_stalled_tasks")
    assert "Stalled tasks queued again: 1." in capsys.readouterr().out
    stalled.refresh_from_db()
    assert (stalled.status, stalled.started_at) == ("READY", None)
    assert stalled.worker_ids == ["dead-worker"]  # who ran it before stays on record
    assert DBTaskResult.objects.get(pk=running.pk).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=done.pk).status == "SUCCESSFUL"


def test_older_than_sets_the_threshold(capsys):
    _task("RUNNING", 2)
    call_command("requeue_stalled_tasks", "--older-than", "60")
    assert "queued again: 1." in capsys.readouterr().out
    call_command("requeue_stalled_tasks")
    assert "queued again: 0." in capsys.readouterr().out
