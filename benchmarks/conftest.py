"""Benchmark set-up: collect ``bench_*.py``, reuse the test personas, report query counts.

The project's pytest settings only collect ``test_*.py`` under ``tests/`` (so benchmarks never
run with the test suite); this hook lets ``pytest benchmarks/`` find the ``bench_*.py`` files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import (  # noqa: F401  (fixtures, re-exported for the benchmarks)
    _fast_password_hashing,
    _fresh_cache,
    _no_cached_data_keys,
    _with_every_database,
    couple,
    partner_a,
    partner_b,
    pytest_configure,
)

QUERY_COUNTS = pytest.StashKey[dict[tuple[str, int], int]]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    # Files named on the command line are collected by pytest itself, whatever their name.
    if (
        file_path.suffix == ".py"
        and file_path.name.startswith("bench_")
        and not parent.session.isinitpath(file_path)
    ):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        _with_every_database(item)


@pytest.fixture
def query_counts(request: pytest.FixtureRequest) -> dict[tuple[str, int], int]:
    """SQL queries per request, by (page, weeks of history), printed after the run."""
    return request.config.stash.setdefault(QUERY_COUNTS, {})


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    counts = config.stash.get(QUERY_COUNTS, {})
    if not counts:
        return
    history = sorted({weeks for _, weeks in counts})
    terminalreporter.section("SQL queries per request")
    terminalreporter.line(
        "page".ljust(10) + "".join(f"{n} week{'s' if n != 1 else ''}".rjust(12) for n in history)
    )
    for page in sorted({page for page, _ in counts}):
        cells = "".join(str(counts.get((page, n), "-")).rjust(12) for n in history)
        terminalreporter.line(page.ljust(10) + cells)
