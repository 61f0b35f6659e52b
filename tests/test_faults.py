"""Faults survived, nothing lost (issue 14): a gunicorn worker killed in the middle of a
check-in, PostgreSQL restarted under a serving app, Redis stopped, the database turned
read-only, a task worker killed while it sends a reminder. On throwaway servers of their own
(tests/servers.py); the machine's PostgreSQL and Redis are never touched."""

from __future__ import annotations

import os
import signal
import threading
import time

import psycopg
import pytest
import requests

pytest.register_assert_rewrite("tests.servers")
from tests.servers import Client, Stack, wait_until  # noqa: E402

pytest_plugins = ["tests.servers"]

pytestmark = pytest.mark.postgres

BREAK = "Twoway is taking a short break"
DIMS = ("emotional", "experiential", "intellectual")


@pytest.fixture(scope="module")
def couples(stack):
    labels = ("kill-0", "kill-1", "kill-2", "restart", "redis", "readonly", "worker")
    return stack.make_couples(*labels, reminded=("worker",))


def answers(text: str) -> dict[str, object]:
    # Long texts: more to encrypt, so the transaction that writes them lasts a while.
    data: dict[str, object] = {"appreciation": f"«{text}» " + "tea " * 200, "signs": ["distant"]}
    for i, dim in enumerate(DIMS):
        data |= {
            f"{dim}-rating": str(3 + i % 2),
            f"{dim}-reflection": f"«{text}-{dim}» " + "words " * 300,
            f"{dim}-need": "",
        }
    return data


def rows(stack: Stack, couple: int) -> tuple[int, int, int, int]:
    """The couple's weeks, check-ins, submitted check-ins and answers."""
    c = int(couple)
    (found,) = stack.postgres.sql(
        f"""
        SELECT (SELECT count(*) FROM checkins_week w WHERE w.couple_id = {c}),
               (SELECT count(*) FROM checkins_checkin c JOIN checkins_week w ON c.week_id = w.id
                 WHERE w.couple_id = {c}),
               (SELECT count(*) FROM checkins_checkin c JOIN checkins_week w ON c.week_id = w.id
                 WHERE w.couple_id = {c} AND c.submitted_at IS NOT NULL),
               (SELECT count(*) FROM checkins_answer a JOIN checkins_checkin c
                  ON a.checkin_id = c.id JOIN checkins_week w ON c.week_id = w.id
                 WHERE w.couple_id = {c})
        """
    )
    return found


def _draft_text(browser: Client, week: str) -> str:
    return "".join(browser.get(f"/weeks/{week}/checkin/?step={n}").text for n in range(1, 6))


def _is_styled_break(response: requests.Response) -> None:
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert BREAK in response.text
    assert "Traceback" not in response.text
    assert 'href="/static/' in response.text  # the site's own styles, not a bare error
    assert response.headers["Retry-After"] == "30"


def _post_into(answered: list[object], browser: Client, path: str, data: dict) -> None:
    try:
        answered.append(browser.request("POST", path, data=data))
    except requests.ConnectionError as error:
        answered.append(error)


def test_a_worker_killed_mid_check_in_leaves_no_partial_write(stack, couples, server_a):
    watcher = psycopg.connect(stack.postgres.url("postgres"), autocommit=True)
    in_transaction = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'twoway' "
        "AND state = 'idle in transaction'"
    )
    # A couple per attempt: a kill that comes just after the commit proves nothing, so
    # try again (with a couple that has written nothing yet) until one lands inside.
    for label in ("kill-0", "kill-1", "kill-2"):
        people = couples[label]
        week, couple = people["week"], people["couple"]
        path = f"/weeks/{week}/checkin/"
        wait_until(lambda: server_a.workers() and server_a.healthy(), what="a worker")
        browser = Client(server_a)
        browser.login(people["a"])
        token = browser.csrf_token(path)
        assert rows(stack, couple) == (0, 0, 0, 0)
        (worker,) = server_a.workers()
        answered: list[object] = []
        data = {"csrfmiddlewaretoken": token, "action": "submit", **answers("killed")}
        sender = threading.Thread(target=_post_into, args=(answered, browser, path, data))
        sender.start()
        # The moment the worker is inside the check-in's transaction (between two of its
        # statements, busy in Python), kill it.
        deadline = time.monotonic() + 20
        while sender.is_alive() and time.monotonic() < deadline:
            if watcher.execute(in_transaction).fetchone()[0]:  # type: ignore[index]
                os.kill(worker, signal.SIGKILL)
                break
        sender.join(30)
        # PostgreSQL sees the connection close and rolls the transaction back.
        wait_until(
            lambda: not watcher.execute(in_transaction).fetchone()[0],  # type: ignore[index]
            what="the killed worker's transaction to end",
        )
        after = rows(stack, couple)
        (answer,) = answered
        if isinstance(answer, requests.Response):  # it finished before the kill
            assert after == (1, 1, 1, 3), (after, answer.status_code, answer.text[:500])
            continue
        # No answer: nothing of the check-in, or all of it (it committed first).
        assert after in ((0, 0, 0, 0), (1, 1, 1, 3)), after
        if after == (0, 0, 0, 0):
            break
    else:
        pytest.fail("no kill landed inside the check-in's transaction in three tries")
    watcher.close()
    # Then the same check-in goes through, whole and readable, and nothing of the killed one.
    wait_until(lambda: server_a.workers() and server_a.healthy(), what="a new worker")
    done = browser.post(path, {"action": "submit", **answers("whole")})
    assert done.status_code == 302, done.text[:300]
    assert rows(stack, couple) == (1, 1, 1, 3)
    shown = _draft_text(browser, week)
    assert "«whole-emotional»" in shown
    assert "«killed" not in shown


