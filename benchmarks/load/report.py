"""The tables of docs/performance.md, "Load benchmark", from the harness's JSON.

``python -m benchmarks.load.report benchmarks/results/load-10000-couples.json
benchmarks/results/load-100-couples.json``: the first is the big run, the second (optional)
the small one whose p95 the week and trends pages are compared with.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _load(path: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(Path(path).read_text())
    return result


def main() -> None:
    big = _load(sys.argv[1])
    small = _load(sys.argv[2]) if len(sys.argv) > 2 else None
    f = big["floor"]
    print(
        "| page | req/s | p50 ms | p95 ms | p99 ms | app CPU ms/req | PostgreSQL CPU ms/req "
        "| KB/req | share of floor (req/s) | share of floor (CPU) | target |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| floor | {f['rps']:.1f} | {f['p50_ms']:.0f} | {f['p95_ms']:.0f} | {f['p99_ms']:.0f} "
        f"| {f['app_cpu_ms']:.1f} | {f['db_cpu_ms']:.1f} | | 100% | 100% | |"
    )
    for page, s in big["pages"].items():
        ok = "met" if s["meets_cpu"] else "missed"
        print(
            f"| {page} | {s['rps']:.1f} | {s['p50_ms']:.0f} | {s['p95_ms']:.0f} "
            f"| {s['p99_ms']:.0f} | {s['app_cpu_ms']:.1f} | {s['db_cpu_ms']:.1f} "
            f"| {s['bytes_per_request'] / 1024:.0f} | {s['ratio_rps']:.1%} | {s['ratio_cpu']:.1%} "
            f"| {s['target']:.0%} ({ok}) |"
        )
    if small:
        print()
        print("| page | p95 ms, 100 couples | p95 ms, 10,000 couples | ratio | target |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for page in ("week", "trends", "trends_all"):
            a, b = small["pages"][page]["p95_ms"], big["pages"][page]["p95_ms"]
            ca = small["pages"][page]["app_cpu_ms"] + small["pages"][page]["db_cpu_ms"]
            cb = big["pages"][page]["app_cpu_ms"] + big["pages"][page]["db_cpu_ms"]
            print(f"| {page} | {a:.0f} | {b:.0f} | {b / a:.2f}x (CPU {cb / ca:.2f}x) | 1.25x |")
    print()
    print("| counsellor summary | weeks | app CPU ms/req | PostgreSQL CPU ms/req | ms per week |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for page, weeks in (
        ("summary_w12", 12),
        ("summary", big["meta"]["weeks"]),
        ("summary_w104", 104),
        ("summary_w12_all", 12),
        ("summary_all", big["meta"]["weeks"]),
        ("summary_w104_all", 104),
    ):
        s = big["pages"].get(page)
        if s:
            total = s["app_cpu_ms"] + s["db_cpu_ms"]
            print(
                f"| {page} | {weeks} | {s['app_cpu_ms']:.1f} | {s['db_cpu_ms']:.1f} "
                f"| {total / weeks:.2f} |"
            )
    m = big["memory"]
    print()
    for worker in m["same_workers"]:
        print(
            f"- worker {worker}: {m['rss_kb_1'][worker] / 1024:.1f} MB after "
            f"{m['after_requests_1']} requests, {m['rss_kb_2'][worker] / 1024:.1f} MB after "
            f"{m['after_requests_2']}"
        )
    if m["growth"] is not None:
        print(f"- largest growth: {m['growth']:.1%} (target under 10%)")


if __name__ == "__main__":
    main()
