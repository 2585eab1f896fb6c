"""The layers contract (pyproject.toml, docs/architecture.md) holds, and
would catch an import that broke it. `make lint` runs the same check."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """import-linter over the ``masthead`` package found in ``tree``, with
    the project's own contract."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy_of_the_code(destination: Path) -> Path:
    shutil.copytree(
        ROOT / "masthead",
        destination / "masthead",
        ignore=lambda folder, names: [name for name in names if not name.endswith(".py") and "." in name],
    )
    return destination


def test_every_import_keeps_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_upwards_breaks_the_contract(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    assert lint_imports(tree).returncode == 0

    # The kernel reaching for a domain app: money knowing about subscriptions.
    money = tree / "masthead" / "core" / "money.py"
    money.write_text(money.read_text() + "\nfrom masthead.subscriptions import selectors  # noqa\n")
    result = lint_imports(tree)

    assert result.returncode != 0
    assert "masthead.core.money -> masthead.subscriptions.selectors" in result.stdout


def test_an_import_inside_a_function_is_held_to_the_layers_too(tmp_path):
    # A function-level import is how a loop gets hidden; it counts the same.
    tree = _copy_of_the_code(tmp_path)
    selectors = tree / "masthead" / "subscriptions" / "selectors.py"
    selectors.write_text(
        selectors.read_text() + "\n\ndef _hidden():\n    from masthead.newsroom.models import Article\n\n    return Article\n"
    )
    result = lint_imports(tree)

    assert result.returncode != 0
    assert "masthead.subscriptions.selectors -> masthead.newsroom.models" in result.stdout


def test_two_apps_side_by_side_may_not_import_each_other(tmp_path):
    tree = _copy_of_the_code(tmp_path)
    services = tree / "masthead" / "partners" / "services.py"
    services.write_text(services.read_text() + "\nfrom masthead.gifts import selectors as gift_selectors  # noqa\n")
    result = lint_imports(tree)

    assert result.returncode != 0
    assert "masthead.partners.services -> masthead.gifts.selectors" in result.stdout
