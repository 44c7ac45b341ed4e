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
from reader.model import STATUSES, Entry, Segment
from reader.safetext import visible
from reader.study import checks
from reader.ui.dialogs.base import Dialog
from reader.ui.dialogs.confirm import ConfirmDialog
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
        picked: str | None = None,
        target_mark: tuple[int, int] | None = None,
        bidi: bool = True,
    ) -> None:
        super().__init__()
        self.target_mark = target_mark  # the gloss's counterpart in the translation
        self.bidi = bidi
        self.entry = entry
        self.source = source
        self.target = target
        self.where = where
        self.new = new
        # What the term is checked against before saving (`study.checks`): the text picked
        # when adding, the term as it was when editing.
        self.picked = entry.term if picked is None else picked

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
                context += f"\n{_marked(self.target, self.target_mark)}"
            context += f"\n[dim]{shown(self.where)} · {shown(e.lang)}[/dim]"
            yield ShownStatic(context, bidi=self.bidi, id="context")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        # Adding and editing alike: the glosses are what is typed, and a term is changed
        # only on purpose (a gloss typed into the term field renamed the entry).
        self.query_one("#glosses" if self.entry.term else "#term", Input).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        raw = self.query_one("#term", Input).value
        term = " ".join(raw.split())
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
        # An entry kept under its own term is not asked about again at every edit.
        unchanged = not self.new and term == self.entry.term
        doubts = [] if unchanged else checks.doubts(raw.strip(), self.picked)
        if not doubts:
            self.dismiss(entry)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(entry)
            else:
                self.query_one("#term", Input).focus()

        question = f"Save the term “{term}”? " + "; ".join(doubts) + "."
        self.app.push_screen(ConfirmDialog(question), answered)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def sentence_context(seg: Segment, sentence: int) -> tuple[str, str]:
    """A sentence of a segment's original and its aligned translation, for the dialog."""
    source = seg.source.sentences[sentence] if sentence < len(seg.source.sentences) else ""
    target = ""
    if seg.target is not None:
        target = seg.target.sep.join(seg.target.sentences[i] for i in seg.counterparts(sentence))
    return source, target


def _marked(text: str, span: tuple[int, int] | None) -> str:
    """`text` as markup, the span (a dictionary gloss found in the translation) in reverse."""
    if span is None or not 0 <= span[0] < span[1] <= len(text):
        return shown(text)
    start, end = span
    return f"{shown(text[:start])}[reverse]{shown(text[start:end])}[/]{shown(text[end:])}"
