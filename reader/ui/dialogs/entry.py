"""Add or edit one glossary entry."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Input, Label, Select, Static

from reader.glossary import split_glosses
from reader.model import STATUSES, Entry
from reader.ui.dialogs.base import Dialog


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
        target_mark: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.target_mark = target_mark  # the gloss's counterpart in the translation
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
            yield Input(e.term, id="term")
            yield Label("Glosses (separate with ;)", classes="field-label")
            yield Input("; ".join(e.glosses), id="glosses", placeholder="meaning; another meaning")
            with Horizontal(classes="field-row"):
                with Vertical():
                    yield Label("Reading", classes="field-label")
                    yield Input(e.reading, id="reading", placeholder="pinyin, IPA …")
                with Vertical():
                    yield Label("Status", classes="field-label")
                    yield Select(
                        [(s, s) for s in STATUSES], value=e.status, allow_blank=False, id="status"
                    )
            yield Label("Note", classes="field-label")
            yield Input(e.note, id="note")
            context = f"[b]{escape(self.source)}[/b]"
            if self.target:
                context += f"\n{_marked(self.target, self.target_mark)}"
            context += f"\n[dim]{escape(self.where)} · {escape(e.lang)}[/dim]"
            yield Static(context, id="context")
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


def _marked(text: str, span: tuple[int, int] | None) -> str:
    """`text` as markup, the span (a dictionary gloss found in the translation) in reverse."""
    if span is None or not 0 <= span[0] < span[1] <= len(text):
        return escape(text)
    start, end = span
    return f"{escape(text[:start])}[reverse]{escape(text[start:end])}[/]{escape(text[end:])}"
