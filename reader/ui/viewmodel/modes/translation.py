"""Translation only: the translation in one column, read as the text itself (the word
cursor walks it); paragraphs without one show their original."""

from __future__ import annotations

from reader.model import Document, Segment
from reader.ui.viewmodel.layout import Block, Geometry, Part, finish, target_text
from reader.ui.viewmodel.modes.base import Mode, rows, source_rtl, target_rtl, wrapped


class TranslationOnly(Mode):
    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        ((_, width),) = geo.columns
        tgt = target_text(seg)
        if tgt is not None:
            return finish([Part("target", 0, 0, wrapped(tgt.text, width), target_rtl(doc, seg))])
        return finish([Part("source", 0, 0, wrapped(seg.source.text, width), source_rtl(doc, seg))])

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        ((_, width),) = geo.columns
        tgt = target_text(seg)
        return rows(tgt if tgt is not None else seg.source, width) + 1


TRANSLATION = TranslationOnly(
    "translation", "translation only", word_side="target", target_cursor="cursor"
)
