"""Nothing blank, nothing blocked: the first screen comes before the slow work, which runs
in workers and shows how far it got; imports can be cancelled and then write nothing; the
library lists from a worker, one row per broken document, with what the learner knows.

Where a test must see the app while the work is still running, the work waits at a gate
the test opens: no sleeps, and the real importer and library do the work once it is open.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_ui_screens import app_for, notices, ready, sample_library
from textual.widgets import DataTable, ProgressBar, Static

import reader.importers
from reader.cli import main
from reader.library import Library
from reader.model import Document, Segment, Text
from reader.settings import Settings
from reader.ui.app import ReaderApp, make_app
from reader.ui.dialogs.progress import ProgressDialog
from reader.ui.imports import Cancelled, Steps
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
# A real annotated study note: an English op-ed with its Chinese translation and notes.
ANNOTATED = ROOT / "seeds" / "originals" / "002_3fb843373e1af618.txt"
SIZE = (120, 36)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


class Gate:
    """Holds a piece of real work until the test opens it (at most 30 s, so a failing test
    never leaves a thread waiting for ever)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.reached = threading.Event()

    def wrap(self, real: Callable[..., Any], before: Callable[..., None] | None = None):  # type: ignore[no-untyped-def]
        def held(*args: Any, **kwargs: Any) -> Any:
            if before is not None:
                before(*args, **kwargs)
            self.reached.set()
            self.event.wait(30)
            return real(*args, **kwargs)

        return held

    def open(self) -> None:
        self.event.set()


async def until(pilot, condition: Callable[[], bool]) -> None:  # type: ignore[no-untyped-def]
    for _ in range(400):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the screen never got there")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def reading_app(library: Library, path: Path) -> ReaderApp:
    return make_app(library, Vocabulary(library.root), Settings(), open_path=path, watch_interval=0)


# --- `reader read FILE` --------------------------------------------------------------------


async def test_reading_a_file_shows_its_progress_first_then_the_document(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(reader.importers, "import_file", gate.wrap(reader.importers.import_file))
    before = files_of(library.root)
    app = reading_app(library, ANNOTATED)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gate.reached.is_set)
        await pilot.pause()
        # The first screen: what is being opened and a bar, while the importer works.
        assert isinstance(app.screen, ProgressDialog)
        title = str(app.screen.query_one(".dialog-title").render())
        assert title == f"Opening {ANNOTATED.name}"
        what = str(app.screen.query_one("#progress-what", Static).render())
        assert "splitting it into sentences" in what
        assert app.screen.query_one(ProgressBar).total is None  # no steps known: it moves
        gate.open()
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        doc = app.screen.document
        assert doc.target_lang == "zh" and len(doc.segments) > 3
        # The notes of the file mark its text, as before the import moved into the app.
        assert app.marks.extra_entries
        assert any(app.marks.in_segment(doc, seg) for seg in doc.segments)
    assert files_of(library.root) == before


async def test_cancelling_the_file_being_opened_shows_the_library(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(reader.importers, "import_file", gate.wrap(reader.importers.import_file))
    before = files_of(library.root)
    app = reading_app(library, ANNOTATED)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gate.reached.is_set)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        gate.open()
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.session.opened is None
    assert files_of(library.root) == before


