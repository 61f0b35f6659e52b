"""The dependency direction, read from the code's own imports: ``datakeys`` ← ``accounts`` ← ``checkins``
← ``counselling`` ← ``yourdata`` ← ``demo``, and a kernel in ``intimacy`` that imports no app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["datakeys", "accounts", "checkins", "counselling", "yourdata", "demo"]
KERNEL = [
    "env",
    "mail",
    "notify",
    "ratelimit",
    "errors",
    "middleware",
    "devices",
    "session_lifetime",
]


def _imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    allowed_above = set(APPS[APPS.index(app) + 1 :])
    for path in _sources(app):
        wrong = _imported_top_levels(path) & allowed_above
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}, which build on it"


@pytest.mark.parametrize("module", KERNEL)
def test_the_kernel_imports_no_app(module):
    imported = _imported_top_levels(ROOT / "intimacy" / f"{module}.py")
    assert not imported & set(APPS), imported


def test_every_counselling_file_lives_in_counselling():
    stray = [
        p.relative_to(ROOT)
        for app in ("accounts", "checkins")
        for p in (ROOT / app).rglob("counsellor*")
    ]
    stray += [p.relative_to(ROOT) for p in (ROOT / "templates").glob("counsellor*")]
    assert not stray
