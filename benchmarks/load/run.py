"""The load benchmark: ``make bench-load`` (docs/performance.md, "Load benchmark").

1. seeds the database (``seed_load``: the partners' batch, plus small batches of 12 and 104
   weeks for the counsellor summary), unless already there;
2. logs in as many seeded people (``prepare``) and starts gunicorn with production settings
   (DEBUG off, PostgreSQL, Redis, encryption at rest) and the floor view of
   ``benchmarks.load.urls``;
3. in rounds, runs wrk for ``--seconds`` on each page, with the floor between every two
   pages, recording requests per second, p50/p95/p99 and the CPU time of the gunicorn
   workers and of the PostgreSQL backends serving them (``/proc/<pid>/stat``) per request;
4. mixed requests until the workers have served ``--memory-requests``, their memory (RSS)
   after a tenth of that and at the end;
5. writes JSON (``--out``).

Needs DATABASE_URL, KEYS_DATABASE_URL, REDIS_URL and DATA_KEYS_KEK in the environment.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")

# Each page, the share of the floor's throughput it must reach (issue 14), and its file.
PAGES: dict[str, float] = {
    "home": 0.25,
    "checkin": 0.25,
    "autosave": 0.25,
    "week": 0.25,
    "trends": 0.15,
    "trends_all": 0.08,
    "history": 0.15,
    "summary": 0.05,
    "summary_w12": 0.05,
    "summary_w104": 0.05,
    # The same summaries with every week in detail (?weeks=all), as the counsellor asks.
    "summary_all": 0.05,
    "summary_w12_all": 0.05,
    "summary_w104_all": 0.05,
}
MIXED = ("home", "checkin", "autosave", "week", "trends", "history", "floor")


def _env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "KEYS_DATABASE_URL", "REDIS_URL", "DATA_KEYS_KEK"):
        if not env.get(name):
            raise SystemExit(f"{name} must be set (see docs/performance.md, 'Load benchmark').")
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.load.settings",
        DEBUG="false",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + "k" * 40 + "-not-a-production-secret",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"https://127.0.0.1:{args.port}",
        EMAIL_URL=env.get("EMAIL_URL") or "smtp://127.0.0.1:1025",
        DATABASE_CONN_MAX_AGE=env.get("DATABASE_CONN_MAX_AGE") or "60",
        CACHE_KEY_PREFIX=f"twoway-bench-{os.getpid()}",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def _manage(env: dict[str, str], *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *argv], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _seed(env: dict[str, str], args: argparse.Namespace) -> list[dict[str, Any]]:
    runs = []
    batches = [("main", args.couples, args.weeks)]
    if args.summary_couples:
        batches += [("w12", args.summary_couples, 12), ("w104", args.summary_couples, 104)]
    for label, couples, weeks in batches:
        out = _manage(
            env, "seed_load", "--couples", str(couples), "--weeks", str(weeks), "--label",
            label, "--if-exists", "skip", "--allow-production-settings",
        )  # fmt: skip
        last = out.strip().splitlines()[-1]
        runs.append(json.loads(last) if last.startswith("{") else {"label": label, "note": last})
    return runs


def _cpu_ms(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) * TICK_MS  # utime, stime


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


class Backends:
    """The PostgreSQL backends serving the benchmark's two databases."""

    def __init__(self, env: dict[str, str]) -> None:
        import psycopg

        url = urllib.parse.urlsplit(env["DATABASE_URL"])
        keys = urllib.parse.urlsplit(env["KEYS_DATABASE_URL"])
        self.names = [url.path.lstrip("/"), keys.path.lstrip("/")]
        self.conn = psycopg.connect(env["DATABASE_URL"], autocommit=True)

    def pids(self) -> set[int]:
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = ANY(%s) AND pid <> pg_backend_pid()",
            [self.names],
        ).fetchall()
        return {int(r[0]) for r in rows}


def _cpu(pids: set[int] | list[int]) -> dict[int, float]:
    return {p: _cpu_ms(p) for p in pids}


def _wrk(args: argparse.Namespace, page_file: Path, seconds: float) -> dict[str, Any]:
    origin = f"https://127.0.0.1:{args.port}"
    done = subprocess.run(
        [
            shutil.which("wrk") or "wrk", "-t", "1", "-c", str(args.connections),
            "-d", f"{max(1, round(seconds))}s", "--timeout", "30s", "-s", str(HERE / "rotate.lua"),
            f"http://127.0.0.1:{args.port}", "--", str(page_file), origin,
        ],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"wrk failed: {done.stderr}")
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    result: dict[str, Any] = json.loads(line)
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _settle(workers: list[int]) -> None:
    """Wait until the workers are idle: a request still running when wrk stopped belongs to
    the run that sent it, not to the next one."""
    last = sum(_cpu(workers).values())
    for _ in range(300):
        time.sleep(0.05)
        now = sum(_cpu(workers).values())
        if now == last:
            return
        last = now


