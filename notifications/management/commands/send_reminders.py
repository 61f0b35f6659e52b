"""``manage.py send_reminders``: send the reminders due now. Run it every few minutes (cron,
a systemd timer, or ``--every`` beside the worker); it sends each reminder once however
often, and on however many servers, it runs."""

from __future__ import annotations

from intimacy.periodic import PeriodicCommand
from notifications.services import send_due_reminders


class Command(PeriodicCommand):
    help = "Send the check-in reminders that are due now (idempotent: run it often)."

    def run_once(self) -> tuple[bool, str]:
        run = send_due_reminders()
        return bool(run.sent), f"Reminders: {run.sent} queued ({run.considered} people remind)."
