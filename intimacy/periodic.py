"""``PeriodicCommand``: a management command that does one round of due work, once, or with
``--every SECONDS`` keeps running (for ``make run``; production runs it from cron or a
systemd timer). Each round must be idempotent: several may run at once."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class PeriodicCommand(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, once every SECONDS (for `make run`); default: run once.",
        )

    def run_once(self) -> tuple[bool, str]:
        """Do the work that is due now: (whether anything was done, a line saying what)."""
        raise NotImplementedError

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            did_something, line = self.run_once()
            if did_something or not every:  # a loop that found nothing stays quiet
                self.stdout.write(line)
            if not every:
                return
            time.sleep(every)
