"""The core never imports Textual or Rich: core modules are imported in a fresh interpreter."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import reader

UI_PACKAGES = ("reader.ui", "reader.cli.read")
# Running `python -m reader` (reader.__main__) starts the command line, so it is not imported.
NOT_IMPORTABLE = ("reader.__main__",)

# Imports every module in turn and names the first one that brought in textual or rich.
PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))
    if bad:
        print(json.dumps([name, bad[:5]]))
        break
else:
    print(json.dumps(None))
"""


def core_modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(reader.__path__, prefix="reader.")
        if not m.name.startswith(UI_PACKAGES) and m.name not in NOT_IMPORTABLE
    )


def test_core_modules_are_found() -> None:
    names = core_modules()
    for expected in (
        "reader.model",
        "reader.documents",
        "reader.library",
        "reader.glossary",
        "reader.matching",
        "reader.importers",
        "reader.align",
        "reader.export",
        "reader.cli",
    ):
        assert expected in names


def test_core_modules_do_not_load_textual_or_rich() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(core_modules())],
        capture_output=True,
        text=True,
        check=True,
    )
    culprit = json.loads(proc.stdout)
    assert culprit is None, f"{culprit[0]} loads {culprit[1]}"


def test_the_probe_catches_a_ui_module() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            json.dumps(["reader.model", "reader.ui.widgets.reading_view"]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(proc.stdout)[0] == "reader.ui.widgets.reading_view"
