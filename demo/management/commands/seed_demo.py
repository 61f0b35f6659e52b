"""``manage.py seed_demo``: a demo couple, Alex and Sam, with twelve weeks of check-ins.

The story is in ``demo.story``, ``demo.answers`` and ``demo.people``; ``demo.build`` stores
it. It only runs with ``DEBUG`` on: the accounts have a published password.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse

from demo import build
from demo.people import DEMO_EMAILS, DEMO_PASSWORD
from demo.story import HISTORY_WEEKS

SITE = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Create a demo couple, Alex and Sam, with 12 weeks of check-in history, and print "
        "their logins. Development only: refuses to run unless DEBUG is on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty",
            action="store_true",
            help="If the demo users already exist, change nothing and just print the logins.",
        )
        group.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo users, their couple and its check-ins, then create them anew.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it creates accounts with a published "
                "password, so it must never run against a production database."
            )
        with transaction.atomic():
            exists = build.demo_exists()
            if exists and options["if_empty"]:
                self.stdout.write("The demo users already exist; nothing was changed.")
                self._print_logins()
                return
            if exists and not options["reset"]:
                self.stdout.write(
                    self.style.WARNING(
                        "The demo users already exist, so nothing was changed. Run "
                        "'manage.py seed_demo --reset' to delete and recreate them, or "
                        "'--if-empty' to just print the logins."
                    )
                )
                return
            if exists:
                try:
                    build.delete_demo()
                except (ProtectedError, RestrictedError) as error:
                    raise CommandError(
                        f"Could not delete the old demo data, because other records still "
                        f"point at it: {error}"
                    ) from error
                self.stdout.write("Deleted the old demo couple and its users.")
            build.create_demo()
        self.stdout.write(
            f"Created Alex and Sam with {HISTORY_WEEKS} weeks of check-ins: "
            f"{HISTORY_WEEKS - 1} revealed and one that Sam skipped. This week is still "
            "empty, so you can try a check-in."
        )
        self._print_logins()

    def _print_logins(self) -> None:
        width = max(len(email) for email in DEMO_EMAILS)
        self.stdout.write(
            self.style.SUCCESS(f"Demo couple ready. Log in at {SITE}{reverse('account_login')} as")
        )
        for email in DEMO_EMAILS:
            self.stdout.write(f"  {email.ljust(width)} / {DEMO_PASSWORD}")