def _measure(
    args: argparse.Namespace, files: Path, page: str, master: int, backends: Backends
) -> dict[str, Any]:
    workers = _children(master)
    _settle(workers)
    db_before = _cpu(backends.pids())
    app_before = _cpu(workers)
    result = _wrk(args, files / f"{page}.txt", args.seconds)
    _settle(workers)
    app_after = _cpu(workers)
    db_after = _cpu(backends.pids() | set(db_before))
    n = max(1, result["requests"])
    app = sum(app_after[p] - app_before.get(p, 0.0) for p in app_after)
    db = sum(max(0.0, db_after[p] - db_before.get(p, 0.0)) for p in db_after)
    result["app_cpu_ms"] = app / n
    result["db_cpu_ms"] = db / n
    result["cpu_ms"] = (app + db) / n
    bad = sum(result["errors"].values())
    if bad:
        raise SystemExit(f"{page}: {bad} failed requests ({result['errors']})")
    return result


def _preflight(args: argparse.Namespace, files: Path) -> dict[str, int]:
    """Each page once, as wrk will ask it: it must answer 200 (not a login redirect)."""
    import http.client

    sizes = {}
    for page_file in sorted(files.glob("*.txt")):
        method, path, cookie, csrf, body = page_file.read_text().splitlines()[0].split("\t")
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
        if method == "POST":
            headers |= {
                "X-CSRFToken": csrf,
                "Origin": f"https://127.0.0.1:{args.port}",
                "Content-Type": "application/x-www-form-urlencoded",
                "HX-Request": "true",
            }
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        content = response.read()
        if response.status != 200:
            raise SystemExit(f"{page_file.stem}: {method} {path} answered {response.status}")
        sizes[page_file.stem] = len(content)
    return sizes


