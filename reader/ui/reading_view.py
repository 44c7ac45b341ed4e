"""The reading view: one Line-API scroll view that draws a whole document.

Skeleton of the public API; the implementation grows behind these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ClassVar, Iterable, Sequence

from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Document, Segment

LAYOUTS: tuple[str, ...] = ("side", "interleaved", "selftest", "translation")


@dataclass(frozen=True)
class TermMark:
    """A glossary term found in one side of a segment; `status` picks its style."""

    start: int
    end: int
    status: str  # "new" | "learning" | "known" | "ignored"
    entry_key: str


# (segment, side) -> marks, side being "source" or "target". Called lazily, only for segments
# that come into view, so a 50,000-entry glossary costs nothing for paragraphs never shown.
MatchProvider = Callable[[Segment, str], Sequence[TermMark]]


@dataclass(frozen=True)
class Cursor:
    """Where the learner is: a sentence of a segment, and optionally a word span in it.

    `word` is a character span in the segment's source text (the original), since that is
    what a learner adds to the glossary.
    """

    segment: int
    sentence: int
    word: tuple[int, int] | None = None


@dataclass(frozen=True)
class TextPick:
    """Text the learner picked (mouse selection or word cursor), with enough to add an entry."""

    segment_id: str
    side: str  # "source" | "target"
    start: int
    end: int
    text: str
    sentence: int


class ReadingView(ScrollView, can_focus=True):
    """A document drawn row by row through `render_line`; never one widget per paragraph."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-view--cursor",
        "reading-view--counterpart",
        "reading-view--word",
        "reading-view--term-new",
        "reading-view--term-learning",
        "reading-view--term-known",
        "reading-view--search",
        "reading-view--search-current",
        "reading-view--translation",
        "reading-view--gutter",
        "reading-view--low-confidence",
        "reading-view--heading",
    }

    layout: reactive[str] = reactive("side")

    class CursorMoved(Message):
        """Posted on every cursor move (the shell updates the notes panel and status bar)."""

        def __init__(self, cursor: Cursor) -> None:
            super().__init__()
            self.cursor = cursor

    class TextPicked(Message):
        """Posted when the learner selects text with the mouse."""

        def __init__(self, pick: TextPick) -> None:
            super().__init__()
            self.pick = pick

    def __init__(
        self,
        document: Document,
        *,
        matches: MatchProvider,
        layout: str = "side",
        bidi: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document = document
        self._matches = matches
        self.bidi = bidi
        self._cursor = Cursor(0, 0)
        self.set_reactive(ReadingView.layout, layout)

    def set_document(self, document: Document) -> None:
        self.document = document
        self.refresh()

    def terms_changed(self, segment_ids: Iterable[str] | None = None) -> None:
        self.refresh()

    def cursor(self) -> Cursor:
        return self._cursor

    def move_sentence(self, delta: int) -> None: ...
    def move_paragraph(self, delta: int) -> None: ...
    def go_start(self) -> None: ...
    def go_end(self) -> None: ...
    def page(self, delta: int) -> None: ...
    def move_word(self, delta: int) -> None: ...
    def extend_word(self, delta: int) -> None: ...
    def toggle_reveal(self) -> None: ...

    def selection(self) -> TextPick | None:
        return None

    def search(self, query: str) -> int:
        return 0

    def next_hit(self, delta: int) -> tuple[int, int]:
        return (0, 0)

    def anchor(self) -> tuple[str, int]:
        seg = self.document.segments[self._cursor.segment] if self.document.segments else None
        return (seg.id if seg else "", 0)

    def restore(self, anchor: tuple[str, int]) -> None: ...

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)
