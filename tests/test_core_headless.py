"""The core never imports Textual or Rich: each core module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import reader

UI_PACKAGES = ("reader.ui", "reader.cli.read")
# Running `python -m reader` (reader.__main__) starts the command line, so it is not imported.
NOT_IMPORTABLE = ("reader.__main__",)


def core_modules() -> list[str]:
    names = [
        m.name
        for m in pkgutil.walk_packages(reader.__path__, prefix="reader.")
        if not m.name.startswith(UI_PACKAGES) and m.name not in NOT_IMPORTABLE
    ]
    return sorted(names)


def test_core_modules_are_found() -> None:
    names = core_modules()
    for expected in ("reader.model", "reader.documents", "reader.library", "reader.glossary"):
        assert expected in names


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_load_textual_or_rich(module: str) -> None:
    code = (
        "import sys, importlib\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{module} loads {out}"
