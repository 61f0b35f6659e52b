"""Two app servers (gunicorn, production settings) on two ports sharing one PostgreSQL and one
Redis (throwaway ones, tests/servers.py): nothing a person does depends on which server a
load balancer sends them to (issue 14, "Many app servers"; docs/scaling.md)."""

from __future__ import annotations

import pytest

from tests.servers import Client, server_a, server_b, stack  # noqa: F401  (fixtures)

pytestmark = pytest.mark.postgres


def test_a_session_made_on_one_server_is_valid_on_the_other(stack, server_a, server_b):
    people = stack.make_couple("session")
    browser = Client(server_a)
    assert browser.login(people["a"]).status_code == 302
    home = browser.on(server_b).get("/")
    assert home.status_code == 200
    assert "Log out" in home.text or "logout" in home.text
