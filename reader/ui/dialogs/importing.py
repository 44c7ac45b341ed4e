"""A file to import, and optionally its translation."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from reader.ui.dialogs.base import Dialog


class ImportDialog(Dialog):
    """A file to import (and optionally its translation); returns (path, translation)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a text", classes="dialog-title")
            # Served to a browser (`reader serve`), the app runs on another machine, and
            # textual-serve has no upload: the path is one on that machine.
            yield Label(
                "A path on the machine that runs `reader serve`: a browser cannot upload files.",
                id="server-paths",
                classes="field-label",
            )
            yield Label("File", classes="field-label")
            yield Input(placeholder="path/to/text.txt", id="path")
            yield Label("Its translation, as a separate file (optional)", classes="field-label")
            yield Input(placeholder="path/to/translation.txt", id="translation-file")
            with Horizontal(classes="buttons"):
                yield Button("Import", variant="primary", id="import")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#server-paths", Label).display = self.app.is_web

    @on(Button.Pressed, "#import")
    @on(Input.Submitted)
    def _submit(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        translation = self.query_one("#translation-file", Input).value.strip()
        if not raw:
            self.notify("Give the path of the file to import.", severity="error")
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self.notify(f"{path}: no such file", severity="error")
            return
        other = Path(translation).expanduser() if translation else None
        if other is not None and not other.is_file():
            self.notify(f"{other}: no such file", severity="error")
            return
        self.dismiss((path, other))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
