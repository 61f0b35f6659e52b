"""Re-wrap every data key under the current key-encryption key (DATA_KEYS_KEK).

Rotation: set DATA_KEYS_KEK to a new key and move the old one into DATA_KEYS_OLD_KEKS,
restart the app, run this, then drop the old key. Batches of its own transactions: safe to
run while the app serves, and to interrupt and run again (it picks up what is left).
``--new-kek`` prints a fresh value for DATA_KEYS_KEK and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from datakeys.kek import kek_ring, new_kek_value
from datakeys.services import keys_to_rewrap, rewrap_batch


class Command(BaseCommand):
    help = "Re-wrap every data key not under the current DATA_KEYS_KEK, in resumable batches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--max-batches", type=int, default=0, help="stop after this many (0: until done)"
        )
        parser.add_argument(
            "--new-kek", action="store_true", help="print a new DATA_KEYS_KEK value and exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_kek"]:
            self.stdout.write(new_kek_value())
            return
        current = kek_ring().current.id
        left = keys_to_rewrap()
        self.stdout.write(f"{left} data key(s) to re-wrap under {current}.")
        batches = done = 0
        while not options["max_batches"] or batches < options["max_batches"]:
            count = rewrap_batch(size=options["batch_size"])
            if not count:
                break
            batches += 1
            done += count
            self.stdout.write(f"re-wrapped {done} of {left}")
        remaining = keys_to_rewrap()
        if remaining:
            self.stdout.write(f"{remaining} left: run the command again to finish.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Every data key is under {current}."))
