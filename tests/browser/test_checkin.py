"""The weekly check-in in real browsers, one step at a time: two partners, autosave on a
step, the error summary, Back that keeps every character, JavaScript off, the reveal.

Alex and Sam (from the factories) each log in through the real login form in their own
browser context, so each has their own session, the way two phones would. The check-in of
three parts has five steps: the ratings, one step per part, and the finish.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import parse_qs

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Response, expect

from accounts.models import Couple
from checkins.models import CheckIn
from checkins.selectors import clock_for, featured_part
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.factories import PASSWORD

AUTOSAVE_MS = 8_000  # htmx waits 2 s after the last keystroke, then posts
PHONE = {"width": 390, "height": 844}
SAVED_AT = re.compile(r"^Saved at \d{2}:\d{2}$")
DIMS = ("emotional", "experiential", "intellectual")

# What each partner types. Emoji, line breaks (one of them a blank line) and characters
# that HTML escapes all have to come back exactly as typed.
ALEX_RATINGS = {"emotional": 4, "experiential": 2, "intellectual": 5}
ALEX_TEXT = {
    "emotional-reflection": "Our walk by the river 🌊 felt like old times.\nThank you 💛",
    "experiential-reflection": "Busy week: we mostly passed each other in the hallway",
    "intellectual-reflection": "The article about «sleep» & what it said <really>",
    "emotional-need": "Ten minutes after dinner with the phones away 📵",
    "appreciation": "You made soup when I came home exhausted 🍲",
    "private_note": "Alex only: still nervous about the money talk 🙈",
}
SAM_RATINGS = {"emotional": 5, "experiential": 3, "intellectual": 4}
SAM_TEXT = {
    "emotional-reflection": "Sam here ✨ — I loved the river walk.\n\nSunday again? 🌿",
    "experiential-reflection": "Cooking together on Thursday was the best bit",
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


def _expect_step(page: Page, number: int) -> None:
    expect(page.locator("#step-heading .step-count")).to_have_text(f"Step {number} of 5")


def _reveal_question(page: Page, name: str) -> None:
    """Open the folded question that holds ``name`` (the featured one is never folded)."""
    folded = page.locator("details.optional-question").filter(has=_field(page, name))
    if folded.count() and folded.get_attribute("open") is None:
        folded.locator("summary").click()


class Walk:
    """One partner going through the check-in, counting taps and screens scrolled per step.

    A tap is a click on a choice, a button or a link, or putting the cursor in a box;
    typing is not a tap. Screens scrolled is how far the page had to scroll, in viewport
    heights, to reach the step's button to go on.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.taps: dict[int, int] = {}
        self.screens: dict[int, float] = {}
        self.step = 1

    def tap(self, locator: Locator) -> None:
        locator.click()
        self.taps[self.step] = self.taps.get(self.step, 0) + 1

    def rate(self, dimension: str, value: int) -> None:
        """Click the visible scale step (the radio itself is visually hidden inside it)."""
        self.tap(
            self.page.locator("label.scale-step").filter(has=_radio(self.page, dimension, value))
        )
        expect(_radio(self.page, dimension, value)).to_be_checked()

    def write(self, name: str, text: str) -> None:
        folded = self.page.locator("details.optional-question").filter(has=_field(self.page, name))
        if folded.count() and folded.get_attribute("open") is None:
            self.tap(folded.locator("summary"))
        self.tap(_field(self.page, name))
        _field(self.page, name).fill(text)

    def go_on(self, name: str = "Next") -> None:
        button = self.page.locator("#submit-bar").get_by_role("button", name=name, exact=True)
        button.scroll_into_view_if_needed()
        scrolled = self.page.evaluate("() => window.scrollY / window.innerHeight")
        self.screens[self.step] = max(self.screens.get(self.step, 0.0), scrolled)
        self.tap(button)
        if name == "Next":
            self.step += 1
            _expect_step(self.page, self.step)

    def answer(
        self, ratings: dict[str, int], texts: dict[str, str], *, submit: bool = True
    ) -> None:
        """From step 1: every rating, each part's texts on its step, the finish, submit."""
        _expect_step(self.page, 1)
        for dimension, value in ratings.items():
            self.rate(dimension, value)
        self.go_on()
        for dimension in DIMS:
            for name, text in texts.items():
                if name.startswith(f"{dimension}-"):
                    self.write(name, text)
            self.go_on()
        for name in ("appreciation", "private_note"):
            if name in texts:
                self.write(name, texts[name])
        if submit:
            self.go_on("Submit check-in")


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


