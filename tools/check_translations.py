"""Fail when a translation catalogue is stale, does not compile, or leaves a message untranslated.

Run by ``make test`` (``make translations-check``); docs/translating.md. Three checks, each on
a throwaway copy of the project so the working tree is never touched:

1. **Compiles**: ``compilemessages`` (GNU gettext's ``msgfmt --check-format``) turns every
   ``locale/*/LC_MESSAGES/django.po`` into a ``.mo`` without an error, so every placeholder
   (``%(name)s``, ``{{ name }}``) a translation uses is one its English has.
2. **Not stale**: ``makemessages`` run with the project's exact options (``MAKEMESSAGES``)
   would not change any ``.po`` file (its POT-Creation-Date line aside): every string in the
   code is in the catalogues, none that is gone is left, and every source line is current.
3. **Complete**: in each language checked (``es`` and ``de`` unless told), no message is
   untranslated (an empty ``msgstr``, or any empty ``msgstr[n]`` of a plural) and none is
   marked ``fuzzy`` (a guess ``msgmerge`` made that nobody has reviewed yet).

``python tools/check_translations.py [--root DIR] [--languages es de] [--settings MODULE]``
prints each problem and exits 1 if there is any, 0 when all is well.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("es", "de")
# The options the catalogues are generated with (docs/translating.md): keep them in step.
IGNORED = (".venv", "tests", "benchmarks", "tools", "staticfiles", "demo")
MAKEMESSAGES = ["makemessages", *(f"--ignore={name}" for name in IGNORED), "--no-obsolete"]
# Never copied into the throwaway tree: big, generated, or private.
NOT_COPIED = {
    ".git",
    ".venv",
    "staticfiles",
    "node_modules",
    "mutants",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    "__pycache__",
    "test-results",
}
NO_MSGFMT = (
    "GNU gettext's msgfmt is not installed, and the translations cannot be compiled without "
    "it. Install it (Debian or Ubuntu: 'sudo apt-get install gettext'; macOS: 'brew install "
    "gettext') and run again."
)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    obsolete: bool = False
    where: str = ""

    @property
    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"{context}{text!r}" + (f" ({self.where})" if self.where else "")


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(line: str) -> str:
    match = _STRING.search(line)
    raw = match.group(1) if match else ""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw)


def parse_po(text: str) -> list[Entry]:
    """The entries of a ``.po`` file (the header, whose msgid is empty, included)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None  # which string a continuation line extends
    started = False

    def finish() -> None:
        nonlocal current, started, target
        if started:
            entries.append(current)
        current, started, target = Entry(), False, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            current.obsolete = True
            continue
        if line.startswith("#,"):
            if started and target is not None and target[0] == "msgstr":
                finish()
            current.fuzzy = current.fuzzy or "fuzzy" in line[2:].replace(" ", "").split(",")
            continue
        if line.startswith("#:"):
            if started and target is not None and target[0] == "msgstr":
                finish()
            current.where = current.where or line[2:].strip().split(" ")[0]
            continue
        if line.startswith("#"):
            continue
        keyword = line.split(" ", 1)[0]
        if keyword in ("msgctxt", "msgid") and started and target and target[0] == "msgstr":
            finish()
        if keyword == "msgctxt":
            started, target = True, ("msgctxt", 0)
            current.msgctxt = _unquote(line)
        elif keyword == "msgid":
            started, target = True, ("msgid", 0)
            current.msgid = _unquote(line)
        elif keyword == "msgid_plural":
            target = ("msgid_plural", 0)
            current.msgid_plural = _unquote(line)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            target = ("msgstr", index)
            current.msgstr[index] = _unquote(line)
        elif line.startswith('"') and target is not None:
            name, index = target
            more = _unquote(line)
            if name == "msgstr":
                current.msgstr[index] += more
            elif name == "msgid":
                current.msgid += more
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + more
            else:
                current.msgctxt = (current.msgctxt or "") + more
    finish()
    return entries


def _plural_count(entries: list[Entry]) -> int:
    header = next((e for e in entries if e.msgid == "" and not e.msgctxt), None)
    match = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr.get(0, "") if header else "")
    return int(match.group(1)) if match else 2


