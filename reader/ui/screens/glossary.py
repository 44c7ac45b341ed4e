"""The glossary screen: every entry that applies to a document (or the library) in a table.

Occurrences need a pass of the matcher over the whole text, so they are counted in a worker
and filled in when ready; the table is usable at once.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from reader.errors import ReaderError
from reader.marks import document_languages, entry_key
from reader.model import Document, Entry
from reader.ui.messages import EntriesChanged
from reader.ui.session import Session
from reader.ui.shown import shown
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.typeahead import type_into_filter
from reader.ui.workers import thread_work

COLUMNS = ("Term", "Glosses", "Status", "Occurrences")


class GlossaryScreen(Screen[Entry | None]):
    """Returns the chosen entry (Enter): the reading screen jumps to its next occurrence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            "Back",
            id="glossary_close",
            tooltip="Clear the filter, then back to where you were",
        ),
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="glossary_filter",
            tooltip="Filter by term, gloss or status",
        ),
    ]

    def __init__(self, session: Session, document: Document | None) -> None:
        super().__init__()
        self.session = session
        self.document = document
        self.entries: list[Entry] = []
        self.occurrences: Counter[str] | None = None
        # Entry key -> the first document it occurs in, for jumping from the library.
        self.first_seen: dict[str, str] = {}
        self._widths: tuple[int, ...] | None = None

    def compose(self) -> ComposeResult:
        scope = f"“{self.document.title}”" if self.document else self.session.library.name
        yield Static(f"[b]Glossary[/b] · entries for {shown(scope)}", id="glossary-title")
        yield Input(
            placeholder="Type to filter: term, gloss or status",
            id="glossary-filter",
            select_on_focus=False,
        )
        yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield Static(id="glossary-status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.load()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.entries:
            self.fill()

    def _columns(self) -> None:
        """Fit the columns to the terminal: status and occurrences whole, the term and its
        glosses sharing what is left, so a narrow terminal cuts long glosses, not columns."""
        table = self.query_one(DataTable)
        fixed = len("learning 5") + len("Occurrences")
        room = max(24, (self.app.size.width or 120) - fixed - 2 * len(COLUMNS) - 2)
        longest_term = max((cell_len(e.term) for e in self.entries), default=4)
        longest_gloss = max((cell_len(e.gloss_text) for e in self.entries), default=7)
        term = max(4, min(longest_term, room * 45 // 100))
        glosses = max(7, min(longest_gloss, room - term))
        widths = (term, glosses, len("learning 5"), len("Occurrences"))
        if self._widths == widths:
            return
        self._widths = widths
        table.clear(columns=True)
        for name, width in zip(COLUMNS, widths):
            table.add_column(name, key=name, width=width)

    def load(self) -> None:
        marks = self.session.marks
        langs = (
            document_languages(self.document)
            if self.document is not None
            else sorted(marks.languages())
        )
        self.entries = [e for lang in langs for e in marks.entries(lang)]
        self.entries.sort(key=lambda e: (e.lang, e.term.casefold()))
        self.fill()
        self.count()

    def fill(self) -> None:
        self._columns()
        table = self.query_one(DataTable)
        table.clear()
        words = self.query_one("#glossary-filter", Input).value.casefold().split()
        shown = 0
        for e in self.entries:
            status = f"learning {e.level}" if e.status == "learning" and e.level else e.status
            text = f"{e.term} {e.gloss_text} {status} {e.note}".casefold()
            if not all(w in text for w in words):
                continue
            n = "…" if self.occurrences is None else str(self.occurrences.get(entry_key(e), 0))
            table.add_row(*self._cells(e), status, n, key=entry_key(e))
            shown += 1
        self.query_one("#glossary-status", Static).update(
            f"{shown} of {len(self.entries)} entries · Enter: next occurrence in the text"
        )

    def _cells(self, entry: Entry) -> tuple[str, str]:
        """Term and glosses as the terminal must draw them (`Session.display_cell`)."""
        term, glosses = self._widths[:2] if self._widths else (None, None)
        display = self.session.display_cell
        return display(entry.term, term), display(entry.gloss_text, glosses)

    @thread_work(exclusive=True)
    def count(self) -> None:
        marks = self.session.marks
        if self.document is not None:
            documents = [self.document]
        else:
            documents = []
            for doc_id in self.session.library.document_ids():
                try:
                    documents.append(self.session.library.load_document(doc_id))
                except ReaderError:
                    continue  # the library screen lists broken documents; nothing to count
        counts: Counter[str] = Counter()
        first: dict[str, str] = {}
        for doc in documents:
            for seg in doc.segments:
                keys = [entry_key(f.entry) for f in marks.in_segment(doc, seg)]
                counts.update(keys)
                for key in keys:
                    first.setdefault(key, doc.id)
        self.app.call_from_thread(self._counted, counts, first)

    def _counted(self, counts: Counter[str], first: dict[str, str]) -> None:
        self.occurrences = counts
        self.first_seen = first
        self.fill()

    @on(EntriesChanged)
    def _entries_changed(self) -> None:
        if self.is_mounted:
            self.load()

    @on(Input.Changed, "#glossary-filter")
    def _filter(self) -> None:
        self.fill()

    @on(Input.Submitted, "#glossary-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event: events.Key) -> None:
        type_into_filter(self, event, "#glossary-filter", frozenset("/?q"))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        entry = next((e for e in self.entries if entry_key(e) == key), None)
        self.dismiss(entry)

    def action_focus_filter(self) -> None:
        self.query_one("#glossary-filter", Input).focus()

    def action_close(self) -> None:
        filt = self.query_one("#glossary-filter", Input)
        if filt.value and self.focused is filt:
            filt.value = ""
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
