"""``manage.py seed_load --couples N --weeks W``: many couples with long histories, fast.

For load benchmarks (``make bench-load``, docs/performance.md "Load benchmark"). What each
couple holds, and how the rows are made, is in ``demo.load``. PostgreSQL only (COPY), in
parallel processes (``--jobs``); each chunk of couples is one transaction, so an interrupted
run leaves whole couples. The accounts share one published password: it refuses to run with
``DEBUG`` off unless told ``--allow-production-settings`` (the benchmark's own database).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from datetime import datetime
from typing import Any

from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction
from django.utils import timezone

from accounts.models import User
from counselling.services import consent_wording
from datakeys.kek import kek_ring
from datakeys.routers import KEYS_DB
from demo import load

PASSWORD = "twoway-load-password"
CHUNK = 100  # couples per transaction


def _reserve(cursor: Any, table: str, count: int) -> int:
    """The first of ``count`` ids taken from ``table``'s sequence at once."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    (sequence,) = cursor.fetchone()
    cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count])
    (last,) = cursor.fetchone()
    return int(last) - count + 1


def _copy(alias: str, table: str, columns: tuple[str, ...], lines: list[str]) -> None:
    if not lines:
        return
    with connections[alias].cursor() as wrapper:
        raw = wrapper.cursor  # the psycopg cursor
        quoted = ", ".join(f'"{c}"' for c in columns)
        with raw.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
            copy.write(("\n".join(lines) + "\n").encode())


def _store(rows: load.Rows) -> dict[str, int]:
    # The keys first, committed on their own (as the app does): a key without text is harmless.
    with transaction.atomic(using=KEYS_DB):
        _copy(KEYS_DB, "datakeys_datakey", load.KEY_COLUMNS, rows.keys)
    with transaction.atomic():
        for table, columns in load.COLUMNS.items():  # in foreign-key order
            _copy("default", table, columns, rows.tables[table])
    counts = {t: len(lines) for t, lines in rows.tables.items()}
    counts["datakeys_datakey"] = len(rows.keys)
    return counts


_PLAN: load.Plan | None = None


def _work(span: tuple[int, int]) -> dict[str, int]:
    assert _PLAN is not None
    kek = kek_ring().current
    rows = load.Rows()
    for number in range(*span):
        load.couple_rows(_PLAN, number, kek, rows)
    return _store(rows)


def _work_counsellors(span: tuple[int, int]) -> dict[str, int]:
    assert _PLAN is not None
    rows = load.Rows()
    load.counsellor_rows(_PLAN, *span, rows)
    return _store(rows)


class Command(BaseCommand):
    help = (
        "Fill the database with N couples of W weeks each (and this week's drafts), their "
        "counsellors and consents, with encryption at rest, fast. PostgreSQL only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--couples", type=int, required=True)
        parser.add_argument("--weeks", type=int, default=52)
        parser.add_argument(
            "--label",
            default="load",
            help="Names this batch: emails are <label>-<number>-a|b|counsellor@"
            f"{load.EMAIL_DOMAIN}. Several batches (say 52 and 104 weeks) can share a database.",
        )
        parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
        parser.add_argument(
            "--if-exists",
            choices=("fail", "skip"),
            default="fail",
            help="When this label was seeded already: fail (default) or change nothing.",
        )
        parser.add_argument("--allow-production-settings", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        global _PLAN
        if not settings.DEBUG and not options["allow_production_settings"]:
            raise CommandError(
                "seed_load creates accounts with a published password: it runs with DEBUG off "
                "only with --allow-production-settings, against a benchmark's own database."
            )
        for alias in ("default", KEYS_DB):
            if connections[alias].vendor != "postgresql":
                raise CommandError("seed_load writes with PostgreSQL's COPY: use PostgreSQL.")
        couples, weeks_ = options["couples"], options["weeks"]
        if couples < 1 or weeks_ < 1:
            raise CommandError("--couples and --weeks must be at least 1.")
        label = options["label"]
        if not label.replace("_", "").isalnum():
            raise CommandError("--label takes letters, digits and underscores only.")
        started = time.monotonic()
        now = timezone.now()
        probe = load.Plan(label, couples, weeks_, now, "", "", {}, {})
        if User.objects.filter(email=probe.email(0, "a")).exists():
            if options["if_exists"] == "skip":
                self.stdout.write(f"The batch {label!r} is there already; nothing was changed.")
                return
            raise CommandError(
                f"The batch {label!r} is there already: use another --label, a fresh "
                "database, or --if-exists skip."
            )
        _PLAN = self._plan(probe, now)
        jobs = max(1, options["jobs"])
        totals: dict[str, int] = {}
        connections.close_all()  # each process opens its own
        spans = list(load.chunks(couples, CHUNK))
        counsellor_spans = list(load.chunks(_PLAN.counsellors(), 1000))
        if jobs == 1:
            results = [*map(_work_counsellors, counsellor_spans), *map(_work, spans)]
        else:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = [*pool.map(_work_counsellors, counsellor_spans)]
                results += pool.imap_unordered(_work, spans)
        for counts in results:
            for table, n in counts.items():
                totals[table] = totals.get(table, 0) + n
        with connections["default"].cursor() as cursor:
            for table in load.COLUMNS:
                cursor.execute(f'ANALYZE "{table}"')
        with connections[KEYS_DB].cursor() as cursor:
            cursor.execute('ANALYZE "datakeys_datakey"')
        seconds = time.monotonic() - started
        summary = {
            "label": label,
            "couples": couples,
            "weeks": weeks_,
            "jobs": jobs,
            "seconds": round(seconds, 1),
            "rows": totals,
        }
        self.stdout.write(json.dumps(summary))

    def _plan(self, probe: load.Plan, now: datetime) -> load.Plan:
        """The run's id blocks (reserved from each sequence), password hash, second factor
        and consent wordings, made once for every process."""
        sizes = probe.sizes()
        bases: dict[str, int] = {}
        with transaction.atomic(), connections["default"].cursor() as cursor:
            for table, size in sizes.items():
                bases[table] = _reserve(cursor, table, size)
        bases["counsellors"] = bases["accounts_user"] + 2 * probe.couples
        bases["counsellor_emails"] = bases["account_emailaddress"] + 2 * probe.couples
        counsellors = probe.counsellors()
        wordings = {
            (name, "all"): consent_wording(counsellor_name=name, span="all")
            for name in map(load.counsellor_name, range(counsellors))
        }
        totp = load.js({"secret": encrypt(generate_totp_secret())})
        return load.Plan(
            probe.label,
            probe.couples,
            probe.weeks,
            now,
            make_password(PASSWORD),  # once: hashing is slow on purpose
            totp,
            bases,
            wordings,
        )