async def test_a_file_that_cannot_be_read_ends_the_app_with_its_one_line_error(
    library: Library, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    app = reading_app(library, empty)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
    assert app.open_error is not None and "empty.txt" in str(app.open_error)


def test_reader_read_of_an_unreadable_file_prints_one_line(
    library: Library,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    def run_headless(self: ReaderApp, *args: object, **kwargs: object) -> None:
        import asyncio

        async def drive() -> None:
            async with self.run_test(size=SIZE):
                await self.workers.wait_for_complete()

        asyncio.run(drive())

    monkeypatch.setattr(ReaderApp, "run", run_headless)
    assert main(["--library", str(library.root), "read", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.txt" in err


def test_reader_read_refuses_a_fifo_before_starting_the_app(
    library: Library,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: started.append(self))
    fifo = tmp_path / "book.txt"
    os.mkfifo(fifo)
    assert main(["--library", str(library.root), "read", str(fifo)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "FIFO" in err
    assert started == []


# --- importing from the library -------------------------------------------------------------


async def start_import(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await ready(pilot)
    await pilot.press(*str(path))
    await pilot.press("enter")


async def test_an_import_shows_the_importers_steps_on_a_bar(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A short story.\n\nIt ends well.\n", encoding="utf-8")
    gate = Gate()

    def first_step(*_args: object, progress: Any = None, **_kw: object) -> None:
        progress(1, 4, "Chapter 1 of 4")  # what a book importer reports

    monkeypatch.setattr(
        reader.importers, "import_file", gate.wrap(reader.importers.import_file, first_step)
    )
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await start_import(pilot, story)
        await until(pilot, gate.reached.is_set)
        await until(pilot, lambda: app.screen.query_one(ProgressBar).total == 4)
        assert isinstance(app.screen, ProgressDialog)
        assert app.screen.query_one(ProgressBar).progress == 1
        assert str(app.screen.query_one("#progress-what", Static).render()) == "Chapter 1 of 4"
        gate.open()
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "story" in app.screen.query_one(DataTable).rows
        assert app.screen.selected_id() == "story"


async def test_cancelling_an_import_writes_nothing(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A short story.\n\nIt ends well.\n", encoding="utf-8")
    gate = Gate()
    monkeypatch.setattr(reader.importers, "import_file", gate.wrap(reader.importers.import_file))
    before = files_of(library.root)
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await start_import(pilot, story)
        await until(pilot, gate.reached.is_set)
        assert isinstance(app.screen, ProgressDialog)
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)  # at once, while the importer still runs
        gate.open()
        await ready(pilot)  # the worker ran to its end and stopped before writing
        assert sorted(str(k.value) for k in app.screen.query_one(DataTable).rows) == [
            "op-ed",
            "plain",
        ]
        assert any("nothing was written" in n.message for n in notices(app))
    assert files_of(library.root) == before


def test_steps_stop_the_work_once_cancelled_and_not_after_it_started_writing() -> None:
    shown: list[tuple[int, int, str]] = []
    steps = Steps(lambda *step: shown.append(step))
    for done in range(1000):
        steps(done, 1000, "Aligning")
    assert len(shown) == 100  # a hundredth at a time: the UI thread is not flooded
    assert steps.cancel()
    with pytest.raises(Cancelled):
        steps(1, 2, "Aligning")
    with pytest.raises(Cancelled):
        steps.commit()
    writing = Steps(lambda *step: None)
    writing.commit()
    assert not writing.cancel()  # too late: the write finishes
    writing(1, 1, "done")


# --- the library screen ---------------------------------------------------------------------


async def test_the_library_draws_before_its_documents_are_read(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(Library, "load_document", gate.wrap(Library.load_document))
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gate.reached.is_set)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        status = str(app.screen.query_one("#library-status", Static).render())
        assert status.startswith("Reading the library… 0 of 2 documents")
        assert app.screen.query_one(DataTable).row_count == 0
        gate.open()
        await ready(pilot)
        assert sorted(str(k.value) for k in app.screen.query_one(DataTable).rows) == [
            "op-ed",
            "plain",
        ]


async def test_a_broken_document_is_one_row_and_the_others_open(library: Library) -> None:
    good = (library.documents_dir / "plain.yaml").read_text(encoding="utf-8")
    broken = good.replace("  kind: paragraph\n", "  kind: paragraph\n  lang: 5\n", 1)
    (library.documents_dir / "broken.yaml").write_text(broken, encoding="utf-8")
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        assert sorted(str(k.value) for k in table.rows) == ["broken", "op-ed", "plain"]
        title = str(table.get_row("broken")[0])
        assert title.startswith("⚠ broken.yaml:") and "lang" in title
        status = str(app.screen.query_one("#library-status", Static).render())
        assert "1 not readable" in status
        app.screen.select("broken")
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("broken.yaml" in n.message for n in notices(app))
        app.screen.select("plain")
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)


async def test_known_share_and_unknown_words_per_document(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    seg = Segment("s1", "paragraph", Text.of(["The cat sat on the mat."], "en"))
    lib.save_document(Document("cats", "Cats", "en", (seg,)))
    lib.glossaries_dir.mkdir()
    (lib.glossaries_dir / "en.yaml").write_text(
        "language: en\nentries:\n  cat: 猫\n", encoding="utf-8"
    )
    known = lib.root / "known"
    known.mkdir()
    (known / "en.yaml").write_text("language: en\nwords:\n- the\n- sit\n- on\n", encoding="utf-8")
    app = app_for(lib)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        row = dict(zip((str(c.value) for c in table.columns), table.get_row("cats"), strict=True))
        # The, cat (a glossary term), sat (sit is known), on, the: 5 of 6 running words;
        # "mat" is the one unknown word.
        assert (row["Terms"], row["Known"], row["Unknown"]) == ("1", "83%", "1")
        await pilot.press("enter")
        await ready(pilot)
        (known / "en.yaml").write_text(
            "language: en\nwords:\n- the\n- sit\n- on\n- mat\n", encoding="utf-8"
        )
        await pilot.press("escape")
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        row = dict(zip((str(c.value) for c in table.columns), table.get_row("cats"), strict=True))
        assert (row["Known"], row["Unknown"]) == ("100%", "0")


async def test_at_80x24_a_long_title_keeps_most_of_the_row(library: Library) -> None:
    long_title = "The Economist obituary of a Chinese translator of Shakespeare and Dickens"
    doc = library.load_document("plain")
    from dataclasses import replace

    library.save_document(replace(doc, title=long_title))
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        title = str(table.get_row("plain")[0])
        assert len(title) >= 40 and long_title.startswith(title.rstrip("…"))
        columns = [str(c.value) for c in table.columns]
        # What gives way first: when it was opened, the terms count, the length.
        assert columns == ["Title", "Languages", "Known", "Unknown", "Progress"]
        assert [str(c.label) for c in table.columns.values()][1] == "Langs"
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80
    async with app_for(library).run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert len(pilot.app.screen.query_one(DataTable).columns) == 8


async def test_glossaries_are_read_after_the_first_frame_then_mark_the_library(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(Vocabulary, "reload_changed", gate.wrap(Vocabulary.reload_changed))
    vocabulary = Vocabulary(library.root, load=False)  # as `reader read` builds it
    app = make_app(library, vocabulary, Settings(), watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gate.reached.is_set)
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 2)
        assert isinstance(app.screen, LibraryScreen)  # listed while the glossaries wait
        assert not vocabulary.languages()
        assert str(app.screen.query_one(DataTable).get_row("op-ed")[3]) == "…"
        gate.open()
        await ready(pilot)
        # stark, riddled with, nascent: counted once the glossary is in.
        assert str(app.screen.query_one(DataTable).get_row("op-ed")[3]) == "3"


async def test_a_document_shows_its_text_at_once_and_says_terms_are_being_marked(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(Vocabulary, "reload_changed", gate.wrap(Vocabulary.reload_changed))
    vocabulary = Vocabulary(library.root, load=False)
    app = make_app(library, vocabulary, Settings(), document_id="op-ed", watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gate.reached.is_set)
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        status = str(app.screen.query_one("#status", Static).render())
        assert "marking glossary terms…" in status
        assert "This is a stark reality." in str(app.screen.query_one("#view").render_line(2))
        gate.open()
        await ready(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert "marking" not in status and "terms in view" in status
        doc = app.screen.document
        found = app.marks.in_segment(doc, doc.segments[1])
        assert "stark" in {f.entry.term for f in found}  # marked once the glossary is in


async def test_counts_are_kept_for_the_next_start_until_a_glossary_changes(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.screens.library as library_screen

    async with app_for(library).run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert str(pilot.app.screen.query_one(DataTable).get_row("op-ed")[3]) == "3"

    def no_counting(*_args: object) -> None:
        raise AssertionError("counted again")

    real_count = library_screen.count
    monkeypatch.setattr(library_screen, "count", no_counting)
    async with app_for(library).run_test(size=SIZE) as pilot:
        await ready(pilot)  # every row from the kept counts
        assert str(pilot.app.screen.query_one(DataTable).get_row("op-ed")[3]) == "3"
    glossary = library.glossaries_dir / "en.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "  swiftly: 迅速地\n", encoding="utf-8"
    )
    monkeypatch.setattr(library_screen, "count", real_count)
    async with app_for(library).run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert str(pilot.app.screen.query_one(DataTable).get_row("op-ed")[3]) == "4"
