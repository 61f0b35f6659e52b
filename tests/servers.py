"""Throwaway servers for the many-servers and fault tests: a PostgreSQL cluster of their own
(initdb into a temporary folder, its own port), a ``redis-server`` of their own, an SMTP sink,
and gunicorn instances with production settings pointed at them. The tests stop and restart
these; the machine's shared PostgreSQL and Redis are never touched.

Session-scoped (one cluster, one migration per run); a test that stops a server starts it
again before it ends, so the next test finds everything up.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests

from tests.production import PRODUCTION_ENV, ROOT

HOST = "twoway.test"
PASSWORD = "correct horse battery staple 42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Any, *, timeout: float = 20, what: str = "it") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.05)


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_bin(name: str) -> str:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    assert found, f"{name} (PostgreSQL's server tools) is not installed"
    return found


def _as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Postgres:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-N"]
            ),
            check=True,
            capture_output=True,
        )
        self.start()

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-w", "-t", "30", *args]),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        # fsync off: a test cluster that only loses data if the machine crashes. The socket
        # lives in its folder, not /var/run/postgresql beside the shared cluster's.
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        self._ctl("-o", options, "-l", str(self.folder / "log"), "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, query: str, *params: Any, database: str = "twoway") -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(query, params or None)
            return cursor.fetchall() if cursor.description else []

    def end_connections(self, database: str = "twoway") -> None:
        """End the app's open connections (they reconnect on their next request)."""
        self.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            database,
            database="postgres",
        )


# --- Redis ---------------------------------------------------------------------------------


