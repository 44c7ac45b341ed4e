"""The glossary screen: every entry that applies to a document (or the library) in a table.

Occurrences need a pass of the matcher over the whole text, so they are counted in a worker
and filled in when ready; the table is usable at once. Entries are edited, deleted and given a
status here with the reading screen's keys, through the same study service (so `u` undoes
them, here or later in a text); the table sorts by any column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from reader.errors import ReaderError
from reader.marks import document_languages, entry_key
from reader.model import STATUSES, Document, Entry
from reader.ui.messages import EntriesChanged, StudyRequest
from reader.ui.session import Session
from reader.ui.shown import shown
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.typeahead import type_into_filter
from reader.ui.workers import thread_work

if TYPE_CHECKING:
    from reader.study import Outcome, Study

COLUMNS = ("Term", "Glosses", "Status", "Occurrences")
LANGUAGE = "Language"  # a column of its own when the table lists several languages

# The orders `o` steps through, and what each sorts by. "added" is the order of the glossary
# files, where a new entry is written last: entries carry no date.
SORTS = ("term", "status", "added", "language", "occurrences")
SORT_OF_COLUMN = {
    "Term": "term",
    "Status": "status",
    LANGUAGE: "language",
    "Occurrences": "occurrences",
}


def status_rank(entry: Entry) -> tuple[int, int]:
    """New first, then learning by level, known, ignored: the order of learning."""
    rank = STATUSES.index(entry.status) if entry.status in STATUSES else len(STATUSES)
    return rank, entry.level or 0


def status_text(entry: Entry) -> str:
    if entry.status == "learning" and entry.level:
        return f"learning {entry.level}"
    return entry.status


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
            tooltip="Filter by term, gloss or status (Enter goes to the first match)",
        ),
        Binding("e", "edit", "Edit", id="glossary_edit", tooltip="Edit the entry"),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="glossary_delete",
            tooltip="Delete the entry (asks first; u undoes it)",
        ),
        Binding(
            "o",
            "sort",
            "Sort",
            id="glossary_sort",
            tooltip="Sort by term, status, order added, language, occurrences",
        ),
        *(
            Binding(
                str(n), f"level({n})", f"Learning, level {n}", show=False, id=f"glossary_level_{n}"
            )
            for n in range(1, 6)
        ),
        Binding("W", "set_status('known')", "Mark known", show=False, id="glossary_known"),
        Binding("I", "set_status('ignored')", "Mark ignored", show=False, id="glossary_ignored"),
        Binding("u,ctrl+z", "undo", "Undo the last change", show=False, id="glossary_undo"),
        Binding("U,ctrl+r", "redo", "Redo what was undone", show=False, id="glossary_redo"),
    ]

    # Keys of the table that are commands, not the first letter of a filter.
    COMMAND_KEYS = frozenset("/?qedoWIuU12345")

    def __init__(self, session: Session, document: Document | None) -> None:
        super().__init__()
        self.session = session
        self.document = document
        self.entries: list[Entry] = []
        self.occurrences: Counter[str] | None = None
        # Entry key -> the first document it occurs in, for jumping from the library.
        self.first_seen: dict[str, str] = {}
        self._widths: tuple[int, ...] | None = None
        self.sort = "term"
        self.descending = False

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

    @property
    def several_languages(self) -> bool:
        return len({e.lang for e in self.entries}) > 1

    def columns(self) -> tuple[str, ...]:
        if self.several_languages:
            return (*COLUMNS[:3], LANGUAGE, COLUMNS[3])
        return COLUMNS

    def _columns(self) -> None:
        """Fit the columns to the terminal: status, language and occurrences whole, the term
        and its glosses sharing what is left, so a narrow terminal cuts long glosses, not
        columns."""
        table = self.query_one(DataTable)
        columns = self.columns()
        fixed = len("learning 5") + len("Occurrences")
        if LANGUAGE in columns:
            fixed += len(LANGUAGE)
        room = max(24, (self.app.size.width or 120) - fixed - 2 * len(columns) - 2)
        longest_term = max((cell_len(e.term) for e in self.entries), default=4)
        longest_gloss = max((cell_len(e.gloss_text) for e in self.entries), default=7)
        term = max(4, min(longest_term, room * 45 // 100))
        glosses = max(7, min(longest_gloss, room - term))
        sizes = {
            "Term": term,
            "Glosses": glosses,
            "Status": len("learning 5"),
            LANGUAGE: len(LANGUAGE),
            "Occurrences": len("Occurrences"),
        }
        widths = tuple(sizes[name] for name in columns)
        if self._widths == widths:
            return
        self._widths = widths
        table.clear(columns=True)
        for name, width in zip(columns, widths):
            table.add_column(name, key=name, width=width)

    def load(self) -> None:
        marks = self.session.marks
        langs = (
            document_languages(self.document)
            if self.document is not None
            else sorted(marks.languages())
        )
        self.entries = [e for lang in langs for e in marks.entries(lang)]
        self.fill()
        self.count()

    def _sorted(self) -> list[Entry]:
        order = {entry_key(e): n for n, e in enumerate(self.entries)}
        counts = self.occurrences or Counter()
        keys: dict[str, Callable[[Entry], object]] = {
            "term": lambda e: (e.term.casefold(), e.lang),
            "status": lambda e: (status_rank(e), e.term.casefold()),
            "added": lambda e: order[entry_key(e)],
            "language": lambda e: (e.lang, e.term.casefold()),
            "occurrences": lambda e: (-counts.get(entry_key(e), 0), e.term.casefold()),
        }
        return sorted(self.entries, key=keys[self.sort], reverse=self.descending)  # type: ignore[arg-type]

    def fill(self) -> None:
        table = self.query_one(DataTable)
        # Stay on the same entry (or at the same place) when the table is filled again.
        at = table.cursor_row
        current = self._current_key()
        self._columns()
        table.clear()
        words = self.query_one("#glossary-filter", Input).value.casefold().split()
        several = self.several_languages
        shown = 0
        for e in self._sorted():
            status = status_text(e)
            text = f"{e.term} {e.gloss_text} {status} {e.note}".casefold()
            if not all(w in text for w in words):
                continue
            n = "…" if self.occurrences is None else str(self.occurrences.get(entry_key(e), 0))
            term, glosses = self._cells(e)
            cells = (term, glosses, status, e.lang, n) if several else (term, glosses, status, n)
            table.add_row(*cells, key=entry_key(e))
            shown += 1
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        elif shown:
            table.move_cursor(row=min(at, shown - 1))
        order = f"sorted by {self.sort}" + (", reversed" if self.descending else "")
        self.query_one("#glossary-status", Static).update(
            f"{shown} of {len(self.entries)} entries · {order} · "
            "Enter: next occurrence in the text · e edit · d delete · 1-5/W/I status · o sort"
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
        # Enter in the filter goes to the first entry it shows: one key, not three.
        entry = self._entry_at_cursor()
        if entry is None:
            self.notify("No entry matches the filter.", severity="warning")
            return
        self.dismiss(entry)

    def on_key(self, event: events.Key) -> None:
        type_into_filter(self, event, "#glossary-filter", self.COMMAND_KEYS)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        entry = next((e for e in self.entries if entry_key(e) == key), None)
        self.dismiss(entry)

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        sort = SORT_OF_COLUMN.get(str(event.column_key.value))
        if sort is None:
            return
        # A second click on the same column turns the order round.
        self.descending = not self.descending if sort == self.sort else False
        self.sort = sort
        self.fill()

    def action_sort(self) -> None:
        sorts = [s for s in SORTS if s != "language" or self.several_languages]
        at = sorts.index(self.sort) if self.sort in sorts else -1
        self.sort, self.descending = sorts[(at + 1) % len(sorts)], False
        self.fill()
        self.notify(f"Sorted by {self.sort}.", timeout=1.5)

    # --- the entry under the cursor ------------------------------------------------------

    def _current_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return None if row_key.value is None else str(row_key.value)

    def _entry_at_cursor(self) -> Entry | None:
        key = self._current_key()
        return next((e for e in self.entries if entry_key(e) == key), None)

    def _entry_or_warn(self) -> Entry | None:
        entry = self._entry_at_cursor()
        if entry is None:
            self.notify("No entry here: the table is empty.")
        return entry

    def _request(
        self, operation: Callable[[Study], Outcome | None], *, nothing: str = "", hint: str = ""
    ) -> None:
        self.post_message(StudyRequest(operation, nothing=nothing, hint=hint))

    def action_edit(self) -> None:
        entry = self._entry_or_warn()
        if entry is None:
            return
        from reader.ui.dialogs.entry import EntryDialog

        source, target, where = self._noted_in(entry)

        def done(result: Entry | None) -> None:
            if result is not None and result != entry:
                self._request(lambda study: study.edit_entry(entry, result))

        dialog = EntryDialog(entry, source=source, target=target, where=where, new=False)
        self.app.push_screen(dialog, done)

    def _noted_in(self, entry: Entry) -> tuple[str, str, str]:
        """The sentence the entry was noted in, its translation, and where it is."""
        from reader.ui.dialogs.entry import sentence_context

        context = entry.context
        if context is None:
            return "", "", "noted without a sentence"
        document = self.document
        if document is None or document.id != context.document:
            try:
                document = self.session.library.load_document(context.document)
            except ReaderError:
                return "", "", f"noted in {context.document}"
        index = document.segment_index.get(context.segment)
        if index is None:
            return "", "", f"noted in {document.title}"
        source, target = sentence_context(document.segments[index], context.sentence or 0)
        return source, target, f"{document.title} · ¶ {index + 1}/{len(document.segments)}"

    def action_delete(self) -> None:
        entry = self._entry_or_warn()
        if entry is None:
            return
        from reader.ui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._request(lambda study: study.delete_entry(entry), hint=" Press u to undo.")

        question = f"Delete “{entry.term}” ({entry.gloss_text or 'no gloss'}) from the glossary?"
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_level(self, level: int) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self._request(lambda study: study.set_level(entry, level))

    def action_set_status(self, status: str) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self._request(lambda study: study.set_status(entry, status))

    def action_undo(self) -> None:
        self._request(lambda study: study.undo(), nothing="Nothing to undo.")

    def action_redo(self) -> None:
        self._request(lambda study: study.redo(), nothing="Nothing to redo.")

    def action_focus_filter(self) -> None:
        self.query_one("#glossary-filter", Input).focus()

    def action_close(self) -> None:
        filt = self.query_one("#glossary-filter", Input)
        if filt.value and self.focused is filt:
            filt.value = ""
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