def _wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited at start")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _summarise(rounds: list[dict[str, Any]], floors: list[tuple[float, float]]) -> dict[str, Any]:
    med = statistics.median
    return {
        "rps": med(r["rps"] for r in rounds),
        "p50_ms": med(r["latency_ms"]["p50"] for r in rounds),
        "p95_ms": med(r["latency_ms"]["p95"] for r in rounds),
        "p99_ms": med(r["latency_ms"]["p99"] for r in rounds),
        "app_cpu_ms": med(r["app_cpu_ms"] for r in rounds),
        "db_cpu_ms": med(r["db_cpu_ms"] for r in rounds),
        "bytes_per_request": med(r["bytes"] / max(1, r["requests"]) for r in rounds),
        # Against the floor runs just before and after, in the same round.
        "ratio_rps": med(r["rps"] / f for r, (f, _c) in zip(rounds, floors, strict=True)),
        "ratio_cpu": med(c / r["cpu_ms"] for r, (_f, c) in zip(rounds, floors, strict=True)),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    env = _env(args)
    started = time.time()
    load_before = os.getloadavg()
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "migrate", "--noinput", "--database", "keys", "-v", "0")
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    seeded = _seed(env, args)
    files = Path(tempfile.mkdtemp(prefix="twoway-bench-"))
    labels = "summary=main"
    if args.summary_couples:
        labels += ",summary_w12=w12,summary_w104=w104"
    prepared = subprocess.run(
        [
            sys.executable, "-m", "benchmarks.load.prepare", "--out", str(files), "--label",
            "main", "--users", str(args.users), "--summary-labels", labels,
        ],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if prepared.returncode:
        raise SystemExit(f"prepare failed:\n{prepared.stderr}")
    sessions = json.loads(prepared.stdout.strip().splitlines()[-1])
    pages = [p for p in PAGES if (files / f"{p}.txt").exists()]
    # The mixed requests: every page's lines, interleaved.
    mixed = [(files / f"{p}.txt").read_text().splitlines() for p in MIXED]
    (files / "mixed.txt").write_text(
        "\n".join(x for group in zip(*mixed, strict=False) for x in group) + "\n"
    )

    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")), "intimacy.wsgi", "--bind",
            f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--no-control-socket",
            "--access-logfile", "-" if args.access_log else "/dev/null",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    backends = Backends(env)
    try:
        _wait_for(args.port, gunicorn)
        sizes = _preflight(args, files)
        served = 0
        # Warm up every worker on every page (templates, caches, connections).
        for page in ["floor", *pages] if args.warmup_seconds else []:
            served += _wrk(args, files / f"{page}.txt", args.warmup_seconds)["requests"]
        memory: dict[str, Any] = {}
        served += _mixed_until(args, files, served, args.memory_requests // 10)
        workers = _children(gunicorn.pid)
        memory["after_requests_1"] = served
        memory["rss_kb_1"] = {str(p): _rss_kb(p) for p in workers}

        results: dict[str, list[dict[str, Any]]] = {p: [] for p in ["floor", *pages]}
        floors: dict[str, list[tuple[float, float]]] = {p: [] for p in pages}
        for _round in range(args.rounds):
            previous = _measure(args, files, "floor", gunicorn.pid, backends)
            results["floor"].append(previous)
            for page in pages:
                measured = _measure(args, files, page, gunicorn.pid, backends)
                after = _measure(args, files, "floor", gunicorn.pid, backends)
                results[page].append(measured)
                results["floor"].append(after)
                floors[page].append(
                    (
                        (previous["rps"] + after["rps"]) / 2,
                        (previous["cpu_ms"] + after["cpu_ms"]) / 2,
                    )
                )
                previous = after
                served += measured["requests"] + after["requests"]
            served += results["floor"][-len(pages) - 1]["requests"]

        served += _mixed_until(args, files, served, args.memory_requests)
        memory["after_requests_2"] = served
        memory["rss_kb_2"] = {str(p): _rss_kb(p) for p in _children(gunicorn.pid)}
        same = set(memory["rss_kb_1"]) & set(memory["rss_kb_2"])
        memory["same_workers"] = sorted(same)
        memory["growth"] = (
            max(memory["rss_kb_2"][p] / memory["rss_kb_1"][p] for p in same) - 1 if same else None
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(30)
        backends.conn.close()
        shutil.rmtree(files, ignore_errors=True)

    floor_rounds = results.pop("floor")
    summary = {
        p: _summarise(results[p], floors[p]) | {"target": PAGES[p], "html_bytes": sizes[p]}
        for p in pages
    }
    for p in pages:
        summary[p]["meets_rps"] = summary[p]["ratio_rps"] >= PAGES[p]
        summary[p]["meets_cpu"] = summary[p]["ratio_cpu"] >= PAGES[p]
    med = statistics.median
    return {
        "meta": {
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
            "seconds_total": round(time.time() - started, 1),
            "git": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip(),
            "machine": {
                "cpu": _cpu_model(),
                "cores": os.cpu_count(),
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
                "python": platform.python_version(),
            },
            "couples": args.couples,
            "weeks": args.weeks,
            "summary_couples": args.summary_couples,
            "seconds": args.seconds,
            "rounds": args.rounds,
            "workers": args.workers,
            "connections": args.connections,
            "sessions": sessions,
            "seeded": seeded,
        },
        "floor": {
            "rps": med(r["rps"] for r in floor_rounds),
            "p50_ms": med(r["latency_ms"]["p50"] for r in floor_rounds),
            "p95_ms": med(r["latency_ms"]["p95"] for r in floor_rounds),
            "p99_ms": med(r["latency_ms"]["p99"] for r in floor_rounds),
            "app_cpu_ms": med(r["app_cpu_ms"] for r in floor_rounds),
            "db_cpu_ms": med(r["db_cpu_ms"] for r in floor_rounds),
        },
        "pages": summary,
        "rounds": {"floor": floor_rounds, **results},
        "memory": memory,
    }


def _mixed_until(args: argparse.Namespace, files: Path, served: int, total: int) -> int:
    more = 0
    while served + more < total:
        more += _wrk(args, files / "mixed.txt", min(5.0, max(1.0, args.seconds)))["requests"]
    return more


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couples", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument(
        "--summary-couples", type=int, default=15, help="couples of 12 and of 104 weeks"
    )
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--memory-requests", type=int, default=20_000)
    parser.add_argument("--warmup-seconds", type=float, default=2, help="per page; 0: none")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result = run(args)
    text = json.dumps(result, indent=1, sort_keys=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    for page, s in result["pages"].items():
        print(
            f"{page:14} {s['rps']:8.1f} req/s  p95 {s['p95_ms']:7.1f} ms  "
            f"cpu {s['app_cpu_ms']:6.1f}+{s['db_cpu_ms']:5.1f} ms  "
            f"floor ratio rps {s['ratio_rps']:.1%} cpu {s['ratio_cpu']:.1%} (target {s['target']:.0%})"
        )
    f = result["floor"]
    print(
        f"{'floor':14} {f['rps']:8.1f} req/s  p95 {f['p95_ms']:7.1f} ms  cpu {f['app_cpu_ms']:.1f}"
    )
    print("memory growth:", result["memory"].get("growth"))


if __name__ == "__main__":
    main()
