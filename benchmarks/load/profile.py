"""Where each benchmarked page spends its time: a profile hint for docs/performance.md.

``python -m benchmarks.load.profile --label main`` (with the benchmark's environment, after
``make bench-load`` has seeded it) renders each page ``--times`` times in this process under
cProfile, as a seeded person (and a counsellor of a couple sharing everything), and prints the
share of the time spent in a few places: template rendering, SQL (the driver's round trips),
opening sealed text, counting words, and the rest.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import time

PLACES = {
    "templates": ("django/template/base.py", "render"),
    "sql": ("django/db/backends/utils.py", "_execute"),
    "unseal": ("datakeys/sealing.py", "unseal"),
    "count_words": ("checkins/flags/words.py", "count_words"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="main")
    parser.add_argument("--times", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.load.settings")
    import django

    django.setup()
    from django.test import Client

    from accounts.models import Membership
    from checkins.models import Week
    from checkins.selectors import clock_for
    from counselling.models import Consent, CounsellorAccess

    seat = (
        Membership.objects.filter(user__email__startswith=f"{args.label}-")
        .select_related("couple", "user")
        .order_by("user__email")
        .first()
    )
    assert seat is not None
    current = clock_for(seat.couple).current
    shown = Week.objects.filter(couple=seat.couple, revealed_at__isnull=False).first()
    assert shown is not None
    partner = Client(HTTP_HOST="127.0.0.1")
    partner.force_login(seat.user)
    pages = {
        "home": "/",
        "checkin": f"/weeks/{current}/checkin/",
        "week": f"/weeks/{shown.starts_on}/",
        "trends": "/trends/",
        "trends_all": "/trends/?span=all",
        "history": "/history/",
    }
    access = next(
        a
        for a in CounsellorAccess.objects.filter(counsellor__email__startswith=f"{args.label}-")
        .prefetch_related("consents")
        .order_by("pk")
        if [c.kind for c in a.consents.all()] == [Consent.Kind.GRANT] * 2
    )
    counsellor = Client(HTTP_HOST="127.0.0.1")
    counsellor.force_login(access.counsellor)
    report = {}
    for page, url in [*pages.items(), ("summary", f"/counsellor/couples/{access.pk}/")]:
        client = counsellor if page == "summary" else partner
        assert client.get(url, secure=True).status_code == 200  # warm
        profile = cProfile.Profile()
        started = time.process_time()
        profile.enable()
        for _ in range(args.times):
            client.get(url, secure=True)
        profile.disable()
        cpu = (time.process_time() - started) / args.times
        stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
        total = sum(tt for (_c, _n, tt, _ct, _callers) in stats.values())
        shares = {}
        for place, (path, name) in PLACES.items():
            cumulative = max(
                (ct for (f, _l, n), (_c, _nc, _tt, ct, _cl) in stats.items()
                 if f.endswith(path) and n == name),
                default=0.0,
            )  # fmt: skip
            shares[place] = round(cumulative / total, 3) if total else 0.0
        top = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:5]
        report[page] = {
            "cpu_ms": round(cpu * 1000, 1),
            "shares": shares,
            "top_own_time": [f"{f.split('site-packages/')[-1]}:{n}" for (f, _l, n), _v in top],
        }
        print(page, json.dumps(report[page]))


if __name__ == "__main__":
    main()
