"""tools/check_translations.py on a tiny project of its own: it passes a complete, current
catalogue and names each kind of problem (stale, untranslated, plural form missing, fuzzy,
a placeholder that does not compile, no msgfmt). The real catalogues are checked by
``make translations-check``, not here: they are incomplete until translators finish."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import check_translations as tool

SETTINGS = """
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "tiny"
INSTALLED_APPS = []
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
              "DIRS": [BASE_DIR / "templates"]}]
"""
TEMPLATE = """{% load i18n %}<p>{% translate "Hello" %}</p>
{% blocktranslate count n=n %}One apple{% plural %}{{ n }} apples{% endblocktranslate %}
"""
CODE = """from django.utils.translation import gettext as _
def greet(name):
    return _("Hi %(name)s") % {"name": name}
"""
TRANSLATIONS = {
    "es": {
        "Hello": ["Hola"],
        # Spanish has three plural forms (CLDR: one, many as in "un millón de", other).
        "One apple": ["Una manzana", "%(n)s de manzanas", "%(n)s manzanas"],
        "Hi %(name)s": ["Hola, %(name)s"],
    },
    "de": {
        "Hello": ["Hallo"],
        "One apple": ["Ein Apfel", "%(n)s Äpfel"],
        "Hi %(name)s": ["Hallo %(name)s"],
    },
}


def _fill(po: str, translations: dict[str, list[str]]) -> str:
    """Put each translation under its msgid in a freshly made catalogue."""
    for msgid, forms in translations.items():
        quoted = re.escape(f'msgid "{msgid}"')
        if len(forms) == 1:
            po = re.sub(rf'({quoted}\nmsgstr )""', rf'\1"{forms[0]}"', po)
        else:
            head = rf'({quoted}\nmsgid_plural "[^"]*"\n)'
            # makemessages writes two empty forms whatever the language has (Spanish: three).
            empty = r'(?:msgstr\[\d\] ""\n)+'
            filled = "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))
            po = re.sub(head + empty, lambda m, filled=filled: m.group(1) + filled, po)
    return po


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny Django project with es and de catalogues, current and fully translated."""
    root = tmp_path / "site"
    (root / "tinysite").mkdir(parents=True)
    (root / "tinysite" / "__init__.py").write_text("")
    (root / "tinysite" / "settings.py").write_text(SETTINGS)
    (root / "tinysite" / "words.py").write_text(CODE)
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text(TEMPLATE)
    (root / "locale").mkdir()
    made = tool._manage(root, "tinysite.settings", *tool.MAKEMESSAGES, "-les", "-lde")
    assert made.returncode == 0, made.stderr
    for code, words in TRANSLATIONS.items():
        po = _po(root, code)
        po.write_text(_fill(po.read_text(), words))
    return root


def _po(root: Path, code: str) -> Path:
    return root / "locale" / code / "LC_MESSAGES" / "django.po"


def _check(root: Path) -> list[str]:
    return tool.check(root, languages=("es", "de"), settings="tinysite.settings")


def test_a_current_complete_catalogue_passes(project: Path) -> None:
    assert _check(project) == []
    assert tool.main(["--root", str(project), "--settings", "tinysite.settings"]) == 0
    # The check works on a copy: nothing is compiled or rewritten in the project itself.
    assert not list(project.glob("locale/*/LC_MESSAGES/django.mo"))


def test_a_new_string_in_the_code_makes_the_catalogues_stale(project: Path) -> None:
    page = project / "templates" / "page.html"
    page.write_text(page.read_text() + '{% translate "Goodbye" %}\n')
    before = _po(project, "es").read_text()
    problems = _check(project)
    assert any("locale/es/LC_MESSAGES/django.po is stale" in p for p in problems)
    assert any("locale/de/LC_MESSAGES/django.po is stale" in p for p in problems)
    assert _po(project, "es").read_text() == before  # never rewritten in place


def test_a_string_gone_from_the_code_makes_them_stale_too(project: Path) -> None:
    (project / "tinysite" / "words.py").write_text("")
    assert any("is stale" in p for p in _check(project))


