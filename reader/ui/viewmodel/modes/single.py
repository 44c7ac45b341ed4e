"""One language: the original in one column (what a document without a translation reads in,
whichever mode was chosen)."""

from __future__ import annotations

from reader.model import Document, Segment
from reader.ui.viewmodel.layout import Block, Geometry, Part, finish
from reader.ui.viewmodel.modes.base import Mode, rows, source_rtl, wrapped


class Single(Mode):
    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        ((_, width),) = geo.columns
        return finish([Part("source", 0, 0, wrapped(seg.source.text, width), source_rtl(doc, seg))])

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        ((_, width),) = geo.columns
        return rows(seg.source, width) + 1


SINGLE = Single("single", "one language", shows_target=False)
