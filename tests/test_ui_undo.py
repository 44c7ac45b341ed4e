"""One history in the app: u undoes the last change whatever it was, U and ctrl+r redo it,
and every notice names the change; saves run while the learner keeps typing."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from test_ui_screens import (
    SIZE,
    app_for,
    bilingual_document,
    notes_text,
    notices,
    ready,
    sample_library,
    status_text,
    view_of,
    word_cursor_on,
)
from textual.widgets import DataTable

import reader.glossary
from reader.library import Library
from reader.model import Link
from reader.ui.dialogs import EntryDialog
from reader.ui.screens.help import HelpScreen
from reader.vocabulary import Vocabulary


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


def links_on_disk(library: Library) -> tuple[Link, ...]:
    return library.load_document("op-ed").segments[1].links


async def test_u_takes_back_a_repair_before_the_entry_added_earlier(library: Library) -> None:
    original = links_on_disk(library)
    merged = (Link((0, 1), (0, 1), None, True),)
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J")  # "This is a stark reality. Regulation is riddled with uncertainty."
        await word_cursor_on(pilot, app, "uncertainty")
        await pilot.press("a")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"不确定性", "enter")
        await ready(pilot)
        assert Vocabulary(library.root).find("uncertainty", "en")
        await pilot.press("M")  # the second sentence's link joins the first
        await ready(pilot)
        assert links_on_disk(library) == merged

        await pilot.press("u")
        await ready(pilot)
        assert links_on_disk(library) == original  # the repair, not the entry
        assert Vocabulary(library.root).find("uncertainty", "en")
        assert view_of(app).document.segments[1].links == original
        assert notices(app)[-1].message == (
            "Undone: alignment repair (merge with the previous link) in ¶ 2."
        )
        await pilot.press("u")
        await ready(pilot)
        assert not Vocabulary(library.root).find("uncertainty", "en")
        assert notices(app)[-1].message == "Undone: added “uncertainty”."

        await pilot.press("U")
        await ready(pilot)
        assert Vocabulary(library.root).find("uncertainty", "en")
        assert notices(app)[-1].message == "Redone: added “uncertainty”."
        await pilot.press("ctrl+r")
        await ready(pilot)
        assert links_on_disk(library) == merged
        assert view_of(app).document.segments[1].links == merged
        assert notices(app)[-1].message.startswith("Redone: alignment repair")
        await pilot.press("ctrl+r")
        await ready(pilot)
        assert notices(app)[-1].message == "Nothing to redo."


async def test_undo_and_redo_keys_are_listed_and_remappable(library: Library) -> None:
    app = app_for(library, "op-ed", keys={"redo": "ctrl+y"})
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await ready(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = {str(table.get_row(k)[2]): str(table.get_row(k)[0]) for k in table.rows}
        assert rows["undo"] == "u, ctrl+z" and rows["redo"] == "ctrl+y"
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("u")
        await ready(pilot)
        assert notices(app)[-1].message == "Nothing to undo."
        await pilot.press("ctrl+y")
        await ready(pilot)
        assert notices(app)[-1].message == "Nothing to redo."


def large_glossary(entries: int) -> str:
    lines = ["language: en", "entries:", "  stark: 严峻的；明显的"]
    lines += [f"  word{n:05d}: 词{n}" for n in range(entries)]
    return "\n".join(lines) + "\n"


async def test_typing_goes_on_while_a_large_glossary_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "library")
    library.save_document(bilingual_document())
    library.glossaries_dir.mkdir(parents=True)
    path = library.glossaries_dir / "en.yaml"
    path.write_text(large_glossary(50_000), encoding="utf-8")
    # The save is made observable: it starts, then waits for the test to let it go on.
    started, go_on = threading.Event(), threading.Event()
    add_entry = reader.glossary.add_entry

    def held(gf, entry):  # type: ignore[no-untyped-def]
        started.set()
        assert go_on.wait(60)
        return add_entry(gf, entry)

    monkeypatch.setattr(reader.glossary, "add_entry", held)
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J", "J")  # "Technology moves swiftly. ..."
        await word_cursor_on(pilot, app, "Technology")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"科技", "enter")
        assert await asyncio.to_thread(started.wait, 60)  # the save of 50,001 entries runs
        try:
            # Keys typed meanwhile land: moves, and a search typed into its dialog.
            await pilot.press("J")
            assert view_of(app).cursor().segment == 3
            assert "¶ 4/4" in status_text(app)
            await pilot.press("slash", *"stakes", "enter")
            await pilot.pause()
            assert "/stakes: 1/1" in status_text(app)
            await pilot.press("k")
            assert view_of(app).cursor().segment == 2
            assert app.busy and "technology" not in path.read_text(encoding="utf-8")[-200:]
        finally:
            go_on.set()
        await ready(pilot)
        assert Vocabulary(library.root).find("technology", "en")[0].glosses == ("科技",)
        assert notices(app)[-1].message == "Added “technology”."
        assert "technology" in notes_text(app)  # and marked in the paragraph read
