"""The couple-wide physical switch becomes each seat's own choice: a database from before
migrates forward with every couple's part kept as it was, and back again; couples on UTC
are asked, once, to check their time zone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import Couple, Membership

BEFORE = [("accounts", "0005_counselling_moves_out")]
WITH_BOTH = [("accounts", "0006_membership_wants_physical")]  # switch and seats


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _couple(apps, email: str, *, physical: bool, partner: bool = True, zone: str = "UTC"):
    User = apps.get_model("accounts", "User")
    Couple = apps.get_model("accounts", "Couple")
    Membership = apps.get_model("accounts", "Membership")
    couple = Couple.objects.create(physical_enabled=physical, time_zone=zone)
    Membership.objects.create(
        couple=couple, seat=1, user=User.objects.create(email=f"1-{email}", display_name="One")
    )
    if partner:
        Membership.objects.create(
            couple=couple, seat=2, user=User.objects.create(email=f"2-{email}", display_name="Two")
        )
    return couple.pk


@pytest.mark.django_db(transaction=True)
def test_couples_keep_their_physical_part_as_each_seats_choice():
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    on = _couple(old, "on@example.com", physical=True, zone="Europe/Paris")
    off = _couple(old, "off@example.com", physical=False, zone="Europe/Paris")
    pending = _couple(old, "pending@example.com", physical=True, partner=False)
    # A seat someone left keeps no choice: it is no longer anyone's.
    Membership_old = old.get_model("accounts", "Membership")
    left = Membership_old.objects.get(couple_id=on, seat=2)
    left.left_at = timezone.now()
    left.save()
    newcomer = old.get_model("accounts", "User").objects.create(email="3-on@example.com")
    Membership_old.objects.create(couple_id=on, seat=2, user=newcomer)

    _migrate(executor.loader.graph.leaf_nodes())

    def wants(couple_pk):
        return dict(
            Membership.objects.filter(couple_id=couple_pk, left_at__isnull=True).values_list(
                "seat", "wants_physical"
            )
        )

    assert wants(on) == {1: True, 2: True}
    assert wants(off) == {1: False, 2: False}
    assert wants(pending) == {1: True}
    assert Membership.objects.get(pk=left.pk).wants_physical is False
    assert "physical_enabled" not in {f.name for f in Couple._meta.get_fields()}
    # Couples on UTC are asked to check it; the others chose their zone.
    confirmed = dict(Couple.objects.values_list("pk", "time_zone_confirmed"))
    assert confirmed == {on: True, off: True, pending: False}


@pytest.mark.django_db(transaction=True)
def test_going_back_turns_the_switch_on_where_every_seat_wants_it():
    both = _couple_now("both@example.com", (True, True))
    one = _couple_now("one@example.com", (True, False))
    alone = _couple_now("alone@example.com", (True,))
    neither = _couple_now("neither@example.com", (False, False))

    executor = _migrate(WITH_BOTH)
    old = executor.loader.project_state(WITH_BOTH).apps
    switch = dict(old.get_model("accounts", "Couple").objects.values_list("pk", "physical_enabled"))
    assert switch == {both: True, one: False, alone: True, neither: False}

    _migrate(executor.loader.graph.leaf_nodes())
    assert dict(Membership.objects.filter(couple_id=one).values_list("seat", "wants_physical")) == {
        1: True,
        2: False,
    }


def _couple_now(email: str, choices: tuple[bool, ...]) -> int:
    from tests.factories import UserFactory

    couple = Couple.objects.create(time_zone="Europe/Paris")
    for seat, wants in enumerate(choices, start=1):
        Membership.objects.create(
            couple=couple,
            seat=seat,
            user=UserFactory(email=f"{seat}-{email}"),
            wants_physical=wants,
        )
    return couple.pk
