"""The weekly check-in in real browsers: two partners, autosave, validation, the reveal.

Alex and Sam (from the factories) each log in through the real login form in their own
browser context, so each has their own session, the way two phones would.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import parse_qs

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Response, expect

from accounts.models import Couple
from checkins.models import CheckIn
from checkins.selectors import clock_for
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD

AUTOSAVE_MS = 8_000  # htmx waits 2 s after the last keystroke, then posts
PHONE = {"width": 390, "height": 844}
SAVED_AT = re.compile(r"^Saved at \d{2}:\d{2}$")

# What each partner types. Emoji, line breaks (one of them a blank line) and characters
# that HTML escapes all have to come back exactly as typed.
ALEX_RATINGS = {"emotional": 4, "experiential": 2, "intellectual": 5}
ALEX_REFLECTION = "Our walk by the river 🌊 felt like old times.\nThank you for asking about me 💛"
ALEX_TEXT = {
    "emotional-need": "Ten minutes after dinner with the phones away 📵",
    "experiential-reflection": "Busy week: we mostly passed each other in the hallway",
    "appreciation": "You made soup when I came home exhausted 🍲",
    "private_note": "Alex only: still nervous about the money talk 🙈",
}
SAM_RATINGS = {"emotional": 5, "experiential": 3, "intellectual": 4}
SAM_TEXT = {
    "emotional-reflection": "Sam here ✨ — I loved the river walk.\n\nLet's go again on Sunday? 🌿",
    "intellectual-reflection": 'The <podcast> & the "big" argument after it: good for us',
    "appreciation": "You listened without fixing anything 🙏",
    "private_note": "Sam only: I want to bring up the holiday plans soon 🤫",
}


def _log_in(
    browser: Browser,
    contexts: list[BrowserContext],
    base_url: str,
    email: str,
    heading: str,
    **options,
) -> Page:
    """A fresh browser context, logged in through the login form, on the couple's home."""
    return log_in(new_page(browser, contexts, **options), base_url, email, PASSWORD, heading)


def _week(couple: Couple) -> str:
    return clock_for(couple).current.isoformat()


def _field(page: Page, name: str) -> Locator:
    return page.locator(f'textarea[name="{name}"]')


def _radio(page: Page, dimension: str, value: int) -> Locator:
    return page.locator(f'input[type="radio"][name="{dimension}-rating"][value="{value}"]')


def _rate(page: Page, dimension: str, value: int) -> None:
    """Click the visible scale step (the radio itself is visually hidden inside it)."""
    step = page.locator("label.scale-step").filter(has=_radio(page, dimension, value))
    step.click()
    expect(_radio(page, dimension, value)).to_be_checked()


def _fill_in(page: Page, ratings: dict[str, int], texts: dict[str, str]) -> None:
    for dimension, value in ratings.items():
        _rate(page, dimension, value)
    for name, text in texts.items():
        _field(page, name).fill(text)


def _expect_kept(page: Page, ratings: dict[str, int], texts: dict[str, str]) -> None:
    for dimension, value in ratings.items():
        expect(_radio(page, dimension, value)).to_be_checked()
    for name, text in texts.items():
        expect(_field(page, name)).to_have_value(text)


def _autosave_of(name: str, text: str) -> Callable[[Response], bool]:
    """Matches the autosave response whose request carried ``text`` in field ``name``."""

    def matches(response: Response) -> bool:
        if not response.url.endswith("/autosave/") or response.request.method != "POST":
            return False
        sent = parse_qs(response.request.post_data or "", keep_blank_values=True).get(name, [])
        return [value.replace("\r\n", "\n") for value in sent] == [text]

    return matches


def _assert_absent(page: Page, texts: list[str]) -> None:
    """No line of any of ``texts`` appears in the page's HTML, raw or escaped."""
    markup = page.content()
    for text in texts:
        for line in filter(str.strip, text.splitlines()):
            assert line not in markup, f"{line!r} leaked into {page.url}"
            assert html.escape(line, quote=False) not in markup, f"{line!r} leaked"


def _expect_shown_exactly(page: Page, text: str) -> None:
    """Some written passage on the page is ``text`` unchanged, shown with its line breaks
    (``white-space: pre-wrap``), wherever the layout puts it."""
    expect(page.locator(".written").first).to_be_visible()
    shown = page.locator(".written").evaluate_all(
        "els => els.map(e => [e.textContent, getComputedStyle(e).whiteSpace, e.innerText])"
    )
    assert [text, "pre-wrap", text] in shown, f"{text!r} not shown as typed; shown: {shown}"


def _expect_revealed_week(page: Page, partner: str) -> None:
    expect(
        page.get_by_text("You've both checked in. Before anything else, here is what you")
    ).to_be_visible()
    expect(page.get_by_text(partner, exact=True).first).to_be_visible()


