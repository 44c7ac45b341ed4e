"""The help screen: every key of the screen underneath, read from its bindings.

The list is built from the screen's bindings with the user's keymap applied
(`reader.ui.keys`), so it shows the keys as remapped and never drifts from the code. The id
column is what the config file's `keys:` section uses.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from reader.ui.keys import KeyHelp
from reader.ui.widgets.footer import ReaderFooter


class HelpScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q", "close", "Close", id="help_close", tooltip="Back to reading"
        ),
    ]

    def __init__(self, keys: list[KeyHelp], notes: str = "", legend: Text | None = None) -> None:
        super().__init__()
        self.keys = keys
        self.notes = notes
        self.legend = legend

    def compose(self) -> ComposeResult:
        yield Static(
            "[b]Keys[/b] · remap any of them in the config file: "
            '[b]keys: {id: "key,other-key"}[/b] (see the README)',
            id="help-title",
        )
        # A screen may explain what its keys work on (e.g. what the gutter marks mean);
        # kept beside its BINDINGS so it changes with them.
        if self.notes:
            yield Static(self.notes, id="help-notes")
        # What the colours of the screen underneath mean, drawn in those colours.
        if self.legend is not None:
            yield Static(self.legend, id="help-legend")
        yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        yield ReaderFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        rows = [(r.keys, r.text, r.binding_id) for r in self.keys]
        rows.append(
            (
                "ctrl+p",
                "Command palette: every action, go to a paragraph or entry",
                "command_palette",
            )
        )
        # The id is what a user copies into the config file, so it must stay on screen in a
        # narrow terminal: the explanation gives up its tail instead.
        keys_width = max(len(r[0]) for r in rows)
        id_width = max(len(r[2]) for r in rows)
        room = self.app.size.width - keys_width - id_width - 8
        table.add_column("Keys", width=keys_width)
        table.add_column("Action", width=max(24, min(room, max(len(r[1]) for r in rows))))
        table.add_column("Id", width=id_width)
        for keys, text, ident in rows:
            table.add_row(keys, text, ident)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
