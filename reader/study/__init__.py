"""The learner's operations on a library, each undoable and redoable in one history.

Adding, editing and deleting glossary entries, setting their status or level, writing an own
translation of a paragraph and repairing its sentence alignment: the reading app calls these,
and so can the command line and the tests, without Textual. Every operation returns an
`Outcome` (what to tell the learner, what changed) and records a step in the `History`;
`undo` and `redo` walk that one history, whichever kind of change comes next.

Glossary saves are careful and may take a while on a large file: the app calls these from
one worker thread at a time, never from the UI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.library import Library
from reader.model import Document, Entry
from reader.study.documents import (
    REPAIRS,
    Refused,
    paragraph_number,
    with_repair,
    with_translation,
)
from reader.study.history import History, Outcome
from reader.study.steps import DocumentStep, EntryStep, KnownStep, KnownWordsStore, file_stamp
from reader.vocabulary import Change, Vocabulary

__all__ = ["REPAIRS", "History", "Outcome", "Refused", "Study"]


class Study:
    """What a learner changes in one library, through one history."""

    def __init__(
        self, library: Library, vocabulary: Vocabulary, history: History | None = None
    ) -> None:
        self.library = library
        self.vocabulary = vocabulary
        self.history = history if history is not None else History()

    # --- glossary entries ---------------------------------------------------------------

    def _entry_step(self, change: Change, message: str, label: str) -> Outcome:
        self.history.record(EntryStep(self.vocabulary, change, label))
        return Outcome(message, label, entries=True)

    def add_entry(self, entry: Entry, path: str | Path | None = None) -> Outcome:
        change = self.vocabulary.save_new(entry, path)
        return self._entry_step(change, f"Added “{entry.term}”.", f"added “{entry.term}”")

    def edit_entry(self, old: Entry, new: Entry, message: str | None = None) -> Outcome:
        """Save `new` in place of `old`. An entry in no glossary file yet (a note that came
        with a file opened in memory) is saved as a new entry: its first change keeps it."""
        if self.vocabulary.file_of(old) is None and not self.vocabulary.find(old.term, old.lang):
            change = self.vocabulary.save_new(new)
        else:
            change = self.vocabulary.save_edit(old, new)
        label = message.rstrip(".") if message else f"edited “{new.term}”"
        return self._entry_step(change, message or f"Saved “{new.term}”.", label)

    def delete_entry(self, entry: Entry) -> Outcome:
        change = self.vocabulary.save_removal(entry)
        return self._entry_step(change, f"Deleted “{entry.term}”.", f"deleted “{entry.term}”")

    def set_level(self, entry: Entry, level: int) -> Outcome:
        new = replace(entry, status="learning", level=level)
        return self.edit_entry(entry, new, f"“{entry.term}”: learning, level {level}.")

    def set_status(self, entry: Entry, status: str) -> Outcome:
        new = replace(entry, status=status, level=None)
        return self.edit_entry(entry, new, f"“{entry.term}”: {status}.")

    # --- known words ---------------------------------------------------------------------

    def mark_known(self, store: KnownWordsStore, lang: str, words: list[str]) -> Outcome | None:
        """Save words as known in `lang` (one step however many); None when all were known.
        `entries` is set in the outcome: what is marked in the text changed."""
        added = store.add(lang, words)
        if not added:
            return None
        label = f"“{added[0]}” known" if len(added) == 1 else f"{len(added)} words known"
        self.history.record(KnownStep(store, lang, tuple(added), label))
        return Outcome(f"Marked {label}.", label, entries=True)

    # --- documents -----------------------------------------------------------------------

    def translate(
        self, document: Document, segment_id: str, text: str, lang: str, *, in_library: bool = True
    ) -> Outcome:
        """Keep the learner's own translation of one paragraph (which may make a one-language
        document bilingual)."""
        new = with_translation(document, segment_id, text, lang)
        n = paragraph_number(document, document.segment(segment_id))
        return self._document_step(
            document, new, in_library, "Translation saved.", f"your translation of ¶ {n}"
        )

    def repair(
        self,
        document: Document,
        segment_id: str,
        sentence: int,
        kind: str,
        *,
        in_library: bool = True,
    ) -> Outcome:
        """Repair the sentence links of a paragraph at source `sentence` (see REPAIRS)."""
        new = with_repair(document, segment_id, sentence, kind)
        n = paragraph_number(document, document.segment(segment_id))
        label = f"alignment repair ({REPAIRS.get(kind, kind)}) in ¶ {n}"
        return self._document_step(document, new, in_library, "Alignment repaired.", label)

    def _document_step(
        self, before: Document, after: Document, in_library: bool, message: str, label: str
    ) -> Outcome:
        """Save a changed document. A file opened in memory joins the library on its first
        change (under a fresh id when its own is taken), so the learner's work is never kept
        only in memory."""
        if not in_library:
            library = self.library
            new_id = (
                after.id
                if not library.has_document(after.id)
                else library.new_document_id(after.id)
            )
            before, after = replace(before, id=new_id), replace(after, id=new_id)
        path = self.library.save_document(after)
        step = DocumentStep(self.library, before, after, label, file_stamp(path))
        self.history.record(step)
        return Outcome(message, label, document=after)

    # --- the history --------------------------------------------------------------------

    def undo(self) -> Outcome | None:
        """Take back the last change, whatever it was; None when there is nothing to undo.
        A ReaderError says why it cannot be (its file was edited since)."""
        return self.history.undo()

    def redo(self) -> Outcome | None:
        """Put back the last change undone; None when there is nothing to redo."""
        return self.history.redo()
