"""Twoway in several languages (issue 15): choosing one (the browser, the footer's switch, a
stored preference that signing in brings back), emails in the recipient's language whoever
caused them, dates in each language's order, a couple whose partners read different
languages, word counts fair across scripts, logical CSS for right-to-left.

The tests run on pseudo-catalogues (tests/languages_helpers.py: ``ES⟦Log in⟧``) placed after
the real ones, so they hold once the real translations land: each compares with what
``translation.override(language)`` gives for the same message, never with a literal.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from accounts import services as accounts_services
from accounts.models import User
from checkins.flags import count_words
from checkins.models import Answer
from counselling import services as counselling_services
from counselling.models import CounsellorInvite
from intimacy.local_dates import PATTERNS, local_pattern
from notifications.emails import deliver
from notifications.kinds import Kind
from tests.checkin_helpers import history
from tests.factories import PASSWORD, UserFactory, make_couple
from tests.languages_helpers import pseudo_locale

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pseudo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pseudo_locale(tmp_path_factory.mktemp("pseudo-locale"))


@pytest.fixture(autouse=True)
def pseudo(settings, pseudo_folder: Path) -> Path:
    """The pseudo catalogues behind the real ones (which win where they translate)."""
    settings.LOCALE_PATHS = [*django_settings.LOCALE_PATHS, pseudo_folder]
    return pseudo_folder


def say(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)" dir="(ltr|rtl)">', response.content.decode())
    assert match, "no <html lang dir>"
    return match.group(1)


# --- The languages offered -----------------------------------------------------------------


def test_each_language_is_named_in_itself():
    assert django_settings.LANGUAGES == [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
    assert django_settings.LANGUAGE_CODE == "en"


def test_the_locale_middleware_sits_between_the_session_and_the_rest():
    order = django_settings.MIDDLEWARE
    locale = order.index("django.middleware.locale.LocaleMiddleware")
    assert order.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < order.index("django.middleware.common.CommonMiddleware")
    # The stored choice needs the person: after authentication.
    preferred = order.index("accounts.middleware.PreferredLanguageMiddleware")
    assert order.index("django.contrib.auth.middleware.AuthenticationMiddleware") < preferred


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("es", "es"),
        ("de-AT,de;q=0.9", "de"),
        ("es-MX,es;q=0.8,en;q=0.5", "es"),
        ("fr", "en"),
        ("", "en"),
    ],
)
def test_a_visitor_gets_their_browsers_language(client, accept, expected):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE=accept)
    assert html_lang(response) == expected
    assert response["Content-Language"] == expected
    assert say(expected, "Log in") in response.content.decode()


@pytest.mark.django_db
def test_the_addresses_are_the_same_in_every_language(client):
    for accept in ("en", "es", "de"):
        response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200
        assert html_lang(response) == accept
    assert client.get("/es/privacy/").status_code == 404  # no language prefixes


# --- The footer's switch -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_footer_has_a_labelled_switch_that_works_without_javascript(client):
    html = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    form = html[html.index('<form class="language-switch"') :]
    form = form[: form.index("</form>")]
    assert f'action="{reverse("set_language")}"' in form
    assert 'method="post"' in form
    assert "csrfmiddlewaretoken" in form
    assert '<label for="footer-language">' in form
    assert 'id="footer-language"' in form
    assert '<input type="hidden" name="next" value="/privacy/">' in form
    assert '<option value="de" lang="de" selected>Deutsch</option>' in form
    assert '<option value="es" lang="es">Español</option>' in form
    assert 'type="submit"' in form  # applied by a button, never by moving through the list
    # The links above it are a list: no lone "·" can wrap onto a line of its own.
    assert " · " not in html[html.index('<footer class="site-footer">') :]


@pytest.mark.django_db
def test_a_visitor_switching_gets_the_cookie_and_goes_back(client):
    response = client.post(reverse("set_language"), {"language": "de", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "de"
    assert cookie["samesite"] == "Lax"
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(page) == "de"  # the switch wins over the browser


@pytest.mark.django_db
def test_the_switch_never_sends_anyone_elsewhere(client):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_switch_refuses_get_and_languages_not_offered(client, partner_a):
    assert client.get(reverse("set_language"), {"language": "de"}).status_code == 405
    client.force_login(partner_a)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert django_settings.LANGUAGE_COOKIE_NAME not in response.cookies
    partner_a.refresh_from_db()
    assert partner_a.language == ""


# --- A person's stored language ------------------------------------------------------------


@pytest.mark.django_db
def test_switching_while_signed_in_stores_it(client, partner_a):
    client.force_login(partner_a)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    partner_a.refresh_from_db()
    assert partner_a.language == "es"
    # On another device (no cookie), whatever the browser asks for:
    other = Client()
    other.force_login(partner_a)
    assert html_lang(other.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="de")) == "es"


@pytest.mark.django_db
def test_the_stored_language_wins_over_the_cookie_and_the_browser(client, partner_a):
    User.objects.filter(pk=partner_a.pk).update(language="de")
    client.force_login(partner_a)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(response) == "de"
    assert response["Content-Language"] == "de"


@pytest.mark.django_db
def test_choosing_the_browsers_language_clears_the_stored_one(client, partner_a):
    User.objects.filter(pk=partner_a.pk).update(language="de")
    client.force_login(partner_a)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.post(
        reverse("set_language"),
        {"language": "", "next": reverse("account_email"), "from_settings": "1"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 302
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == ""  # deleted
    partner_a.refresh_from_db()
    assert partner_a.language == ""
    page = client.get(reverse("account_email"), HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(page) == "es"
    said = escape(say("es", "Saved. Twoway follows your browser's language now."))
    assert said in page.content.decode()


@pytest.mark.django_db
def test_the_settings_pages_offer_the_choice_with_the_stored_one_selected(
    client, couple, partner_a
):
    User.objects.filter(pk=partner_a.pk).update(language="es")
    client.force_login(partner_a)
    for name in ("couple:settings", "account_email"):
        html = client.get(reverse(name)).content.decode()
        form = html[html.index('id="language-form"') :]
        form = form[: form.index("</form>")]
        assert '<option value="">' in form  # the browser's language
        assert '<option value="es" selected>Español</option>' in form, name
        assert 'name="from_settings"' in form
    response = client.post(
        reverse("set_language"),
        {"language": "de", "next": reverse("couple:settings"), "from_settings": "1"},
    )
    partner_a.refresh_from_db()
    assert partner_a.language == "de"
    page = client.get(response["Location"])
    assert html_lang(page) == "de"
    assert say("de", "Saved. Twoway is in this language for you now.") in page.content.decode()


@pytest.mark.django_db
def test_signing_in_brings_the_stored_language(client, partner_a):
    User.objects.filter(pk=partner_a.pk).update(language="es")
    response = client.post(
        reverse("account_login"),
        {"login": "alex@example.com", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert html_lang(page) == "es"
    client.post(reverse("account_logout"))
    # Logged out on this browser: it stays in the person's language (the cookie).
    assert html_lang(client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="de")) == "es"


# --- Emails in the recipient's language ----------------------------------------------------


def _subject(language: str, template: str, context: dict) -> str:
    with translation.override(language):
        return " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())


@pytest.mark.django_db
@pytest.mark.parametrize(("sender_language", "recipient_language"), [("de", "es"), ("es", "de")])
def test_a_nudge_is_in_the_recipients_language_not_the_senders(
    couple, partner_a, partner_b, sender_language, recipient_language
):
    User.objects.filter(pk=partner_a.pk).update(language=sender_language)
    User.objects.filter(pk=partner_b.pk).update(language=recipient_language)
    from checkins.selectors import clock_for

    week = clock_for(couple).current
    with translation.override(sender_language):  # as in the sender's request
        result = deliver(
            kind=Kind.NUDGE,
            recipient_id=partner_b.pk,
            couple_id=couple.pk,
            week=week,
            actor_id=partner_a.pk,
            site="http://testserver",
        )
    assert result == "sent"
    (message,) = mail.outbox
    expected = _subject(recipient_language, "nudge", {"partner": "Alex"})
    assert message.subject == expected
    assert expected != _subject(sender_language, "nudge", {"partner": "Alex"})
    html = message.alternatives[0][0]
    assert f'<html lang="{recipient_language}" dir="ltr">' in html


@pytest.mark.django_db
def test_a_background_email_to_someone_who_chose_no_language_is_in_the_sites(couple, partner_b):
    from checkins.selectors import clock_for

    with translation.override("de"):  # the immediate task runs in the sender's request
        deliver(
            kind=Kind.NUDGE,
            recipient_id=partner_b.pk,
            couple_id=couple.pk,
            week=clock_for(couple).current,
            actor_id=couple.memberships.get(seat=1).user_id,
            site="http://testserver",
        )
    (message,) = mail.outbox
    assert message.subject == _subject("en", "nudge", {"partner": "Alex"})


@pytest.mark.django_db
def test_partner_joined_goes_out_in_the_inviters_language(
    partner_a, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=partner_a.pk).update(language="es")
    couple = make_couple(partner_a)
    _, token = accounts_services.invite_create(couple=couple, by=partner_a)
    sam = UserFactory(display_name="Sam", email="sam@example.com", language="de")
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        accounts_services.invite_accept(token=token, user=sam)
    (message,) = mail.outbox
    assert message.to == ["alex@example.com"]
    assert message.subject == _subject("es", "partner_joined", {"name": "Sam"})
    assert message.subject != _subject("de", "partner_joined", {"name": "Sam"})


@pytest.mark.django_db
def test_an_invitation_to_a_new_address_is_in_the_inviters_language(
    partner_a, django_capture_on_commit_callbacks
):
    """Nobody has chosen a language for an address with no account: the inviter's page's
    language is the best guess (docs/translating.md)."""
    couple = make_couple(partner_a)
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        accounts_services.invite_create(couple=couple, by=partner_a, sent_to="new@example.com")
    (message,) = mail.outbox
    assert message.subject == _subject("de", "invite", {"inviter": "Alex"})


@pytest.mark.django_db
def test_an_invitation_to_someone_with_an_account_is_in_their_language(
    partner_a, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.com", language="es")
    couple = make_couple(partner_a)
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        accounts_services.invite_create(couple=couple, by=partner_a, sent_to="Known@Example.com")
    (message,) = mail.outbox
    assert message.subject == _subject("es", "invite", {"inviter": "Alex"})


@pytest.mark.django_db
def test_counsellor_emails_reach_each_partner_in_their_own_language(
    couple, partner_a, partner_b, counsellor, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=partner_a.pk).update(language="es")
    User.objects.filter(pk=partner_b.pk).update(language="de")
    User.objects.filter(pk=counsellor.pk).update(language="en")
    counsellor.refresh_from_db()
    with translation.override("es"):
        _, token = counselling_services.counsellor_invite_create(
            couple=couple, by=partner_a, email=counsellor.email
        )
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        counselling_services.counsellor_invite_accept(token=token, user=counsellor)
    sent = {m.to[0]: m for m in mail.outbox}
    context = {"counsellor": "Dr. Rivera"}
    assert sent["alex@example.com"].subject == _subject("es", "counsellor_joined", context)
    assert sent["sam@example.com"].subject == _subject("de", "counsellor_joined", context)
    assert CounsellorInvite.objects.get().used_at is not None


def test_a_day_in_a_counsellor_email_is_written_in_the_recipients_language():
    """The date is formatted when the email is rendered, not when the sender's request
    builds its context (Django's own catalogues name the months)."""
    day = counselling_services.local_date(datetime(2027, 6, 3, 12, tzinfo=UTC), "Europe/Berlin")
    with translation.override("de"):
        assert str(day) == "3. Juni 2027"
    with translation.override("es"):
        assert str(day) == "3 de junio de 2027"
    with translation.override("en"):
        assert str(day) == "3 June 2027"


@pytest.mark.django_db
def test_allauths_emails_are_in_the_recipients_language(client, partner_a):
    User.objects.filter(pk=partner_a.pk).update(language="es")
    response = client.post(
        reverse("account_reset_password"),
        {"email": "alex@example.com"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "[Twoway] " + say("es", "Reset your password")
    assert message.subject != "[Twoway] " + say("de", "Reset your password")


# --- Dates, numbers, the couple's own clock --------------------------------------------------

DATE_USE = re.compile(r"""\|date:(?:"([^"]*)"|'([^']*)')""")
MACHINE = {"Y-m-d", "c", "U", "Ymd"}


def test_every_date_pattern_in_the_templates_has_each_languages_order():
    used = set()
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            for match in DATE_USE.finditer(path.read_text(encoding="utf-8")):
                used.add(match.group(1) or match.group(2))
    used -= MACHINE
    assert used, "no date patterns found: is the pattern right?"
    for code, _name in django_settings.LANGUAGES:
        if code != "en":
            missing = used - set(PATTERNS[code])
            assert not missing, f"{code}: add these to intimacy.local_dates.PATTERNS: {missing}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "{Thursday} 3 June 2027 · 3 Jun · 2027-06-03 · 1,234.5"),
        ("de", "{Thursday}, 3. Juni 2027 · 3. Jun · 2027-06-03 · 1.234,5"),
        ("es", "{Thursday} 3 de junio de 2027 · 3 Jun · 2027-06-03 · 1\xa0234,5"),
    ],
)
def test_dates_and_numbers_follow_the_language(language, expected, settings):
    """The order and the little words are the language's (intimacy.local_dates); the names
    of days and months come from the catalogues (Django's, or ours where we have them)."""
    settings.USE_THOUSAND_SEPARATOR = True
    template = Template(
        "{{ d|date:'l j F Y' }} · {{ d|date:'j M' }} · {{ d|date:'Y-m-d' }} · {{ n|floatformat:1 }}"
    )
    with translation.override(language):
        text = template.render(Context({"d": datetime(2027, 6, 3, 9, tzinfo=UTC), "n": 1234.5}))
        weekday = gettext("Thursday")
    assert text == expected.format(Thursday=weekday)
    assert local_pattern("Y-m-d", "de") == "Y-m-d"


@pytest.mark.django_db
def test_the_week_and_its_time_zone_stay_the_couples_in_every_language(partner_a, partner_b):
    from checkins.selectors import clock_for

    couple = make_couple(partner_a, partner_b, week_start_day=6, time_zone="Asia/Tokyo")
    weeks = {}
    for language in ("en", "es", "de"):
        with translation.override(language):
            clock = clock_for(couple)
            weeks[language] = (clock.current, clock.closes_at(clock.current))
    assert len(set(weeks.values())) == 1
    assert weeks["en"][0].weekday() == 6  # Sunday, the couple's choice, not Monday for "de"


# --- A couple in two languages -------------------------------------------------------------


@pytest.mark.django_db
def test_each_partner_reads_the_interface_in_their_language_and_the_others_words_as_written(
    couple, partner_a, partner_b
):
    User.objects.filter(pk=partner_a.pk).update(language="es")
    User.objects.filter(pk=partner_b.pk).update(language="de")
    (week,) = history(couple, 1)
    a_text, b_text = "Me sentí muy cerca de ti esta semana", "Ich habe mich dir nah gefühlt"
    for seat, text in ((1, a_text), (2, b_text)):
        answer = Answer.objects.filter(checkin__week=week, checkin__membership__seat=seat)[0]
        answer.reflection = text
        answer.save()
    url = reverse("checkins:week", args=[week.starts_on.isoformat()])
    for person, language, theirs in ((partner_a, "es", b_text), (partner_b, "de", a_text)):
        client = Client()
        client.force_login(person)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        html = response.content.decode()
        assert response.status_code == 200
        assert html_lang(response) == language
        assert say(language, "Skip to main content") in html
        assert theirs in html  # the partner's words, exactly as written


# --- Word counts fair across languages -----------------------------------------------------

# The same week, said in each language (translated by hand, as a person would write it).
PARALLEL = {
    "en": "This week I felt close to you when we cooked dinner together and talked about our "
    "plans for the summer. I would love more quiet evenings at home.",
    "es": "Esta semana me sentí cerca de ti cuando cocinamos juntos y hablamos de nuestros "
    "planes para el verano. Me encantaría tener más tardes tranquilas en casa.",
    "de": "Diese Woche habe ich mich dir nah gefühlt, als wir zusammen gekocht und über "
    "unsere Pläne für den Sommer gesprochen haben. Ich wünsche mir mehr ruhige Abende zu Hause.",
    "ja": "今週、一緒に夕食を作って夏の予定について話したとき、あなたを近くに感じました。"
    "家で静かな夜をもっと過ごしたいです。",
    "zh": "这周我们一起做晚饭、聊夏天的计划的时候，我觉得和你很亲近。我希望在家里有更多安静的夜晚。",  # noqa: RUF001
    "th": "สัปดาห์นี้ฉันรู้สึกใกล้ชิดกับเธอตอนที่เราทำอาหารเย็นด้วยกันและคุยกันเรื่องแผนหน้าร้อน "
    "ฉันอยากมีค่ำคืนเงียบๆ ที่บ้านมากขึ้น",
}


def test_the_same_words_count_about_the_same_in_every_language():
    english = count_words(PARALLEL["en"])
    assert english == 28
    for language, text in PARALLEL.items():
        ratio = count_words(text) / english
        # Within a quarter either way: the one-sided flag needs one partner under 40% of the
        # other, so no language can trip it (or hide from it) by how it is written.
        assert 0.75 <= ratio <= 1.3, (language, count_words(text), ratio)


def _old_count_words(text: str) -> int:
    """count_words before issue 15 (each ideograph or kana one word, a Thai run one word),
    for texts in scripts with spaces: the proof that their stored counts did not change."""
    words, in_word = 0, False
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN":
            words += 0 if in_word else 1
            in_word = True
        elif not (in_word and (category[0] == "M" or char in "'\u2019\u2018-\u2010\u2011\u00b7")):
            in_word = False
    return words


UNSPACED = [(0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF),
            (0x3005, 0x9FFF), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F), (0xF900, 0xFAFF),
            (0xFF66, 0xFF9F), (0x1B000, 0x1B16F), (0x20000, 0x3FFFF)]  # fmt: skip


