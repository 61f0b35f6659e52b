"""``manage.py requeue_stalled_tasks``: put back in the queue the tasks whose worker died
while running them (killed, out of memory, the machine lost). django-tasks-db leaves such a
task RUNNING for ever; after ``--older-than`` seconds (default 15 minutes, far longer than
any email takes: the SMTP timeout is 10 seconds) it is READY again and the next worker runs
it. Every task here is an email that decides at sending time whether it still applies, so a
second run sends nothing that no longer applies; docs/scaling.md says what "once" means."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import CommandParser
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intimacy.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = "Queue again the tasks left running by a worker that died (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--older-than", type=int, default=15 * 60, metavar="SECONDS")

    def handle(self, *args: Any, every: int, older_than: int = 15 * 60, **options: Any) -> None:
        self.older_than = older_than
        super().handle(*args, every=every, **options)

    def run_once(self) -> tuple[bool, str]:
        stalled = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING,
            started_at__lte=timezone.now() - timedelta(seconds=self.older_than),
        )
        count = stalled.update(status=TaskResultStatus.READY, started_at=None)
        return bool(count), f"Stalled tasks queued again: {count}."
