"""``manage.py end_expired_access``: record the consents that reached their end date, tell
everyone when that ended sharing, and warn a week before an access ends. Run it every few
minutes (cron, a systemd timer, or ``--every`` beside the worker); it writes and sends each
thing once however often, and on however many servers, it runs. Access itself ends at the
end date without it: this only makes the record and sends the emails."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from counselling.services import end_expired_access


class Command(BaseCommand):
    help = "End counsellor access that reached its agreed date; warn a week before."

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
            run = end_expired_access()
            if run.expired or run.warned or not every:
                self.stdout.write(
                    f"Counsellor access: {run.expired} consents ended, {run.warned} warned."
                )
            if not every:
                return
            time.sleep(every)
