"""What an import returns, and the builder every importer assembles its document with."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.errors import ReaderError
from reader.model import Document, Entry, Link, Segment, SegmentIds, Text
from reader.sentences import split_into

# Kinds whose text is one line of display, never split into sentences: a title with a stop
# inside ("Dr. No returns") must stay one unit.
ONE_SENTENCE_KINDS = frozenset(
    {"title", "subtitle", "byline", "image", "caption", "heading", "note"}
)


# Kinds that are text to read: a file holding only images, rules or a date has none.
TEXT_KINDS = frozenset({"title", "subtitle", "heading", "paragraph", "postscript", "caption"})


@dataclass(frozen=True)
class ImportResult:
    """A document, the vocabulary notes found in its file, and what the importer was unsure of.

    `report` has one short line per piece of input that could not be classified and was kept
    as a `note` segment, so a learner can check the few places a heuristic may have erred.
    """

    document: Document
    entries: tuple[Entry, ...]
    report: tuple[str, ...]


def sentences_of(text: str, lang: str | None, kind: str = "paragraph") -> list[str]:
    """The sentences of one paragraph (a title or heading is one sentence, whatever it holds)."""
    text = text.strip()
    if not text:
        return []
    if kind in ONE_SENTENCE_KINDS:
        return [text]
    return [s for s in split_into(text, lang or "en") if s.strip()] or [text]


class DocumentBuilder:
    """Collects segments with stable ids, and the report lines, for one document."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.segments: list[Segment] = []
        self.report: list[str] = []
        self._ids = SegmentIds()

    def add(
        self,
        kind: str,
        source: Sequence[str],
        target: Sequence[str] | None = None,
        *,
        source_lang: str | None,
        target_lang: str | None = None,
        links: Iterable[Link] = (),
        lang: str | None = None,
        **extras: Any,
    ) -> Segment:
        """Append a segment made of already split sentences; ids derive from kind and text.

        `extras` are the optional Segment fields books and subtitles bring (level, cue,
        notes, file, ruby)."""
        src = Text.of(source, source_lang)
        tgt = Text.of(target, target_lang) if target else None
        seg = Segment(
            id=self._ids.new(kind, src.text),
            kind=kind,
            source=src,
            target=tgt,
            links=tuple(links),
            lang=lang,
            **extras,
        )
        self.segments.append(seg)
        return seg

    def keep_as_note(self, line: int, text: str, why: str, lang: str | None) -> Segment:
        """Keep input we could not classify, verbatim, and say so in the report."""
        shown = text if len(text) <= 60 else text[:57] + "..."
        self.report.append(f"line {line}: {why}: {shown}")
        return self.add("note", [text], source_lang=lang, lang=lang)

    def document(
        self,
        *,
        doc_id: str,
        title: str | None,
        source_lang: str,
        target_lang: str | None = None,
        subtitle: str | None = None,
        byline: str | None = None,
        origin: str | None = None,
        translation_origin: str | None = None,
        today: str | None = None,
    ) -> Document:
        if not any(seg.source.sentences for seg in self.segments if seg.kind in TEXT_KINDS):
            raise ReaderError(self.name, "no text found")
        return Document(
            id=doc_id,
            title=title or _fallback_title(self.segments) or doc_id,
            source_lang=source_lang,
            segments=tuple(self.segments),
            target_lang=target_lang,
            subtitle=subtitle,
            byline=byline,
            origin=origin,
            translation_origin=translation_origin,
            imported=today or _dt.date.today().isoformat(),
        )


def _fallback_title(segments: Sequence[Segment]) -> str | None:
    """The first sentence of the text, shortened at a word: for files without a heading."""
    for seg in segments:
        if seg.kind in ("paragraph", "heading") and seg.source.sentences:
            return shorten(seg.source.sentences[0], 80)
    return None


def shorten(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