def test_an_untranslated_message_is_named(project: Path) -> None:
    po = _po(project, "de")
    po.write_text(po.read_text().replace('msgstr "Hallo"', 'msgstr ""'))
    problems = _check(project)
    assert len(problems) == 1
    assert problems[0].startswith("de: 1 untranslated message(s):")
    assert "'Hello' (templates/page.html:1)" in problems[0]
    assert tool.main(["--root", str(project), "--settings", "tinysite.settings"]) == 1


def test_a_plural_with_a_form_missing_is_untranslated(project: Path) -> None:
    po = _po(project, "es")
    po.write_text(po.read_text().replace('msgstr[2] "%(n)s manzanas"', 'msgstr[2] ""'))
    (problem,) = _check(project)
    assert problem.startswith("es: 1 untranslated")
    assert "'One apple'" in problem


def test_a_fuzzy_message_is_named(project: Path) -> None:
    po = _po(project, "es")
    text = po.read_text().replace('msgid "Hello"', '#, fuzzy\nmsgid "Hello"', 1)
    po.write_text(text)
    problems = _check(project)
    assert problems == ["es: 1 fuzzy message(s):\n    'Hello' (templates/page.html:1)"]


def test_a_placeholder_the_english_does_not_have_fails_to_compile(project: Path) -> None:
    po = _po(project, "de")
    po.write_text(po.read_text().replace('msgstr "Hallo %(name)s"', 'msgstr "Hallo %(nom)s"'))
    problems = _check(project)
    assert any(p.startswith("compilemessages failed") for p in problems), problems


def test_a_missing_catalogue_is_named(project: Path) -> None:
    shutil.rmtree(project / "locale" / "de")
    problems = tool.check(project, languages=("es", "de"), settings="tinysite.settings")
    assert any("locale/de/LC_MESSAGES/django.po is missing" in p for p in problems)


def test_without_msgfmt_it_says_how_to_install_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tool.shutil, "which", lambda name: None)
    assert _check(project) == [tool.NO_MSGFMT]
    assert "apt-get install gettext" in tool.NO_MSGFMT


def test_the_parser_reads_contexts_plurals_continuations_and_flags() -> None:
    po = r"""msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: a.py:1
#, python-format
msgctxt "verb"
msgid "Check "
"in"
msgstr "Hacer "
"check-in"

#: b.html:2
#, fuzzy, python-format
msgid "%(n)s week"
msgid_plural "%(n)s weeks"
msgstr[0] "%(n)s semana"
msgstr[1] ""

#~ msgid "Old"
#~ msgstr "Viejo"
"""
    entries = tool.parse_po(po)
    header, checkin, weeks = entries  # the obsolete one (#~) is no entry
    assert header.msgid == ""
    assert "nplurals=2" in header.msgstr[0]
    assert (checkin.msgctxt, checkin.msgid, checkin.msgstr[0]) == (
        "verb",
        "Check in",
        "Hacer check-in",
    )
    assert checkin.where == "a.py:1"
    assert not checkin.fuzzy
    assert weeks.msgid_plural == "%(n)s weeks"
    assert weeks.fuzzy
    assert weeks.msgstr == {
        0: "%(n)s semana",
        1: "",
    }
    untranslated, fuzzy = tool.incomplete(po)
    assert [e.msgid for e in untranslated] == ["%(n)s week"]  # untranslated beats fuzzy
    assert fuzzy == []


def test_the_options_match_the_ones_the_catalogues_were_made_with() -> None:
    """docs/translating.md gives the same command; the integrator regenerates with it."""
    expected = (
        "makemessages --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=tools "
        "--ignore=staticfiles --ignore=demo --no-obsolete"
    )
    assert " ".join(tool.MAKEMESSAGES) == expected
    docs = (Path(__file__).resolve().parent.parent / "docs" / "translating.md").read_text()
    assert "makemessages -l es -l de " + expected.removeprefix("makemessages ") in docs
