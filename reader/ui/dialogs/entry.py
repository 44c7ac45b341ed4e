"""Add or edit one glossary entry."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from reader.glossary import split_glosses
from reader.model import STATUSES, Entry
from reader.safetext import visible
from reader.ui.dialogs.base import Dialog
from reader.ui.shown import BidiInput, ShownStatic, shown


class EntryDialog(Dialog):
    """Add or edit one entry, with the sentence it was met in and its translation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="dialog_save", tooltip="Save and close"
        ),
    ]

    def __init__(
        self,
        entry: Entry,
        *,
        source: str,
        target: str,
        where: str,
        new: bool,
        bidi: bool = True,
    ) -> None:
        super().__init__()
        self.bidi = bidi
        self.entry = entry
        self.source = source
        self.target = target
        self.where = where
        self.new = new

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(id="entry-dialog", classes="dialog"):
            yield Label("Add to glossary" if self.new else "Edit entry", classes="dialog-title")
            yield Label("Term", classes="field-label")
            yield BidiInput(visible(e.term), bidi=self.bidi, id="term")
            yield Label("Glosses (separate with ;)", classes="field-label")
            yield BidiInput(
                visible("; ".join(e.glosses)),
                bidi=self.bidi,
                id="glosses",
                placeholder="meaning; another meaning",
            )
            with Horizontal(classes="field-row"):
                with Vertical():
                    yield Label("Reading", classes="field-label")
                    yield Input(visible(e.reading), id="reading", placeholder="pinyin, IPA …")
                with Vertical():
                    yield Label("Status", classes="field-label")
                    yield Select(
                        [(s, s) for s in STATUSES], value=e.status, allow_blank=False, id="status"
                    )
            yield Label("Note", classes="field-label")
            yield BidiInput(visible(e.note), bidi=self.bidi, id="note")
            context = f"[b]{shown(self.source)}[/b]"
            if self.target:
                context += f"\n{shown(self.target)}"
            context += f"\n[dim]{shown(self.where)} · {shown(e.lang)}[/dim]"
            yield ShownStatic(context, bidi=self.bidi, id="context")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        # Adding: the term is usually right, the gloss is what is missing.
        self.query_one("#glosses" if self.new and self.entry.term else "#term", Input).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        term = " ".join(self.query_one("#term", Input).value.split())
        if not term:
            self.notify("The term cannot be empty.", severity="error")
            self.query_one("#term", Input).focus()
            return
        status = str(self.query_one("#status", Select).value)
        entry = replace(
            self.entry,
            term=term,
            glosses=split_glosses(self.query_one("#glosses", Input).value),
            reading=self.query_one("#reading", Input).value.strip(),
            note=self.query_one("#note", Input).value.strip(),
            status=status,
            level=self.entry.level if status == "learning" else None,
        )
        self.dismiss(entry)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
