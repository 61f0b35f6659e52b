"""Background tasks. They take ids and dates, never text (``notifications.emails``)."""

from __future__ import annotations

from datetime import date

from django.tasks import task

from notifications import emails
from notifications.kinds import Kind


@task
def send_notice(
    *,
    kind: str,
    recipient_id: int,
    couple_id: int,
    week: str = "",
    actor_id: int | None = None,
    site: str,
) -> str:
    return emails.deliver(
        kind=Kind(kind),
        recipient_id=recipient_id,
        couple_id=couple_id,
        week=date.fromisoformat(week) if week else None,
        actor_id=actor_id,
        site=site,
    )
