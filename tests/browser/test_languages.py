"""Twoway end to end in Spanish and in German, and mirrored in a right-to-left language.

Each person's browser asks for the language (``Accept-Language``, from the context's
``locale``), and the walk goes through sign-up, pairing, a check-in, the reveal and the
counsellor consent with axe-core clean and no English left: every visible text on those
pages is checked against the English messages of the catalogue (``english_left``), except
the ones a translation keeps as they are (a name such as Twoway) and what people wrote.
The walk finds everything by address, id and form, never by its English words.

These pass once the real catalogues are complete (``make translations-check``); with a
catalogue still partly English they fail, listing the English that is left.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Couple, User
from checkins.selectors import clock_for, featured_part
from tests.browser.conftest import assert_accessible, log_in, new_page
from tests.browser.targets import undersized_targets
from tests.counselling_helpers import connect, make_counsellor
from tests.languages_helpers import check_translations, pseudo_locale

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "a long and private passphrase 9"
LOCALES = {"es": "es-ES", "de": "de-DE"}
DIMENSIONS = ("emotional", "experiential", "intellectual")


@pytest.fixture
def real_catalogues(settings, tmp_path: Path) -> Path:
    """The project's catalogues, compiled afresh into a folder of their own."""
    folder = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", folder, ignore=shutil.ignore_patterns("*.mo"))
    for po in folder.glob("*/LC_MESSAGES/django.po"):
        subprocess.run(["msgfmt", "-o", po.with_suffix(".mo"), po], check=True)
    settings.LOCALE_PATHS = [folder]
    return folder


def _kept_as_is(language: str) -> set[str]:
    """English messages whose translation in ``language`` is the same text (or that have no
    letters to translate): not English left over."""
    po = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    same = set()
    for entry in check_translations.parse_po(po):
        if entry.msgid and entry.msgstr.get(0) == entry.msgid:
            same.add(entry.msgid)
    return same


def _english(language: str) -> tuple[set[str], list[str]]:
    """(every English message as a whole text, the longer ones to find inside a text)."""
    po = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    kept = _kept_as_is(language)
    whole, inside = set(), []
    for entry in check_translations.parse_po(po):
        for text in filter(None, (entry.msgid, entry.msgid_plural)):
            if text in kept or not re.search(r"[A-Za-z]{2}", text):
                continue
            plain = " ".join(text.split())
            whole.add(plain)
            # Pieces of a message with placeholders, and whole sentences of four words or
            # more, are looked for inside longer texts too.
            for piece in re.split(r"%\(\w+\)[sd]|\{\{[^}]*\}\}|%[sd]", plain):
                piece = piece.strip(" .,:;!?()“”\"'")
                if len(piece.split()) >= 4:
                    inside.append(piece)
    return whole, inside


VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, select, .written, [data-as-written]')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!text || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], input[type=submit][value]')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'value']) {
      if (el.hasAttribute(name) && (name !== 'value' || el.type === 'submit')) out.push(el.getAttribute(name).trim());
    }
  }
  out.push(document.title.trim());
  return out;
}"""


def english_left(page: Page, language: str, *, also_allowed: set[str] = frozenset()) -> list[str]:
    """The visible texts (and labels, placeholders, the title) of ``page`` that are English
    messages of the catalogue left untranslated."""
    whole, inside = _english(language)
    found = []
    for text in page.evaluate(VISIBLE_TEXT):
        if text in also_allowed:
            continue
        title_part = text.split(" · ")[0]
        if text in whole or title_part in whole or any(piece in text for piece in inside):
            found.append(text)
    return sorted(set(found))


def check_page(page: Page, language: str, **kwargs) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    left = english_left(page, language, **kwargs)
    assert not left, f"English left on {page.url} in {language}: {left}"


def _person(browser: Browser, contexts: list[BrowserContext], language: str) -> Page:
    return new_page(browser, contexts, locale=LOCALES[language])


def _link_sent_to(email: str) -> str:
    sent = [m for m in mail.outbox if email in m.to]
    assert sent, f"no email to {email}"
    return re.search(r"https?://\S+", sent[-1].body).group(0)


def _sign_up(page: Page, base: str, language: str, name: str, email: str, path: str) -> None:
    page.goto(base + path)
    check_page(page, language)
    page.locator("#id_display_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/"))
    check_page(page, language)
    page.goto(_link_sent_to(email))
    check_page(page, language)
    page.locator("main form button[type=submit]").first.click()


def _submit_bar(page: Page, value: str, name: str = "go") -> None:
    page.locator(f'#submit-bar button[name="{name}"][value="{value}"]').click()


def _check_in(page: Page, base: str, week: str, language: str, words: str, featured: str) -> None:
    page.goto(f"{base}/weeks/{week}/checkin/")
    check_page(page, language)
    for dimension in DIMENSIONS:
        page.locator("label.scale-step").filter(
            has=page.locator(f'input[name="{dimension}-rating"][value="4"]')
        ).click()
    for step in (2, 3, 4, 5):
        _submit_bar(page, str(step))
        # The step is swapped in when the address says so (the old step's heading is
        # visible until then, and writing there would write in the wrong step).
        expect(page).to_have_url(re.compile(rf"[?&]step={step}$"))
        expect(page.locator("#step-heading")).to_be_visible()
        if step == 2 + DIMENSIONS.index(featured):  # the featured question must be answered
            page.locator(f'textarea[name="{featured}-reflection"]').fill(words)
        check_page(page, language)
    _submit_bar(page, "submit", name="action")
    expect(page).to_have_url(f"{base}/weeks/{week}/")


@pytest.mark.parametrize("language", ["es", "de"])
def test_the_whole_way_in_one_language(
    browser: Browser,
    contexts: list[BrowserContext],
    live_server,
    real_catalogues,
    language: str,
) -> None:
    base = live_server.url
    sam = _person(browser, contexts, language)
    sam.goto(base)
    check_page(sam, language)

    # Sign-up, and starting a couple.
    _sign_up(sam, base, language, "Sam", "sam@example.com", reverse("account_signup"))
    expect(sam.locator("h1")).to_contain_text("Sam")
    check_page(sam, language)
    sam.locator(f'form[action="{reverse("couple:start")}"] button[type=submit]').first.click()
    link = sam.locator("#invite-link").input_value()
    check_page(sam, language)

    # Pairing: Alex opens the link, signs up from it and joins.
    alex = _person(browser, contexts, language)
    alex.goto(link)
    check_page(alex, language, also_allowed={"Sam"})
    alex.locator('main a[href*="/accounts/signup/"]').first.click()
    _sign_up(alex, base, language, "Alex", "alex@example.com", alex.url.replace(base, ""))
    alex.locator('main form[action*="/accept/"] button[type=submit]').click()
    expect(alex.locator("h1")).to_have_text("Alex & Sam")
    check_page(alex, language)

    # A check-in each, then the reveal.
    couple = Couple.objects.get()
    week = clock_for(couple).current.isoformat()
    alex_words = {"es": "Me encantó cocinar juntos", "de": "Das gemeinsame Kochen war schön"}
    sam_words = {"es": "Gracias por escucharme", "de": "Danke, dass du zugehört hast"}
    featured = featured_part(couple, clock_for(couple).current, DIMENSIONS)
    _check_in(alex, base, week, language, alex_words[language], featured)
    check_page(alex, language)
    sam.goto(base)
    _check_in(sam, base, week, language, sam_words[language], featured)
    expect(sam.locator(".written").filter(has_text=alex_words[language]).first).to_be_visible()
    check_page(sam, language)

    # The counsellor consent page.
    counsellor = make_counsellor(display_name="Dr. Rivera", email="rivera@example.com")
    access = connect(couple, counsellor)
    sam.goto(base + reverse("couple:counsellor_consent", args=[access.pk]))
    if "/reauthenticate/" in sam.url:
        sam.locator("#id_password").fill(PASSWORD)
        sam.locator("main form button[type=submit]").first.click()
    expect(sam).to_have_url(re.compile(r"/consent/$"))
    check_page(sam, language, also_allowed={"Dr. Rivera"})


def test_the_footer_switch_changes_the_language_and_stores_it(
    browser: Browser,
    contexts: list[BrowserContext],
    live_server,
    couple,
    partner_a,
    settings,
    tmp_path: Path,
) -> None:
    settings.LOCALE_PATHS = [*django_settings.LOCALE_PATHS, pseudo_locale(tmp_path / "pseudo")]
    page = new_page(browser, contexts, locale="en-GB", viewport={"width": 320, "height": 700})
    log_in(
        page, live_server.url, "alex@example.com", "correct horse battery staple 42", "Alex & Sam"
    )
    switch = page.locator("form.language-switch")
    # On the narrowest phone the footer's links never leave a separator alone on a line,
    # and the switch fits the screen.
    box = switch.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 320
    # On a phone the footer's links stack with no separator; wider, the "·" is the second
    # link's own ::before, on its line, never alone on one.
    second = page.locator(".footer-links li").nth(1)
    assert second.evaluate("li => getComputedStyle(li, '::before').content") == "none"
    assert second.bounding_box()["height"] <= 2.75 * 16 + 1  # one line, as tall as a target
    page.set_viewport_size({"width": 1024, "height": 700})
    assert "·" in second.evaluate("li => getComputedStyle(li, '::before').content")
    first = page.locator(".footer-links li").nth(0)
    assert first.bounding_box()["y"] == second.bounding_box()["y"]  # side by side
    page.set_viewport_size({"width": 320, "height": 700})
    # Every target in the footer is big enough on that phone (tests/browser/targets.py).
    assert undersized_targets(page)[1] == []
    assert_accessible(page)
    # By keyboard: focus the list, choose, then the button.
    page.locator("#footer-language").focus()
    page.keyboard.press("ArrowDown")  # English -> Español
    expect(page.locator("#footer-language")).to_have_value("es")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # nothing happens yet
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_contain_text("Alex & Sam")  # the same page, in Spanish
    assert User.objects.get(pk=partner_a.pk).language == "es"


def test_without_javascript_the_switch_still_works(
    browser: Browser, contexts: list[BrowserContext], live_server
) -> None:
    page = new_page(browser, contexts, java_script_enabled=False, locale="de-DE")
    page.goto(live_server.url + reverse("privacy"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.locator("#footer-language").select_option("es")
    page.locator("form.language-switch button[type=submit]").click()
    expect(page).to_have_url(live_server.url + reverse("privacy"))
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_a_right_to_left_language_mirrors_the_layout(
    browser: Browser, contexts: list[BrowserContext], live_server, settings, tmp_path: Path
) -> None:
    """Hebrew with a handful of strings (tests/languages_helpers.py), offered only here."""
    settings.LOCALE_PATHS = [*django_settings.LOCALE_PATHS, pseudo_locale(tmp_path / "pseudo")]
    settings.LANGUAGES = [*django_settings.LANGUAGES, ("he", "עברית")]
    boxes = {}
    for language in ("en-GB", "he"):
        page = new_page(browser, contexts, locale=language, viewport={"width": 1024, "height": 700})
        page.goto(live_server.url + reverse("account_login"))
        brand = page.locator(".site-nav .brand").bounding_box()
        log_in_link = page.locator(".site-nav .nav-items a").first.bounding_box()
        message = page.locator("main").bounding_box()
        boxes[language] = (brand, log_in_link, message)
        assert_accessible(page)
    (en_brand, en_link, _), (he_brand, he_link, _) = boxes["en-GB"], boxes["he"]
    page = contexts[-1].pages[0]
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".site-nav .nav-items a").first).to_have_text("התחברות")
    # Left to right the brand is left of the links; right to left, right of them.
    assert en_brand["x"] < en_link["x"]
    assert he_brand["x"] > he_link["x"]
    # And mirrored about the middle of the page, give or take a few pixels.
    assert abs((en_brand["x"]) - (1024 - he_brand["x"] - he_brand["width"])) < 24
