"""Snapshots of the main screens at a fixed size, on the seeds (pytest-textual-snapshot).

Regenerate after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at every changed picture in snapshot_report.html before committing.
"""

from __future__ import annotations

import pytest
from seedfiles import all_seeds
from test_ui_screens import ready
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reader.importers.store import import_into
from reader.library import Library
from reader.settings import Settings
from reader.ui.app import ReaderApp, make_app
from reader.vocabulary import Vocabulary

OP_ED = "002_3fb843373e1af618"
SIZE = (120, 36)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(tmp_path_factory.mktemp("snapshots") / "seeds")
    for path in all_seeds():
        import_into(lib, path, today="2025-06-01")
    return lib


def app_for(library: Library, document_id: str | None = None) -> ReaderApp:
    return make_app(
        library,
        Vocabulary(library.root),
        Settings(theme="textual-dark"),
        document_id=document_id,
        watch_interval=0,
    )


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Let all background work finish, freeze cursors and take away timed notices, so the
    picture does not depend on timing: a toast ("Layout: interleaved") is on screen or gone
    depending on how long the machine took to get here."""
    app = pilot.app
    await ready(pilot)
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    app.clear_notifications()
    await ready(pilot)


def keys(*presses: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await pilot.pause()
        await pilot.press(*presses)
        await settle(pilot)

    return run


def test_library(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(library), terminal_size=SIZE, run_before=keys())


def test_op_ed_side_by_side(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    # Third paragraph, second sentence: its counterpart is highlighted on the right.
    assert snap_compare(
        app_for(library, OP_ED), terminal_size=SIZE, run_before=keys("J", "J", "J", "j")
    )


def test_op_ed_interleaved(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(library, OP_ED), terminal_size=SIZE, run_before=keys("v", "J"))


def test_op_ed_self_test_revealed(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        app_for(library, OP_ED), terminal_size=SIZE, run_before=keys("v", "v", "J", "space")
    )


def test_notes_panel_on_a_term(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    # The paragraph noting "power is concentrated", "level" and "a level playing field".
    async def run(pilot: Pilot) -> None:  # type: ignore[type-arg]
        screen = pilot.app.screen
        index = next(
            i
            for i, seg in enumerate(screen.document.segments)
            if "playing field" in seg.source.text
        )
        screen.go_to_paragraph(index)
        await pilot.press("w", "w")
        await settle(pilot)

    assert snap_compare(app_for(library, OP_ED), terminal_size=SIZE, run_before=run)


def test_add_dialog(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    # "a" on the word "extraordinary": the dialog shows its sentence and the aligned translation.
    async def run(pilot: Pilot) -> None:  # type: ignore[type-arg]
        screen = pilot.app.screen
        index = next(
            i
            for i, seg in enumerate(screen.document.segments)
            if "extraordinary technology" in seg.source.text
        )
        screen.go_to_paragraph(index)
        await pilot.press("j")
        for _ in range(30):
            await pilot.press("w")
            pick = screen.view.selection()
            if pick is not None and pick.text == "extraordinary":
                break
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(app_for(library, OP_ED), terminal_size=SIZE, run_before=run)


def test_glossary_screen(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(library, OP_ED), terminal_size=SIZE, run_before=keys("L"))
