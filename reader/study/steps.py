"""The two kinds of step in the history: a change to a glossary file, and a new version of
a document. Each checks that its file is still as it left it before taking anything back."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.errors import ReaderError
from reader.library import Library
from reader.model import Document
from reader.study.history import Outcome
from reader.vocabulary import Change, Vocabulary


@dataclass
class EntryStep:
    """A saved change to one glossary file; undo and redo each revert the last change made."""

    vocabulary: Vocabulary
    change: Change
    label: str

    def undo(self) -> Outcome:
        self.change = self.vocabulary.revert(self.change)
        return Outcome(f"Undone: {self.label}.", self.label, entries=True)

    def redo(self) -> Outcome:
        self.change = self.vocabulary.revert(self.change)
        return Outcome(f"Redone: {self.label}.", self.label, entries=True)


def file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


@dataclass
class DocumentStep:
    """A document saved in a new version; undo writes the version before, redo this one.

    Documents are not edited by hand the way glossaries are, but they can be (or be imported
    again): a file that is no longer the one this step wrote is never overwritten.
    """

    library: Library
    before: Document
    after: Document
    label: str
    stamp: tuple[int, int] | None = field(default=None)

    def _write(self, document: Document) -> None:
        path = self.library.document_path(document.id)
        if file_stamp(path) != self.stamp:
            raise ReaderError(path, "changed since that change; nothing undone")
        self.library.save_document(document)
        self.stamp = file_stamp(path)

    def undo(self) -> Outcome:
        self._write(self.before)
        return Outcome(f"Undone: {self.label}.", self.label, document=self.before)

    def redo(self) -> Outcome:
        self._write(self.after)
        return Outcome(f"Redone: {self.label}.", self.label, document=self.after)


class KnownWordsStore(Protocol):
    """What a known-words step changes (`reader.unknown.UnknownWords`)."""

    def add(self, lang: str, words: Iterable[str]) -> list[str]: ...

    def remove(self, lang: str, words: Iterable[str]) -> None: ...


@dataclass
class KnownStep:
    """Words saved as known in one language's file; undo takes exactly those out again
    (words that were known before the step stay known)."""

    store: KnownWordsStore
    lang: str
    words: tuple[str, ...]
    label: str

    def undo(self) -> Outcome:
        self.store.remove(self.lang, self.words)
        return Outcome(f"Undone: {self.label}.", self.label, entries=True)

    def redo(self) -> Outcome:
        self.store.add(self.lang, self.words)
        return Outcome(f"Redone: {self.label}.", self.label, entries=True)
