"""Each command loads only what its text and its format need: checked by the modules a
fresh process has imported once it is done (never by timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEAVY = (
    "jieba",
    "lemminflect",
    "simplemma",
    "py3langid",
    "textual",
    "rich",
    "trafilatura",
    "lxml",
    "pypdf",
    "pysubs2",
    "genanki",
    "reader.ui",
)

PROBE = """
import contextlib, io, json, sys
from reader.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:  # --help
        code = exc.code
print(json.dumps([code, sorted(m for m in {heavy!r} if m in sys.modules)]))
"""


def loaded(cache: Path, *argv: str, watched: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    """(exit status, the `watched` modules imported) of `reader ARGV` in a fresh process."""
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=watched), *argv],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=REPO,
    ).stdout
    code, modules = json.loads(out.splitlines()[-1])
    return code, modules


def test_show_of_an_english_seed_loads_no_segmenter_no_ui(tmp_path: Path) -> None:
    args = ("show", "003_fd53ade983c62802", "--library", str(REPO / "seeds"))
    loaded(tmp_path, *args)  # the first run may build the lemma index
    assert loaded(tmp_path, *args) == (0, [])


def test_show_of_a_dutch_seed_loads_no_segmenter_no_ui(tmp_path: Path) -> None:
    args = ("show", "000_4b3161353c9025c8", "--library", str(REPO / "seeds"))
    loaded(tmp_path, *args)
    assert loaded(tmp_path, *args) == (0, [])


def test_a_two_file_english_import_loads_no_chinese_segmenter(tmp_path: Path) -> None:
    english = tmp_path / "a.txt"
    english.write_text(
        "Open-source AI could help Europe catch up.\n\nRegulators move slowly.\n",
        encoding="utf-8",
    )
    dutch = tmp_path / "b.txt"
    dutch.write_text(
        "Opensource AI kan Europa helpen.\n\nToezichthouders zijn traag.\n", encoding="utf-8"
    )
    args = ("import", str(english), "--translation", str(dutch), "--library", str(tmp_path))
    code, modules = loaded(tmp_path / "cache", *args)
    assert code == 0
    assert "jieba" not in modules and "textual" not in modules and "reader.ui" not in modules
    # The parsers of other formats stay unloaded too.
    assert not {"trafilatura", "lxml", "pypdf", "pysubs2", "genanki"} & set(modules)


def test_the_command_line_alone_loads_nothing_of_the_app(tmp_path: Path) -> None:
    for args in (("check", str(REPO / "seeds")), ("glossary", "rm", "--help")):
        _code, modules = loaded(tmp_path, *args)
        assert modules == [], args


def test_the_reading_app_draws_its_first_screen_without_the_heavy_parts() -> None:
    # What the first frame of `reader read DOC` imports: the app and the reading screen.
    # The study service, the dictionaries, the importers and the language tools come later,
    # on first use or in workers.
    probe = (
        "import json, sys\n"
        "import reader.ui.app, reader.ui.screens.reading\n"
        "later = ('reader.study', 'reader.dictionary', 'reader.importers', 'reader.align',"
        " 'jieba', 'lemminflect', 'simplemma', 'numpy')\n"
        "print(json.dumps(sorted(m for m in later if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert json.loads(out.splitlines()[-1]) == []


# Every command's module but `show`'s: a command describes its options in its own module.
OTHER_COMMANDS = tuple(
    f"reader.cli.{m}"
    for m in ("read", "import_", "check", "export", "anki", "align", "dict_", "lookup", "known")
    + ("glossary", "serve")
)


def test_a_command_loads_no_other_command(tmp_path: Path) -> None:
    args = ("show", "003_fd53ade983c62802", "--library", str(REPO / "seeds"))
    assert loaded(tmp_path, *args, watched=OTHER_COMMANDS) == (0, [])
    # The whole command line is built where only it can answer: help lists every command.
    code, modules = loaded(tmp_path, "--help", watched=OTHER_COMMANDS)
    assert code == 0 and modules == sorted(OTHER_COMMANDS)


def test_the_reading_app_opens_without_the_glossary_save_machinery() -> None:
    """What the first frame of `reader read` needs is imported; the careful saves of the
    glossary (and the YAML writer behind them) load when a glossary is first read."""
    probe = (
        "import json, sys\n"
        "import reader.cli.read, reader.ui.app, reader.ui.screens.reading\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('reader.glossary'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert json.loads(out.splitlines()[-1]) == ["reader.glossary", "reader.glossary.schema"]


def test_every_name_the_glossary_package_offers_resolves() -> None:
    """The package loads its names on first use from a table of where each lives: a name
    listed in `__all__` but missing from the table (or the other way) would fail only when
    first asked for."""
    import importlib

    from reader import glossary

    assert sorted(glossary._HOME) == sorted(glossary.__all__)
    for name in glossary.__all__:
        home = importlib.import_module(f"reader.glossary.{glossary._HOME[name]}")
        assert getattr(glossary, name) is getattr(home, name)


FIRST_FRAME_PROBE = """
import asyncio, json, sys
import textual.app
from reader.cli.read import build_app
LATER = (
    "yaml",
    "rich._emoji_codes",
    "reader.ui.widgets.panels",
    "reader.ui.widgets.notes_panel",
    "reader.ui.widgets.dictionary_panel",
    "reader.ui.widgets.status_bar",
    "reader.ui.widgets.footer",
    "reader.ui.viewmodel.contents",
    "reader.ui.viewmodel.search",
)
seen = []
display = textual.app.App._display
def first_display(self, screen, renderable):
    if renderable is not None and not seen:
        seen.append(sorted(m for m in LATER if m in sys.modules))
    display(self, screen, renderable)
textual.app.App._display = first_display
import argparse
args = argparse.Namespace(
    library=sys.argv[1], target=sys.argv[2] or None, seed=None, bidi=None, layout=None
)
async def run():
    app = build_app(args)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
asyncio.run(run())
print(json.dumps(seen))
"""


def first_frame_loads(tmp_path: Path, target: str) -> list[str]:
    """Which of the probe's `LATER` modules a fresh `reader read [TARGET]` has imported when
    its first frame is drawn, on a copy of the seeds library kept in `tmp_path`."""
    import shutil

    library = tmp_path / "library"
    if not library.exists():
        shutil.copytree(REPO / "seeds", library)
    env = {
        **os.environ,
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CONFIG": str(tmp_path / "none.yaml"),
    }
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE, str(library), target],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=REPO,
    ).stdout
    (loaded,) = json.loads(out.splitlines()[-1])
    return list(loaded)


def test_the_reading_app_draws_a_document_before_loading_yaml_or_its_panels(
    tmp_path: Path,
) -> None:
    """A library document's first frame reads the document (from its cache) and the reading
    positions (JSON), not a YAML file: the YAML parser and rich's emoji table, which the
    notes never use, load afterwards. So do the panels, the status bar, the keys, the table
    of contents and search, which come after the first frame."""
    for _start in range(2):  # the second start finds its reading position saved
        loaded = first_frame_loads(tmp_path, "002_3fb843373e1af618")
        assert (tmp_path / "state" / "state.json").is_file()
    assert loaded == []


def test_the_library_screen_draws_before_loading_yaml(tmp_path: Path) -> None:
    """The library screen's first frame lists nothing yet (a worker reads the documents):
    with no library.yaml to read, it loads neither the YAML parser nor rich's emoji table
    (the table's headers are not markup)."""
    loaded = first_frame_loads(tmp_path, "")
    assert "yaml" not in loaded and "rich._emoji_codes" not in loaded
