"""`reader read`: arguments become the objects `make_app` receives; bad input is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from reader.model import Document, Segment, Text
from reader.ui.app import ReaderApp


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib")
    seg = Segment("s1", "paragraph", Text.of(["Hello there."], "en"))
    lib.save_document(Document("hello", "Hello", "en", (seg,)))
    return lib


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[ReaderApp]:
    """The apps `reader read` would run, captured instead of taking over the terminal."""
    apps: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


@pytest.mark.parametrize(
    ("argv", "doc_id", "bidi"),
    [
        (["--library", "{lib}"], None, True),
        (["--library", "{lib}", "read"], None, True),
        (["read", "hello", "--library", "{lib}"], "hello", True),
        (["--library", "{lib}", "read", "hello", "--no-bidi"], "hello", False),
        (["read", "{lib}/documents/hello.yaml", "--bidi"], "hello", True),
    ],
)
def test_arguments_reach_the_factory(
    library: Library, started: list[ReaderApp], argv: list[str], doc_id: str | None, bidi: bool
) -> None:
    code = main([a.replace("{lib}", str(library.root)) for a in argv])
    assert code == 0
    (app,) = started
    assert app.library.root.resolve() == library.root.resolve()
    assert app._start_id == doc_id
    assert app.bidi is bidi


def test_a_text_file_is_read_in_memory_without_touching_the_library(
    library: Library, started: list[ReaderApp], tmp_path: Path
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("A short text.\n\nIt has two paragraphs.\n", encoding="utf-8")
    before = sorted(p.name for p in library.root.rglob("*"))
    assert main(["--library", str(library.root), "read", str(text)]) == 0
    (app,) = started
    assert app._start_path == text  # imported in memory by the app, after its first frame
    assert app._start_id is None
    assert sorted(p.name for p in library.root.rglob("*")) == before


def test_unknown_document_is_a_one_line_error(
    library: Library, started: list[ReaderApp], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(library.root), "read", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err
    assert started == []


def test_broken_config_is_a_one_line_error(
    library: Library, started: list[ReaderApp], capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    Path(os.environ["READER_CONFIG"]).write_text("bidi: maybe\n", encoding="utf-8")
    assert main(["--library", str(library.root), "read"]) == 1
    err = capsys.readouterr().err
    assert "config.yaml:1:1: bidi must be one of" in err and err.count("\n") == 1
    assert started == []
