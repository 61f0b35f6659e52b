"""Browser tests: pytest-playwright driving the system Chromium against live_server.

Playwright's own browser download does not work here, so the system Chromium is used.
Locally the tests skip when no Chromium is installed; CI sets TWOWAY_REQUIRE_BROWSER=1,
which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _require_chromium() -> None:
    if CHROMIUM:
        return
    if os.environ.get("TWOWAY_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required (TWOWAY_REQUIRE_BROWSER=1) but was not found on PATH.")
    pytest.skip("Chromium is not installed; install it (apt-get install chromium) to run these.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(autouse=True)
def _short_timeouts(page) -> None:
    page.set_default_timeout(10_000)


_axe = Axe()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violations on the page as it is now.

    Needs JavaScript on in the page's context: axe waits on timers, which never fire with
    JavaScript off (check such pages by loading their HTML in a JavaScript-on context).
    """
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in bad
    )
    assert not bad, f"Accessibility violations on {page.url}:\n{details}"
