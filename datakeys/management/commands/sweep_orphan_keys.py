"""Destroy data keys whose person is gone (a safety net behind erasure).

Erasure destroys a person's key once its transaction commits. If the keys database failed at
that moment, the erasure still stands (the person is gone from the main database) and the key
is left behind, opening text that no longer exists in the live database but still exists in
its backups. This finds such keys and destroys them. Keys younger than ``--min-age-hours``
(default 1) are never touched: a new person's key is made before their first write commits.
Safe to run beside the app and on a schedule (docs/deployment.md, "Keys").
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from datakeys.services import destroy_person_keys, orphaned_person_ids


def _live_people(ids: list[int]) -> set[int]:
    return set(get_user_model().objects.filter(pk__in=ids).values_list("pk", flat=True))


class Command(BaseCommand):
    help = "Destroy the data keys of people who no longer exist (left behind by a failed erasure)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--min-age-hours", type=float, default=1.0)
        parser.add_argument(
            "--dry-run", action="store_true", help="count the orphaned keys, destroy nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        before = timezone.now() - timedelta(hours=options["min_age_hours"])
        orphans = list(orphaned_person_ids(live=_live_people, created_before=before))
        if options["dry_run"]:
            self.stdout.write(f"{len(orphans)} orphaned data key(s); nothing destroyed.")
            return
        destroyed = sum(destroy_person_keys(person_id=person_id) for person_id in orphans)
        self.stdout.write(self.style.SUCCESS(f"Destroyed {destroyed} orphaned data key(s)."))
