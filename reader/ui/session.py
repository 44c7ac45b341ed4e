"""What every screen of the app reads: the library, its vocabulary and term marks, the
settings and the reading state. Built once by the app and handed to each screen it opens,
so a screen never reaches into the app for them."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from textual.markup import escape

from reader.library import Library
from reader.marks import Marks
from reader.model import Document
from reader.safetext import visible_line
from reader.settings import Settings
from reader.state import StateStore, document_key
from reader.ui.viewmodel.bidi import display
from reader.unknown import UnknownWords
from reader.vocabulary import Vocabulary

if TYPE_CHECKING:
    from reader.dictionary import Shelf
    from reader.ui.viewmodel.library_rows import Counts


@dataclass
class Session:
    """The objects of one run of the app. `opened` is a document read from a file outside
    the library: it joins the library only when the learner first changes it."""

    library: Library
    vocabulary: Vocabulary
    settings: Settings
    marks: Marks
    state: StateStore
    bidi: bool
    opened: Document | None = None
    # Made on first use: a look-up loads the dictionary package, which start-up never needs.
    dictionaries: Shelf | None = None
    side: str | None = None  # the panels beside the text, once the learner chose (`D`)
    unknown: UnknownWords = field(init=False)

    # The library screen's counts per (document, its digest, glossary version, known
    # words): kept for the run, so coming back from a document recounts only what changed.
    library_counts: dict[tuple[object, ...], Counts] = field(default_factory=dict)
    # Set once the glossaries are read (the app reads them after its first frame): work
    # that needs every entry (matchers, the library's counts) waits for it.
    glossaries_ready: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.unknown = UnknownWords(self.library.root, self.marks)

    def shelf(self) -> Shelf:
        """The learner's dictionaries (`Shelf.default()`), listed on first use."""
        if self.dictionaries is None:
            from reader.dictionary import Shelf

            self.dictionaries = Shelf.default()
        return self.dictionaries

    def known_version(self) -> tuple[tuple[str, int, int], ...]:
        """The known-word files as they are on disk now (name, size, mtime): counts made
        with other known words are stale."""
        from reader.known import FOLDER

        try:
            with os.scandir(self.library.root / FOLDER) as found:
                files = [e for e in found if e.name.endswith(".yaml")]
                return tuple(
                    sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in files)
                )
        except OSError:
            return ()

    @property
    def keymap(self) -> dict[str, str]:
        """Binding id -> keys, from the config file."""
        return dict(self.settings.keys)

    def in_library(self, document: Document) -> bool:
        return self.library.has_document(document.id) and self.opened is not document

    def state_key(self, document: Document) -> str:
        if self.in_library(document):
            return document_key(document.id, self.library.root)
        return document_key(document.id, None, document.origin)

    def display_text(self, text: str, width: int | None = None) -> str:
        """One line of text for a table cell or a label: cut to `width` cells in logical
        order (so an Arabic title keeps its first words), then put in visual order."""
        text = visible_line(text)
        if width is not None and cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        return display(text, bidi=self.bidi)

    def display_cell(self, text: str, width: int | None = None) -> str:
        """`display_text` for a table cell, which Textual reads as markup: escaped."""
        return escape(self.display_text(text, width))
