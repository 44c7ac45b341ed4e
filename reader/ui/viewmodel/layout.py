"""Where every line of a document goes, for one width and one layout mode.

A pure object, built off the UI thread and replaced whole: the reading view maps a screen row
to (segment, row within the segment) with a bisect over prefix sums, and a character span to
its rows the other way round. Nothing here draws; nothing here imports Textual.

Each segment becomes a `Block` of `Part`s, each part some wrapped lines of one side of the
segment in one column, from a row of the block; then a blank row. The layout mode
(`reader.ui.viewmodel.modes`) decides the columns and the parts: side by side, both sides
start on the same row; interleaved, the translation follows the original; a mode may also
give a side several parts (each sentence followed by its translation) or add an annotation
with a text of its own (a reading line under Chinese).

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
from typing import TYPE_CHECKING, overload

from reader.model import Document, Segment, Text

if TYPE_CHECKING:
    from reader.ui.viewmodel.modes.base import Mode

GUTTER = 3  # between the columns of the side-by-side layout
MARGIN = 2  # left of a single column: room for the low-confidence marker
INDENT = 2  # translation lines under the original in the interleaved layout
MIN_COLUMN = 8

Span = tuple[int, int]
# Which sentences of a segment's translation the self-test shows: (segment index, sentences).
Reveal = tuple[int, tuple[int, ...]]


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
    """Some lines of one side of a segment, in one column from row `top` of its block.

    `lines` are spans of the side's paragraph text (a part may hold only some of its
    sentences: a self-test reveal, or one sentence of a sentence-by-sentence mode). `style`
    is a component style over the whole part ("translation"). An annotation has a `text` of
    its own that `lines` are spans of (a reading line): drawn, but not part of the
    document, so never a place for the cursor, a selection or a term.
    """

    side: str  # "source" | "target"
    column: int  # 0: the left (or only) column, 1: the right column
    top: int
    lines: Lines
    rtl: bool = False
    indent: int = 0
    style: str | None = None
    text: str | None = None

    @property
    def annotation(self) -> bool:
        return self.text is not None

    def line_at(self, offset: int) -> int:
        """Index of the line holding character `offset` (the nearest one before a gap)."""
        return self.lines.line_at(offset)

    @property
    def first(self) -> int:
        """The first character of the side's text drawn in this part."""
        return self.lines[0][0] if self.lines else 0


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

    def parts_of(self, side: str) -> list[Part]:
        """The parts showing `side`'s own text (annotations aside), in reading order."""
        return sorted(
            (p for p in self.parts if p.side == side and p.text is None and p.lines),
            key=lambda p: p.first,
        )

    def part(self, side: str) -> Part | None:
        """The first part showing `side`'s text, if the block shows it at all."""
        for p in self.parts:
            if p.side == side and p.text is None:
                return p
        return None

    def part_at(self, side: str, offset: int) -> Part | None:
        """The part showing character `offset` of `side` (the nearest one before a gap)."""
        parts = self.parts_of(side)
        if not parts:
            return None
        chosen = parts[0]
        for p in parts:
            if p.first <= offset:
                chosen = p
        return chosen


def finish(parts: Iterable[Part]) -> Block:
    """A block of these parts and the blank row after them."""
    kept = tuple(parts)
    return Block(kept, max((p.top + len(p.lines) for p in kept), default=0) + 1)


@dataclass(frozen=True)
class Geometry:
    """Columns of a layout: `(x, width)` each; `mode` is the mode drawn, which for a
    one-language document or a narrow terminal may differ from the one chosen."""

    width: int
    mode: str
    columns: tuple[tuple[int, int], ...]
    kind: Mode | None = field(default=None, compare=False, repr=False)  # the mode itself

    @classmethod
    def of(cls, width: int, mode: str, bilingual: bool) -> Geometry:
        from reader.ui.viewmodel.modes import SINGLE, mode_named

        chosen = mode_named(mode) if bilingual else SINGLE
        columns = chosen.columns(width)
        while columns is None and chosen.narrow is not None:
            chosen = mode_named(chosen.narrow)
            columns = chosen.columns(width)
        if columns is None:
            chosen, columns = SINGLE, SINGLE.columns(width)
        assert columns is not None
        return cls(width, chosen.name, columns, chosen)

    @property
    def drawn(self) -> Mode:
        if self.kind is not None:
            return self.kind
        from reader.ui.viewmodel.modes import mode_named

        return mode_named(self.mode)


def one_column(width: int) -> tuple[tuple[int, int], ...]:
    """The columns of a mode that reads in one column: all but the margin."""
    return ((MARGIN, max(width - MARGIN, 1)),)


def target_text(seg: Segment) -> Text | None:
    return seg.target if seg.bilingual else None


