"""``manage.py send_reminders``: send the reminders due now. Run it every few minutes (cron,
a systemd timer, or ``--every`` beside the worker); it sends each reminder once however
often, and on however many servers, it runs."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from notifications.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the check-in reminders that are due now (idempotent: run it often)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, once every SECONDS (for `make run`); default: run once.",
        )

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            run = send_due_reminders()
            if run.sent or not every:
                self.stdout.write(f"Reminders: {run.sent} queued ({run.considered} people remind).")
            if not every:
                return
            time.sleep(every)
