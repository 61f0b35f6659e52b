"""Pseudo-translations for the language tests, so they mean something before (and after)
the real catalogues are complete.

``pseudo_locale(tmp)`` writes a catalogue per language in which every message of the real
``locale/es`` catalogue reads ``ES⟦English⟧`` (``DE⟦…⟧`` for German, and a right-to-left
``he`` with a handful of Hebrew words), compiles it with msgfmt and returns its folder. Put
after the real folder in ``LOCALE_PATHS``, it only fills the messages the real catalogue
leaves untranslated (Django merges catalogues, the first folder winning), so a test that
compares an email with ``translation.override(lang): gettext(msgid)`` holds with either.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_translations  # noqa: E402

# A few real Hebrew words for the right-to-left check; everything else stays English.
HEBREW = {
    "Log in": "התחברות",
    "Sign up": "הרשמה",
    "Language": "שפה",
    "Change language": "החלפת שפה",
    "Privacy: who sees what": "פרטיות: מי רואה מה",
    "Staying safe with Twoway": "בטיחות ב-Twoway",
    "Skip to main content": "דילוג לתוכן הראשי",
}
PLURALS = {
    "es": "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    "de": "nplurals=2; plural=(n != 1);",
    "he": "nplurals=2; plural=(n != 1);",
}


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def mark(code: str, text: str) -> str:
    return f"{code.upper()}⟦{text}⟧"


def _catalogue(code: str) -> str:
    source = (ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    forms = int(PLURALS[code].split(";")[0].split("=")[1])
    lines = [
        'msgid ""',
        'msgstr ""',
        _quote("Content-Type: text/plain; charset=UTF-8\n"),
        _quote(f"Language: {code}\n"),
        _quote(f"Plural-Forms: {PLURALS[code]}\n"),
        "",
    ]
    for entry in check_translations.parse_po(source):
        if not entry.msgid or entry.obsolete:
            continue
        if code == "he" and entry.msgid not in HEBREW:
            continue
        if entry.msgctxt is not None:
            lines.append(f"msgctxt {_quote(entry.msgctxt)}")
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.msgid_plural is None:
            text = HEBREW[entry.msgid] if code == "he" else mark(code, entry.msgid)
            lines.append(f"msgstr {_quote(text)}")
        else:
            lines.append(f"msgid_plural {_quote(entry.msgid_plural)}")
            for i in range(forms):
                text = entry.msgid if i == 0 else entry.msgid_plural
                lines.append(f"msgstr[{i}] {_quote(mark(code, text))}")
        lines.append("")
    return "\n".join(lines)


def pseudo_locale(folder: Path) -> Path:
    """A LOCALE_PATHS folder with compiled pseudo catalogues for es, de and he."""
    for code in ("es", "de", "he"):
        messages = folder / code / "LC_MESSAGES"
        messages.mkdir(parents=True, exist_ok=True)
        (messages / "django.po").write_text(_catalogue(code), encoding="utf-8")
        subprocess.run(
            ["msgfmt", "--check-format", "-o", messages / "django.mo", messages / "django.po"],
            check=True,
        )
    return folder


def english_msgids() -> set[str]:
    """Every English message of the catalogue (the singular and plural forms)."""
    source = (ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found: set[str] = set()
    for entry in check_translations.parse_po(source):
        if entry.msgid and not entry.obsolete:
            found.add(entry.msgid)
            if entry.msgid_plural:
                found.add(entry.msgid_plural)
    return found
