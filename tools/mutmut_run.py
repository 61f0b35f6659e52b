"""``make mutation``: mutmut over the privacy-critical modules, then the score per module.

    python tools/mutmut_run.py sample --every K [--max-children N]   # the default sample
    python tools/mutmut_run.py run [--max-children N] [MUTANT ...]      # all, or the named
    python tools/mutmut_run.py score

``sample`` generates the mutants, sorts each module's mutant names and keeps every K-th one
(the 1st, the K+1-th, ...), writes the list to ``mutants/sample.txt`` and runs exactly those.
The selection depends only on the source, so it is the same on every machine. ``score``
counts only the sample when ``mutants/sample.txt`` exists (``run`` with no names deletes it).

mutmut 3.8 leaves out every decorated function. Here that would skip the rules that matter
most: the reveal (``checkin_submit``, ``@transaction.atomic``), consent
(``ConsentState.active``, a ``@property``) and most counselling writes. So before running
mutmut this script lets it mutate functions whose only decorators are ``@property`` or
``@transaction.atomic``. The trampoline mutmut puts in the function's place keeps the
decorators; the original and mutated copies it calls lose them (a property copy would not
be callable, and an atomic copy would add a savepoint the query budgets would notice).
Other decorators (``@cache`` for one, whose cached result would hide mutants) stay skipped.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

import libcst as cst
from libcst import matchers as m
from libcst.metadata import PositionProvider
from mutmut.mutation import file_mutation

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"

ALLOWED_DECORATORS = (
    m.Decorator(decorator=m.Name("property")),
    m.Decorator(decorator=m.Attribute(value=m.Name("transaction"), attr=m.Name("atomic"))),
)


def _allowed(decorator: cst.Decorator) -> bool:
    return any(m.matches(decorator, pattern) for pattern in ALLOWED_DECORATORS)


def _only_allowed_decorators(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.FunctionDef)
        and bool(node.decorators)
        and all(_allowed(d) for d in node.decorators)
    )


def patch_mutmut() -> None:
    visitor = file_mutation.MutationVisitor
    skip = visitor._skip_node_and_children

    def skip_node_and_children(self: file_mutation.MutationVisitor, node: cst.CSTNode) -> bool:
        if not skip(self, node):
            return False
        if not _only_allowed_decorators(node):
            return True
        # Skipped for its decorators alone? Apply the checks an undecorated one gets.
        assert isinstance(node, cst.FunctionDef)
        position = self.get_metadata(PositionProvider, node, None)
        return bool(
            (position and position.start.line in self._ignored_node_lines)
            or node in self._enum_creation_hooks
            or node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
        )

    visitor._skip_node_and_children = skip_node_and_children

    arrange = file_mutation.function_trampoline_arrangement

    def function_trampoline_arrangement(function, mutants, class_name):  # type: ignore[no-untyped-def]
        declarations, nodes, assignments, names = arrange(function, mutants, class_name)
        if _only_allowed_decorators(function):
            trampoline, *copies = nodes
            nodes = [trampoline, *(c.with_changes(decorators=[]) for c in copies)]
        return declarations, nodes, assignments, names

    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


# --- The score -----------------------------------------------------------------------------

KILLED = {1, 3, 36, 24, -24, 152, 255}  # failed test, pytest error, timeouts (mutmut's view)


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]


def equivalents() -> dict[str, str]:
    """Mutants shown to be equivalent (no test can tell them apart), each with why."""
    return _config().get("twoway-mutation", {}).get("equivalent", {})


def score(fail_under: float = 0.0) -> int:
    modules = _config()["mutmut"]["only_mutate"]
    excluded = equivalents()
    only = set(SAMPLE.read_text().split()) if SAMPLE.exists() else None
    rows = []
    totals: Counter[str] = Counter()
    survivors: list[str] = []
    for module in modules:
        meta = MUTANTS / f"{module}.meta"
        if not meta.exists():
            print(f"{module}: no results (run `make mutation` first)")
            return 1
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts: Counter[str] = Counter()
        for name, code in codes.items():
            if only is not None and name not in only:
                continue
            if name in excluded:
                counts["equivalent"] += 1
            elif code in KILLED:
                counts["killed"] += 1
            elif code is None:
                counts["not run"] += 1
            else:
                counts["survived"] += 1
                survivors.append(name)
        counts["total"] = sum(1 for n in codes if only is None or n in only)
        totals.update(counts)
        rows.append((module, counts))
    rows.append(("total", totals))
    print(f"\n{'module':<28} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'alive':>7} {'score':>7}")
    for module, c in rows:
        scored = c["total"] - c["equivalent"]
        pct = 100 * c["killed"] / scored if scored else 100.0
        alive = c["survived"] + c["not run"]
        print(
            f"{module:<28} {c['total']:>7} {c['killed']:>7} {c['equivalent']:>7} {alive:>7} {pct:>6.1f}%"
        )
    if survivors:
        print("\nSurvivors (see them with `.venv/bin/mutmut show NAME`):")
        for name in survivors:
            print(f"  {name}")
    scored = totals["total"] - totals["equivalent"]
    total_pct = 100 * totals["killed"] / scored if scored else 100.0
    if total_pct < fail_under:
        print(f"\nScore {total_pct:.1f}% is under {fail_under:g}%.")
        return 1
    return 0


SAMPLE = MUTANTS / "sample.txt"


def generate() -> dict[str, list[str]]:
    """Generate the mutants (as ``mutmut run`` does first); the mutant names per module."""
    from mutmut import __main__ as mm

    mm.set_mutant_under_test("mutant_generation")
    MUTANTS.mkdir(exist_ok=True)
    mm.copy_src_dir()
    mm.copy_also_copy_files()
    mm.setup_source_paths()
    mm.create_mutants(2)
    names = {}
    for module in _config()["mutmut"]["only_mutate"]:
        meta = json.loads((MUTANTS / f"{module}.meta").read_text())
        names[module] = sorted(meta["exit_code_by_key"])
    return names


def sample(every: int) -> list[str]:
    chosen = [n for names in generate().values() for n in names[::every]]
    SAMPLE.write_text("\n".join(chosen) + "\n")
    print(f"sample: every {every}th mutant per module, {len(chosen)} mutants (mutants/sample.txt)")
    return chosen


def main(argv: list[str]) -> int:
    if argv[:1] == ["score"]:
        fail_under = float(argv[2]) if argv[1:2] == ["--fail-under"] else 0.0
        return score(fail_under)
    patch_mutmut()
    from mutmut.__main__ import cli

    if argv[:1] == ["sample"]:
        every = int(argv[argv.index("--every") + 1])
        rest = [a for i, a in enumerate(argv[1:]) if a != "--every" and argv[i] != "--every"]
        argv = ["run", *rest, *sample(every)]
    elif argv[:1] == ["run"] and not [
        a for i, a in enumerate(argv[1:]) if not a.startswith("-") and argv[i] != "--max-children"
    ]:
        SAMPLE.unlink(missing_ok=True)

    try:
        cli.main(args=argv, prog_name="mutmut", standalone_mode=False)
    except SystemExit as exit_:
        if exit_.code:
            return int(exit_.code)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
