"""CPU per request of the journal and the trends, in one process with the test client.

docs/performance.md, "History and trends: what was cut": ``pytest
benchmarks/bench_journal_trends_cpu.py -s`` prints, for a couple with 52 weeks, the
``time.process_time()`` per request of each page (best of ``BENCH_ROUNDS`` rounds of
``BENCH_N`` requests) and its bytes. Not the load benchmark: no gunicorn, no PostgreSQL.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.checkin_helpers import history

PAGES = {"history": "/history/", "trends": "/trends/", "trends_all": "/trends/?span=all"}


@pytest.mark.django_db
def test_cpu_per_request(client, partner_a, couple):
    history(couple, 52)
    client.force_login(partner_a)
    requests, rounds = (
        int(os.environ.get("BENCH_N", "10")),
        int(os.environ.get("BENCH_ROUNDS", "3")),
    )
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200
        times = []
        for _round in range(rounds):
            started = time.process_time()
            for _ in range(requests):
                client.get(url)
            times.append((time.process_time() - started) / requests * 1000)
        print(f"\n{name}: {min(times):.1f} ms/request, {len(response.content)} bytes")
