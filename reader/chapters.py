"""A document's table of contents, and the chapter a reading position is in.

Chapters are not stored apart from the text: they are the document's heading segments and
their levels (an EPUB's `h1`/`h2`, a Markdown `#`/`##`). So a hand-edited heading, or one
added by re-import, is in the table of contents at once, and nothing can disagree with it.
The reading app's contents screen calls `toc`, its status bar `chapter_at`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Document, Segment

# A heading with no level (plain-text imports before levels existed) counts as a chapter.
DEFAULT_LEVEL = 1


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents: the heading's text, depth and position."""

    title: str
    level: int
    segment: int  # index into document.segments
    segment_id: str


def _entry(i: int, seg: Segment) -> TocEntry:
    return TocEntry(seg.source.text, seg.level or DEFAULT_LEVEL, i, seg.id)


def toc(document: Document) -> list[TocEntry]:
    """Every heading of the document, in order."""
    return [
        _entry(i, seg)
        for i, seg in enumerate(document.segments)
        if seg.kind == "heading" and seg.source.sentences
    ]


def chapter_at(document: Document, segment_index: int) -> TocEntry | None:
    """The heading the segment at `segment_index` is under (itself, for a heading); None
    before the first heading."""
    segments = document.segments
    for i in range(min(segment_index, len(segments) - 1), -1, -1):
        seg = segments[i]
        if seg.kind == "heading" and seg.source.sentences:
            return _entry(i, seg)
    return None


def chapter_path(document: Document, segment_index: int) -> list[TocEntry]:
    """The chapter, section, subsection ... the segment is in, outermost first: what a status
    bar shows as `Part One › Chapter 3`."""
    path: list[TocEntry] = []
    segments = document.segments
    deepest = None
    for i in range(min(segment_index, len(segments) - 1), -1, -1):
        seg = segments[i]
        if seg.kind != "heading" or not seg.source.sentences:
            continue
        level = seg.level or DEFAULT_LEVEL
        if deepest is None or level < deepest:
            path.append(_entry(i, seg))
            deepest = level
            if level <= 1:
                break
    return path[::-1]
