"""Interleaved: each original paragraph, then its translation under it, indented and set
apart in the translation style."""

from __future__ import annotations

from reader.model import Document, Segment
from reader.ui.viewmodel.layout import INDENT, Block, Geometry, Part, finish, target_text
from reader.ui.viewmodel.modes.base import Mode, rows, source_rtl, target_rtl, wrapped


class Interleaved(Mode):
    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        ((_, width),) = geo.columns
        source = wrapped(seg.source.text, width)
        parts = [Part("source", 0, 0, source, source_rtl(doc, seg))]
        tgt = target_text(seg)
        if tgt is not None:
            lines = wrapped(tgt.text, max(width - INDENT, 1))
            rtl = target_rtl(doc, seg)
            parts.append(Part("target", 0, len(source), lines, rtl, INDENT, "translation"))
        return finish(parts)

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        ((_, width),) = geo.columns
        height = rows(seg.source, width)
        tgt = target_text(seg)
        if tgt is not None:
            height += rows(tgt, max(width - INDENT, 1))
        return height + 1


INTERLEAVED = Interleaved("interleaved", "interleaved")
