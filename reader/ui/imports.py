"""Imports the app runs in a worker: reported step by step, and cancellable until they write.

An import can take tens of seconds (a book and its translation aligned chapter by chapter, or
the first alignment of a session loading the segmenter and the dictionary). The app runs it
in a thread and shows a bar; the learner may cancel at any moment. A thread cannot be stopped
from outside, so the work stops itself: every step it reports checks whether it was
cancelled, and so does the point where it starts writing. Cancelling before that point
means nothing is written; after it, the few milliseconds of writing finish.

No Textual here: the dialog that shows the bar (`dialogs.progress`) drives these functions,
and the tests drive them without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library import Library

if TYPE_CHECKING:  # the importers load with the first import, not with the app
    from reader.importers.result import ImportResult

# What the work reports: done, total (0 when not known), what is being done.
Report = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised inside the work at its next step once the learner cancelled it."""


class Steps:
    """The importers' `progress` callback, which also stops the work once cancelled.

    `report` receives every step that changes what is shown (the share moved by a
    hundredth, or a new description), so the UI thread is not flooded by a book's thousand
    steps."""

    def __init__(self, report: Report) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._cancelled = False
        self._committed = False
        self._shown: tuple[int, str] | None = None

    def __call__(self, done: int, total: int, what: str) -> None:
        self.check()
        shown = (done * 100 // total if total else -1, what)
        if shown != self._shown:
            self._shown = shown
            self._report(done, total, what)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled

    def commit(self) -> None:
        """The point of no return, just before writing: raises Cancelled if cancelled;
        afterwards `cancel` refuses."""
        with self._lock:
            self.check()
            self._committed = True

    def cancel(self) -> bool:
        """Ask the work to stop; False when it is already writing (it will finish)."""
        with self._lock:
            if self._committed:
                return False
            self._cancelled = True
            return True


def import_to_library(library: Library, path: Path, translation: Path | None, steps: Steps) -> str:
    """Import a file (and its translation) into the library; returns the document's id.
    Nothing is written when the work is cancelled before it finished importing."""
    steps(0, 0, _first_step(path, translation))
    from reader.importers import import_file
    from reader.importers.store import choose_id, write_import

    doc_id = choose_id(library, path)
    result = import_file(path, translation=translation, doc_id=doc_id, progress=steps)
    steps.commit()
    written = write_import(library, result, doc_id, path, translation=translation)
    return written.stem


def import_in_memory(path: Path, steps: Steps) -> ImportResult:
    """Import a file to read it without adding it to the library (`reader read FILE`)."""
    steps(0, 0, _first_step(path, None))
    from reader.importers import import_file

    result = import_file(path, progress=steps)
    steps.commit()
    return result


def _first_step(path: Path, translation: Path | None) -> str:
    # Most importers report no steps of their own: say what the wait is made of.
    if translation is not None:
        return f"Reading {path.name} and {translation.name}, aligning them sentence by sentence…"
    return f"Reading {path.name}: splitting it into sentences, aligning any translation…"
