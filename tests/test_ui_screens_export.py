"""Pilot tests of `x`: an Anki deck exported from the reading and library screens."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from test_ui_screens import app_for, notices, ready, record_notices, sample_library, word_cursor_on
from textual.widgets import ProgressBar, Static

from reader.library import Library
from reader.model import Context, Entry
from reader.ui.dialogs import ExportDialog
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.vocabulary import Vocabulary

SIZE = (120, 36)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


def summary_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#summary", Static).render())


def deck_path(summary: str) -> Path:
    found = re.search(r"to (/\S+\.apkg)", summary)
    assert found, summary
    return Path(found.group(1))


def notes_in(deck: Path) -> int:
    """Notes in an .apkg, read from its collection (the format Anki imports)."""
    with zipfile.ZipFile(deck) as z:
        name = next(n for n in ("collection.anki21", "collection.anki2") if n in z.namelist())
        data = z.read(name)
    scratch = deck.with_suffix(".check.db")
    scratch.write_bytes(data)
    try:
        with sqlite3.connect(scratch) as db:
            return int(db.execute("select count(*) from notes").fetchone()[0])
    finally:
        scratch.unlink()


async def export_and_wait(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("x")
    await ready(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_x_in_the_reading_screen_exports_this_document(library: Library) -> None:
    # An entry noted in another document and absent from this one stays out of its deck.
    Vocabulary(library.root).add(
        Entry("plain", "en", ("朴素的",), context=Context("plain", "x", 0))
    )
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await export_and_wait(pilot)
        assert isinstance(app.screen, ExportDialog)
        summary = summary_of(app)
        assert summary.startswith("Wrote 3 notes")
        assert "first export of this recipe: 3 new" in summary
        bar = app.screen.query_one(ProgressBar)
        assert bar.total == 3 and bar.progress == 3
        deck = deck_path(summary)
        assert deck.parent == library.root / "decks"
        assert "op-ed" in deck.name
        await pilot.press("enter")  # Close has the focus
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
    assert deck.is_file()
    assert notes_in(deck) == 3


async def test_x_in_the_library_exports_everything_and_compares_with_last_time(
    library: Library, tmp_path: Path
) -> None:
    app = app_for(library, decks=str(tmp_path / "my-decks"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await export_and_wait(pilot)
        first = summary_of(app)
        deck = deck_path(first)
        assert deck.parent == tmp_path / "my-decks"
        assert first.startswith("Wrote 3 notes")
        await pilot.press("escape")
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)

        # A new entry, then export again: the summary compares with the first export.
        await pilot.press("enter")
        await ready(pilot)
        await pilot.press("J", "J")
        await word_cursor_on(pilot, app, "Technology")
        await pilot.press("a")
        await ready(pilot)
        await pilot.press(*"科技", "enter")
        await ready(pilot)
        await pilot.press("escape")
        await ready(pilot)
        await export_and_wait(pilot)
        again = summary_of(app)
        assert deck_path(again) == deck
        assert again.startswith("Wrote 4 notes")
        assert "against the previous export: 1 new, 0 changed, 3 unchanged" in again
    assert notes_in(deck) == 4


async def test_a_failed_export_is_one_line_on_screen_and_writes_nothing(
    library: Library, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = app_for(library, "op-ed", decks=str(blocker / "decks"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await export_and_wait(pilot)
        summary = summary_of(app)
        assert summary.startswith("Not exported")
        assert str(blocker) in summary
        assert "Traceback" not in summary
    assert blocker.read_text(encoding="utf-8") == "not a folder"


async def test_x_on_a_file_opened_outside_the_library_explains_instead(
    library: Library, tmp_path: Path
) -> None:
    from reader.importers import import_file
    from reader.settings import Settings
    from reader.ui.app import make_app

    story = tmp_path / "story.txt"
    story.write_text("A story.\n\nIt is stark and short.\n", encoding="utf-8")
    document = import_file(story).document
    app = make_app(
        library, Vocabulary(library.root), Settings(), document=document, watch_interval=0
    )
    record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert any("not in the library" in n.message for n in notices(app))
    assert not (library.root / "decks").exists()


async def test_in_a_browser_the_deck_is_offered_as_a_download(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Served to a browser (`reader serve`), the deck written on the server reaches the
    # learner through the Download button: Textual's deliver_binary sends it to the browser.
    app = app_for(library, "op-ed")
    delivered: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(
        app,
        "deliver_binary",
        lambda path, **kw: delivered.append((Path(path), kw.get("save_filename"))),
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await export_and_wait(pilot)
        deck = deck_path(summary_of(app))
        download = app.screen.query_one("#download")
        assert download.display and not download.disabled
        assert app.screen.focused is download
        await pilot.press("enter")
        assert delivered == [(deck, deck.name)]


async def test_in_a_terminal_there_is_no_download_button(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await export_and_wait(pilot)
        assert not app.screen.query_one("#download").display