def incomplete(po_text: str) -> tuple[list[Entry], list[Entry]]:
    """(untranslated, fuzzy) messages of a catalogue; the header and obsolete ones aside."""
    entries = [e for e in parse_po(po_text) if not e.obsolete and (e.msgid or e.msgctxt)]
    forms = _plural_count(parse_po(po_text))
    untranslated, fuzzy = [], []
    for entry in entries:
        wanted = range(forms) if entry.msgid_plural is not None else range(1)
        if any(not entry.msgstr.get(i, "") for i in wanted):
            untranslated.append(entry)
        elif entry.fuzzy:
            fuzzy.append(entry)
    return untranslated, fuzzy


def _normalised(po_text: str) -> str:
    """A catalogue without the line makemessages rewrites on every run."""
    return "\n".join(
        line for line in po_text.splitlines() if not line.startswith('"POT-Creation-Date:')
    )


def _copy_tree(root: Path, into: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        return {n for n in names if n in NOT_COPIED or n.endswith((".mo", ".pyc"))} | {
            n for n in names if n.startswith("db.sqlite3") or n.startswith("keys.sqlite3")
        }

    shutil.copytree(root, into, ignore=ignore, symlinks=False)


def _manage(tree: Path, settings: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": str(tree),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DATABASE_URL", None)  # the default SQLite: nothing here needs a database
    env.pop("KEYS_DATABASE_URL", None)
    return subprocess.run(  # noqa: S603  (our own interpreter and arguments)
        [sys.executable, "-m", "django", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def catalogues(tree: Path) -> dict[str, Path]:
    """Each language's django.po under ``tree/locale``, by language code."""
    return {p.parent.parent.name: p for p in sorted(tree.glob("locale/*/LC_MESSAGES/django.po"))}


def check(
    root: Path = ROOT,
    *,
    languages: tuple[str, ...] = LANGUAGES,
    settings: str = "intimacy.settings",
) -> list[str]:
    """Every problem found, in words a translator can act on; empty when all is well."""
    problems: list[str] = []
    if shutil.which("msgfmt") is None:
        return [NO_MSGFMT]
    found = catalogues(root)
    for language in languages:
        if language not in found:
            problems.append(
                f"locale/{language}/LC_MESSAGES/django.po is missing: run "
                f"'python manage.py {' '.join(MAKEMESSAGES)} -l {language}'."
            )
    with tempfile.TemporaryDirectory(prefix="twoway-translations-") as tmp:
        tree = Path(tmp) / "tree"
        _copy_tree(root, tree)
        compiled = _manage(tree, settings, "compilemessages", *(f"--ignore={n}" for n in IGNORED))
        if compiled.returncode != 0 or "error" in compiled.stderr.lower():
            problems.append("compilemessages failed:\n" + (compiled.stderr or compiled.stdout))
        locales = [f"-l{code}" for code in sorted(found)] or [f"-l{c}" for c in languages]
        made = _manage(tree, settings, *MAKEMESSAGES, *locales)
        if made.returncode != 0:
            problems.append("makemessages failed:\n" + (made.stderr or made.stdout))
        else:
            fresh = catalogues(tree)
            for code, path in found.items():
                before = _normalised(path.read_text(encoding="utf-8"))
                after = _normalised(fresh[code].read_text(encoding="utf-8"))
                if before != after:
                    problems.append(
                        f"locale/{code}/LC_MESSAGES/django.po is stale: run 'python manage.py "
                        f"{' '.join(MAKEMESSAGES)} -l {code}' and translate what is new."
                    )
    for language in languages:
        if language not in found:
            continue
        untranslated, fuzzy = incomplete(found[language].read_text(encoding="utf-8"))
        for kind, entries in (("untranslated", untranslated), ("fuzzy", fuzzy)):
            if entries:
                listed = "\n".join(f"    {e.label}" for e in entries[:20])
                more = f"\n    ... and {len(entries) - 20} more" if len(entries) > 20 else ""
                problems.append(f"{language}: {len(entries)} {kind} message(s):\n{listed}{more}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--settings", default="intimacy.settings")
    args = parser.parse_args(argv)
    problems = check(args.root.resolve(), languages=tuple(args.languages), settings=args.settings)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Translations: not ready (docs/translating.md).", file=sys.stderr)
        return 1
    print("Translations: every catalogue is current, compiles and is fully translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
