"""Where every line of a document goes, for one width and one layout mode.

A pure object, built off the UI thread and replaced whole: the reading view maps a screen row
to (segment, row within the segment) with a bisect over prefix sums, and a sentence to its
rows the other way round. Nothing here draws; nothing here imports Textual.

Each segment becomes a `Block`: its wrapped lines placed in one or two columns, then a blank
row. In the side-by-side layout both columns of a segment start on the same row and the
longer side decides the block's height.

A 5,000-paragraph book takes about a second to wrap, so the first screen is drawn from a
layout that wraps exactly only the segments around the reading position and estimates the
rest (`exact=`); the exact layout replaces it when the worker finishes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain
from typing import overload

from reader.model import Document, Segment, Text
from reader.ui.bidi import is_rtl
from reader.ui.wrap import estimate_rows, wrap

MODES: tuple[str, ...] = ("side", "interleaved", "selftest", "translation")
GUTTER = 3  # between the columns of the side-by-side layout
MARGIN = 2  # left of a single column: room for the low-confidence marker
INDENT = 2  # translation lines under the original in the interleaved layout
MIN_COLUMN = 8


class Lines(Sequence[tuple[int, int]]):
    """The `(start, end)` spans of a part's lines, kept as one flat array of integers.

    A 5,000-paragraph book has some 270,000 lines and its layout lives as long as the view:
    a tuple per line was 20 MB of small objects for the garbage collector to walk; the array
    is 8 bytes a line. Reads as a sequence of tuples, so nothing else needs to know.
    """

    __slots__ = ("_flat",)

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._flat = array("I", chain.from_iterable(spans))

    def __len__(self) -> int:
        return len(self._flat) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._flat[2 * index], self._flat[2 * index + 1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        flat = self._flat
        return zip(flat[0::2], flat[1::2], strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines):
            return self._flat == other._flat
        if isinstance(other, Sequence):
            return list(self) == [tuple(x) for x in other]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._flat.tobytes())

    def __repr__(self) -> str:
        return f"Lines({list(self)!r})"

    def line_at(self, offset: int) -> int:
        """Index of the line holding character `offset` (the nearest one before a gap)."""
        return max(0, bisect_right(self._flat[0::2], offset) - 1)


@dataclass(frozen=True, slots=True)
class Part:
    """One side of a segment in a block: its wrapped lines in one column from row `top`.

    `lines` are spans of the side's paragraph text; a self-test reveal is a target part whose
    lines cover only the revealed sentences.
    """

    side: str  # "source" | "target"
    column: int  # 0: the left (or only) column, 1: the right column
    top: int
    lines: Lines
    rtl: bool = False
    indent: int = 0

    def line_at(self, offset: int) -> int:
        """Index of the line holding character `offset` (the nearest one before a gap)."""
        return self.lines.line_at(offset)


@dataclass(frozen=True, slots=True)
class Block:
    """How one segment is drawn: parts and the number of rows, separator row included."""

    parts: tuple[Part, ...]
    height: int

    def at(self, row: int) -> list[tuple[Part, int]]:
        """The (part, line index) pairs drawn on `row` of this block, left column first."""
        found = [
            (part, row - part.top) for part in self.parts if 0 <= row - part.top < len(part.lines)
        ]
        return sorted(found, key=lambda pl: pl[0].column)

    def part(self, side: str) -> Part | None:
        for p in self.parts:
            if p.side == side:
                return p
        return None


@dataclass(frozen=True, slots=True)
class Geometry:
    """Columns of a layout: `(x, width)` each; the mode a one-language document falls back to."""

    width: int
    mode: str
    columns: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, width: int, mode: str, bilingual: bool) -> Geometry:
        if not bilingual:
            mode = "single"
        if mode == "side" and width - GUTTER >= 2 * MIN_COLUMN:
            left = (width - GUTTER) // 2
            return cls(width, mode, ((0, left), (left + GUTTER, width - GUTTER - left)))
        if mode == "side":  # too narrow for two columns: read one under the other
            mode = "interleaved"
        return cls(width, mode, ((MARGIN, max(width - MARGIN, 1)),))


def target_text(seg: Segment) -> Text | None:
    return seg.target if seg.bilingual else None


def sentences_span(text: Text, sentences: Iterable[int]) -> tuple[int, int] | None:
    """The character span from the first to the last of `sentences` in `text`."""
    spans = [text.spans[i] for i in sentences if 0 <= i < len(text.spans)]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def _wrap_span(text: str, span: tuple[int, int], width: int) -> Lines:
    start, end = span
    return Lines((start + s, start + e) for s, e in wrap(text[start:end], width))


def make_block(
    doc: Document,
    seg: Segment,
    geo: Geometry,
    reveal: tuple[int, ...] | None = None,
) -> Block:
    """Wrap one segment for `geo`. `reveal`: target sentences shown under it in self-test."""
    src = seg.source.text
    src_rtl = is_rtl(src, doc.segment_lang(seg))
    tgt = target_text(seg)
    tgt_rtl = tgt is not None and is_rtl(tgt.text, doc.target_lang)
    mode = geo.mode
    parts: list[Part] = []
    if mode == "side":
        (_, lw), (_, rw) = geo.columns
        if tgt is None:
            # Text with no translation (a title, a caption) keeps to the original's column.
            parts.append(Part("source", 0, 0, Lines(wrap(src, lw)), src_rtl))
        else:
            parts.append(Part("source", 0, 0, Lines(wrap(src, lw)), src_rtl))
            parts.append(Part("target", 1, 0, Lines(wrap(tgt.text, rw)), tgt_rtl))
    else:
        ((_, w),) = geo.columns
        if mode == "translation" and tgt is not None:
            parts.append(Part("target", 0, 0, Lines(wrap(tgt.text, w)), tgt_rtl))
        else:
            src_lines = Lines(wrap(src, w))
            parts.append(Part("source", 0, 0, src_lines, src_rtl))
            if mode == "interleaved" and tgt is not None:
                tw = max(w - INDENT, 1)
                parts.append(
                    Part("target", 0, len(src_lines), Lines(wrap(tgt.text, tw)), tgt_rtl, INDENT)
                )
            elif mode == "selftest" and tgt is not None and reveal:
                span = sentences_span(tgt, reveal)
                if span is not None:
                    tw = max(w - INDENT, 1)
                    lines = _wrap_span(tgt.text, span, tw)
                    parts.append(Part("target", 0, len(src_lines), lines, tgt_rtl, INDENT))
    height = max(p.top + len(p.lines) for p in parts) + 1
    return Block(tuple(parts), height)


def estimate_height(seg: Segment, geo: Geometry) -> int:
    """Rows `make_block` will probably give, without wrapping."""
    tgt = target_text(seg)
    src = seg.source.text
    if geo.mode == "side":
        (_, lw), (_, rw) = geo.columns
        rows = estimate_rows(src, lw)
        if tgt is not None:
            rows = max(rows, estimate_rows(tgt.text, rw))
        return rows + 1
    ((_, w),) = geo.columns
    if geo.mode == "translation" and tgt is not None:
        return estimate_rows(tgt.text, w) + 1
    rows = estimate_rows(src, w)
    if geo.mode == "interleaved" and tgt is not None:
        rows += estimate_rows(tgt.text, max(w - INDENT, 1))
    return rows + 1


@dataclass
class Layout:
    """Blocks of all segments for one geometry, with prefix sums of their heights.

    `blocks[i]` is None for a segment whose height is only estimated; `block(i)` wraps it on
    demand (drawn within the estimated height until the exact layout arrives).
    """

    document: Document
    geometry: Geometry
    blocks: list[Block | None]
    heights: list[int]
    reveal: tuple[int, tuple[int, ...]] | None = None
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = list(accumulate(self.heights, initial=0))

    @property
    def exact(self) -> bool:
        return all(b is not None for b in self.blocks)

    @property
    def total_rows(self) -> int:
        return self.starts[-1]

    def top(self, index: int) -> int:
        """First row of segment `index`."""
        return self.starts[index]

    def locate(self, row: int) -> tuple[int, int]:
        """(segment index, row within its block) for an absolute row, clamped to the document."""
        if not self.heights:
            return (0, 0)
        row = min(max(row, 0), self.total_rows - 1)
        index = bisect_right(self.starts, row) - 1
        return index, row - self.starts[index]

    def block(self, index: int) -> Block:
        block = self.blocks[index]
        if block is None:
            block = make_block(
                self.document, self.document.segments[index], self.geometry, self._reveal_for(index)
            )
            self.blocks[index] = block  # a memo: the heights stay as estimated
        return block

    def _reveal_for(self, index: int) -> tuple[int, ...] | None:
        return self.reveal[1] if self.reveal and self.reveal[0] == index else None

    def rows_of_span(self, index: int, side: str, span: tuple[int, int]) -> range:
        """Absolute rows on which characters `span` of one side of a segment are drawn."""
        part = self.block(index).part(side)
        if part is None or not part.lines:
            return range(self.top(index), self.top(index))
        first = part.line_at(span[0])
        last = part.line_at(max(span[1] - 1, span[0]))
        base = self.top(index) + part.top
        limit = self.top(index) + self.heights[index] - 1
        return range(base + first, min(base + last + 1, limit + 1))

    def row_of(self, index: int, side: str, offset: int) -> int:
        rows = self.rows_of_span(index, side, (offset, offset + 1))
        return rows.start if rows else self.top(index)

    def offset_at_row(self, row: int) -> tuple[int, int]:
        """(segment index, character offset in its source) of the first text on `row`.

        This is the anchor a relayout keeps on screen: the same words stay at the top.
        """
        index, sub = self.locate(row)
        block = self.block(index)
        part = block.part("source") or (block.parts[0] if block.parts else None)
        if part is None:
            return index, 0
        line = min(max(sub - part.top, 0), len(part.lines) - 1)
        if part.side != "source":
            return index, 0
        return index, part.lines[line][0]

    def with_reveal(self, reveal: tuple[int, tuple[int, ...]] | None) -> Layout:
        """The same layout with another self-test reveal: only the segments involved rewrap."""
        blocks = list(self.blocks)
        heights = list(self.heights)
        touched = {r[0] for r in (self.reveal, reveal) if r is not None}
        out = Layout(self.document, self.geometry, blocks, heights, reveal)
        for index in touched:
            block = make_block(
                self.document, self.document.segments[index], self.geometry, out._reveal_for(index)
            )
            blocks[index] = block
            heights[index] = block.height
        out.__post_init__()
        return out


def build_layout(
    document: Document,
    width: int,
    mode: str,
    *,
    reveal: tuple[int, tuple[int, ...]] | None = None,
    exact: Sequence[int] | range | None = None,
) -> Layout:
    """Lay out `document` at `width` cells in `mode` (see MODES).

    `exact`: the segments to wrap now (all when None); the others get estimated heights.
    """
    bilingual = document.bilingual and any(seg.bilingual for seg in document.segments)
    geo = Geometry.of(width, mode, bilingual)
    wanted = None if exact is None else set(exact)
    blocks: list[Block | None] = []
    heights: list[int] = []
    for i, seg in enumerate(document.segments):
        if wanted is None or i in wanted:
            block = make_block(document, seg, geo, reveal[1] if reveal and reveal[0] == i else None)
            blocks.append(block)
            heights.append(block.height)
        else:
            blocks.append(None)
            heights.append(estimate_height(seg, geo))
    return Layout(document, geo, blocks, heights, reveal)
