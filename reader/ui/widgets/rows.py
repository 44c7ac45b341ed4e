"""Drawing the reading view's rows: a layout row becomes one strip of styled text.

A row joins, per column, the line of the part drawn there (runs of static styles sliced to
the line, the learner's layers on top, right-to-left lines reordered) and the gutter between
columns. Every piece of text carries the character offset it starts at in its metadata, so
the mouse and the selection name characters of the document, not cells.

What was drawn is kept, keyed by everything that changes its pixels: strips by row, glossary
version and the learner's layers on that row; runs by segment and side; term marks for the
segments around the reading position only.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.marks import MatchProvider, TermMark
from reader.model import Document, Segment, Text
from reader.ui.viewmodel.bidi import visual_line
from reader.ui.viewmodel.layout import Layout, Part
from reader.ui.viewmodel.modes import Mode
from reader.ui.viewmodel.navigator import Cursor, TextPick
from reader.ui.viewmodel.styling import (
    Combo,
    Layer,
    doubtful_starts,
    dynamic_layers,
    runs,
    static_layers,
)
from reader.ui.widgets.palette import Palette

if TYPE_CHECKING:
    from reader.ui.viewmodel.search import Search

# Mouse offsets name a character of a paragraph, not a cell: x is the character offset in
# the source text, or TARGET_X + the offset in the translation; y is the layout row.
TARGET_X = 1 << 20
MARKS_KEPT = 200  # segment sides whose term marks are kept (several screens' worth)


@dataclass(frozen=True, slots=True)
class Frame:
    """What the learner's layers depend on: the cursor, the mode drawn, search and pick."""

    cursor: Cursor
    mode: Mode
    search: Search | None = None
    pick: TextPick | None = None


def text_of(seg: Segment, side: str) -> Text | None:
    return seg.source if side == "source" else seg.target


def decode(layout: Layout, x: int, y: int) -> tuple[int, str, int]:
    """(segment index, side, character offset) from the mouse offset `(x, y)` of a strip."""
    index, _ = layout.locate(y)
    side = "target" if x >= TARGET_X else "source"
    return index, side, x - TARGET_X if side == "target" else x


def offset_at(strip: Strip, x: int) -> tuple[int, int] | None:
    """The mouse offset of the character under cell `x` of a drawn strip (past the text of
    a line: its end)."""
    cells = 0
    last: tuple[int, int] | None = None
    for seg in strip:
        width = seg.cell_length
        meta = seg.style.meta if seg.style is not None else {}
        offset = meta.get("offset") if meta else None
        if offset is not None:
            if cells <= x < cells + width:
                chars = used = 0
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


class Prefetch:
    """Work done ahead while the learner reads a screen: the terms of the paragraphs a
    screen or two either side (one side of a paragraph per step, the expensive part), then
    the strips of the next and the previous screen, a few rows per step."""

    ROWS_PER_STEP = 8  # well under a frame's time each

    def __init__(self, painter: RowPainter, layout: Layout, top: int, height: int) -> None:
        self.painter = painter
        self.layout = layout
        self.sides, self.rows = layout.nearby(top, height)

    def step(self, frame: Frame) -> bool:
        """Do one step; False when nothing is left."""
        painter, layout = self.painter, self.layout
        while self.sides:
            index, side = self.sides.pop(0)
            found = painter.has_marks(index, side)
            painter.runs(layout, index, side)  # finds the marks first if it must
            if not found:
                return True
        if self.rows:
            for row in self.rows[: self.ROWS_PER_STEP]:
                painter.strip(layout, row, frame)
            del self.rows[: self.ROWS_PER_STEP]
            return True
        return False


def styles_of(segment: RichSegment) -> Combo:
    """The style names a piece of a drawn strip was painted with ("cursor", "term-new" ...)."""
    meta = segment.style.meta if segment.style is not None else None
    return tuple(meta.get("styles", ())) if meta else ()


