"""Rules the test suite keeps about itself (docs/testing.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCKS = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "time", "time_ns", "process_time"}


def _is_clock_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return name in CLOCKS


def _measures_a_duration(node: ast.AST) -> bool:
    """``clock() - started``: an elapsed time, not a deadline to wait for."""
    return any(
        isinstance(part, ast.BinOp) and isinstance(part.op, ast.Sub) and _is_clock_call(part.left)
        for part in ast.walk(node)
    )


def timed_assertions(source: str) -> list[int]:
    """Lines of ``assert``s on an elapsed wall-clock time, directly or through a name."""
    tree = ast.parse(source)
    durations = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _measures_a_duration(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Assert)
        and (
            _measures_a_duration(node.test)
            or any(isinstance(name, ast.Name) and name.id in durations for name in ast.walk(node.test))
        )
    ]


def test_no_test_asserts_how_long_something_took():
    """A time limit fails on a busy machine and passes on a fast one; speed
    is measured by the scripts in bench/, which print figures."""
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted([*ROOT.glob("masthead/**/test_*.py"), *ROOT.glob("tests/**/test_*.py")])
        if (lines := timed_assertions(path.read_text()))
    }
    assert found == {}


def test_the_timed_assertion_finder_sees_both_spellings_and_spares_deadlines():
    assert timed_assertions("started = time.perf_counter()\nrun()\nassert time.perf_counter() - started < 1.0\n") == [3]
    assert timed_assertions("t = monotonic()\nrun()\nelapsed = monotonic() - t\nassert elapsed < 2\n") == [4]
    assert timed_assertions("deadline = time.monotonic() + 10\nassert time.monotonic() < deadline, 'no webhook'\n") == []


def test_ci_sets_ci_so_no_test_can_pass_by_skipping():
    """``require()`` skips a test whose outside part is missing unless CI is set;
    .ci/run sets it itself, before it runs the tests, whoever calls it."""
    script = (ROOT / ".ci" / "run").read_text().splitlines()
    exports = [n for n, line in enumerate(script) if line.strip() in ("export CI=true", 'export CI="true"')]
    runs = [n for n, line in enumerate(script) if line.strip() == "make test"]
    assert exports and runs and exports[0] < runs[0]
