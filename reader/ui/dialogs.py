"""Modal dialogs: add/edit a glossary entry, write a translation, search, import, export.

Each dialog is a ModalScreen that returns its result through `dismiss`; the caller does the
saving, so a dialog never touches a file and Escape always leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static, TextArea

from reader.glossary import split_glosses
from reader.model import STATUSES, Entry
from reader.normalize import normalize_pick

__all__ = ["normalize_pick"]  # still offered here while callers move to reader.normalize

# Terminal heights below which dialogs drop their field borders to fit.
COMPACT_BELOW = 34


class _Dialog(ModalScreen):  # type: ignore[type-arg]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            priority=True,
            id="dialog_cancel",
            tooltip="Close without saving anything",
        ),
    ]

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # Bordered fields take three rows each: in a 24-row terminal the add dialog would
        # lose its Save button and the context sentence below the screen edge.
        compact = self.app.size.height < COMPACT_BELOW
        for widget in self.query("Input, Select, Button"):
            widget.compact = compact  # type: ignore[attr-defined]
        self.set_class(compact, "-compact")

    def action_cancel(self) -> None:
        self.dismiss(None)


class EntryDialog(_Dialog):
    """Add or edit one entry, with the sentence it was met in and its translation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="dialog_save", tooltip="Save and close"
        ),
    ]

    def __init__(self, entry: Entry, *, source: str, target: str, where: str, new: bool) -> None:
        super().__init__()
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
                context += f"\n{escape(self.target)}"
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


class TranslationDialog(_Dialog):
    """The learner's own translation of one paragraph; returns (text, language)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="dialog_save", tooltip="Save and close"
        ),
    ]

    def __init__(self, original: str, *, lang: str | None, default_lang: str) -> None:
        super().__init__()
        self.original = original
        self.lang = lang
        self.default_lang = default_lang

    def compose(self) -> ComposeResult:
        with Vertical(id="translation-dialog", classes="dialog"):
            yield Label("Your translation", classes="dialog-title")
            yield Static(escape(self.original), id="original")
            yield TextArea(id="translation", soft_wrap=True)
            if self.lang is None:
                yield Label("Language of your translation", classes="field-label")
                yield Input(self.default_lang, id="lang", placeholder="en, zh, nl …")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        lang = self.lang
        if lang is None:
            lang = self.query_one("#lang", Input).value.strip().lower()
        if not text:
            self.notify("Write the translation first (Escape to cancel).", severity="warning")
            return
        if not lang:
            self.notify("Give the language of your translation.", severity="error")
            return
        self.dismiss((text, lang))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class SearchDialog(_Dialog):
    """One line: the text to find in both languages. An empty search clears the hits."""

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Input(self.query_text, placeholder="Search both languages", id="query")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class ImportDialog(_Dialog):
    """A file to import (and optionally its translation); returns (path, translation)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a text", classes="dialog-title")
            yield Label("File", classes="field-label")
            yield Input(placeholder="path/to/text.txt", id="path")
            yield Label("Its translation, as a separate file (optional)", classes="field-label")
            yield Input(placeholder="path/to/translation.txt", id="translation-file")
            with Horizontal(classes="buttons"):
                yield Button("Import", variant="primary", id="import")
                yield Button("Cancel", id="cancel")

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


class ConfirmDialog(_Dialog):
    """A yes/no question; returns True or False (Escape is no)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="dialog_yes", tooltip="Yes, go ahead"),
        Binding("n", "answer(False)", "No", id="dialog_no", tooltip="No, leave it as it is"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(escape(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Yes", variant="primary", id="yes")
                yield Button("No", id="no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ExportDialog(_Dialog):
    """Export an Anki deck in a worker, with a progress bar and the summary at the end.

    The whole library, or only the entries of one document (`document_id`). The deck goes to
    `decks_dir` under the name `reader export` gives the same selection, so exporting from
    the app and from the command line update one deck and one export history.
    """

    def __init__(
        self, library_root: Path, document_id: str | None = None, *, decks_dir: Path
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.document_id = document_id
        self.decks_dir = decks_dir
        self.summary_lines: list[str] = []

    def compose(self) -> ComposeResult:
        what = f"“{self.document_id}”" if self.document_id else "the whole library"
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(f"Export Anki deck: {escape(what)}", classes="dialog-title")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("Building notes …", id="summary")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.export()

    @work(thread=True, exclusive=True)
    def export(self) -> None:
        from reader.errors import ReaderError
        from reader.export import export_deck
        from reader.export.deck import library_recipe
        from reader.library import Library

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        documents = [self.document_id] if self.document_id else []
        name = library_recipe(Library(self.library_root), documents).name
        try:
            summary = export_deck(
                self.library_root,
                documents=documents or None,
                output=self.decks_dir / f"{name}.apkg",
                progress=progress,
            )
        except ReaderError as exc:
            self.app.call_from_thread(self._show, ["Not exported", str(exc)], failed=True)
            return
        except OSError as exc:  # e.g. the decks folder cannot be made
            where = exc.filename or self.decks_dir
            self.app.call_from_thread(
                self._show, ["Not exported", f"{where}: {exc.strerror}"], failed=True
            )
            return
        self.app.call_from_thread(self._exported, summary.format_lines())

    def _exported(self, lines: list[str]) -> None:
        # A first export writes the entries' permanent ids into the glossary files; the app
        # must read them back, or its next save would be refused as a conflicting edit.
        reload = getattr(self.app, "check_glossaries", None)
        if reload is not None:
            reload()
        self._show(lines)

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done if total else 1)

    def _show(self, lines: list[str], *, failed: bool = False) -> None:
        self.summary_lines = lines
        bar = self.query_one(ProgressBar)
        if not failed and (bar.total is None or bar.progress < bar.total):
            bar.update(total=bar.total or 1, progress=bar.total or 1)
        text = "\n".join(escape(line) for line in lines)
        if failed:
            text = f"[b]{escape(lines[0])}[/b]\n" + "\n".join(escape(x) for x in lines[1:])
        self.query_one("#summary", Static).update(text)
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
