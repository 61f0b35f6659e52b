"""Seal the private text stored before encryption at rest (legacy plaintext), in place.

Batches in their own transactions, in primary-key order from where the last one stopped, so
it can be interrupted and run again, and run while the app serves (rows are locked while
they are sealed; text already sealed is left alone). Text still in clear reads as it is
meanwhile.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from checkins.sealing import MODELS, plaintext_rows, seal_batch


class Command(BaseCommand):
    help = "Encrypt private text still stored in clear (resumable, in batches)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument(
            "--max-batches", type=int, default=0, help="stop after this many (0: until done)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batches = 0
        for model in MODELS:
            after = 0
            sealed = 0
            self.stdout.write(f"{model._meta.label}: {plaintext_rows(model)} row(s) in clear")
            while not options["max_batches"] or batches < options["max_batches"]:
                count, last = seal_batch(model, after=after, size=options["batch_size"])
                if last is None:
                    break
                after = last
                batches += 1
                sealed += count
                self.stdout.write(f"  sealed {sealed}")
        left = sum(plaintext_rows(model) for model in MODELS)
        if left:
            self.stdout.write(f"{left} row(s) still in clear: run the command again to finish.")
        else:
            self.stdout.write(self.style.SUCCESS("All private text is encrypted."))
