"""Panels beside the text: a new panel is a widget with `show(here)` and a line in PANELS.

The panel defined here is not one of the app's: it shows the word picked and how many
glossary entries the paragraph holds, as a dictionary panel would show a look-up."""

from __future__ import annotations

import pytest
from test_ui_screens import SIZE, app_for, ready, sample_library, word_cursor_on
from textual.app import ComposeResult
from textual.widgets import Static

from reader.library import Library
from reader.ui.session import Session
from reader.ui.widgets import panels
from reader.ui.widgets.panels import Here, Panel


class WordPanel(Panel):
    DEFAULT_CSS = "WordPanel { width: 20; height: 3; }"

    def __init__(self, session: Session) -> None:
        super().__init__(id="word-panel")
        self.session = session
        self.shown: list[Here] = []

    def compose(self) -> ComposeResult:
        yield Static(id="word")

    def show(self, here: Here) -> None:
        self.shown.append(here)
        word = here.pick.text if here.pick is not None else "–"
        self.query_one("#word", Static).update(f"{word} · {len(here.found)} found")


@pytest.fixture
def library(tmp_path) -> Library:  # type: ignore[no-untyped-def]
    return sample_library(tmp_path)


async def test_a_new_panel_is_shown_where_the_learner_is(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(panels, "PANELS", [*panels.PANELS, WordPanel])  # the registry line
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        panel = app.screen.query_one(WordPanel)
        assert panel.session is app.session
        await pilot.press("J")  # "This is a stark reality. Regulation is riddled with ..."
        await word_cursor_on(pilot, app, "stark")
        await ready(pilot)
        here = panel.shown[-1]
        assert here.pick is not None and here.pick.text == "stark"
        assert here.entry is not None and here.entry.term == "stark"
        assert {f.entry.term for f in here.found} == {"stark", "riddled with"}
        assert str(panel.query_one("#word", Static).render()) == "stark · 2 found"
        assert app.screen.query_one("#notes").display  # the notes panel is still there
