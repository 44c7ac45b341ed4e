"""The layering of the code, checked as code: import-linter's contracts in pyproject.toml,
and strict typing of the whole package (mypy, with the project's configuration).

Each contract is also shown to catch what it forbids: a copy of the package with one wrong
import added per contract breaks exactly those contracts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]

LINT = """
import sys
from importlinter.cli import lint_imports
sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True))
"""


def lint(project: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the package in `project` (its own `reader`, first on the path)."""
    return subprocess.run(
        [sys.executable, "-c", LINT, str(project / "pyproject.toml")],
        check=False,
        capture_output=True,
        text=True,
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
    )


def broken(output: str) -> set[str]:
    """The contracts the report calls broken: it prints "<name> BROKEN", a long name
    wrapped over two lines."""
    flat = " ".join(output.split())
    names = [" ".join(c["name"].split()) for c in CONTRACTS["contracts"]]
    return {name for name in names if f"{name} BROKEN" in flat}


def test_the_contracts_hold() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONTRACTS['contracts'])} kept, 0 broken" in result.stdout


# One wrong import per contract, in a copy of the package.
WRONG = {
    "The core is below the app": ("reader/normalize.py", "import reader.ui.session"),
    "The command line is on top": ("reader/study/history.py", "import reader.cli.common"),
    "Only the app draws": ("reader/marks.py", "import rich.text"),
    "Inside the app": ("reader/ui/viewmodel/search.py", "import reader.ui.messages"),
    "Screens do not know each other": (
        "reader/ui/screens/help.py",
        "import reader.ui.screens.library",
    ),
    "The view model is Textual-free": ("reader/ui/viewmodel/layout.py", "import textual.strip"),
}


def test_every_contract_catches_what_it_forbids(tmp_path: Path) -> None:
    assert {c["name"].split(":")[0] for c in CONTRACTS["contracts"]} == set(WRONG)
    shutil.copytree(
        ROOT / "reader", tmp_path / "reader", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for path, line in WRONG.values():
        target = tmp_path / path
        target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", "utf-8")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert {name.split(":")[0] for name in broken(result.stdout)} == set(WRONG), result.stdout


def test_the_whole_package_type_checks_strictly() -> None:
    # The whole package with the project's mypy configuration, which is `strict = true`.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "reader"],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_the_configuration_refuses_an_untyped_function(tmp_path: Path) -> None:
    # The configuration the package is checked with is strict: an untyped function fails.
    module = tmp_path / "untyped.py"
    module.write_text("def twice(x):\n    return 2 * x\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), str(module)],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[no-untyped-def]" in result.stdout
