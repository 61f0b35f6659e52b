"""Browser tests: pytest-playwright driving the system Chromium against live_server.

Playwright's own browser download does not work here, so the system Chromium is used.
Locally the tests skip when no Chromium is installed; CI sets TWOWAY_REQUIRE_BROWSER=1,
which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

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


TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _short_timeouts(page) -> None:
    page.set_default_timeout(TIMEOUT_MS)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Extra browser contexts made by a test (one per person); all closed afterwards."""
    made: list[BrowserContext] = []
    yield made
    for context in made:
        context.close()


def new_page(browser: Browser, contexts: list[BrowserContext], **options) -> Page:
    """A page in a fresh browser context of its own (``options`` as for new_context)."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    contexts.append(context)
    return context.new_page()


def log_in(page: Page, base_url: str, email: str, password: str, heading: str) -> Page:
    """Log in through the real login form and wait for the home page's ``heading``."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    return page


def current_totp(secret: str) -> str:
    """The code an authenticator app shows now, never one about to expire: near the end
    of a 30-second window, wait for the next one."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 5:
        time.sleep(period - time.time() % period + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


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
