"""The library screen: every document with its languages, length, terms and progress.

Documents are listed at once from their files; the "terms" column (glossary entries found)
needs matching every paragraph, so it is filled in by a worker thread afterwards and a big
library opens as fast as a small one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from reader.errors import ReaderError
from reader.marks import entry_key
from reader.model import Document
from reader.ui.messages import EntriesChanged, GlossaryFilesTouched, OpenDocument, ShowGlossary
from reader.ui.session import Session
from reader.ui.shown import shown
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.typeahead import type_into_filter
from reader.ui.workers import thread_work

TITLE_WIDTH = 56
COLUMNS = ("Title", "Languages", "Length", "Terms", "Progress", "Last opened")


@dataclass(frozen=True)
class Row:
    """What the table shows of one document (and the text the filter searches)."""

    document: Document
    words: int
    terms: int | None
    progress: float
    last_opened: str | None

    @property
    def languages(self) -> str:
        doc = self.document
        return f"{doc.source_lang} → {doc.target_lang}" if doc.target_lang else doc.source_lang

    def cells(self, display: Callable[[str, int], str], title_width: int) -> tuple[str, ...]:
        return (
            display(self.document.title, title_width),
            self.languages,
            f"{self.words:,} words",
            "…" if self.terms is None else str(self.terms),
            f"{round(self.progress * 100)}%" if self.progress else "–",
            _ago(self.last_opened),
        )

    def matches(self, query: str) -> bool:
        words = query.casefold().split()
        text = f"{self.document.title} {self.document.id} {self.languages}".casefold()
        return all(w in text for w in words)


def word_count(doc: Document) -> int:
    """Words of the original; Chinese counts characters, as its readers do."""
    total = 0
    for seg in doc.segments:
        text = seg.source.text
        if doc.segment_lang(seg) in ("zh", "ja"):
            total += sum(1 for ch in text if not ch.isspace() and ch.isalnum())
        else:
            total += len(text.split())
    return total


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "never"
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    days = (datetime.now() - then).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 30:
        return f"{days} days ago"
    return then.date().isoformat()


class LibraryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open_document", tooltip="Read the selected document"),
        Binding("slash", "focus_filter", "Filter", id="filter", tooltip="Filter documents"),
        Binding("i", "import", "Import", id="import_file", tooltip="Import a file"),
        Binding(
            "L",
            "glossary",
            "Glossary",
            id="library_glossary",
            tooltip="Every glossary entry in the library",
        ),
        Binding("x", "export", "Export", id="library_export", tooltip="Export an Anki deck"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear_filter"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[Row] = []
        self.errors: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield Input(placeholder="Type to filter documents", id="filter", select_on_focus=False)
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static(id="library-status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self.reload()
        table.focus()

    def on_resize(self) -> None:
        if self.rows:
            self.fill()

    def on_screen_resume(self) -> None:
        # Back from reading: progress and "last opened" changed.
        self.reload()

    def reload(self) -> None:
        library = self.session.library
        self.query_one("#library-title", Static).update(
            f"[b]{shown(library.name)}[/b] [dim]· Enter: read · type to filter · i: import[/dim]"
        )
        old_terms = {row.document.id: row.terms for row in self.rows}
        rows: list[Row] = []
        self.errors = []
        for doc_id in library.document_ids():
            try:
                doc = library.load_document(doc_id)
            except ReaderError as exc:
                self.errors.append(str(exc))
                continue
            state = self.session.state.get(self.session.state_key(doc))
            rows.append(
                Row(doc, word_count(doc), old_terms.get(doc.id), state.progress, state.last_opened)
            )
        self.rows = rows
        self.fill()
        self.count_terms([row.document for row in rows], self.session.marks.version)

    def fill(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected_id()
        table.clear()
        query = self.query_one("#filter", Input).value
        # The other columns take about 62 cells; the title gets what is left.
        title_width = max(16, min(TITLE_WIDTH, (self.app.size.width or 120) - 62))
        for row in self.rows:
            if row.matches(query):
                table.add_row(
                    *row.cells(self.session.display_cell, title_width), key=row.document.id
                )
        if selected is not None:
            self.select(selected)
        status = f"{table.row_count} of {len(self.rows)} documents"
        if not self.rows:
            status = (
                f"No documents in {self.session.library.root} yet: press i to import a "
                "text, or run `reader import FILE`."
            )
        if self.errors:
            status += "\n" + "\n".join(f"[b]skipped:[/b] {shown(e)}" for e in self.errors)
        self.query_one("#library-status", Static).update(status)

    @thread_work(exclusive=True, group="terms")
    def count_terms(self, documents: list[Document], version: int) -> None:
        marks = self.session.marks
        for doc in documents:
            keys: set[str] = set()
            for seg in doc.segments:
                keys.update(entry_key(f.entry) for f in marks.in_segment(doc, seg))
            self.app.call_from_thread(self._set_terms, doc.id, len(keys))

    def _set_terms(self, doc_id: str, terms: int) -> None:
        self.rows = [
            Row(r.document, r.words, terms, r.progress, r.last_opened)
            if r.document.id == doc_id
            else r
            for r in self.rows
        ]
        table = self.query_one(DataTable)
        if doc_id in table.rows:  # else filtered out of the table right now
            table.update_cell(doc_id, "Terms", str(terms))

    @on(EntriesChanged)
    def _entries_changed(self) -> None:
        if self.is_mounted:
            self.count_terms([row.document for row in self.rows], self.session.marks.version)

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return str(key.value) if key.value is not None else None

    def select(self, doc_id: str) -> None:
        table = self.query_one(DataTable)
        if doc_id in table.rows:
            table.move_cursor(row=table.get_row_index(doc_id))

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        type_into_filter(self, event, "#filter", frozenset("iLxq?/"))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open(str(event.row_key.value))

    def action_open(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            self.open(doc_id)

    def open(self, doc_id: str) -> None:
        try:
            doc = self.session.library.load_document(doc_id)
        except ReaderError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.post_message(OpenDocument(doc))

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        if filt.value:
            filt.value = ""
        self.query_one(DataTable).focus()

    def action_import(self) -> None:
        from reader.ui.dialogs.importing import ImportDialog  # on first use: start-up stays lean

        def done(result: tuple[Path, Path | None] | None) -> None:
            if result is not None:
                self.import_file(*result)

        self.app.push_screen(ImportDialog(), done)

    @thread_work(exclusive=True, group="import")
    def import_file(self, path: Path, translation: Path | None) -> None:
        from reader.importers.store import import_into

        self.app.call_from_thread(self.notify, f"Importing {path.name} …", timeout=2)
        try:
            written = import_into(self.session.library, path, translation=translation)
        except ReaderError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Not imported", severity="error", timeout=10
            )
            return
        self.app.call_from_thread(self._imported, written.stem)

    def _imported(self, doc_id: str) -> None:
        self.post_message(GlossaryFilesTouched())  # the import may have written a glossary
        self.reload()
        self.select(doc_id)
        self.notify(f"Imported “{doc_id}”.", timeout=3)

    def action_glossary(self) -> None:
        self.post_message(ShowGlossary(None))

    def action_export(self) -> None:
        from reader.ui.dialogs.export import ExportDialog

        root = self.session.library.root
        self.app.push_screen(ExportDialog(root, decks_dir=self.session.settings.decks_dir(root)))