def sentences_span(text: Text, sentences: Iterable[int]) -> tuple[int, int] | None:
    """The character span from the first to the last of `sentences` in `text`."""
    spans = [text.spans[i] for i in sentences if 0 <= i < len(text.spans)]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


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
    reveal: Reveal | None = None
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
            block = self._make_block(index)
            self.blocks[index] = block  # a memo: the heights stay as estimated
        return block

    def _make_block(self, index: int) -> Block:
        reveal = self.reveal[1] if self.reveal and self.reveal[0] == index else None
        seg = self.document.segments[index]
        return self.geometry.drawn.dressed_block(self.document, seg, self.geometry, reveal)

    def rows_of_span(self, index: int, side: str, span: Span) -> range:
        """Absolute rows on which characters `span` of one side of a segment are drawn."""
        block = self.block(index)
        top = self.top(index)
        last = max(span[1] - 1, span[0])
        first_part, last_part = block.part_at(side, span[0]), block.part_at(side, last)
        if first_part is None or last_part is None:
            return range(top, top)
        first = top + first_part.top + first_part.line_at(span[0])
        final = top + last_part.top + last_part.line_at(last)
        limit = top + self.heights[index] - 1
        return range(first, min(max(final, first) + 1, limit + 1))

    def row_of(self, index: int, side: str, offset: int) -> int:
        rows = self.rows_of_span(index, side, (offset, offset + 1))
        return rows.start if rows else self.top(index)

    def offset_at_row(self, row: int) -> tuple[int, int]:
        """(segment index, character offset in its source) of the first text on `row`.

        This is the anchor a relayout keeps on screen: the same words stay at the top.
        """
        index, sub = self.locate(row)
        block = self.block(index)
        sources = sorted(block.parts_of("source"), key=lambda p: p.top)
        if not sources:
            return index, 0
        part = sources[0]
        for p in sources:
            if p.top <= sub:
                part = p
        line = min(max(sub - part.top, 0), len(part.lines) - 1)
        return index, part.lines[line][0]

    def nearby(self, top: int, height: int) -> tuple[list[tuple[int, str]], list[int]]:
        """What to get ready while the learner reads a screen of `height` rows from `top`:
        the sides of the segments from a screen above to two below (their terms), and the
        rows of the next screen, then the previous one."""
        first = self.locate(max(top - height, 0))[0]
        last = self.locate(top + 3 * height)[0]
        drawn = self.geometry.drawn
        sides = [
            (i, side)
            for i in range(first, last + 1)
            for side in drawn.drawn_sides(self.document.segments[i])
        ]
        below = range(top + height, min(top + 2 * height, self.total_rows))
        return sides, [*below, *range(max(top - height, 0), top)]

    def with_reveal(self, reveal: Reveal | None) -> Layout:
        """The same layout with another self-test reveal: only the segments involved rewrap."""
        blocks = list(self.blocks)
        heights = list(self.heights)
        touched = {r[0] for r in (self.reveal, reveal) if r is not None}
        out = Layout(self.document, self.geometry, blocks, heights, reveal)
        for index in touched:
            block = out._make_block(index)
            blocks[index] = block
            heights[index] = block.height
        out.__post_init__()
        return out


# Documents up to this many segments are wrapped in full before the first screen; longer
# ones get the rows around the reading position first and the rest from a worker.
EXACT_NOW = 400


def first_layout(document: Document, width: int, mode: str, around: int) -> tuple[Layout, bool]:
    """A layout to draw at once, and whether the exact one must still be built: a short
    document is wrapped in full, a long one only around segment `around` (estimated
    elsewhere) so the first screen does not wait for a whole book to wrap."""
    count = len(document.segments)
    if count <= EXACT_NOW:
        return build_layout(document, width, mode), False
    near = range(max(around - 20, 0), min(around + 80, count))
    return build_layout(document, width, mode, exact=near), True


def build_layout(
    document: Document,
    width: int,
    mode: str,
    *,
    reveal: Reveal | None = None,
    exact: Sequence[int] | range | None = None,
) -> Layout:
    """Lay out `document` at `width` cells in `mode` (a name of `modes.MODES`).

    `exact`: the segments to wrap now (all when None); the others get estimated heights.
    """
    bilingual = document.bilingual and any(seg.bilingual for seg in document.segments)
    geo = Geometry.of(width, mode, bilingual)
    drawn = geo.drawn
    wanted = None if exact is None else set(exact)
    blocks: list[Block | None] = []
    heights: list[int] = []
    for i, seg in enumerate(document.segments):
        if wanted is None or i in wanted:
            shown = reveal[1] if reveal and reveal[0] == i else None
            block = drawn.dressed_block(document, seg, geo, shown)
            blocks.append(block)
            heights.append(block.height)
        else:
            blocks.append(None)
            heights.append(drawn.dressed_estimate(seg, geo))
    return Layout(document, geo, blocks, heights, reveal)