def test_two_partners_autosave_submit_and_see_each_others_week(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    sam = _log_in(browser, contexts, base, "sam@example.com", "Sam & Alex")
    assert_accessible(alex)

    # Alex starts from the home page, on a phone.
    alex.get_by_role("link", name="Start this week's check-in").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/")
    expect(alex.locator(".lead")).to_contain_text(
        "Sam sees your answers only once you have both submitted."
    )
    assert_accessible(alex)

    # A rating and a reflection typed key by key; the draft saves itself, no button pressed.
    _rate(alex, "emotional", ALEX_RATINGS["emotional"])
    reflection = _field(alex, "emotional-reflection")
    with alex.expect_response(
        _autosave_of("emotional-reflection", ALEX_REFLECTION), timeout=AUTOSAVE_MS
    ) as autosave:
        reflection.click()
        reflection.press_sequentially(ALEX_REFLECTION)
    assert autosave.value.status == 200
    assert autosave.value.request.headers.get("hx-request") == "true"
    expect(alex.locator("#save-status")).to_have_text(SAVED_AT)
    # The live counter counts characters, not bytes: an emoji is one.
    expect(alex.locator("#count-emotional-reflection")).to_have_text(
        # The counter counts as the box's maxlength does (UTF-16 units: an emoji is two).
        f"{len(ALEX_REFLECTION.encode('utf-16-le')) // 2} / 2000"
    )

    alex.reload()
    expect(reflection).to_have_value(ALEX_REFLECTION)
    expect(_radio(alex, "emotional", ALEX_RATINGS["emotional"])).to_be_checked()
    expect(alex.locator("#save-status")).to_have_text("")

    # The rest, then submit. Wait for the autosave of the last field first, so no draft
    # save is still in flight against the submit.
    with alex.expect_response(
        _autosave_of("private_note", ALEX_TEXT["private_note"]), timeout=AUTOSAVE_MS
    ):
        _fill_in(alex, ALEX_RATINGS, ALEX_TEXT)
    alex.get_by_role("button", name="Submit check-in").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    expect(alex.locator(".messages")).to_have_text(
        "Submitted. Sam will see your answers once they have checked in too."
    )
    expect(alex.get_by_role("heading", name="Waiting for Sam's check-in")).to_be_visible()
    alex_typed = [ALEX_REFLECTION, *ALEX_TEXT.values()]

    # Sam sees that Alex has checked in, and nothing Alex wrote.
    sam.reload()
    expect(
        sam.get_by_text("Alex has checked in. Submit yours to see each other's reflections.")
    ).to_be_visible()
    _assert_absent(sam, alex_typed)
    sam.get_by_role("link", name="Start this week's check-in").click()
    expect(sam.locator(".lead")).to_have_text(
        "Alex has checked in. Submit yours to see each other's reflections."
    )
    _assert_absent(sam, alex_typed)
    sam.goto(f"{base}/weeks/{week}/")
    expect(sam.get_by_role("heading", name="Waiting for your check-in")).to_be_visible()
    _assert_absent(sam, alex_typed)
    sam.get_by_role("link", name="Continue your check-in").click()

    with sam.expect_response(
        _autosave_of("private_note", SAM_TEXT["private_note"]), timeout=AUTOSAVE_MS
    ):
        _fill_in(sam, SAM_RATINGS, SAM_TEXT)
    sam.get_by_role("button", name="Submit check-in").click()
    expect(sam).to_have_url(f"{base}/weeks/{week}/")
    expect(sam.locator(".messages")).to_have_text(
        "Submitted. You have both checked in, so here is your week together."
    )

    # The reveal: each sees the other's words exactly as typed, never the private note.
    _expect_revealed_week(sam, "Alex")
    _expect_shown_exactly(sam, ALEX_REFLECTION)
    _expect_shown_exactly(sam, SAM_TEXT["emotional-reflection"])
    _expect_shown_exactly(sam, ALEX_TEXT["appreciation"])
    _assert_absent(sam, [ALEX_TEXT["private_note"]])
    _expect_shown_exactly(sam, SAM_TEXT["private_note"])  # their own, still theirs
    assert_accessible(sam)

    alex.goto(f"{base}/")
    expect(alex.get_by_role("link", name="See your week together")).to_be_visible()
    alex.get_by_role("link", name="See your week together").click()
    _expect_revealed_week(alex, "Sam")
    _expect_shown_exactly(alex, SAM_TEXT["emotional-reflection"])
    _expect_shown_exactly(alex, SAM_TEXT["intellectual-reflection"])
    _expect_shown_exactly(alex, ALEX_REFLECTION)
    _assert_absent(alex, [SAM_TEXT["private_note"]])
    _expect_shown_exactly(alex, ALEX_TEXT["private_note"])
    assert_accessible(alex)


def test_a_missing_rating_reshows_the_form_with_everything_typed(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    alex.get_by_role("link", name="Start this week's check-in").click()

    ratings = {"emotional": 3, "intellectual": 1}  # experiential left out
    texts = {
        "emotional-reflection": "\nStarts with a blank line,\n  then indented 🌙\n\nand ends spaced  ",
        "experiential-reflection": 'Couldn\'t decide 🤷 <b>not bold</b> & "quoted"',
        "experiential-need": "   leading spaces kept",
        "intellectual-reflection": "שלום, right to left, then back 📚",
        "appreciation": "Tea every morning ☕\nand a note on the fridge",
        "private_note": "Only mine 🔒",
    }
    _fill_in(alex, ratings, texts)
    alex.get_by_role("checkbox", name="Not feeling listened to").check()

    with alex.expect_response(
        lambda r: r.request.method == "POST" and "/autosave/" not in r.url
    ) as posted:
        alex.get_by_role("button", name="Submit check-in").click()
    assert posted.value.status == 422
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/")
    expect(alex.locator("#form-errors")).to_contain_text(
        "Your check-in isn't submitted yet. Everything you typed is still here"
    )

    # The error sits inside the rating group it is about, and the group points at it.
    group = alex.get_by_role("group", name="How close did you feel this week?")
    missing = group.filter(has=alex.locator('input[name="experiential-rating"]'))
    error = missing.locator("#err-experiential-rating")
    expect(error).to_have_text("Please choose how close you felt, so your partner can see it too.")
    expect(missing).to_have_attribute("aria-describedby", "err-experiential-rating")
    expect(alex.locator("p.error")).to_have_count(1)

    _expect_kept(alex, ratings, texts)
    expect(alex.locator('input[name="experiential-rating"]:checked')).to_have_count(0)
    expect(alex.get_by_role("checkbox", name="Not feeling listened to")).to_be_checked()
    assert_accessible(alex)

    # Submitting failed, but the draft was kept: a fresh visit shows it all again.
    alex.goto(f"{base}/weeks/{week}/checkin/")
    expect(alex.locator("#form-errors")).to_have_count(0)
    _expect_kept(alex, ratings, texts)

    # Fixing the one rating is all it takes.
    _rate(alex, "experiential", 2)
    alex.get_by_role("button", name="Submit check-in").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    expect(alex.locator(".messages")).to_contain_text("Submitted.")
    mine = CheckIn.objects.get(membership__user__email="alex@example.com")
    assert mine.is_submitted
    stored = {a.dimension: a for a in mine.answers.all()}
    assert stored["experiential"].rating == 2
    assert stored["experiential"].need.replace("\r\n", "\n") == texts["experiential-need"]


def test_the_whole_flow_works_without_javascript(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(
        browser,
        contexts,
        base,
        "alex@example.com",
        "Alex & Sam",
        java_script_enabled=False,
        viewport=PHONE,
    )
    sam = _log_in(
        browser, contexts, base, "sam@example.com", "Sam & Alex", java_script_enabled=False
    )

    alex.get_by_role("link", name="Start this week's check-in").click()
    _rate(alex, "emotional", ALEX_RATINGS["emotional"])
    _field(alex, "emotional-reflection").fill(ALEX_REFLECTION)
    alex.get_by_role("button", name="Save draft").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/")
    expect(alex.locator(".messages .message")).to_have_text(SAVED_AT)

    alex.reload()
    expect(alex.locator(".messages")).to_have_count(0)
    _expect_kept(alex, {"emotional": 4}, {"emotional-reflection": ALEX_REFLECTION})

    _fill_in(alex, ALEX_RATINGS, ALEX_TEXT)
    alex.get_by_role("button", name="Submit check-in").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    expect(alex.get_by_role("heading", name="Waiting for Sam's check-in")).to_be_visible()

    sam.reload()
    sam.get_by_role("link", name="Start this week's check-in").click()
    expect(sam.locator(".lead")).to_have_text(
        "Alex has checked in. Submit yours to see each other's reflections."
    )
    _assert_absent(sam, [ALEX_REFLECTION, *ALEX_TEXT.values()])
    _fill_in(sam, SAM_RATINGS, SAM_TEXT)
    sam.get_by_role("button", name="Submit check-in").click()
    expect(sam).to_have_url(f"{base}/weeks/{week}/")
    _expect_revealed_week(sam, "Alex")
    _expect_shown_exactly(sam, ALEX_REFLECTION)
    _assert_absent(sam, [ALEX_TEXT["private_note"]])

    alex.reload()
    _expect_revealed_week(alex, "Sam")
    _expect_shown_exactly(alex, SAM_TEXT["emotional-reflection"])
    _assert_absent(alex, [SAM_TEXT["private_note"]])
    # No assert_accessible here: axe-core waits on setTimeout, which never fires in a
    # context with JavaScript disabled, so the call would hang. The markup is the same
    # server-rendered HTML the JavaScript test above checks.


def test_text_that_fits_the_box_is_accepted_whatever_its_line_breaks(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(
        browser, contexts, base, "alex@example.com", "Alex & Sam", java_script_enabled=False
    )
    alex.goto(f"{base}/weeks/{week}/checkin/")
    text = "line\n" * 400  # exactly the 2000-character limit, 400 of them line breaks
    _field(alex, "emotional-reflection").fill(text)
    expect(_field(alex, "emotional-reflection")).to_have_value(text)
    alex.get_by_role("button", name="Save draft").click()
    expect(alex.locator(".messages .message")).to_have_text(SAVED_AT, timeout=3_000)
