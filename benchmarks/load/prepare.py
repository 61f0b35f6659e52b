"""Sessions and request lists for the load benchmark, made once before it runs.

``python -m benchmarks.load.prepare --out DIR --label L ...`` (with the benchmark's
environment) logs in as many seeded people the way Django does (a session holding the user,
the backend and the password hash, with the login clock of ``intimacy.session_lifetime``),
gives each a CSRF secret, and writes one file per page for ``rotate.lua``: one request per
line, each with another person's cookies. Counsellors have two factors on (``seed_load``).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--label", required=True, help="the seed_load batch of the partners")
    parser.add_argument("--users", type=int, default=200, help="partners to log in")
    parser.add_argument(
        "--summary-labels",
        default="",
        help="name=label,... : counsellor summary pages, one per batch (say w12=w12)",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.load.settings")
    import django

    django.setup()

    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from accounts.models import Membership, User
    from checkins.models import Week
    from checkins.selectors import clock_for
    from counselling.models import Consent, CounsellorAccess
    from demo.load import EMAIL_DOMAIN
    from intimacy.session_lifetime import stamp_login

    backend = settings.AUTHENTICATION_BACKENDS[-1]  # allauth's, as an email login uses

    def login(user: User) -> tuple[str, str]:
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = backend
        session["_auth_user_hash"] = user.get_session_auth_hash()
        stamp_login(session, time.time())
        session.create()
        csrf = _get_new_csrf_string()
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}"
        )
        return cookie, csrf

    pages: dict[str, list[str]] = {k: [] for k in ("floor", "home", "checkin", "autosave")}
    pages |= {k: [] for k in ("week", "trends", "trends_all", "history")}

    def line(page: str, method: str, path: str, cookie: str, csrf: str, body: str = "") -> None:
        pages.setdefault(page, []).append("\t".join((method, path, cookie, csrf, body)))

    seats = (
        Membership.objects.current()
        .filter(user__email__startswith=f"{args.label}-", user__email__endswith=EMAIL_DOMAIN)
        .select_related("couple", "user")
        .order_by("user__email")[: args.users]
    )
    for seat in seats:
        cookie, csrf = login(seat.user)
        current = clock_for(seat.couple).current
        shown = (
            Week.objects.filter(couple=seat.couple, revealed_at__isnull=False)
            .order_by("-starts_on")
            .values_list("starts_on", flat=True)
            .first()
        )
        line("floor", "GET", "/bench/floor/", cookie, csrf)
        line("home", "GET", "/", cookie, csrf)
        line("checkin", "GET", f"/weeks/{current}/checkin/", cookie, csrf)
        body = (
            "step=emotional&emotional-reflection=Saved+while+the+load+benchmark+ran%2C+a+few+"
            "words+about+the+week.&emotional-need=A+walk+together+on+Sunday."
        )
        line("autosave", "POST", f"/weeks/{current}/checkin/autosave/", cookie, csrf, body)
        if shown is not None:
            line("week", "GET", f"/weeks/{shown}/", cookie, csrf)
        line("trends", "GET", "/trends/", cookie, csrf)
        line("trends_all", "GET", "/trends/?span=all", cookie, csrf)
        line("history", "GET", "/history/", cookie, csrf)

    # Counsellor summaries of couples whose partners both consented to all their history.
    for item in filter(None, args.summary_labels.split(",")):
        page, _sep, label = item.partition("=")
        accesses = (
            CounsellorAccess.objects.current()
            .filter(counsellor__email__startswith=f"{label}-")
            .select_related("counsellor")
            .prefetch_related("consents")
            .order_by("pk")
        )
        for access in accesses:
            kinds = [c.kind for c in access.consents.all()]
            if kinds.count(Consent.Kind.GRANT) == 2 and Consent.Kind.REVOKE not in kinds:
                cookie, csrf = login(access.counsellor)
                line(page, "GET", f"/counsellor/couples/{access.pk}/", cookie, csrf)
                # Every week in detail (the page itself details the newest 12).
                line(
                    f"{page}_all",
                    "GET",
                    f"/counsellor/couples/{access.pk}/?weeks=all",
                    cookie,
                    csrf,
                )
            if len(pages.get(page, [])) >= 50:
                break

    args.out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for page, lines in pages.items():
        if not lines:
            raise SystemExit(f"no requests for {page}: is the batch seeded?")
        (args.out / f"{page}.txt").write_text("\n".join(lines) + "\n")
        counts[page] = len(lines)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
