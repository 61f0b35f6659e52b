"""Weeks revealed before answers could be withheld: migrating forward sets aside an answer
only one partner gave (affection left from a draft) and nothing else."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from checkins.models import Answer

BEFORE = [("checkins", "0005_reactions")]
AFTER = [("checkins", "0006_answer_withheld")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_only_answers_one_partner_gave_in_a_revealed_week_are_set_aside():
    executor = _migrate(BEFORE)
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "checkins"]
    old = executor.loader.project_state(BEFORE + others).apps
    User = old.get_model("accounts", "User")
    Couple = old.get_model("accounts", "Couple")
    Membership = old.get_model("accounts", "Membership")
    Week = old.get_model("checkins", "Week")
    CheckIn = old.get_model("checkins", "CheckIn")
    OldAnswer = old.get_model("checkins", "Answer")
    couple = Couple.objects.create()
    seats = [
        Membership.objects.create(
            couple=couple, seat=n, user=User.objects.create(email=f"{n}@example.com")
        )
        for n in (1, 2)
    ]

    def week(day: int, *, revealed: bool, physical_by: tuple[int, ...]) -> None:
        w = Week.objects.create(
            couple=couple,
            starts_on=f"2026-11-{day:02d}",
            revealed_at=timezone.now() if revealed else None,
        )
        for seat in seats:
            c = CheckIn.objects.create(week=w, membership=seat, submitted_at=timezone.now())
            OldAnswer.objects.create(checkin=c, dimension="emotional", rating=3)
            if seat.seat in physical_by:
                OldAnswer.objects.create(checkin=c, dimension="physical", rating=4)

    week(2, revealed=True, physical_by=(1,))  # one-sided affection: set aside
    week(9, revealed=True, physical_by=(1, 2))  # both answered: stays
    week(16, revealed=False, physical_by=(2,))  # not revealed: the reveal decides later

    _migrate(AFTER)
    withheld = set(
        Answer.objects.filter(withheld=True).values_list(
            "checkin__week__starts_on", "checkin__membership__seat", "dimension"
        )
    )
    assert {(str(d), s, p) for d, s, p in withheld} == {("2026-11-02", 1, "physical")}
    assert Answer.objects.count() == 10
    _migrate(executor.loader.graph.leaf_nodes())
