"""Building check-in history directly, for tests of reveal, history and query budgets."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Couple, Membership
from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for, planned_prompts


def checkin_for(
    week: Week, membership: Membership, *, submitted: bool = True, text: str = "", note: str = ""
) -> CheckIn:
    checkin = CheckIn.objects.create(
        week=week,
        membership=membership,
        submitted_at=timezone.now() if submitted else None,
        appreciation=f"Thanks {text}",
        private_note=note,
        signs=["distant"],
    )
    for i, dim in enumerate(("emotional", "experiential", "intellectual")):
        Answer.objects.create(
            checkin=checkin,
            dimension=dim,
            rating=1 + (i + week.starts_on.toordinal() // 7) % 5,
            reflection=f"{dim} {text}",
            need=f"need {dim} {text}",
        )
    return checkin


def history(couple: Couple, count: int, *, revealed: bool = True) -> list[Week]:
    """``count`` weeks before the current one, both partners submitted (and revealed)."""
    current = clock_for(couple).current
    couple.created_at = timezone.now() - timedelta(weeks=count)
    couple.save(update_fields=["created_at"])
    a, b = couple.memberships.order_by("seat")
    made = []
    for n in range(1, count + 1):
        starts_on: date = current - timedelta(weeks=n)
        week = Week.objects.create(
            couple=couple,
            starts_on=starts_on,
            prompts=planned_prompts(couple, starts_on),
            revealed_at=timezone.now() if revealed else None,
        )
        checkin_for(week, a, text=f"a{n}", note=f"secret-a-{n}")
        checkin_for(week, b, text=f"b{n}", note=f"secret-b-{n}", submitted=revealed)
        made.append(week)
    return made