def _spaced(char: str) -> bool:
    return not any(lo <= ord(char) <= hi for lo, hi in UNSPACED)


MIXED = st.text(
    alphabet=st.sampled_from(
        list("ab \u2019'-.,\u0301")
        + list("ñüß")
        + list("我爱你今日")
        + list("はコーヒ")
        + list("ฉันดื่ม")
        + ["😀", "\u200f", "ש", "م", "\u093f", "7"]
    ),
    max_size=40,
)


@given(st.text(alphabet=st.characters(codec="utf-8").filter(_spaced), max_size=60))
def test_text_in_scripts_with_spaces_counts_as_before(text):
    assert count_words(text) == _old_count_words(text)


@given(MIXED, MIXED)
def test_writing_more_never_counts_less(a, b):
    assert count_words(a + b) >= max(count_words(a), count_words(b))


@given(MIXED, MIXED)
def test_two_texts_apart_count_their_sum(a, b):
    assert count_words(a + " " + b) == count_words(a) + count_words(b)


@given(st.text(alphabet=st.sampled_from(list("我爱你今日はコーヒฉันดื่ม")), min_size=1, max_size=30))
def test_a_run_without_spaces_counts_a_fixed_share_of_its_letters(text):
    n = count_words(text)
    letters = sum(1 for c in text if unicodedata.category(c)[0] == "L")
    if letters == 0:
        assert n == 0  # marks alone are no word
    else:
        assert 1 <= n <= letters  # never more than one a letter, never nothing