class RowPainter:
    """Strips for the rows of one document's layouts, in the colours of `palette`."""

    def __init__(
        self,
        document: Document,
        matches: MatchProvider,
        palette: Palette,
        *,
        bidi: bool,
        low_confidence: float,
    ) -> None:
        self.document = document
        self.matches = matches
        self.palette = palette
        self.bidi = bidi
        self.low_confidence = low_confidence
        # Marks of the segments near the reading position only: in a dense glossary one
        # side of a paragraph can hold a thousand marks, and a learner who reads a whole
        # book must not end up holding the marks of all of it.
        self._marks: LRUCache[tuple[int, str], tuple[TermMark, ...]] = LRUCache(MARKS_KEPT)
        self._terms_version = 0
        self._segment_versions: dict[int, int] = {}
        self._strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(2048)
        self._runs: LRUCache[tuple[Any, ...], tuple[list[int], list[Combo]]] = LRUCache(256)
        self._doubtful: LRUCache[tuple[str, str], tuple[int, ...]] = LRUCache(1024)
        # A combination of names -> its style with the names in its metadata, which tells
        # tests (and anything reading the strips) what each cell was drawn as.
        self._combos: dict[Combo, Style] = {}

    # --- what invalidates what ----------------------------------------------------------

    def set_document(self, document: Document) -> None:
        self.document = document
        self._marks.clear()
        self._strips.clear()
        self._doubtful.clear()
        self._runs.clear()

    def terms_changed(self, indices: Iterable[int] | None = None) -> None:
        """The glossary changed: forget marks (of all segments, or of these)."""
        if indices is None:
            self._marks.clear()
            self._terms_version += 1
            return
        for i in indices:
            self._marks.discard((i, "source"))
            self._marks.discard((i, "target"))
            self._segment_versions[i] = self._segment_versions.get(i, 0) + 1

    def styles_changed(self) -> None:
        """The theme changed: every colour is to be read again."""
        self.palette.clear()
        self._combos.clear()
        self._runs.clear()
        self._strips.clear()

    def layout_changed(self) -> None:
        self._strips.clear()

    def has_marks(self, index: int, side: str) -> bool:
        return (index, side) in self._marks

    # --- layers --------------------------------------------------------------------------

    def marks(self, index: int, side: str) -> tuple[TermMark, ...]:
        key = (index, side)
        found = self._marks.get(key)
        if found is None:
            seg = self.document.segments[index]
            found = tuple(
                m for m in self.matches(seg, side) if m.status != "ignored" and m.end > m.start
            )
            self._marks.set(key, found)
        return found

    def dynamic(self, index: int, side: str, frame: Frame) -> list[Layer]:
        seg = self.document.segments[index]
        return dynamic_layers(index, seg, side, frame.cursor, frame.mode, frame.search, frame.pick)

    def combo(self, names: Combo) -> Style:
        """The base style with the component styles `names` on top, built once per theme."""
        style = self._combos.get(names)
        if style is None:
            style = self.palette.style(names) + Style.from_meta({"styles": names})
            self._combos[names] = style
        return style

    def base(self) -> Style:
        return self.combo(())

    def _piece(self, text: str, names: Combo, offset: tuple[int, int]) -> RichSegment:
        """Text of the document: its style, and in its metadata its offset and style names."""
        meta = Style.from_meta({"offset": offset, "styles": names})
        return RichSegment(text, self.palette.style(names) + meta)

    def runs(self, layout: Layout, index: int, side: str) -> tuple[list[int], list[Combo]]:
        """One side of a segment cut into runs of one static style (see styling.runs)."""
        part = layout.block(index).part(side)
        part_style = part.style if part is not None else None
        key = (index, side, self._terms_version, self._segment_versions.get(index, 0), part_style)
        cached = self._runs.get(key)
        if cached is not None:
            return cached
        seg = self.document.segments[index]
        text = text_of(seg, side)
        assert text is not None
        length = len(text.text)
        starts, combos = runs(length, static_layers(seg, text, self.marks(index, side), part_style))
        # Combinations of names that look the same (a known term under a new one looks like
        # the new one) are one run: fewer pieces for every line to cut and draw.
        kept: list[int] = []
        names: list[Combo] = []
        last: Style | None = None
        for start, combo in zip(starts, combos):
            style = self.palette.style(combo)
            if last is None or last != style:
                kept.append(start)
                names.append(combo)
                last = style
        kept.append(length)
        self._runs[key] = (kept, names)
        return kept, names

    # --- rows ----------------------------------------------------------------------------

    def _row_state(self, layout: Layout, index: int, sub: int, frame: Frame) -> tuple[Any, ...]:
        """The learner's layers that touch one row, clipped to it: a cursor move repaints
        the rows of the two sentences involved, not whole paragraphs."""
        state: list[tuple[str, int, int, str]] = []
        for part, line in layout.block(index).at(sub):
            if part.annotation:
                continue
            start, end = part.lines[line]
            for a, b, name in self.dynamic(index, part.side, frame):
                if a < end and b > start:
                    state.append((part.side, max(a, start), min(b, end), name))
        return tuple(state)

    def strip(self, layout: Layout, row: int, frame: Frame) -> Strip:
        """The strip of an absolute layout row, from the cache when nothing in it changed."""
        index, sub = layout.locate(row)
        key = (
            index,
            sub,
            id(layout),
            self._terms_version,
            self._segment_versions.get(index, 0),
            self._row_state(layout, index, sub, frame),
        )
        strip = self._strips.get(key)
        if strip is None:
            strip = self.render_row(layout, index, sub, row, frame)
            self._strips[key] = strip
        return strip

    def render_row(self, layout: Layout, index: int, sub: int, row: int, frame: Frame) -> Strip:
        geo = layout.geometry
        base = self.base()
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
                parts, used = self._line(layout, index, found[0], found[1], col_width, row, frame)
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
            if part.column != 0 or part.annotation:
                continue  # marked beside the text on the left, once per row
            start, end = part.lines[line]
            end = max(end, start + 1)
            if any(start <= x < end for x in self._doubtful_starts(seg, part.side)):
                doubtful = True
        if doubtful:
            mark = "?".center(width) if column else "?".ljust(width)
            return RichSegment(mark, self.combo(("low-confidence",)))
        if column and width >= 3:
            return RichSegment(" │ ".center(width), self.combo(("gutter",)))
        return RichSegment(" " * width, base)

    def _doubtful_starts(self, seg: Segment, side: str) -> tuple[int, ...]:
        key = (seg.id, side)
        found = self._doubtful.get(key)
        if found is None:
            found = doubtful_starts(seg, side, self.low_confidence)
            self._doubtful.set(key, found)
        return found

    def _line(
        self, layout: Layout, index: int, part: Part, line: int, width: int, row: int, frame: Frame
    ) -> tuple[list[RichSegment], int]:
        """One line of one part, padded to `width`, and the cells its text takes."""
        base = self.base()
        start, end = part.lines[line]
        out: list[RichSegment] = []
        indent = part.indent
        if indent:
            out.append(RichSegment(" " * indent, base))
        inner = max(width - indent, 0)
        if part.text is not None:  # an annotation: drawn, never picked
            chunk = part.text[start:end]
            used = cell_len(chunk)
            out.append(RichSegment(chunk, self.combo((part.style or "annotation",))))
            if used < inner:
                out.append(RichSegment(" " * (inner - used), base))
            return out, used + indent
        text = text_of(self.document.segments[index], part.side)
        assert text is not None
        chunk = text.text[start:end]
        bounds, combos = self.runs(layout, index, part.side)
        dynamic = [
            (a, b, name)
            for a, b, name in self.dynamic(index, part.side, frame)
            if a < end and b > start
        ]
        x_base = TARGET_X if part.side == "target" else 0
        used = len(chunk) if chunk.isascii() else cell_len(chunk)
        if part.rtl and self.bidi:
            display, logical = visual_line(chunk)
            used = cell_len(display)
            if used < inner:
                out.append(RichSegment(" " * (inner - used), base))
            for ch, i in zip(display, logical, strict=True):
                combo = combos[bisect_right(bounds, start + i) - 1]
                on_top = tuple(name for da, db, name in dynamic if da <= start + i < db)
                out.append(self._piece(ch, combo + on_top, (x_base + start + i, row)))
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
            on_top = tuple(name for da, db, name in dynamic if da <= a and db >= b)
            out.append(self._piece(text_str[a:b], combos[k] + on_top, (x_base + a, row)))
        if used < inner:
            out.append(RichSegment(" " * (inner - used), base))
        return out, used + indent
