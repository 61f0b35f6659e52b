"""``manage.py end_expired_access``: record the consents that reached their end date, tell
everyone when that ended sharing, and warn a week before an access ends. Run it every few
minutes (cron, a systemd timer, or ``--every`` beside the worker); it writes and sends each
thing once however often, and on however many servers, it runs. Access itself ends at the
end date without it: this only makes the record and sends the emails."""

from __future__ import annotations

from counselling.services import end_expired_access
from intimacy.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = "End counsellor access that reached its agreed date; warn a week before."

    def run_once(self) -> tuple[bool, str]:
        run = end_expired_access()
        line = f"Counsellor access: {run.expired} consents ended, {run.warned} warned."
        return bool(run.expired or run.warned), line