@pytest.mark.django_db
def test_recount_words_updates_counts_made_the_old_way(couple, capsys):
    (week,) = history(couple, 1)
    answer = Answer.objects.filter(checkin__week=week).first()
    answer.reflection = "我爱你"
    answer.save()
    other = Answer.objects.filter(checkin__week=week).exclude(pk=answer.pk).first()
    before_other = (other.reflection_words, other.need_words)
    Answer.objects.filter(pk=answer.pk).update(reflection_words=3)  # the old count
    call_command("recount_words", "--dry-run")
    assert Answer.objects.get(pk=answer.pk).reflection_words == 3
    assert "checkins.Answer: 1 row(s) would change" in capsys.readouterr().out
    call_command("recount_words", "--batch-size", "2")
    assert Answer.objects.get(pk=answer.pk).reflection_words == count_words("我爱你") == 2
    other.refresh_from_db()
    assert (other.reflection_words, other.need_words) == before_other
    assert "checkins.Answer: 1 row(s) recounted" in capsys.readouterr().out


# --- Right to left -------------------------------------------------------------------------

PHYSICAL = re.compile(
    r"(?<![-\w])(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:"
    r"|text-align:\s*(left|right)|float:\s*(left|right)|clear:\s*(left|right)"
)


def test_the_stylesheets_use_logical_properties():
    found = []
    for path in sorted((ROOT / "static" / "css").glob("*.css")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, 1):
            # The menu's chevron points down, the same both ways (said on the line above).
            if PHYSICAL.search(line) and "chevron" not in lines[number - 2]:
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.django_db
def test_a_right_to_left_language_turns_the_page(client, settings):
    settings.LANGUAGES = [*django_settings.LANGUAGES, ("he", "עברית")]
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="he")
    html = response.content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert "התחברות" in html  # "Log in" from the test catalogue
    ltr = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de" dir="ltr">' in ltr
