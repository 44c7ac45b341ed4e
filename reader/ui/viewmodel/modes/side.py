"""Side by side: the original on the left, its translation on the right, each pair of
paragraphs starting on the same row; the longer side decides the block's height."""

from __future__ import annotations

from reader.model import Document, Segment
from reader.ui.viewmodel.layout import (
    GUTTER,
    MIN_COLUMN,
    Block,
    Geometry,
    Part,
    finish,
    target_text,
)
from reader.ui.viewmodel.modes.base import Mode, rows, source_rtl, target_rtl, wrapped


class SideBySide(Mode):
    def columns(self, width: int) -> tuple[tuple[int, int], ...] | None:
        if width - GUTTER < 2 * MIN_COLUMN:
            return None
        left = (width - GUTTER) // 2
        return ((0, left), (left + GUTTER, width - GUTTER - left))

    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        (_, left), (_, right) = geo.columns
        # Text with no translation (a title, a caption) keeps to the original's column.
        parts = [Part("source", 0, 0, wrapped(seg.source.text, left), source_rtl(doc, seg))]
        tgt = target_text(seg)
        if tgt is not None:
            parts.append(Part("target", 1, 0, wrapped(tgt.text, right), target_rtl(doc, seg)))
        return finish(parts)

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        (_, left), (_, right) = geo.columns
        height = rows(seg.source, left)
        tgt = target_text(seg)
        if tgt is not None:
            height = max(height, rows(tgt, right))
        return height + 1


SIDE = SideBySide("side", "side by side", narrow="interleaved", keep_block=True)
