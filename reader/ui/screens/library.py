"""The library screen: every document with its languages, length, terms, how much of it the
learner knows, and progress.

Nothing is read on the UI thread: the screen draws at once, a worker reads the documents and
hands them over in batches (a library of a thousand documents lists in a few seconds and
shows its first rows at once), then counts what needs matching every paragraph (glossary
entries found, share of running words known, unknown words), keeping the counts of a
document until it, the glossaries or the known words change. A document that does not load
is one row with its error; the others open.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.ui.messages import EntriesChanged, GlossaryFilesTouched, OpenDocument, ShowGlossary
from reader.ui.session import Session
from reader.ui.shown import shown
from reader.ui.viewmodel.library_rows import (
    Counts,
    CountsCache,
    Row,
    broken,
    count,
    fingerprint,
    fitting_columns,
    word_count,
)
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.typeahead import type_into_filter
from reader.ui.workers import thread_work

# The worker hands the first screenful over at once, then the rest every HAND_OVER_S: each
# hand-over waits for the UI thread and costs a repaint of the table.
FIRST_BATCH = 50
HAND_OVER_S = 0.5


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
        self.listing = False  # the worker is still reading documents
        self.total = 0  # documents the library holds, as the worker found them
        self._scan = 0  # which scan the batches arriving belong to
        self._columns: tuple[str, ...] = ()
        self._title_width = 0
        self._want: str | None = None  # the document the cursor goes to once listed
        self._incoming: list[Row] = []  # the rows of the listing under way
        self._progressive = True

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield Input(placeholder="Type to filter documents", id="filter", select_on_focus=False)
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static(id="library-status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.reload()

    def on_resize(self) -> None:
        self.fill()

    def on_screen_resume(self) -> None:
        # Back from reading: progress and "last opened" changed, maybe the document too.
        self.reload()

    def reload(self) -> None:
        """Read the library again in the worker; the rows shown stay until it hands over."""
        library = self.session.library
        self.query_one("#library-title", Static).update(
            f"[b]{shown(library.name)}[/b] [dim]· Enter: read · type to filter · i: import[/dim]"
        )
        self._scan += 1
        self._progressive = not self.rows
        self._want = self._want or self.selected_id()
        self.listing = True
        self._status()
        # After the next frame: reading documents holds the GIL, the screen must not wait.
        self.call_after_refresh(self.list_documents, self._scan)

    @thread_work(exclusive=True, group="library")
    def list_documents(self, scan: int) -> None:
        library = self.session.library
        worker = get_current_worker()
        try:
            ids = library.document_ids()
        except ReaderError as exc:
            self.app.call_from_thread(self._listed, scan, [], 0, True, str(exc))
            return
        self.app.call_from_thread(self._found, scan, len(ids))
        batch: list[Row] = []
        handed = time.monotonic()
        first = True
        for doc_id in ids:
            if worker.is_cancelled:
                return
            try:
                doc = library.load_document(doc_id)
            except ReaderError as exc:
                batch.append(broken(doc_id, exc))
            else:
                batch.append(Row(doc_id, doc, word_count(doc)))
            if (first and len(batch) >= FIRST_BATCH) or time.monotonic() - handed > HAND_OVER_S:
                self.app.call_from_thread(self._listed, scan, batch, len(ids), first)
                batch, first, handed = [], False, time.monotonic()
        self.app.call_from_thread(self._listed, scan, batch, len(ids), first, None, True)

    def _found(self, scan: int, total: int) -> None:
        if scan == self._scan and self.is_attached:
            self.total = total
            self._status()

    def _listed(
        self,
        scan: int,
        batch: list[Row],
        total: int,
        first: bool,
        error: str | None = None,
        last: bool = False,
    ) -> None:
        if scan != self._scan or not self.is_attached:
            return
        self.total = total
        state, counted = self.session.state, self.session.library_counts
        known = self.session.known_version()
        fresh = []
        for row in batch:
            if row.document is not None:
                doc_state = state.get(self.session.state_key(row.document))
                row = Row(
                    row.id,
                    row.document,
                    row.words,
                    counted.get(self._count_key(row.id, known)),
                    doc_state.progress,
                    doc_state.last_opened,
                )
            fresh.append(row)
        if first:
            self._incoming = []
        self._incoming.extend(fresh)
        if self._progressive:  # the first listing: rows appear as they are read
            if first:
                self.rows = list(fresh)
                self.fill()
            else:
                self.rows.extend(fresh)
                self._add_rows(fresh)
        elif last:  # listing again: the rows shown stay until the new list is whole
            self.rows = self._incoming
            self.fill()
        if error is not None:
            self.rows = [Row("documents", None, error=error, problem=error)]
            self.fill()
        if self._want is not None and self._want in self.query_one(DataTable).rows:
            self.select(self._want)
            self._want = None
        if last or error is not None:
            self.listing = False
            self.count_documents(scan)
        self._status()

    def _count_key(self, doc_id: str, known: object) -> tuple[object, ...]:
        # Counts stay valid while the document file, the glossaries and the known words
        # are as they were counted.
        library, marks = self.session.library, self.session.marks
        return (doc_id, library.digest(doc_id), marks.version, known)

    @thread_work(exclusive=True, group="counts")
    def count_documents(self, scan: int) -> None:
        from reader.known import load_known

        worker = get_current_worker()
        root = self.session.library.root
        known: dict[str, object] = {}

        def known_for(lang: str):  # type: ignore[no-untyped-def]
            if lang not in known:
                try:
                    known[lang] = load_known(root, lang)
                except ReaderError:
                    known[lang] = None  # a broken file: `reader check` names it
            return known[lang]

        while not self.session.glossaries_ready.wait(0.1):  # read after the first frame
            if worker.is_cancelled:
                return
        marks = self.session.marks
        counted = self.session.library_counts
        todo = [(r.id, r.document) for r in self.rows if r.document is not None]
        known_key = self.session.known_version()
        kept = CountsCache(root)
        kept.load()
        # What every count depends on besides its document, for the counts kept on disk.
        depends = fingerprint(
            [f.path.name + ":" + f.digest for f in self.session.vocabulary.files]
            + [f"{n}:{size}:{mtime}" for n, size, mtime in known_key]
            + [f"{e.lang}:{e.term}" for e in marks.extra_entries]  # a file read outside
        )
        used: set[str] = set()
        batch: dict[str, Counts] = {}
        handed = time.monotonic()
        for doc_id, doc in todo:
            if worker.is_cancelled:
                return
            key = self._count_key(doc_id, known_key)
            disk_key = f"{self.session.library.digest(doc_id)}:{depends}"
            used.add(disk_key)
            if key in counted or doc is None:
                continue
            counts = kept.get(disk_key)
            if counts is None:
                counts = count(doc, marks, known_for)
                kept.put(disk_key, counts)
            if self.session.known_version() != known_key:
                return  # marked known meanwhile: the next run counts with them
            counted[key] = counts
            batch[doc_id] = counts
            if time.monotonic() - handed > HAND_OVER_S:
                self.app.call_from_thread(self._set_counts, scan, batch)
                batch, handed = {}, time.monotonic()
        if batch:
            self.app.call_from_thread(self._set_counts, scan, batch)
        kept.save(used)

    def _set_counts(self, scan: int, counted: dict[str, Counts]) -> None:
        if scan != self._scan or not self.is_attached:
            return
        table = self.query_one(DataTable)
        for i, row in enumerate(self.rows):
            counts = counted.get(row.id)
            if counts is None:
                continue
            self.rows[i] = row.with_counts(counts)
            if row.id in table.rows:  # else filtered out of the table right now
                cells = self.rows[i].cells("")
                for key in ("Terms", "Known", "Unknown"):
                    if key in self._columns:
                        table.update_cell(row.id, key, cells[key])
        self._status()

    def fill(self) -> None:
        """Build the table again: columns for the terminal's width, every row that
        matches the filter, the cursor kept on the document it was on."""
        table = self.query_one(DataTable)
        selected = self.selected_id()
        columns, title_width = fitting_columns(self.app.size.width or 120)
        keys = tuple(c.key for c in columns)
        if keys != self._columns or title_width != self._title_width:
            table.clear(columns=True)
            for column in columns:
                width = title_width if column.key == "Title" else column.width
                # A Text, not a str, which the table would read as markup (with emoji codes).
                table.add_column(Text(column.header), key=column.key, width=width)
            self._columns, self._title_width = keys, title_width
        else:
            table.clear()
        self._add_rows(self.rows)
        if selected is not None:
            self.select(selected)
        self._status()

    def _add_rows(self, rows: list[Row]) -> None:
        table = self.query_one(DataTable)
        query = self.query_one("#filter", Input).value
        display = self.session.display_cell  # a cell is markup: escaped, controls made visible
        for row in rows:
            if row.matches(query):
                cells = row.cells(display(row.title, self._title_width))
                table.add_row(*(cells[key] for key in self._columns), key=row.id)

    def _status(self) -> None:
        table = self.query_one(DataTable)
        total = self.total or len(self.rows)
        if self.listing:
            status = f"Reading the library… {len(self._incoming):,} of {total:,} documents"
        elif not self.rows:
            status = (
                f"No documents in {self.session.library.root} yet: press i to import a "
                "text, or run `reader import FILE`."
            )
        else:
            status = f"{table.row_count:,} of {len(self.rows):,} documents"
            waiting = sum(1 for r in self.rows if r.document is not None and r.counts is None)
            if waiting:
                status += f" · counting known words… {waiting:,} to go"
        broken = sum(1 for r in self.rows if r.document is None)
        if broken:
            status += f" · {broken} not readable (marked ⚠; `reader check` says more)"
        self.query_one("#library-status", Static).update(status)

    @on(EntriesChanged)
    def _entries_changed(self) -> None:
        if self.is_mounted and not self.listing:
            self.count_documents(self._scan)

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
        listed = next((r for r in self.rows if r.id == doc_id), None)
        if listed is not None and listed.error is not None:
            self.notify(listed.error, title="Not readable", severity="error", timeout=10)
            return
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

    def import_file(self, path: Path, translation: Path | None) -> None:
        """Import with a bar in a worker; Cancel stops it before anything is written."""
        from functools import partial

        from reader.ui.dialogs.progress import Finished, ProgressDialog
        from reader.ui.imports import import_to_library

        def done(finished: Finished | None) -> None:
            if finished is None or finished.cancelled:
                self.notify("Import cancelled: nothing was written.", timeout=4)
            elif finished.error is not None:
                self.notify(str(finished.error), title="Not imported", severity="error", timeout=10)
            else:
                self._imported(finished.result)

        work = partial(import_to_library, self.session.library, path, translation)
        self.app.push_screen(ProgressDialog(f"Importing {path.name}", work), done)

    def _imported(self, doc_id: str) -> None:
        self.post_message(GlossaryFilesTouched())  # the import may have written a glossary
        self._want = doc_id
        self.reload()
        self.notify(f"Imported “{doc_id}”.", timeout=3)

    def action_glossary(self) -> None:
        self.post_message(ShowGlossary(None))

    def action_export(self) -> None:
        from reader.ui.dialogs.export import ExportDialog

        root = self.session.library.root
        self.app.push_screen(ExportDialog(root, decks_dir=self.session.settings.decks_dir(root)))
