"""Building check-in history directly, for tests of reveal, history and query budgets.

Every text these helpers write is a *marker*: wrapped in « », so no CSRF token, CSP nonce
or invitation token (letters, digits, ``-`` and ``_`` only) can ever contain one, and no
marker is the prefix of another («a1» is not inside «a12»).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Couple, Membership
from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for, planned_prompts

DIMS = ("emotional", "experiential", "intellectual")


def marker(*parts: object) -> str:
    """A text no random token can contain, e.g. ``marker("a", 1)`` is ``"«a-1»"``."""
    return "«" + "-".join(str(p) for p in parts) + "»"


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
    for i, dim in enumerate(DIMS):
        Answer.objects.create(
            checkin=checkin,
            dimension=dim,
            rating=1 + (i + week.starts_on.toordinal() // 7) % 5,
            reflection=f"{dim} {text}",
            need=f"need {dim} {text}",
        )
    return checkin


def history(couple: Couple, count: int, *, revealed: bool = True, label: str = "") -> list[Week]:
    """``count`` weeks before the current one, both partners submitted (and revealed).

    Week ``n`` (1 = last week) has texts ending in ``«a1»``/``«b1»`` (seat 1/seat 2) and
    private notes ``«secret-a-1»``/``«secret-b-1»``; ``label`` prefixes them
    (``label="other"``: ``«other-a1»``), so two couples' texts never look alike.
    Unrevealed: seat 1 submitted, seat 2 only has a draft.
    """
    current = clock_for(couple).current
    couple.created_at = timezone.now() - timedelta(weeks=count)
    couple.save(update_fields=["created_at"])
    a, b = couple.memberships.order_by("seat")
    prefix = f"{label}-" if label else ""
    made = []
    for n in range(1, count + 1):
        starts_on: date = current - timedelta(weeks=n)
        week = Week.objects.create(
            couple=couple,
            starts_on=starts_on,
            prompts=planned_prompts(couple, starts_on),
            revealed_at=timezone.now() if revealed else None,
        )
        checkin_for(week, a, text=f"«{prefix}a{n}»", note=f"«{prefix}secret-a-{n}»")
        checkin_for(
            week, b, text=f"«{prefix}b{n}»", note=f"«{prefix}secret-b-{n}»", submitted=revealed
        )
        made.append(week)
    return made


def plant_markers(checkin: CheckIn, tag: str) -> list[str]:
    """Put a unique marker in every text field of ``checkin`` (each answer's reflection and
    need, the appreciation, the private note); return them all."""
    planted = []
    for answer in checkin.answers.all():
        answer.reflection = marker(tag, answer.dimension, "reflection")
        answer.need = marker(tag, answer.dimension, "need")
        answer.save(update_fields=["reflection", "need"])
        planted += [answer.reflection, answer.need]
    checkin.appreciation = marker(tag, "appreciation")
    checkin.private_note = marker(tag, "private-note")
    checkin.save(update_fields=["appreciation", "private_note"])
    return [*planted, checkin.appreciation, checkin.private_note]


def marked_form(tag: str, *, dims: tuple[str, ...] = DIMS, **overrides: str) -> dict[str, object]:
    """POST data for the check-in form with a unique marker in every text field and every
    rating chosen, and no "share with our counsellor" box ticked (add ``<dim>-share="on"``
    to tick one)."""
    data: dict[str, object] = {
        "appreciation": marker(tag, "appreciation"),
        "private_note": marker(tag, "private-note"),
        "signs": ["distant"],
    }
    for i, dim in enumerate(dims):
        data |= {
            f"{dim}-rating": str(2 + i),
            f"{dim}-reflection": marker(tag, dim, "reflection"),
            f"{dim}-need": marker(tag, dim, "need"),
        }
    return data | overrides


def markers_in(data: dict[str, object]) -> list[str]:
    """Every marker in form data from ``marked_form``."""
    return [v for v in data.values() if isinstance(v, str) and v.startswith("«")]


def leaked(markers: list[str], html: str) -> list[str]:
    """Those of ``markers`` that appear in ``html`` (``[]``: none leaked)."""
    return [m for m in markers if m in html]


def write_text(rows: QuerySet[Any], **values: object) -> int:
    """Set ``values`` on every row and save each: private text is sealed row by row at save
    (``checkins.fields``), so ``QuerySet.update()`` refuses it. Returns how many rows."""
    count = 0
    for row in rows:
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
        count += 1
    return count