def test_postgresql_restarted_under_the_app_a_styled_page_then_full_service(
    stack, couples, server_a, server_b
):
    people = couples["restart"]
    week = people["week"]
    browser = Client(server_a)
    browser.login(people["a"])
    autosave = f"/weeks/{week}/checkin/autosave/"
    token = browser.csrf_token(f"/weeks/{week}/checkin/")
    hx = {"HX-Request": "true"}

    def save(text: str) -> requests.Response:
        data = {"csrfmiddlewaretoken": token, "emotional-reflection": text}
        return browser.request("POST", autosave, data=data, headers=hx)

    assert save("«acknowledged before»").status_code == 200
    # Abruptly (no checkpoint, as a crash would): the restart replays the log.
    stack.postgres.stop("immediate")
    try:
        _is_styled_break(browser.get("/"))
        # Someone signed out: the login page needs no database, logging in does.
        _is_styled_break(Client(server_b).login(people["b"]))
        _is_styled_break(save("«during the outage»"))
        health = Client(server_a).get("/healthz")  # the load balancer's check
        assert health.status_code == 503
        assert health.json() == {"status": "error", "database": "unavailable"}
    finally:
        stack.postgres.start()
    # Full service at once, on both servers (their kept connections are checked first).
    assert browser.get("/").status_code == 200
    shown = _draft_text(browser.on(server_b), week)
    assert "«acknowledged before»" in shown
    assert save("«after the restart»").status_code == 200
    assert "«after the restart»" in _draft_text(browser, week)


def test_with_redis_stopped_pages_login_and_check_ins_keep_working(
    stack, couples, server_a, server_b
):
    people = couples["redis"]
    week = people["week"]
    stack.redis.stop()
    try:
        browser = Client(server_a)
        assert browser.get("/accounts/login/").status_code == 200
        assert browser.login(people["a"]).status_code == 302
        assert browser.on(server_b).get("/").status_code == 200
        path = f"/weeks/{week}/checkin/"
        done = browser.post(path, {"action": "submit", **answers("no-redis")})
        assert done.status_code == 302, done.text[:300]
        assert rows(stack, people["couple"])[2] == 1
        assert "«no-redis-emotional»" in _draft_text(browser.on(server_b), week)
    finally:
        stack.redis.start()
    log = (stack.folder / f"gunicorn-{server_a.port}.log").read_text()
    assert "Cache unavailable" in log  # it was really down, and said so


def test_a_read_only_database_gives_a_clear_page_never_a_traceback(stack, couples, server_a):
    people = couples["readonly"]
    week = people["week"]
    browser = Client(server_a)
    browser.login(people["a"])
    token = browser.csrf_token(f"/weeks/{week}/checkin/")
    stack.postgres.sql(
        "ALTER DATABASE twoway SET default_transaction_read_only = on", database="postgres"
    )
    stack.postgres.end_connections()
    try:
        data = {"csrfmiddlewaretoken": token, "emotional-reflection": "«read only»"}
        saved = browser.request(
            "POST", f"/weeks/{week}/checkin/autosave/", data=data, headers={"HX-Request": "true"}
        )
        _is_styled_break(saved)
        page = browser.get("/")  # reading may still work; it is never a 500
        assert page.status_code in (200, 503), page.status_code
        assert "Traceback" not in page.text
    finally:
        stack.postgres.sql(
            "ALTER DATABASE twoway RESET default_transaction_read_only", database="postgres"
        )
        stack.postgres.end_connections()
    assert "«read only»" not in _draft_text(browser, week)
    assert browser.get("/").status_code == 200


def test_a_task_worker_killed_mid_send_runs_it_again_and_the_reminder_goes_once(stack, couples):
    people = couples["worker"]
    out = stack.manage("send_reminders").stdout
    assert "Reminders: 2 queued" in out, out
    stack.smtp.holding.clear()
    stack.smtp.hold.set()  # the SMTP server reads the message and does not answer yet
    worker = stack.spawn_manage(
        "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"
    )
    try:
        assert stack.smtp.holding.wait(60), "the worker never sent"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        stack.smtp.hold.clear()
    time.sleep(0.3)
    mine = (people["a"], people["b"])
    assert [m for a in mine for m in stack.smtp.to(a)] == []  # it never got through
    running = stack.postgres.sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    )
    assert running == [(1,)]
    # Left running for ever by django-tasks-db; requeue_stalled_tasks puts it back.
    assert "queued again: 1" in stack.manage("requeue_stalled_tasks", "--older-than", "0").stdout
    stack.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    for address in mine:
        assert len(stack.smtp.to(address)) == 1, address
    (sent,) = stack.postgres.sql(
        "SELECT count(*) FROM notifications_weeklyemail WHERE couple_id = %s", people["couple"]
    )
    assert sent == (2,)
    # A scheduler run later still sends nothing more.
    assert "Reminders: 0 queued" in stack.manage("send_reminders").stdout
