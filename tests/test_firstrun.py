"""`make run` on a fresh machine: the bundled library is copied to the platform data folder
and the copy is what the learner changes; the repository is never written."""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path

import pytest
from test_ui_screens import ready, record_notices

from reader.cli import build_parser
from reader.cli.read import build_app
from reader.errors import ReaderError
from reader.firstrun import seed_library
from reader.ui.dialogs import EntryDialog
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.vocabulary import Vocabulary

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def digests(root: Path) -> dict[str, str]:
    """Every file under `root` by its path, with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def make_run_argv() -> list[str]:
    """The arguments `make run` gives `reader`, read from the Makefile's recipe."""
    lines = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    recipe = lines[lines.index(next(x for x in lines if x.startswith("run:"))) + 1]
    words = shlex.split(recipe.strip())
    assert words[0] == "$(BIN)/reader", recipe
    return words[1:]


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A learner's home with nothing in it: the platform data folder is inside."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    monkeypatch.chdir(REPO)  # `make run` runs in the checkout
    return tmp_path / "home"


async def _add_an_entry(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")  # the first document
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("J", "J", "w", "a")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"first-run gloss", "enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)


async def test_make_run_copies_the_seeds_and_never_writes_them(fresh_home: Path) -> None:
    before = digests(SEEDS)
    argv = make_run_argv()
    copy = fresh_home / ".local" / "share" / "reader" / "library"
    app = build_app(build_parser().parse_args(argv))
    record_notices(app)
    assert app.library.root == copy
    assert digests(copy) == before  # a whole copy, opened
    await _add_an_entry(app)
    assert digests(SEEDS) == before  # the repository: byte for byte as it was
    changed = {k for k, v in digests(copy).items() if before.get(k) != v}
    assert changed and all(k.startswith("glossaries/") for k in changed)
    found = [e for lang in ("en", "nl", "ar", "zh") for e in Vocabulary(copy).entries(lang)]
    assert any(e.glosses == ("first-run gloss",) for e in found)
    # A second run opens the copy as it is now: nothing copied over it.
    kept = digests(copy)
    again = build_app(build_parser().parse_args(argv))
    assert again.library.root == copy and digests(copy) == kept
    assert digests(SEEDS) == before


def test_seed_library_copies_once_and_whole(tmp_path: Path) -> None:
    root = tmp_path / "data" / "library"
    assert seed_library(SEEDS, root) is True
    assert digests(root) == digests(SEEDS)
    (root / "glossaries" / "mine.yaml").write_text("language: en\nentries: {}\n", "utf-8")
    assert seed_library(SEEDS, root) is False  # a library is there: left alone
    assert (root / "glossaries" / "mine.yaml").exists()
    assert not [p for p in root.parent.iterdir() if p.name.startswith(".")]  # no scratch left


def test_seed_library_fills_an_empty_folder_and_keeps_a_full_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert seed_library(SEEDS, empty) is True and (empty / "documents").is_dir()
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine", "utf-8")
    assert seed_library(SEEDS, full) is False
    assert [p.name for p in full.iterdir()] == ["notes.txt"]


def test_seed_library_leaves_out_decks_and_locks(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    (bundled / "documents").mkdir(parents=True)
    (bundled / "documents" / "a.yaml").write_text("x", "utf-8")
    (bundled / "documents" / "a.yaml.lock").write_text("", "utf-8")
    (bundled / "decks").mkdir()
    (bundled / "decks" / "old.apkg").write_bytes(b"PK")
    root = tmp_path / "library"
    assert seed_library(bundled, root) is True
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*")) == [
        "documents",
        "documents/a.yaml",
    ]


def test_a_missing_bundled_library_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError) as caught:
        seed_library(tmp_path / "nowhere", tmp_path / "library")
    assert "nowhere" in str(caught.value) and "not a library folder" in str(caught.value)
    assert not (tmp_path / "library").exists()
