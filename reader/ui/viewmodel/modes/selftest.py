"""Self-test: the original only; `space` reveals the translation of the current sentence
under its paragraph, until the cursor moves on."""

from __future__ import annotations

from reader.model import Document, Segment
from reader.ui.viewmodel.layout import (
    INDENT,
    Block,
    Geometry,
    Part,
    finish,
    sentences_span,
    target_text,
)
from reader.ui.viewmodel.modes.base import Mode, rows, source_rtl, target_rtl, wrapped


class SelfTest(Mode):
    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        ((_, width),) = geo.columns
        source = wrapped(seg.source.text, width)
        parts = [Part("source", 0, 0, source, source_rtl(doc, seg))]
        tgt = target_text(seg)
        span = sentences_span(tgt, reveal) if tgt is not None and reveal else None
        if tgt is not None and span is not None:
            lines = wrapped(tgt.text, max(width - INDENT, 1), span)
            rtl = target_rtl(doc, seg)
            parts.append(Part("target", 0, len(source), lines, rtl, INDENT, "translation"))
        return finish(parts)

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        ((_, width),) = geo.columns
        return rows(seg.source, width) + 1


SELFTEST = SelfTest("selftest", "self-test", reveals=True, shows_target=False)
