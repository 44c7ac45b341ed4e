"""The reading view: one Line-API scroll view that draws a whole document.

`render_line(y)` maps a row to (segment, row in its block) through the layout
(reader.ui.layout) and joins the left strip, the gutter and the right strip. Rows are cached
as strips keyed by everything that changes their pixels, so moving the cursor repaints the
two paragraphs involved and nothing else, in a 10-paragraph article or a 5,000-paragraph book.

Key bindings live in the screen that holds the view; the view offers the movements as
methods and handles the mouse itself.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events, work
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.timer import Timer

from reader.marks import MatchProvider, TermMark
from reader.model import Document, Segment, Text
from reader.ui.bidi import visual_line
from reader.ui.layout import MODES, Geometry, Layout, Part, build_layout

LAYOUTS: tuple[str, ...] = MODES
LOW_CONFIDENCE = 0.5  # default: links the aligner scored below this get a mark in the gutter
# Documents up to this many segments are wrapped in full before the first screen; longer
# ones get the rows around the reading position first and the rest from a thread worker.
EXACT_NOW = 400
MARKS_KEPT = 200  # segment sides whose term marks are kept (several screens' worth)
PREFETCH_ROWS = 8  # rows drawn ahead per idle step: well under a frame's time each
# Mouse offsets name a character of a paragraph, not a cell: x is the character offset in
# the source text, or TARGET_X + the offset in the translation; y is the layout row.
TARGET_X = 1 << 20
# How static layers stack, lowest first: where terms overlap, the least known one shows.
_STATIC_ORDER = (
    "heading",
    "translation",
    "term-known",
    "term-learning",
    "term-new",
    "term-overlap",
)

_WORD = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]"
    r"|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]+"
    r"(?:[-'’][^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)*"
)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the learner is: a sentence of a segment, and optionally a word span in it.

    `sentence` is always a sentence of the original. `word` is a character span in the
    original's text, which is what a learner usually adds to the glossary, except in the
    translation-only layout, where the word cursor walks the translation shown there (the
    sentences aligned with `sentence`) and `side` is "target".
    """

    segment: int
    sentence: int
    word: tuple[int, int] | None = None
    side: str = "source"  # the text `word` is a span of: "target" in the translation-only layout


@dataclass(frozen=True, slots=True)
class TextPick:
    """Text the learner picked (mouse selection or word cursor), with enough to add an entry."""

    segment_id: str
    side: str  # "source" | "target"
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit: a span of one side of a segment."""

    segment: int
    side: str
    start: int
    end: int


def source_of_target(seg: Segment, target_sentence: int) -> int:
    """The first source sentence that a target sentence translates (0 when none is)."""
    return min(seg.sources_of(target_sentence), default=0)


def words_in(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Word spans inside `span` of `text`; each Chinese or Japanese character is a word."""
    start, end = span
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


