"""A database migrated under the old layout (counselling models inside ``accounts``) moves
forward to the ``counselling`` app with every row, id and content type intact. Runs on
SQLite and, in CI's second leg, on PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from counselling.models import AccessLogEntry, Consent, CounsellorAccess, CounsellorInvite

OLD_LAYOUT = [("accounts", "0004_span_labels")]
# Tables of models added to accounts after the move: migrating back to the old layout
# removes them, as it should, and migrating forward makes them again.
LATER_TABLES = {"accounts_pauseevent"}
MOVED = ["counsellorinvite", "counselloraccess", "consent", "accesslogentry"]


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _plant_old_rows(apps) -> dict[str, object]:
    """Rows of every moved model, written through the old layout's historical models."""
    User = apps.get_model("accounts", "User")
    Couple = apps.get_model("accounts", "Couple")
    Membership = apps.get_model("accounts", "Membership")
    now = timezone.now()
    alex = User.objects.create(email="alex@example.com", display_name="Alex")
    sam = User.objects.create(email="sam@example.com", display_name="Sam")
    rivera = User.objects.create(email="rivera@example.com", display_name="Dr. Rivera")
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=alex, seat=1)
    Membership.objects.create(couple=couple, user=sam, seat=2)
    invite = apps.get_model("accounts", "CounsellorInvite").objects.create(
        couple=couple,
        created_by=alex,
        email="rivera@example.com",
        token_hash="f" * 64,
        expires_at=now + timedelta(days=7),
        used_at=now,
    )
    access = apps.get_model("accounts", "CounsellorAccess").objects.create(
        couple=couple, counsellor=rivera, invited_by=alex
    )
    Consent = apps.get_model("accounts", "Consent")
    grants = [
        Consent.objects.create(
            access=access, partner=p, kind="grant", span=span, wording=f"Terms for {p.pk}"
        )
        for p, span in ((alex, "12"), (sam, "4"))
    ]
    entry = apps.get_model("accounts", "AccessLogEntry").objects.create(
        access=access,
        counsellor=rivera,
        page="summary",
        weeks_from=date(2026, 1, 5),
        weeks_to=date(2026, 3, 30),
    )
    return {"invite": invite.pk, "access": access.pk, "grants": [g.pk for g in grants],
            "entry": entry.pk, "couple": couple.pk, "rivera": rivera.pk}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_layout_migrates_forward_with_every_row_intact():
    executor = _migrate(OLD_LAYOUT)
    old_apps = executor.loader.project_state(OLD_LAYOUT).apps
    old_types = {
        model: ContentType.objects.get_or_create(app_label="accounts", model=model)[0].pk
        for model in MOVED
    }
    ids = _plant_old_rows(old_apps)

    _migrate(executor.loader.graph.leaf_nodes())

    invite = CounsellorInvite.objects.get(pk=ids["invite"])
    assert (invite.couple_id, invite.email, invite.token_hash) == (
        ids["couple"],
        "rivera@example.com",
        "f" * 64,
    )
    assert invite.used_at is not None
    access = CounsellorAccess.objects.get(pk=ids["access"])
    assert (access.couple_id, access.counsellor_id, access.removed_at) == (
        ids["couple"],
        ids["rivera"],
        None,
    )
    consents = list(Consent.objects.filter(access=access).order_by("pk"))
    assert [c.pk for c in consents] == ids["grants"]
    assert [(c.kind, c.span) for c in consents] == [("grant", "12"), ("grant", "4")]
    assert all(c.wording.startswith("Terms for ") for c in consents)
    entry = AccessLogEntry.objects.get(pk=ids["entry"])
    assert (entry.page, entry.weeks_from, entry.weeks_to) == (
        "summary",
        date(2026, 1, 5),
        date(2026, 3, 30),
    )
    # The content types (and so permissions and admin history) followed, keeping their ids.
    for model, pk in old_types.items():
        moved = ContentType.objects.get(pk=pk)
        assert (moved.app_label, moved.model) == ("counselling", model)
        assert moved.model_class() is not None


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_rolled_back_without_touching_the_tables():
    before = set(connection.introspection.table_names())
    executor = _migrate(OLD_LAYOUT)
    assert set(connection.introspection.table_names()) == before - LATER_TABLES
    assert {f"accounts_{m}" for m in MOVED} <= before
    _migrate(executor.loader.graph.leaf_nodes())
    assert set(connection.introspection.table_names()) == before
