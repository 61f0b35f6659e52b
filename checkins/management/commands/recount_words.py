"""Recount the stored word counts after the definition of a word changed (checkins.flags).

The counts sit beside sealed text (``checkins.word_counts``), and counting needs the text, so
this opens each row's text with its author's data key: it is a command an operator runs,
not a migration (a migration must never read sealed text). Counts of text in scripts with
spaces between words are unchanged by the unspaced-scripts counting (tests/test_languages.py
proves it), so only rows in Chinese, Japanese, Thai, Lao, Khmer or Burmese change.

Batches in their own transactions, in primary-key order, so it can be stopped and run again;
a row whose text no longer opens (its author was erased) keeps its count. ``--dry-run``
only says how many would change.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction

from checkins.word_counts import word_counts
from datakeys.errors import UnreadableText


def counted_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if word_counts(m)]


def recount_batch(
    model: type[models.Model], *, after: int, size: int, dry_run: bool
) -> tuple[int, int, int | None]:
    """Recount up to ``size`` rows after pk ``after``: (changed, unreadable, last pk)."""
    counts = word_counts(model)
    changed = unreadable = 0
    last = None
    with transaction.atomic():
        rows = model._default_manager.filter(pk__gt=after).order_by("pk")
        if not dry_run:
            rows = rows.select_for_update()
        for row in rows[:size]:
            last = row.pk
            fresh: dict[str, int] = {}
            try:
                for source, fields in counts.items():
                    getattr(row, source)  # opens the text (its author's key), kept on the row
                    for field in fields:  # the count the field itself would save now
                        if (n := field.count_of(row)) != getattr(row, field.attname):
                            fresh[field.attname] = n
            except UnreadableText:
                unreadable += 1
                continue
            if fresh:
                changed += 1
                if not dry_run:
                    model._default_manager.filter(pk=row.pk).update(**fresh)
    return changed, unreadable, last


class Command(BaseCommand):
    help = "Recount stored word counts with the current definition (opens text; resumable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model in counted_models():
            after, changed, unreadable = 0, 0, 0
            while True:
                c, u, last = recount_batch(
                    model, after=after, size=options["batch_size"], dry_run=options["dry_run"]
                )
                if last is None:
                    break
                after, changed, unreadable = last, changed + c, unreadable + u
            total += changed
            verb = "would change" if options["dry_run"] else "recounted"
            self.stdout.write(
                f"{model._meta.label}: {changed} row(s) {verb}, {unreadable} unreadable (kept)"
            )
        self.stdout.write(self.style.SUCCESS(f"Done: {total} row(s)."))
