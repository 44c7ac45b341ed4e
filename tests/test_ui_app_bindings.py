"""Every key of every screen: an id to remap it, words to explain it, a row on the help screen,
and every action in the command palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_screens import app_for, ready, sample_library, view_of
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable

from reader.library import Library
from reader.ui.app import ReaderApp
from reader.ui.app import ScreenActions as ReaderCommands
from reader.ui.dialogs import (
    ConfirmDialog,
    EntryDialog,
    ExportDialog,
    ImportDialog,
    SearchDialog,
    TranslationDialog,
)
from reader.ui.screens.glossary import GlossaryScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.vocabulary import Vocabulary

SIZE = (120, 36)
SCREENS = [ReaderApp, LibraryScreen, ReadingScreen, GlossaryScreen, HelpScreen]
DIALOGS = [EntryDialog, TranslationDialog, SearchDialog, ImportDialog, ConfirmDialog, ExportDialog]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


def bindings_of(cls: type) -> list[Binding]:
    """The class's own bindings and the ones it inherits from our base classes."""
    found: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("reader."):
            found += [b for b in klass.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    return found


@pytest.mark.parametrize("cls", SCREENS + DIALOGS, ids=lambda c: c.__name__)
def test_every_binding_has_an_id_and_words(cls: type) -> None:
    bindings = bindings_of(cls)
    assert bindings, f"{cls.__name__} has no bindings of its own"
    for binding in bindings:
        assert binding.id, f"{cls.__name__}: {binding.key} -> {binding.action} has no id"
        assert binding.description, f"{cls.__name__}: {binding.id} has no description"
        if binding.show:  # in the footer: the tooltip says more than the one word there
            assert binding.tooltip, f"{cls.__name__}: {binding.id} has no tooltip"


def test_ids_name_one_action_each() -> None:
    """A keymap entry remaps one thing: an id never means two different actions."""
    meaning: dict[str, tuple[str, str]] = {}
    for cls in SCREENS + DIALOGS:
        for binding in bindings_of(cls):
            assert binding.id is not None
            seen = meaning.setdefault(binding.id, (binding.action, cls.__name__))
            assert seen[0] == binding.action, (
                f"id {binding.id!r}: {seen[0]} in {seen[1]}, {binding.action} in {cls.__name__}"
            )


def help_rows(app: ReaderApp) -> dict[str, tuple[str, str]]:
    table = app.screen.query_one(DataTable)
    return {
        str(table.get_row(k)[2]): (str(table.get_row(k)[0]), str(table.get_row(k)[1]))
        for k in table.rows
    }


async def open_help(pilot) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    await pilot.press("question_mark")
    await ready(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    rows = help_rows(pilot.app)
    await pilot.press("escape")
    await ready(pilot)
    return rows


def expect_listed(rows: dict[str, tuple[str, str]], *classes: type) -> None:
    for cls in classes:
        for binding in bindings_of(cls):
            assert binding.id in rows, f"{binding.id} ({cls.__name__}) missing from help"
            keys, description = rows[binding.id]
            assert description.startswith(binding.description)
            if binding.tooltip:
                assert binding.tooltip in description
            assert keys  # at least one key shown


async def test_help_lists_every_binding_of_every_screen(library: Library) -> None:
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        expect_listed(await open_help(pilot), LibraryScreen, ReaderApp)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        expect_listed(await open_help(pilot), ReadingScreen, ReaderApp)
        await pilot.press("L")
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        expect_listed(await open_help(pilot), GlossaryScreen, ReaderApp)
        assert isinstance(app.screen, GlossaryScreen)


async def test_help_shows_keys_as_remapped(library: Library) -> None:
    app = app_for(library, "op-ed", keys={"align_merge": "ctrl+g", "add_entry": "a,plus"})
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        rows = await open_help(pilot)
        assert rows["align_merge"][0] == "ctrl+g"
        assert rows["add_entry"][0] == "a, +"


async def palette_options(pilot, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one("#--input Input").value = query
    await pilot.pause(0.4)
    await ready(pilot)
    options = palette.query_one(CommandList)
    # A prompt is the hit's text, then its help on a second line.
    return [
        str(options.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(options.option_count)
    ]


async def test_palette_offers_every_action_that_works_here(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        provider = ReaderCommands(screen)
        offered = {str(hit.display) async for hit in provider.discover()}
        for binding in bindings_of(ReadingScreen):
            if binding.action == "reveal":  # only in the self-test layout
                assert binding.description not in offered
                continue
            if binding.action.startswith(("contents", "chapter")):  # a text without headings
                assert binding.description not in offered
                continue
            assert binding.description in offered, binding.id
        await pilot.press("v", "v")  # self-test: now Reveal makes sense
        offered = {str(hit.display) async for hit in provider.discover()}
        assert "Reveal" in offered


async def test_palette_runs_an_action_and_jumps_to_entries_and_paragraphs(
    library: Library,
) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await ready(pilot)
        options = await palette_options(pilot, "riddled")
        assert any(o.startswith("Glossary: riddled with — 充满") for o in options), options
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert view_of(app).cursor().segment == 1

        await pilot.press("ctrl+p")
        await ready(pilot)
        options = await palette_options(pilot, "4")
        assert options[0].startswith("Go to paragraph 4: The stakes are high.")
        await pilot.press("enter")
        await ready(pilot)
        assert view_of(app).cursor().segment == 3

        await pilot.press("ctrl+p")
        await ready(pilot)
        options = await palette_options(pilot, "Layout")
        assert options and options[0] == "Layout"
        await pilot.press("enter")
        await ready(pilot)
        assert view_of(app).mode == "interleaved"


async def test_palette_in_the_library_offers_its_actions(library: Library) -> None:
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        provider = ReaderCommands(app.screen)
        offered = {str(hit.display) async for hit in provider.discover()}
        assert {b.description for b in bindings_of(LibraryScreen)} <= offered
        await pilot.press("ctrl+p")
        await ready(pilot)
        options = await palette_options(pilot, "Import")
        assert "Import" in options
        await pilot.press("enter")
        await ready(pilot)
        from reader.ui.dialogs import ImportDialog as Dialog

        assert isinstance(app.screen, Dialog)
    Vocabulary(library.root)  # the library is untouched and still loads
