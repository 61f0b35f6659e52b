"""Phone screenshots for the docs (docs/screenshots/): the check-in's steps and the journal.

Against a running Twoway with the demo couple (``make run``, or ``make demo`` then the
server), in Chromium at 390 by 844:

    .venv/bin/python tools/screenshots.py [http://127.0.0.1:8000]

It only reads pages (each step is opened by its address, nothing is saved), so the demo
stays as it was.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
EMAIL, PASSWORD = "alex@demo.twoway.local", "twoway-demo-password"


def main(base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"))
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page.goto(f"{base}/accounts/login/")
        page.fill('input[name="login"]', EMAIL)
        page.fill('input[name="password"]', PASSWORD)
        page.locator('form button[type="submit"]').first.click()
        page.wait_for_load_state()
        page.get_by_role("link", name="Start this week's check-in").click()
        page.wait_for_load_state()
        checkin = page.url.split("?")[0]
        for step, name in ((1, "checkin-phone-ratings"), (2, "checkin-phone-part")):
            page.goto(f"{checkin}?step={step}")
            page.screenshot(path=OUT / f"{name}.png")
        page.goto(f"{base}/history/")
        page.locator(".journal-card.journal-both").first.scroll_into_view_if_needed()
        page.screenshot(path=OUT / "journal-phone.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
