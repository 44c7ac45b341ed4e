"""The benchmark scripts still import what they use: they run by hand, not in the suite, so
a renamed function would otherwise only show when someone next measures."""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[1] / "bench"
# The scripts, not the module they share (`benchkit`, which they import as run from bench/).
BENCH = sorted(p for p in FOLDER.glob("*.py") if p.stem != "benchkit")


@pytest.fixture(autouse=True)
def _bench_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FOLDER))


@pytest.mark.parametrize("script", BENCH, ids=lambda p: p.stem)
def test_a_benchmark_script_imports(script: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"bench_check_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # top level only: `main()` runs under __main__
    assert callable(getattr(module, "main", None))


@pytest.mark.parametrize("script", BENCH, ids=lambda p: p.stem)
def test_what_a_benchmark_imports_inside_its_functions_exists(script: Path) -> None:
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reader"):
            module = importlib.import_module(str(node.module))
            for alias in node.names:
                assert hasattr(module, alias.name) or importlib.util.find_spec(
                    f"{node.module}.{alias.name}"
                ), f"{script.name}: {node.module}.{alias.name}"


def test_every_benchmark_is_checked() -> None:
    assert len(BENCH) >= 7
