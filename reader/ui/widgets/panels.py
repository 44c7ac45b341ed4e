"""The panels beside the text, and what they are shown.

A panel is a widget with `show(here)`. The reading screen composes every panel of `PANELS`
beside the reading view, in this order, and shows each one where the learner is (`Here`)
after every move. A new panel (a dictionary look-up of the word under the cursor, say) is a
module here with a `Panel` widget, and a line in `PANELS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.widget import Widget

from reader.marks import Found
from reader.model import Document, Entry, Segment
from reader.ui.session import Session
from reader.ui.viewmodel.navigator import Cursor, TextPick


@dataclass(frozen=True)
class Here:
    """Where the learner is, as the panels see it."""

    document: Document
    segment: Segment | None  # the paragraph read
    cursor: Cursor
    pick: TextPick | None  # the word or phrase picked (word cursor or mouse)
    found: Sequence[Found]  # glossary entries found in the paragraph
    entry: Entry | None  # the entry under the cursor, if any


class Panel(Widget):
    """A widget beside the text, shown where the learner is."""

    def show(self, here: Here) -> None:
        raise NotImplementedError


def notes_panel(session: Session) -> Panel:
    from reader.ui.widgets.notes_panel import NotesPanel

    return NotesPanel(bidi=session.bidi, id="notes")


def dictionary_panel(session: Session) -> Panel:
    from reader.ui.widgets.dictionary_panel import DictionaryPanel

    return DictionaryPanel(session, id="dictionary")


# The panels, in order; each is made for the session of the screen that shows it.
PANELS: list[Callable[[Session], Panel]] = [notes_panel, dictionary_panel]