# The tap and screen budget of a first check-in on a phone (docs/performance.md): every
# rating and the featured question answered, nothing else.
TAP_BUDGET = 12
SCREEN_BUDGET = 2.0


def test_a_first_checkin_on_a_phone_stays_within_the_tap_and_screen_budget(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    featured = featured_part(couple, clock_for(couple).current, DIMS)
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    alex.get_by_role("link", name="Start this week's check-in").click()
    walk = Walk(alex)
    walk.answer(ALEX_RATINGS, {f"{featured}-reflection": "A sentence is plenty 🙂"})
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    expect(alex.locator(".messages")).to_contain_text("Submitted.")
    assert set(walk.taps) == {1, 2, 3, 4, 5}, walk.taps
    assert max(walk.taps.values()) <= TAP_BUDGET, walk.taps
    assert max(walk.screens.values()) <= SCREEN_BUDGET, walk.screens
    # The whole first check-in: 3 ratings and Next; a Next per part, plus one tap into the
    # featured box; submit. Nothing folded had to be opened.
    assert sum(walk.taps.values()) == (3 + 1) + (3 + 1) + 1, walk.taps


def test_two_partners_step_through_autosave_and_see_each_others_week(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    sam = _log_in(browser, contexts, base, "sam@example.com", "Sam & Alex")

    alex.get_by_role("link", name="Start this week's check-in").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/")
    expect(alex).to_have_title(re.compile(r"^Step 1 of 5: "))
    assert_accessible(alex)
    walk = Walk(alex)
    for dimension, value in ALEX_RATINGS.items():
        walk.rate(dimension, value)
    walk.go_on()
    # htmx swapped the step in: the address, the title and the focus follow.
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/?step=2")
    expect(alex).to_have_title(re.compile(r"^Step 2 of 5: Feeling close"))
    expect(alex.locator("#step-heading")).to_be_focused()
    assert_accessible(alex)

    # Typed key by key, the step's draft saves itself: only this step's fields are sent.
    _reveal_question(alex, "emotional-reflection")
    box = _field(alex, "emotional-reflection")
    text = ALEX_TEXT["emotional-reflection"]
    with alex.expect_response(
        _autosave_of("emotional-reflection", text), timeout=AUTOSAVE_MS
    ) as saved:
        box.click()
        box.press_sequentially(text)
    assert saved.value.status == 200
    sent = parse_qs(saved.value.request.post_data or "")
    assert "appreciation" not in sent
    assert "emotional-rating" not in sent
    expect(alex.locator("#save-status")).to_have_text(SAVED_AT)
    expect(alex.locator("#count-emotional-reflection")).to_have_text(
        f"{len(text.encode('utf-16-le')) // 2} / 2000"
    )

    # Back and forth keeps every character and every choice.
    alex.locator("#submit-bar").get_by_role("button", name="Back").click()
    _expect_step(alex, 1)
    expect(_radio(alex, "experiential", 2)).to_be_checked()
    alex.locator("#submit-bar").get_by_role("button", name="Next").click()
    _expect_step(alex, 2)
    expect(_field(alex, "emotional-reflection")).to_have_value(text)
    alex.reload()
    _expect_step(alex, 2)
    expect(_field(alex, "emotional-reflection")).to_have_value(text)

    alex.goto(f"{base}/weeks/{week}/checkin/")
    Walk(alex).answer(ALEX_RATINGS, ALEX_TEXT)
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    expect(alex.locator(".messages")).to_contain_text(
        "Submitted. Sam will see your answers once they have checked in too."
    )
    alex_typed = list(ALEX_TEXT.values())

    sam.reload()
    _assert_absent(sam, alex_typed)
    sam.get_by_role("link", name="Start this week's check-in").click()
    expect(sam.locator(".lead")).to_have_text(
        "Alex has checked in. If you'd like to check in too, you'll see each other's "
        "reflections once you both have."
    )
    _assert_absent(sam, alex_typed)
    Walk(sam).answer(SAM_RATINGS, SAM_TEXT)
    expect(sam).to_have_url(f"{base}/weeks/{week}/")
    _expect_revealed_week(sam, "Alex")
    _expect_shown_exactly(sam, ALEX_TEXT["emotional-reflection"])
    _expect_shown_exactly(sam, SAM_TEXT["emotional-reflection"])
    _expect_shown_exactly(sam, ALEX_TEXT["appreciation"])
    _assert_absent(sam, [ALEX_TEXT["private_note"]])
    assert_accessible(sam)


def test_a_missing_answer_is_listed_linked_and_focused_with_everything_kept(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    alex.get_by_role("link", name="Start this week's check-in").click()
    ratings = {"emotional": 3, "intellectual": 1}  # experiential left out
    texts = dict(ALEX_TEXT)
    Walk(alex).answer(ratings, texts, submit=False)
    alex.get_by_role("checkbox", name="Not feeling listened to").check()
    alex.locator("#submit-bar").get_by_role("button", name="Submit check-in").click()

    summary = alex.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your check-in isn't submitted yet")
    link = summary.get_by_role("link", name="How close did you feel: Doing things together")
    expect(link).to_be_visible()
    expect(summary.locator("li")).to_have_count(1)
    expect(_field(alex, "private_note")).to_have_value(texts["private_note"])
    expect(alex.get_by_role("checkbox", name="Not feeling listened to")).to_be_checked()
    assert_accessible(alex)
    assert not CheckIn.objects.get(membership__user__email="alex@example.com").is_submitted

    # The link goes to the ratings step, to the very group, which is named for its part.
    link.click()
    _expect_step(alex, 1)
    group = alex.get_by_role("group", name="How close did you feel: Doing things together")
    expect(group.locator("#err-experiential-rating")).to_have_text(
        "Please choose how close you felt, so your partner can see it too."
    )
    expect(_radio(alex, "experiential", 1)).to_be_focused()
    expect(_radio(alex, "emotional", 3)).to_be_checked()
    fix = Walk(alex)
    fix.rate("experiential", 2)
    for _ in range(4):  # Next saves the step each time; every answer is still there
        fix.go_on()
    expect(_field(alex, "appreciation")).to_have_value(texts["appreciation"])
    fix.go_on("Submit check-in")
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    mine = CheckIn.objects.get(membership__user__email="alex@example.com")
    assert mine.is_submitted
    stored = {a.dimension: a for a in mine.answers.all()}
    assert stored["experiential"].rating == 2
    assert stored["intellectual"].reflection == texts["intellectual-reflection"]


def test_the_whole_stepped_flow_works_without_javascript(
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
    walk = Walk(alex)
    walk.rate("emotional", 4)
    walk.go_on()
    # Each step is a plain page: Next saved the draft and redirected (post/redirect/get).
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/?step=2")
    expect(alex.locator(".messages .message")).to_have_text(SAVED_AT)
    walk.write("emotional-reflection", ALEX_TEXT["emotional-reflection"])
    alex.locator("#submit-bar").get_by_role("button", name="Back").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/checkin/")
    expect(_radio(alex, "emotional", 4)).to_be_checked()
    alex.goto(f"{base}/weeks/{week}/checkin/?step=2")
    expect(_field(alex, "emotional-reflection")).to_have_value(ALEX_TEXT["emotional-reflection"])

    alex.goto(f"{base}/weeks/{week}/checkin/")
    Walk(alex).answer(ALEX_RATINGS, ALEX_TEXT)
    expect(alex).to_have_url(f"{base}/weeks/{week}/")

    sam.reload()
    sam.get_by_role("link", name="Start this week's check-in").click()
    _assert_absent(sam, list(ALEX_TEXT.values()))
    Walk(sam).answer(SAM_RATINGS, SAM_TEXT)
    expect(sam).to_have_url(f"{base}/weeks/{week}/")
    _expect_revealed_week(sam, "Alex")
    _expect_shown_exactly(sam, ALEX_TEXT["emotional-reflection"])
    _assert_absent(sam, [ALEX_TEXT["private_note"]])
    alex.reload()
    _expect_revealed_week(alex, "Sam")
    _assert_absent(alex, [SAM_TEXT["private_note"]])
    # No assert_accessible here: axe-core waits on setTimeout, which never fires in a
    # context with JavaScript disabled, so the call would hang. The markup is the same
    # server-rendered HTML the JavaScript tests above check.


def test_text_that_fits_the_box_is_accepted_whatever_its_line_breaks(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    base, week = live_server.url, _week(couple)
    alex = _log_in(
        browser, contexts, base, "alex@example.com", "Alex & Sam", java_script_enabled=False
    )
    alex.goto(f"{base}/weeks/{week}/checkin/?step=2")
    text = "line\n" * 400  # exactly the 2000-character limit, 400 of them line breaks
    _reveal_question(alex, "emotional-reflection")
    _field(alex, "emotional-reflection").fill(text)
    expect(_field(alex, "emotional-reflection")).to_have_value(text)
    alex.locator("#submit-bar").get_by_role("button", name="Save draft").click()
    expect(alex.locator(".messages .message")).to_have_text(SAVED_AT, timeout=3_000)


_COVERED_BY_BAR = """() => {
  const bar = document.querySelector('#submit-bar').getBoundingClientRect();
  const focused = document.activeElement.getBoundingClientRect();
  return getComputedStyle(document.querySelector('#submit-bar')).position === 'sticky'
    && focused.bottom > bar.top && focused.top < bar.bottom;
}"""


def test_tabbing_through_the_last_step_never_hides_a_field_under_the_save_bar(
    browser: Browser, contexts: list[BrowserContext], live_server, couple: Couple
) -> None:
    """WCAG 2.4.11 (and 2.4.12): on a phone the save bar stays in view, and every field Tab
    reaches is wholly clear of it; on a short screen (held sideways) it is not sticky."""
    base, week = live_server.url, _week(couple)
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    alex.goto(f"{base}/weeks/{week}/checkin/?step=5")
    expect(alex.locator("#submit-bar")).to_have_css("position", "sticky")
    alex.locator("#step-heading").focus()
    reached = 0
    for _ in range(40):
        alex.keyboard.press("Tab")
        if alex.evaluate("() => document.activeElement.closest('#submit-bar') !== null"):
            break
        assert not alex.evaluate(_COVERED_BY_BAR), alex.evaluate(
            "() => document.activeElement.outerHTML.slice(0, 120)"
        )
        reached += 1
    assert reached >= 8  # the signs, the appreciation, the private note and the links
    alex.set_viewport_size({"width": 844, "height": 390})
    expect(alex.locator("#submit-bar")).to_have_css("position", "static")


def _submit_for(user, couple: Couple, tag: str) -> None:
    from accounts.scoping import couple_for
    from checkins import services
    from checkins.forms import AnswerData, CheckInData

    answers = {d: AnswerData(3, f"{d} {tag}", "") for d in DIMS}
    data = CheckInData(
        answers=answers, appreciation=f"Thanks {tag}", private_note="", signs=[], follow_through=""
    )
    services.checkin_submit(ctx=couple_for(user), starts_on=clock_for(couple).current, data=data)


def test_a_submitted_check_in_can_be_changed_until_the_partner_submits(
    browser: Browser,
    contexts: list[BrowserContext],
    live_server,
    couple: Couple,
    partner_a,
    partner_b,
) -> None:
    base, week = live_server.url, _week(couple)
    _submit_for(partner_a, couple, "«first»")
    alex = _log_in(browser, contexts, base, "alex@example.com", "Alex & Sam", viewport=PHONE)
    alex.goto(f"{base}/weeks/{week}/")
    alex.get_by_role("link", name="Change your answers").click()
    expect(alex.get_by_text("you can still change your answers")).to_be_visible()
    alex.goto(f"{base}/weeks/{week}/checkin/?step=5")
    _field(alex, "appreciation").fill("Thanks «second»")
    alex.locator("#submit-bar").get_by_role("button", name="Save changes").click()
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    expect(alex.get_by_text("Thanks «second»")).to_be_visible()
    mine = CheckIn.objects.get(membership__user=partner_a)
    assert mine.is_submitted
    assert mine.appreciation == "Thanks «second»"

    # Alex opens the last step again; Sam submits meanwhile; Alex's late change is refused
    # whole, and says why.
    alex.goto(f"{base}/weeks/{week}/checkin/?step=5")
    _field(alex, "appreciation").fill("Thanks «too late»")
    _submit_for(partner_b, couple, "«sam»")
    alex.locator("#submit-bar").get_by_role("button", name="Save changes").click()
    expect(alex.get_by_text("your answers are final now").first).to_be_visible()
    assert CheckIn.objects.get(membership__user=partner_a).appreciation == "Thanks «second»"
    alex.goto(f"{base}/weeks/{week}/")
    expect(alex.get_by_role("link", name="Change your answers")).to_have_count(0)
    expect(alex.get_by_text("Thanks «sam»")).to_be_visible()
    alex.goto(f"{base}/weeks/{week}/checkin/")  # a final check-in opens as the week's page
    expect(alex).to_have_url(f"{base}/weeks/{week}/")
    assert_accessible(alex)
