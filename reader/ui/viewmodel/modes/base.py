"""What a layout mode is: the columns it needs for a width, and the block of each segment."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Document, Segment, Text
from reader.ui.viewmodel.bidi import is_rtl
from reader.ui.viewmodel.extras import dress, extra_rows
from reader.ui.viewmodel.layout import Block, Geometry, Lines, one_column
from reader.ui.viewmodel.wrap import estimate_rows, wrap


@dataclass(frozen=True)
class Mode:
    """A way to lay a document out. Subclasses give `block` (and `estimate`, its height
    without wrapping); the rest are choices most modes leave as they are. A subclass adds
    methods, not fields, so it needs no dataclass decorator of its own.

    - `label`: its name in the status bar and the layout toast.
    - `word_side`: the text the word cursor walks (and a click picks from) in a bilingual
      segment: "target" where the translation is what is read.
    - `reveals`: `space` shows the translation of the current sentence (the self-test).
    - `target_cursor`: the style of the current sentence's translation, "counterpart"
      where the original is read beside it, "cursor" where it is the text read.
    - `narrow`: the mode drawn instead when `columns` says the width is too small.
    - `shows_target`: whether the translation is drawn (the self-test reveal aside).
    - `keep_block`: moving the cursor brings its whole block into view when it fits (side
      by side: the translation stands beside the sentence, not under it).
    """

    name: str
    label: str
    word_side: str = "source"
    reveals: bool = False
    target_cursor: str = "counterpart"
    narrow: str | None = None
    shows_target: bool = True
    keep_block: bool = False

    def columns(self, width: int) -> tuple[tuple[int, int], ...] | None:
        """`(x, width)` of each column at `width` cells; None when it does not fit."""
        return one_column(width)

    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        """Wrap one segment for `geo`. `reveal`: target sentences the self-test shows."""
        raise NotImplementedError

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        """Rows `block` will probably give, without wrapping."""
        raise NotImplementedError

    def dressed_block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        """`block` with what a book or film adds around the text (`viewmodel.extras`):
        what the layout draws, in every mode alike."""
        return dress(self.block(doc, seg, geo, reveal), seg, geo)

    def dressed_estimate(self, seg: Segment, geo: Geometry) -> int:
        return self.estimate(seg, geo) + extra_rows(seg, geo)

    def drawn_sides(self, seg: Segment) -> tuple[str, ...]:
        """The sides of `seg` this mode draws (for work done ahead of the reader)."""
        if seg.bilingual and self.shows_target:
            return ("source", "target") if self.word_side == "source" else ("target",)
        return ("source",)


# --- what modes build blocks from ----------------------------------------------------------


def source_rtl(doc: Document, seg: Segment) -> bool:
    return is_rtl(seg.source.text, doc.segment_lang(seg))


def target_rtl(doc: Document, seg: Segment) -> bool:
    return seg.target is not None and is_rtl(seg.target.text, doc.target_lang)


def wrapped(text: str, width: int, span: tuple[int, int] | None = None) -> Lines:
    """The lines of `text` (or of its `span`) at `width` cells, as spans of `text`."""
    if span is None:
        return Lines(wrap(text, width))
    start, end = span
    return Lines((start + s, start + e) for s, e in wrap(text[start:end], width))


def rows(text: Text | str, width: int) -> int:
    """Rows a text will probably take at `width` cells."""
    return estimate_rows(text if isinstance(text, str) else text.text, width)
