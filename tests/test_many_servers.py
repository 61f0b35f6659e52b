"""Two app servers (gunicorn, production settings) on two ports sharing one PostgreSQL and one
Redis (throwaway ones, tests/servers.py): nothing a person does depends on which server a
load balancer sends them to, and the schedulers and workers beside each server do every
piece of work once (issue 14, "Many app servers"; docs/scaling.md)."""

from __future__ import annotations

import re
from itertools import cycle

import pytest

pytest.register_assert_rewrite("tests.servers")
from tests.servers import Client, wait_until  # noqa: E402

# The throwaway PostgreSQL, Redis and gunicorns (fixtures stack, server_a, server_b).
pytest_plugins = ["tests.servers"]

pytestmark = pytest.mark.postgres

TOO_MANY = "Too many failed login attempts"


@pytest.fixture(scope="module")
def couples(stack):
    labels = ("session", "draft", "lockout", "remind", "task")
    return stack.make_couples(*labels, reminded=("remind",))


def logged_in(browser: Client) -> bool:
    home = browser.get("/")
    return home.status_code == 200 and 'action="/accounts/logout/"' in home.text


def test_a_session_made_on_one_server_is_valid_on_the_other(stack, couples, server_a, server_b):
    people = couples["session"]
    browser = Client(server_a)
    assert browser.login(people["a"]).status_code == 302
    assert logged_in(browser.on(server_b))
    # Logging out on the second ends the session on the first too.
    browser.on(server_b).post("/accounts/logout/", {}, form="/")
    assert not logged_in(browser)


def _draft_text(browser: Client, week: str) -> str:
    return "".join(browser.get(f"/weeks/{week}/checkin/?step={n}").text for n in range(1, 6))


def test_a_draft_autosaved_through_one_server_reads_back_through_the_other(
    stack, couples, server_a, server_b
):
    people = couples["draft"]
    week = people["week"]
    on_a = Client(server_a)
    on_a.login(people["a"])
    draft = {"appreciation": "«tea on the balcony»", "emotional-rating": "4"}
    draft["emotional-reflection"] = "«we talked on Sunday»"
    saved = on_a.post(
        f"/weeks/{week}/checkin/autosave/",
        draft,
        form=f"/weeks/{week}/checkin/",
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200, saved.text
    shown = _draft_text(on_a.on(server_b), week)
    assert "«we talked on Sunday»" in shown
    assert "«tea on the balcony»" in shown
    # The partner sees none of it, through either server.
    partner = Client(server_b)
    partner.login(people["b"])
    for server in (server_a, server_b):
        assert "«we talked" not in partner.on(server).get(f"/weeks/{week}/").text


def test_failed_logins_from_one_address_count_across_both_servers(
    stack, couples, server_a, server_b
):
    """10 failed logins a minute per address (ACCOUNT_RATE_LIMITS), wherever they land."""
    stack.redis.flush()
    rotation = cycle([server_a, server_b])
    for i in range(10):
        answer = Client(next(rotation)).login(f"nobody-{i}@example.com", "wrong")
        assert TOO_MANY not in answer.text, i
    refused = Client(next(rotation)).login("nobody-else@example.com", "wrong")
    assert TOO_MANY in refused.text
    stack.redis.flush()  # the next tests log in from this address too


def test_an_account_locks_across_both_servers_and_any_host_header(
    stack, couples, server_a, server_b
):
    """5 failed logins per account in 5 minutes, whichever server and Host header (port
    included) they come through: the counter is keyed on the email alone."""
    stack.redis.flush()
    people = couples["lockout"]
    hosts = ["127.0.0.1:8001", "localhost:9999", "twoway.test", "127.0.0.1"]
    rotation = cycle([server_a, server_b])
    for i in range(5):
        guess = Client(next(rotation), host=hosts[i % len(hosts)])
        assert TOO_MANY not in guess.login(people["a"].upper(), f"wrong-{i}").text
    owner = Client(server_b, host="localhost:8443")
    refused = owner.login(people["a"])
    assert TOO_MANY in refused.text
    assert not logged_in(owner)
    # The partner's account is not locked by it.
    partner = Client(server_a)
    assert partner.login(people["b"]).status_code == 302
    stack.redis.flush()


def _sent(output: str) -> int:
    (count,) = re.findall(r"Reminders: (\d+) queued", output)
    return int(count)


def test_the_reminder_scheduler_on_both_servers_at_once_sends_each_reminder_once(stack, couples):
    people = couples["remind"]
    schedulers = [stack.spawn_manage("send_reminders") for _ in range(2)]
    outputs = [s.communicate(timeout=60) for s in schedulers]
    assert all(s.returncode == 0 for s in schedulers), outputs
    assert sum(_sent(out) for out, _ in outputs) == 2, outputs
    couple = people["couple"]
    rows = stack.postgres.sql(
        f"SELECT user_id, kind FROM notifications_weeklyemail WHERE couple_id = {couple}"
    )
    assert sorted(user for user, _ in rows) == sorted([people["a_id"], people["b_id"]])
    stack.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    for address in (people["a"], people["b"]):
        (reminder,) = stack.smtp.to(address)
        assert "check-in" in reminder["Subject"].lower()


def test_a_task_queued_through_one_server_is_run_by_a_worker_beside_the_other(
    stack, couples, server_a, server_b
):
    people = couples["task"]
    week = people["week"]
    on_a = Client(server_a)
    on_a.login(people["a"])
    nudged = on_a.post(f"/nudge/{week}/", {}, form="/", headers={"HX-Request": "true"})
    assert nudged.status_code == 200, nudged.text
    assert "looking forward" in nudged.text
    (status,) = stack.postgres.sql(
        "SELECT status FROM django_tasks_database_dbtaskresult "
        "WHERE args_kwargs->'kwargs'->>'recipient_id' = %s",
        str(people["b_id"]),
    )
    assert status == ("READY",)  # queued in the database, not sent by the web server
    assert stack.smtp.to(people["b"]) == []
    # The worker on the other machine (its own process, the same database) sends it.
    worker = stack.spawn_manage(
        "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"
    )
    try:
        (nudge,) = wait_until(lambda: stack.smtp.to(people["b"]), what="the nudge email")
    finally:
        worker.terminate()
        worker.wait(15)
    assert "Alex" in nudge["Subject"]