class Redis:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self._answers, what="redis-server")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def flush(self) -> None:
        """Forget every rate-limit count (only this throwaway Redis)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            s.sendall(b"FLUSHALL\r\n")
            assert s.recv(16).startswith(b"+OK")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


# --- An SMTP server that keeps what it receives ------------------------------------------


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend. ``hold`` set: a message's data is read but not
    acknowledged until it is cleared (so a worker can be killed while it sends); a message
    counts as delivered only once acknowledged, as a real server would."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.hold = threading.Event()
        self.holding = threading.Event()  # a message is waiting for its acknowledgement
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def handle(self) -> None:
        self.wfile.write(b"220 sink ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                while self.server.hold.is_set():
                    self.server.holding.set()
                    ready, _, _ = select.select([self.request], [], [], 0.05)
                    if ready and self.request.recv(1, socket.MSG_PEEK) == b"":
                        return  # the sender is gone before the acknowledgement: not delivered
                self.server.messages.append(message_from_bytes(data))
                self.wfile.write(b"250 kept\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


# --- The app, with production settings -----------------------------------------------------


class Stack:
    """PostgreSQL (the main and the keys database), Redis and the SMTP sink, migrated; runs
    manage.py and gunicorn against them with production settings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.postgres = Postgres(folder / "pg")
        self.redis = Redis()
        self.smtp = SmtpSink()
        for name in ("twoway", "twoway_keys"):
            self.postgres.sql(f"CREATE DATABASE {name}", database="postgres")
        self.env = self._environment()
        # The three at once: the main database's migrations, the keys database's, the
        # static files (the manifest production's templates need).
        running = [
            self.spawn_manage(*args)
            for args in (
                ["migrate", "--noinput", "-v0"],
                ["migrate", "--noinput", "-v0", "--database", "keys"],
                ["collectstatic", "--noinput", "-v0"],
            )
        ]
        for process in running:
            _, errors = process.communicate(timeout=180)
            assert process.returncode == 0, errors[-3000:]

    def _environment(self) -> dict[str, str]:
        skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST"}
        env = {k: v for k, v in os.environ.items() if k not in skip}
        return (
            env
            | PRODUCTION_ENV
            | {
                "DJANGO_SETTINGS_MODULE": "tests.server_settings",
                "ALLOWED_HOSTS": f"{HOST},127.0.0.1,localhost",
                "SITE_URL": f"https://{HOST}",
                "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
                "DATABASE_URL": self.postgres.url("twoway"),
                "KEYS_DATABASE_URL": self.postgres.url("twoway_keys"),
                # Connections kept between requests, as in production: a restarted database
                # must be noticed (conn_health_checks) and reconnected to.
                "DATABASE_CONN_MAX_AGE": "60",
                "REDIS_URL": self.redis.url,
                # Every server shares the prefix: one set of rate-limit counters.
                "CACHE_KEY_PREFIX": f"twoway-servers-{uuid.uuid4().hex[:8]}",
                "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.port}",
                "TASKS_BACKEND": "database",
                "STATIC_ROOT": str(self.folder / "static"),
                "LOG_LEVEL": "WARNING",
            }
        )

    def manage(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def spawn_manage(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def django(self, code: str) -> Any:
        """Run ``code`` in a Django process on these databases; it sets ``result`` (JSON)."""
        program = (
            "import django, json; django.setup()\n"
            + code
            + "\nprint('RESULT=' + json.dumps(result))"
        )
        done = subprocess.run(
            [sys.executable, "-c", program],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        (line,) = [x for x in done.stdout.splitlines() if x.startswith("RESULT=")]
        return json.loads(line.removeprefix("RESULT="))

    def make_couples(
        self, *labels: str, reminded: tuple[str, ...] = ()
    ) -> dict[str, dict[str, Any]]:
        """For each label, two partners (Alex and Sam) with verified emails and the shared
        password, in a couple that started three weeks ago, in UTC; in the ``reminded``
        couples each chose a reminder due now. By label: their emails and ids, the couple's id, this week."""
        return self.django(
            f"""
from datetime import timedelta
from django.utils import timezone
from checkins.selectors import clock_for
from notifications.models import EmailPreferences
from tests.factories import UserFactory, make_couple
result = {{}}
now = timezone.now()
for label in {list(labels)!r}:
    a = UserFactory(email=f"{{label}}-a@example.com", display_name="Alex")
    b = UserFactory(email=f"{{label}}-b@example.com", display_name="Sam")
    couple = make_couple(a, b, time_zone="UTC")
    couple.created_at = now - timedelta(weeks=3)
    couple.save(update_fields=["created_at"])
    for person in (a, b) if label in {list(reminded)!r} else ():
        EmailPreferences.objects.create(user=person, remind_weekday=now.weekday(),
            remind_hour=now.hour, reminders_asked_at=now)
    result[label] = {{"a": a.email, "b": b.email, "a_id": a.pk, "b_id": b.pk,
        "couple": couple.pk, "week": clock_for(couple).current.isoformat()}}
"""
        )


class Gunicorn:
    def __init__(self, stack: Stack, *, workers: int = 1, timeout: int = 30) -> None:
        self.stack = stack
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "intimacy.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                str(timeout),
                "--graceful-timeout",
                "3",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=stack.env,
            stdout=subprocess.DEVNULL,
            stderr=open(stack.folder / f"gunicorn-{self.port}.log", "w"),  # noqa: SIM115
        )

    def wait(self) -> Gunicorn:
        wait_until(self.healthy, timeout=90, what=f"gunicorn on {self.port}")
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def healthy(self) -> bool:
        assert self.process.poll() is None, "gunicorn exited"
        try:
            return requests.get(
                self.url + "/healthz",
                headers={"Host": HOST, "X-Forwarded-Proto": "https"},
                allow_redirects=False,
                timeout=5,
            ).ok
        except requests.RequestException:
            return False

    def workers(self) -> list[int]:
        """The worker processes' ids (the master forks them)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        # SIGQUIT: gunicorn's quick shutdown (the tests are done with it).
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Client:
    """A browser for one person against one server: its own cookies (kept by hand, since
    production's are ``Secure`` and this speaks plain HTTP behind a pretend TLS proxy)."""

    def __init__(self, server: Gunicorn, *, host: str = HOST) -> None:
        self.server = server
        self.host = host
        self.cookies: dict[str, str] = {}

    def on(self, server: Gunicorn) -> Client:
        """The same browser, sent to another app server (as a load balancer would)."""
        other = Client(server, host=self.host)
        other.cookies = self.cookies
        return other

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{self.host}",
            "Referer": f"https://{self.host}{path}",
            **kwargs.pop("headers", {}),
        }
        response = requests.request(
            method,
            self.server.url + path,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=kwargs.pop("timeout", 30),
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found, (page.status_code, page.text[:500])
        return found.group(1)

    def post(self, path: str, data: dict[str, Any], *, form: str = "", **kwargs: Any):
        """POST with the CSRF token of the form at ``form`` (default: ``path``)."""
        data = {"csrfmiddlewaretoken": self.csrf_token(form or path), **data}
        return self.request("POST", path, data=data, **kwargs)

    def login(self, email: str, password: str = PASSWORD) -> requests.Response:
        return self.post("/accounts/login/", {"login": email, "password": password})


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    folder = Path(tempfile.mkdtemp(prefix="twoway-servers-"))
    os.chmod(folder, 0o755)
    built = Stack(folder)
    try:
        yield built
    finally:
        built.smtp.shutdown()
        built.redis.stop()
        try:
            built.postgres.stop("immediate")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def servers(stack: Stack) -> Iterator[tuple[Gunicorn, Gunicorn]]:
    """Two app servers on two ports (started together: each takes seconds to boot)."""
    both = (Gunicorn(stack), Gunicorn(stack))
    try:
        yield both[0].wait(), both[1].wait()
    finally:
        for server in both:
            server.process.send_signal(signal.SIGQUIT)
        for server in both:
            server.stop()


@pytest.fixture(scope="session")
def server_a(servers: tuple[Gunicorn, Gunicorn]) -> Gunicorn:
    return servers[0]


@pytest.fixture(scope="session")
def server_b(servers: tuple[Gunicorn, Gunicorn]) -> Gunicorn:
    return servers[1]