class ReadingView(ScrollView, can_focus=True):
    """A document drawn row by row through `render_line`; never one widget per paragraph."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-view--cursor",
        "reading-view--counterpart",
        "reading-view--word",
        "reading-view--selection",
        "reading-view--term-new",
        "reading-view--term-learning",
        "reading-view--term-known",
        "reading-view--term-overlap",
        "reading-view--search",
        "reading-view--search-current",
        "reading-view--translation",
        "reading-view--heading",
        "reading-view--gutter",
        "reading-view--low-confidence",
    }

    DEFAULT_CSS = """
    ReadingView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* the text width never changes when a scrollbar appears */
    }
    ReadingView > .reading-view--cursor { background: $primary 25%; }
    ReadingView > .reading-view--counterpart { background: $secondary 25%; }
    ReadingView > .reading-view--word { background: $accent 60%; text-style: bold; }
    ReadingView > .reading-view--selection { background: $accent 40%; }
    ReadingView > .reading-view--term-new { color: $warning; text-style: underline; }
    ReadingView > .reading-view--term-learning { color: $accent; text-style: underline; }
    ReadingView > .reading-view--term-known { color: $success; }
    ReadingView > .reading-view--term-overlap { text-style: bold underline; }
    ReadingView > .reading-view--search { background: $warning 35%; }
    ReadingView > .reading-view--search-current { background: $warning 80%; }
    ReadingView > .reading-view--translation { color: $text-muted; text-style: italic; }
    ReadingView > .reading-view--heading { text-style: bold; }
    ReadingView > .reading-view--gutter { color: $foreground 25%; }
    ReadingView > .reading-view--low-confidence { color: $error; text-style: bold; }
    """

    # `layout` and `anchor` shadow Widget.layout (how a container arranges children; this
    # widget has none) and Widget.anchor (sticking to the bottom, which a reader never wants).
    layout: reactive[str] = reactive("side")  # type: ignore[assignment]

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

    class LayoutReady(Message):
        """Posted when the exact layout replaces an estimated one (tests and benchmarks)."""

    def __init__(
        self,
        document: Document,
        *,
        matches: MatchProvider,
        layout: str = "side",
        bidi: bool = True,
        low_confidence: float = LOW_CONFIDENCE,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.low_confidence = low_confidence
        if layout not in LAYOUTS:
            layout = "side"
        self.set_reactive(ReadingView.layout, layout)
        self.document = document
        self.bidi = bidi
        self._matches = matches
        self._layout: Layout | None = None
        self._layout_serial = 0
        self._cursor = Cursor(0, 0)
        self._revealed = False
        self._pick: TextPick | None = None  # from the mouse
        self._dragging = False
        self._pending_anchor: tuple[str, int] | None = None
        self._hits: list[Hit] = []
        self._hits_by_segment: dict[int, list[int]] = {}
        self._hit_index = -1
        self._search_serial = 0
        # Marks of the segments near the reading position only: in a dense glossary one
        # side of a paragraph can hold a thousand marks, and a learner who reads a whole
        # book must not end up holding the marks of all of it.
        self._marks: LRUCache[tuple[int, str], tuple[TermMark, ...]] = LRUCache(MARKS_KEPT)
        self._terms_version = 0
        self._segment_versions: dict[int, int] = {}
        self._strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(2048)
        self._styles: dict[str, Style] = {}
        self._prefetch_queue: list[tuple[int, str]] | None = None
        self._prefetch_timer: Timer | None = None
        self._prefetch_rows: list[int] = []
        self._doubtful: LRUCache[tuple[str, str], tuple[int, ...]] = LRUCache(1024)
        self._combos: dict[tuple[str, ...], Style] = {}
        self._run_cache: LRUCache[tuple[Any, ...], tuple[list[int], list[Style]]] = LRUCache(256)

    # --- document and glossary --------------------------------------------------------

    def set_document(self, document: Document) -> None:
        """Show another version of the document (a translation added, links repaired)."""
        anchor = self.anchor()
        self.document = document
        self._marks.clear()
        self._strips.clear()
        self._doubtful.clear()
        self._revealed = False
        if self._hits:
            self._hits, self._hits_by_segment, self._hit_index = [], {}, -1
        self._layout = None
        self._relayout(anchor=anchor)

    def terms_changed(self, segment_ids: Iterable[str] | None = None) -> None:
        """The glossary changed: drop cached marks and strips (all, or those segments)."""
        if segment_ids is None:
            self._marks.clear()
            self._terms_version += 1
            self.refresh()
            return
        index = self.document.segment_index
        for sid in segment_ids:
            i = index.get(sid)
            if i is None:
                continue
            self._marks.discard((i, "source"))
            self._marks.discard((i, "target"))
            self._segment_versions[i] = self._segment_versions.get(i, 0) + 1
            self._refresh_segment(i)

    # --- cursor -----------------------------------------------------------------------

    def cursor(self) -> Cursor:
        return self._cursor

    def move_sentence(self, delta: int) -> None:
        seg, sent = self._cursor.segment, self._cursor.sentence
        segments = self.document.segments
        if not segments:
            return
        step = 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            count = len(segments[seg].source.sentences)
            if 0 <= sent + step < count:
                sent += step
            elif step > 0 and seg + 1 < len(segments):
                seg, sent = seg + 1, 0
            elif step < 0 and seg > 0:
                seg -= 1
                sent = max(len(segments[seg].source.sentences) - 1, 0)
        self._set_cursor(Cursor(seg, sent))

    def move_paragraph(self, delta: int) -> None:
        last = len(self.document.segments) - 1
        self._set_cursor(Cursor(min(max(self._cursor.segment + delta, 0), max(last, 0)), 0))

    def go_start(self) -> None:
        self._set_cursor(Cursor(0, 0))
        self.scroll_to(y=0, animate=False)

    def go_end(self) -> None:
        segments = self.document.segments
        if segments:
            last = len(segments) - 1
            self._set_cursor(Cursor(last, max(len(segments[last].source.sentences) - 1, 0)))

    def page(self, delta: int) -> None:
        """Scroll by screens and put the cursor on the first sentence now at the top."""
        layout = self._layout
        if layout is None or not self.document.segments:
            return
        height = max(self.size.height - 1, 1)
        top = int(self.scroll_y)
        new_top = min(max(top + delta * height, 0), max(layout.total_rows - height, 0))
        if new_top == top:  # already at an end: go to the first or last sentence
            self.go_end() if delta > 0 else self.go_start()
            return
        index, sub = layout.locate(new_top)
        if sub >= layout.heights[index] - 1 and index + 1 < len(self.document.segments):
            # The top row is the blank row after a paragraph: the next one starts below it.
            index, sentence = index + 1, 0
        else:
            index, offset = layout.offset_at_row(new_top)
            sentence = self.document.segments[index].source.sentence_at(offset)
        self.scroll_to(y=new_top, animate=False, immediate=True)
        self._set_cursor(Cursor(index, sentence), scroll=False)

    def move_word(self, delta: int) -> None:
        """Next or previous word, into the next or previous sentence at either end."""
        cur = self._cursor
        if not self.document.segments:
            return
        side = self._word_side(cur.segment)
        words = self._sentence_words(cur.segment, cur.sentence)
        if cur.word is None or cur.side != side:
            if words:
                self._set_cursor(
                    Cursor(cur.segment, cur.sentence, words[0 if delta > 0 else -1], side)
                )
            return
        if delta > 0:
            after = [w for w in words if w[0] >= cur.word[1]]
            if after:
                self._set_cursor(Cursor(cur.segment, cur.sentence, after[0], side))
                return
        else:
            before = [w for w in words if w[1] <= cur.word[0]]
            if before:
                self._set_cursor(Cursor(cur.segment, cur.sentence, before[-1], side))
                return
        # Past the sentence's edge: the neighbouring sentence, at its first or last word.
        # Sentences with no words here (an original sentence with no translation, in the
        # translation-only layout) or the same words (two sentences linked to one
        # translated sentence) are passed over.
        seen = set(words)
        while True:
            here = self._cursor
            self.move_sentence(1 if delta > 0 else -1)
            moved = self._cursor
            if (moved.segment, moved.sentence) == (here.segment, here.sentence):
                self._set_cursor(cur)  # at the end of the document: stay
                return
            side = self._word_side(moved.segment)
            words = self._sentence_words(moved.segment, moved.sentence)
            if words and (moved.segment != cur.segment or not seen.issuperset(words)):
                word = words[0 if delta > 0 else -1]
                self._set_cursor(Cursor(moved.segment, moved.sentence, word, side))
                return

    def extend_word(self, delta: int) -> None:
        """Grow the phrase by a word to the right; shrink it from the right (or grow left)."""
        cur = self._cursor
        if not self.document.segments:
            return
        side = self._word_side(cur.segment)
        words = self._sentence_words(cur.segment, cur.sentence)
        if not words:
            return
        if cur.word is None or cur.side != side:
            self._set_cursor(Cursor(cur.segment, cur.sentence, words[0], side))
            return
        start, end = cur.word
        inside = [w for w in words if w[0] >= start and w[1] <= end]
        if delta > 0:
            after = [w for w in words if w[0] >= end]
            if after:
                end = after[0][1]
        elif len(inside) > 1:
            end = inside[-2][1]
        else:
            before = [w for w in words if w[1] <= start]
            if before:
                start = before[-1][0]
        self._set_cursor(Cursor(cur.segment, cur.sentence, (start, end), side))

    def toggle_reveal(self) -> None:
        """Self-test: show or hide the translation of the current sentence under it."""
        self._revealed = not self._revealed
        self._apply_reveal()

    @property
    def revealed(self) -> bool:
        return self._revealed

    def _apply_reveal(self) -> None:
        layout = self._layout
        if layout is None or layout.geometry.mode != "selftest":
            return
        reveal = None
        if self._revealed and self.document.segments:
            seg = self.document.segments[self._cursor.segment]
            reveal = (self._cursor.segment, seg.counterparts(self._cursor.sentence))
        if reveal == layout.reveal:
            return
        self._install(layout.with_reveal(reveal), keep_top=True)
        self._scroll_to_cursor()

    def _word_side(self, index: int) -> str:
        """The text the word cursor walks in segment `index`: the one the layout shows."""
        if self.effective_mode == "translation" and self.document.segments[index].bilingual:
            return "target"
        return "source"

    def _sentence_words(self, index: int, sentence: int) -> list[tuple[int, int]]:
        """Word spans of source `sentence`, or of its aligned translation where the word
        cursor walks the translation."""
        seg = self.document.segments[index]
        if self._word_side(index) == "target" and seg.target is not None:
            tgt = seg.target
            return [
                w
                for t in seg.counterparts(sentence)
                if t < len(tgt.spans)
                for w in words_in(tgt.text, tgt.spans[t])
            ]
        text = seg.source
        if not 0 <= sentence < len(text.spans):
            return []
        return words_in(text.text, text.spans[sentence])

    def _set_cursor(self, cursor: Cursor, *, scroll: bool = True) -> None:
        old = self._cursor
        self._cursor = cursor
        self._pick = None if self._pick is not None and not self._dragging else self._pick
        if self._revealed and (old.segment, old.sentence) != (cursor.segment, cursor.sentence):
            self._revealed = False
            self._apply_reveal()
        self._refresh_segment(old.segment)
        self._refresh_segment(cursor.segment)
        if scroll:
            self._scroll_to_cursor()
        self._schedule_prefetch()
        self.post_message(self.CursorMoved(cursor))

    def _cursor_rows(self) -> range:
        layout = self._layout
        cur = self._cursor
        if layout is None or not self.document.segments:
            return range(0)
        seg = self.document.segments[cur.segment]
        block = layout.block(cur.segment)
        if cur.word is not None and cur.side == "target" and block.part("target") is not None:
            return layout.rows_of_span(cur.segment, "target", cur.word)
        if block.part("source") is not None and cur.sentence < len(seg.source.spans):
            span = cur.word if cur.word is not None and cur.side == "source" else None
            span = span or seg.source.spans[cur.sentence]
            return layout.rows_of_span(cur.segment, "source", span)
        tgt = seg.target
        others = seg.counterparts(cur.sentence)
        if tgt is not None and others:
            span = (tgt.spans[min(others)][0], tgt.spans[max(others)][1])
            return layout.rows_of_span(cur.segment, "target", span)
        return range(layout.top(cur.segment), layout.top(cur.segment) + 1)

    def _scroll_to_cursor(self) -> None:
        rows = self._cursor_rows()
        if not rows:
            return
        height = self.size.height
        top = int(self.scroll_y)
        first, last = rows.start, rows.stop - 1
        if self._layout is not None and self._layout.geometry.mode == "side":
            # Bring in the whole paragraph's pair when it fits: the counterpart is beside it.
            seg_top = self._layout.top(self._cursor.segment)
            seg_bottom = seg_top + self._layout.heights[self._cursor.segment] - 1
            if seg_bottom - seg_top < height:
                first, last = min(first, seg_top), max(last, seg_bottom - 1)
        if first < top:
            self.scroll_to(y=max(first - 1, 0), animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(last - height + 2, 0), animate=False, immediate=True)

    # --- picks, selection and the mouse -----------------------------------------------

    def selection(self) -> TextPick | None:
        """The mouse selection if any, else the word or phrase under the word cursor."""
        if self._pick is not None:
            return self._pick
        cur = self._cursor
        if cur.word is None or not self.document.segments:
            return None
        seg = self.document.segments[cur.segment]
        text = seg.target if cur.side == "target" else seg.source
        if text is None:
            return None
        start, end = cur.word
        return TextPick(seg.id, cur.side, start, end, text.text[start:end], cur.sentence)

    def _decode(self, x: int, y: int) -> tuple[int, str, int] | None:
        """(segment index, side, character offset) from a mouse offset of our strips."""
        layout = self._layout
        if layout is None or not self.document.segments:
            return None
        index, _ = layout.locate(y)
        side = "target" if x >= TARGET_X else "source"
        return index, side, x - TARGET_X if side == "target" else x

    def _text_of(self, index: int, side: str) -> Text | None:
        seg = self.document.segments[index]
        return seg.source if side == "source" else seg.target

    def _make_pick(self, index: int, side: str, start: int, end: int) -> TextPick | None:
        text = self._text_of(index, side)
        if text is None:
            return None
        start, end = max(0, min(start, end)), min(max(start, end), len(text.text))
        raw = text.text[start:end]
        # Trim spaces and punctuation a drag tends to catch at either end.
        lead = len(raw) - len(raw.lstrip(" \t,.;:!?，。、；：？！"))
        trail = len(raw) - len(raw.rstrip(" \t,.;:!?，。、；：？！"))
        start, end = start + lead, end - trail
        if end <= start:
            return None
        seg = self.document.segments[index]
        sentence = text.sentence_at(start)
        if side == "target":
            sentence = source_of_target(seg, sentence)
        return TextPick(seg.id, side, start, end, text.text[start:end], sentence)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        pick = self._pick_from_selection(selection)
        return (pick.text, "\n") if pick is not None else None

    def _pick_from_selection(self, selection: Selection) -> TextPick | None:
        if selection.start is None or selection.end is None:
            return None
        start = self._decode(*selection.start)
        end = self._decode(*selection.end)
        if start is None or end is None:
            return None
        index, side, first = start
        if (end[0], end[1]) == (index, side):
            last = end[2]
        else:  # a drag across paragraphs or columns keeps to where it started
            text = self._text_of(index, side)
            last = len(text.text) if text is not None else first
        return self._make_pick(index, side, first, last)

    def selection_updated(self, selection: Selection | None) -> None:
        old = self._pick
        self._pick = None if selection is None else self._pick_from_selection(selection)
        for pick in (old, self._pick):
            if pick is not None:
                i = self.document.segment_index.get(pick.segment_id)
                if i is not None:
                    self._refresh_segment(i)

    def _offset_at(self, x: int, y: int) -> tuple[int, int] | None:
        """Our mouse offset under widget cell (x, y), read from the drawn strip."""
        strip = self.render_line(y)
        cells = 0
        last: tuple[int, int] | None = None
        for seg in strip:
            width = seg.cell_length
            meta = seg.style.meta if seg.style is not None else {}
            offset = meta.get("offset") if meta else None
            if offset is not None:
                if cells <= x < cells + width:
                    chars = 0
                    used = 0
                    for ch in seg.text:
                        used += cell_len(ch)
                        if used > x - cells:
                            break
                        chars += 1
                    return offset[0] + chars, offset[1]
                last = (offset[0] + len(seg.text), offset[1])
            elif cells <= x < cells + width and last is not None:
                return last
            cells += width
        return last

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragging = True

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._dragging = False
        if self._pick is not None and self.text_selection is not None:
            self.post_message(self.TextPicked(self._pick))

    def on_click(self, event: events.Click) -> None:
        """A click on a word puts the cursor there (a drag selects instead)."""
        if self.text_selection is not None and self._pick is not None:
            return
        offset = self._offset_at(event.x, event.y)
        if offset is None:
            return
        decoded = self._decode(*offset)
        if decoded is None:
            return
        index, side, char = decoded
        seg = self.document.segments[index]
        text = self._text_of(index, side)
        if text is None:
            return
        sentence = text.sentence_at(char)
        word = next(
            (w for w in words_in(text.text, (0, len(text.text))) if w[0] <= char < w[1]), None
        )
        if side == "source":
            self._set_cursor(Cursor(index, sentence, word), scroll=False)
        elif self._word_side(index) == "target":  # the translation-only layout
            cursor = Cursor(index, source_of_target(seg, sentence), word, "target")
            self._set_cursor(cursor, scroll=False)
        else:
            self._set_cursor(Cursor(index, source_of_target(seg, sentence)), scroll=False)
            if word is not None:
                self._pick = self._make_pick(index, "target", *word)
                self._refresh_segment(index)

    # --- search -----------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find `query` in both languages (ignoring case), highlight the hits and go to the
        first one at or after the cursor. Returns the number of hits."""
        old = set(self._hits_by_segment)
        self._hits, self._hits_by_segment, self._hit_index = [], {}, -1
        self._search_serial += 1
        if query.strip():
            pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
            for i, seg in enumerate(self.document.segments):
                for side, text in (("source", seg.source), ("target", seg.target)):
                    if text is None:
                        continue
                    for m in pattern.finditer(text.text):
                        self._hits_by_segment.setdefault(i, []).append(len(self._hits))
                        self._hits.append(Hit(i, side, m.start(), m.end()))
        for i in old | set(self._hits_by_segment):
            self._refresh_segment(i)
        if self._hits:
            here = self._cursor.segment
            self._hit_index = (
                next((k for k, h in enumerate(self._hits) if h.segment >= here), 0) - 1
            )
            self.next_hit(1)
        return len(self._hits)

    def next_hit(self, delta: int) -> tuple[int, int]:
        """Move to the next (or previous) hit, wrapping around; returns (index, count)."""
        if not self._hits:
            return (0, 0)
        old = self._hits[self._hit_index].segment if self._hit_index >= 0 else None
        self._hit_index = (self._hit_index + delta) % len(self._hits)
        hit = self._hits[self._hit_index]
        if old is not None:
            self._refresh_segment(old)
        seg = self.document.segments[hit.segment]
        if hit.side == "source":
            sentence = seg.source.sentence_at(hit.start)
        else:
            assert seg.target is not None
            sentence = source_of_target(seg, seg.target.sentence_at(hit.start))
        self._set_cursor(Cursor(hit.segment, sentence))
        layout = self._layout
        if layout is not None:
            row = layout.row_of(hit.segment, hit.side, hit.start)
            if not int(self.scroll_y) <= row < int(self.scroll_y) + self.size.height:
                self.scroll_to(y=max(row - self.size.height // 3, 0), animate=False, immediate=True)
        return (self._hit_index, len(self._hits))

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(self._hits)

    # --- reading position -------------------------------------------------------------

    def anchor(self) -> tuple[str, int]:  # type: ignore[override]
        """The reading position as (segment id, character offset of the current sentence)."""
        segments = self.document.segments
        if not segments:
            return ("", 0)
        cur = self._cursor
        seg = segments[min(cur.segment, len(segments) - 1)]
        spans = seg.source.spans
        return (seg.id, spans[cur.sentence][0] if cur.sentence < len(spans) else 0)

    def restore(self, anchor: tuple[str, int]) -> None:
        """Go back to a saved position; an id no longer in the document means the start."""
        segment_id, offset = anchor
        index = self.document.segment_index.get(segment_id)
        if index is None:
            return
        if self._layout is None or self._layout.document is not self.document:
            self._pending_anchor = anchor
        sentence = self.document.segments[index].source.sentence_at(offset)
        self._cursor = Cursor(index, sentence)
        if self._layout is not None:
            self._relayout(anchor=anchor, force=True)
        self.post_message(self.CursorMoved(self._cursor))

    # --- layout -----------------------------------------------------------------------

    def watch_layout(self, old: str, new: str) -> None:
        if new not in LAYOUTS:
            self.set_reactive(ReadingView.layout, old)
            return
        self._revealed = False
        if self.is_mounted:
            self._relayout(anchor=self.anchor())
            cur = self._cursor
            if cur.word is not None and cur.side != self._word_side(cur.segment):
                # The word is no longer on screen: keep the sentence, drop the word.
                self._set_cursor(Cursor(cur.segment, cur.sentence), scroll=False)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout(anchor=self._top_anchor())

    def on_mount(self) -> None:
        self._relayout(anchor=self.anchor())

    @property
    def current_layout(self) -> Layout | None:
        return self._layout

    @property
    def effective_mode(self) -> str:
        """The mode drawn: one-language documents read in one column whatever `layout` says."""
        return self._layout.geometry.mode if self._layout is not None else self.layout

    def _top_anchor(self) -> tuple[str, int]:
        layout = self._layout
        if layout is None or not self.document.segments:
            return self.anchor()
        index, offset = layout.offset_at_row(int(self.scroll_y))
        return (self.document.segments[index].id, offset)

    @property
    def text_width(self) -> int:
        """Cells available to the text: the widget minus its (always reserved) scrollbar."""
        return self.scrollable_content_region.width

    def _relayout(self, *, anchor: tuple[str, int], force: bool = False) -> None:
        width = self.text_width
        if width <= 0:
            return
        if self._pending_anchor is not None:
            anchor, self._pending_anchor = self._pending_anchor, None
        layout = self._layout
        bilingual = any(seg.bilingual for seg in self.document.segments)
        wanted = Geometry.of(width, self.layout, bilingual)
        if (
            not force
            and layout is not None
            and layout.document is self.document
            and layout.geometry == wanted
        ):
            return
        index = self.document.segment_index.get(anchor[0], 0)
        self._layout_serial += 1
        count = len(self.document.segments)
        if count <= EXACT_NOW:
            new = build_layout(self.document, width, self.layout)
        else:
            near = range(max(index - 20, 0), min(index + 80, count))
            new = build_layout(self.document, width, self.layout, exact=near)
            # Started after the first screen is drawn, so it does not compete with it.
            self.call_after_refresh(
                self._build_exact, self.document, width, self.layout, self._layout_serial
            )
        self._install(new, anchor=anchor)

    @work(thread=True, exclusive=True, group="layout")
    def _build_exact(self, document: Document, width: int, mode: str, serial: int) -> None:
        layout = build_layout(document, width, mode)
        self.app.call_from_thread(self._exact_ready, layout, serial)

    def _exact_ready(self, layout: Layout, serial: int) -> None:
        if serial != self._layout_serial or self._layout is None:
            return  # the document, width or mode changed while it was being built
        if self._layout.reveal is not None:
            layout = layout.with_reveal(self._layout.reveal)
        self._install(layout, keep_top=True)
        self.post_message(self.LayoutReady())

    def _install(
        self,
        layout: Layout,
        *,
        anchor: tuple[str, int] | None = None,
        keep_top: bool = False,
    ) -> None:
        """Swap in a layout, keeping the same words at the top of the screen."""
        old = self._layout
        if keep_top and old is not None:
            anchor = self._top_anchor()
        self._layout = layout
        self._strips.clear()
        self.virtual_size = Size(layout.geometry.width, layout.total_rows)
        if anchor is not None and self.document.segments:
            index = self.document.segment_index.get(anchor[0], 0)
            if layout.block(index).part("source") is not None:
                row = layout.row_of(index, "source", anchor[1])
            else:
                row = layout.top(index)
            if keep_top:
                self.scroll_to(y=row, animate=False, immediate=True)
            else:
                self._scroll_to_cursor()
                # Before the first refresh the scroll range is not known yet and the scroll
                # above is clamped to 0: do it again once it is.
                self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()
        if self.is_mounted:
            self._schedule_prefetch()

    # --- drawing ----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._combos.clear()
        self._run_cache.clear()
        self._strips.clear()

    def _base_style(self) -> Style:
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"reading-view--{name}", partial=True)
            self._styles[name] = style
        return style

    def _refresh_segment(self, index: int) -> None:
        """Repaint the rows of one segment, if any are on screen."""
        layout = self._layout
        if layout is None or not 0 <= index < len(layout.heights):
            return
        top, height = layout.top(index), layout.heights[index]
        view_top, view_height = int(self.scroll_y), self.size.height
        first, last = max(top, view_top), min(top + height, view_top + view_height)
        if first < last:
            self.refresh_lines(first, last - first)

    def _schedule_prefetch(self) -> None:
        """When the learner pauses, get ready for the next move: find the terms of the
        paragraphs a screen or two either side of the view, one paragraph at a time, then
        draw the rows of the next and the previous screen into the strip cache, a few rows
        at a time, so that turning a page after reading it draws from the cache. Each step
        is a short timer callback, so a key pressed meanwhile is handled at once."""
        self._prefetch_queue = None
        self._prefetch_rows = []
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(0.05, self._prefetch_step)

    def _prefetch_step(self) -> None:
        layout = self._layout
        if layout is None or not self.document.segments:
            return
        if self._prefetch_queue is None:
            height, top = self.size.height, int(self.scroll_y)
            first = layout.locate(max(top - height, 0))[0]
            last = layout.locate(top + 3 * height)[0]
            mode = layout.geometry.mode
            self._prefetch_queue = [
                (i, side)
                for i in range(first, last + 1)
                for side in ("source", "target")
                if self._shown(i, side, mode)
            ]
            below = range(top + height, min(top + 2 * height, layout.total_rows))
            self._prefetch_rows = [*below, *range(max(top - height, 0), top)]
        base = self._base_style()
        while self._prefetch_queue:
            index, side = self._prefetch_queue.pop(0)
            if (index, side) in self._marks:
                self._runs(index, side, base)
                continue
            self._runs(index, side, base)  # finds the marks, then cuts the runs
            self._prefetch_timer = self.set_timer(0.001, self._prefetch_step)
            return
        if self._prefetch_rows:
            for row in self._prefetch_rows[:PREFETCH_ROWS]:
                self._strip_at(layout, row)
            del self._prefetch_rows[:PREFETCH_ROWS]
            self._prefetch_timer = self.set_timer(0.001, self._prefetch_step)

    def _shown(self, index: int, side: str, mode: str) -> bool:
        """Whether one side of a segment is drawn in `mode` (the self-test reveal aside)."""
        seg = self.document.segments[index]
        if side == "target":
            return seg.bilingual and mode in ("side", "interleaved", "translation")
        return mode != "translation" or not seg.bilingual

    def _marks_for(self, index: int, side: str) -> tuple[TermMark, ...]:
        key = (index, side)
        marks = self._marks.get(key)
        if marks is None:
            seg = self.document.segments[index]
            marks = tuple(
                m for m in self._matches(seg, side) if m.status != "ignored" and m.end > m.start
            )
            self._marks.set(key, marks)
        return marks

    def _row_state(self, layout: Layout, index: int, sub: int) -> tuple[Any, ...]:
        """The cursor, search and selection spans that touch one row, clipped to it: a
        cursor move repaints the rows of the two sentences involved, not whole paragraphs."""
        state: list[tuple[str, int, int, str]] = []
        for part, line in layout.block(index).at(sub):
            start, end = part.lines[line]
            for a, b, name in self._dynamic_layers(index, part.side):
                if a < end and b > start:
                    state.append((part.side, max(a, start), min(b, end), name))
        return tuple(state)

    def render_line(self, y: int) -> Strip:
        layout = self._layout
        if layout is None and self.document.segments and self.text_width > 0:
            # The first frame. Textual tells a widget its size (Resize) only after painting
            # it once; laying out here puts text on that first frame instead of a blank one,
            # which is a frame less for a cold start to wait.
            self._relayout(anchor=self.anchor())
            layout = self._layout
        row = int(self.scroll_y) + y
        if layout is None or row >= layout.total_rows or not self.document.segments:
            return Strip.blank(self.text_width, self.rich_style)
        return self._strip_at(layout, row)

    def _strip_at(self, layout: Layout, row: int) -> Strip:
        """The strip of an absolute layout row, from the cache when nothing in it changed."""
        index, sub = layout.locate(row)
        key = (
            index,
            sub,
            self._layout_serial,
            id(layout),
            self._terms_version,
            self._segment_versions.get(index, 0),
            self._row_state(layout, index, sub),
        )
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(layout, index, sub, row)
            self._strips[key] = strip
        return strip

    def _render_row(self, layout: Layout, index: int, sub: int, row: int) -> Strip:
        geo = layout.geometry
        base = self._base_style()
        segments: list[RichSegment] = []
        x = 0
        if sub >= layout.heights[index] - 1:
            return Strip.blank(geo.width, base)
        on_row = {part.column: (part, line) for part, line in layout.block(index).at(sub)}
        seg = self.document.segments[index]
        for column, (col_x, col_width) in enumerate(geo.columns):
            if col_x > x:
                segments.append(self._gutter(seg, on_row, col_x - x, column, base))
                x = col_x
            found = on_row.get(column)
            if found is None:
                segments.append(RichSegment(" " * col_width, base))
            else:
                parts, used = self._render_part_line(
                    seg, index, found[0], found[1], col_width, row, base
                )
                if used > col_width:
                    # A kinsoku rule may leave a line one character over; the column edge wins.
                    parts = list(Strip(parts).crop_extend(0, col_width, base))
                segments.extend(parts)
            x += col_width
        if x < geo.width:
            segments.append(RichSegment(" " * (geo.width - x), base))
        return Strip(segments, geo.width)

    def _gutter(
        self,
        seg: Segment,
        on_row: dict[int, tuple[Part, int]],
        width: int,
        column: int,
        base: Style,
    ) -> RichSegment:
        """Between columns (or left of a single one): a rule, or a mark for a doubtful link.

        The mark goes on the row where the doubtful link's first sentence starts, once, so a
        long paragraph is not fenced with question marks.
        """
        doubtful = False
        for part, line in on_row.values():
            if part.column != 0:
                continue  # marked beside the text on the left, once per row
            start, end = part.lines[line]
            end = max(end, start + 1)
            if any(start <= x < end for x in self._doubtful_starts(seg, part.side)):
                doubtful = True
        if doubtful:
            mark = "?".center(width) if column else "?".ljust(width)
            return RichSegment(mark, self._combo(base, ("low-confidence",)))
        if column and width >= 3:
            return RichSegment(" │ ".center(width), self._combo(base, ("gutter",)))
        return RichSegment(" " * width, base)

    def _doubtful_starts(self, seg: Segment, side: str) -> tuple[int, ...]:
        """Where the first sentence of each doubtful link of one side of a segment starts."""
        key = (seg.id, side)
        found = self._doubtful.get(key)
        if found is None:
            text = seg.source if side == "source" else seg.target
            found = ()
            if text is not None:
                found = tuple(
                    text.spans[min(ids)][0]
                    for link in seg.links
                    if (ids := link.source if side == "source" else link.target)
                    and link.confidence is not None
                    and link.confidence < self.low_confidence
                    and not link.manual
                    and min(ids) < len(text.spans)
                )
            self._doubtful.set(key, found)
        return found

    def _combo(self, base: Style, names: tuple[str, ...]) -> Style:
        """`base` with the component styles `names` on top, built once per theme."""
        style = self._combos.get(names)
        if style is None:
            style = base
            for n in names:
                style = style + self._style(n)
            self._combos[names] = style
        return style

    def _static_layers(self, index: int, side: str) -> list[tuple[int, int, str]]:
        """The layers that change only with the glossary or the layout: kind and terms."""
        seg = self.document.segments[index]
        text = seg.source if side == "source" else seg.target
        assert text is not None
        layers: list[tuple[int, int, str]] = []
        mode = self._layout.geometry.mode if self._layout is not None else self.layout
        if seg.kind in ("title", "subtitle", "heading"):
            layers.append((0, len(text.text), "heading"))
        if side == "target" and mode in ("interleaved", "selftest"):
            layers.append((0, len(text.text), "translation"))
        marks = self._marks_for(index, side)
        for mark in marks:
            layers.append((mark.start, mark.end, f"term-{mark.status}"))
        if len(marks) > 1:
            ordered = sorted(marks, key=lambda m: m.start)
            reach = -1
            for mark in ordered:
                if mark.start < reach:
                    layers.append((mark.start, min(mark.end, reach), "term-overlap"))
                reach = max(reach, mark.end)
        return layers

    def _dynamic_layers(self, index: int, side: str) -> list[tuple[int, int, str]]:
        """The layers that follow the learner (cursor, search, selection), above the terms."""
        seg = self.document.segments[index]
        text = seg.source if side == "source" else seg.target
        layers: list[tuple[int, int, str]] = []
        if text is None:
            return layers
        mode = self._layout.geometry.mode if self._layout is not None else self.layout
        cur = self._cursor
        if cur.segment == index:
            if side == "source" and cur.sentence < len(text.spans):
                layers.append((*text.spans[cur.sentence], "cursor"))
            elif side == "target":
                name = "cursor" if mode == "translation" else "counterpart"
                for t in seg.counterparts(cur.sentence):
                    if t < len(text.spans):
                        layers.append((*text.spans[t], name))
        for k in self._hits_by_segment.get(index, ()):
            hit = self._hits[k]
            if hit.side == side:
                name = "search-current" if k == self._hit_index else "search"
                layers.append((hit.start, hit.end, name))
        if cur.segment == index and cur.word is not None and side == cur.side:
            layers.append((*cur.word, "word"))
        pick = self._pick
        if pick is not None and pick.side == side and pick.segment_id == seg.id:
            layers.append((pick.start, pick.end, "selection"))
        return layers

    def _runs(self, index: int, side: str, base: Style) -> tuple[list[int], list[Style]]:
        """One side of a segment cut into runs of one static style: `styles[k]` holds from
        `bounds[k]` to `bounds[k + 1]`. Computed once per segment and glossary version and
        sliced by every line; the cursor and search layers go on top line by line, so
        moving them never recomputes a paragraph dense with terms."""
        key = (
            index,
            side,
            self._terms_version,
            self._segment_versions.get(index, 0),
            id(self._layout),
        )
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        text = self._text_of(index, side)
        length = len(text.text) if text is not None else 0
        layers = self._static_layers(index, side)
        bounds = sorted({0, length, *(s for s, _, _ in layers), *(e for _, e, _ in layers)})
        # Coverage per style name by difference arrays summed at C speed, then one bit per
        # name: linear in runs and layers, where stacking layer by layer was quadratic in a
        # paragraph where every word is a term.
        position = {b: i for i, b in enumerate(bounds)}
        diffs: dict[str, list[int]] = {}
        for start, end, name in layers:
            diff = diffs.get(name)
            if diff is None:
                diff = diffs[name] = [0] * len(bounds)
            diff[position[start]] += 1
            diff[position[end]] -= 1
        names = [n for n in _STATIC_ORDER if n in diffs]
        masks = [0] * len(bounds)
        for bit, name in enumerate(names):
            flag = 1 << bit
            masks = [m | flag if c > 0 else m for m, c in zip(masks, accumulate(diffs[name]))]
        by_mask: dict[int, Style] = {}
        styles: list[Style] = []
        starts: list[int] = []
        for k in range(len(bounds) - 1):
            mask = masks[k]
            style = by_mask.get(mask)
            if style is None:
                combo = tuple(n for bit, n in enumerate(names) if mask >> bit & 1)
                style = by_mask[mask] = self._combo(base, combo)
            # Neighbouring runs that look the same are one run: fewer segments to draw.
            if not styles or styles[-1] is not style:
                styles.append(style)
                starts.append(bounds[k])
        starts.append(length)
        self._run_cache[key] = (starts, styles)
        return starts, styles

    def _render_part_line(
        self,
        seg: Segment,
        index: int,
        part: Part,
        line: int,
        width: int,
        row: int,
        base: Style,
    ) -> tuple[list[RichSegment], int]:
        """One line of one part, padded to `width`, and the cells its text takes."""
        text = seg.source if part.side == "source" else seg.target
        assert text is not None
        start, end = part.lines[line]
        chunk = text.text[start:end]
        bounds, styles = self._runs(index, part.side, base)
        dynamic = [
            (a, b, self._style(name))
            for a, b, name in self._dynamic_layers(index, part.side)
            if a < end and b > start
        ]
        x_base = TARGET_X if part.side == "target" else 0
        out: list[RichSegment] = []
        indent = part.indent
        if indent:
            out.append(RichSegment(" " * indent, base))
        inner = max(width - indent, 0)
        used = len(chunk) if chunk.isascii() else cell_len(chunk)
        if part.rtl and self.bidi:
            display, logical = visual_line(chunk)
            used = cell_len(display)
            if used < inner:
                out.append(RichSegment(" " * (inner - used), base))
            for ch, i in zip(display, logical, strict=True):
                style = styles[bisect_right(bounds, start + i) - 1]
                for da, db, extra in dynamic:
                    if da <= start + i < db:
                        style = style + extra
                meta = Style.from_meta({"offset": (x_base + start + i, row)})
                out.append(RichSegment(ch, style + meta))
            return out, used + indent
        # Cut the line where a run or a cursor/search/selection layer starts or ends; each
        # piece carries the offset of its first character for the mouse and the selection.
        k = bisect_right(bounds, start) - 1
        cuts = [start, *bounds[k + 1 : bisect_left(bounds, end)], end] if end > start else []
        if dynamic:
            cuts = sorted({*cuts, *(x for a, b, _ in dynamic for x in (a, b) if start < x < end)})
        text_str = text.text
        for a, b in itertools.pairwise(cuts):
            while bounds[k + 1] <= a:
                k += 1
            style = styles[k]
            for da, db, extra in dynamic:
                if da <= a and db >= b:
                    style = style + extra
            meta = Style.from_meta({"offset": (x_base + a, row)})
            out.append(RichSegment(text_str[a:b], style + meta))
        if used < inner:
            out.append(RichSegment(" " * (inner - used), base))
        return out, used + indent
