"""A document's table of contents as the reading screen uses it: the chapter a paragraph is
in, the chapters around it, and the chapters a filter keeps.

`reader.chapters` says what a chapter is (a heading segment and its level); this object
answers the screen's questions about them with a bisect, built once per document: the
status bar asks on every cursor move, and a book without headings in its first thousand
paragraphs would otherwise be walked back on each one.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from reader.chapters import TocEntry, toc
from reader.model import Document

# What the status bar puts between the chapters of a path (`Part One › Chapter 3`).
PATH_SEPARATOR = " › "


def folded(text: str) -> str:
    """`text` as the filter compares it: case and accents left out (`É` finds `e`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Contents:
    """The headings of one document, in order, with what each one is under."""

    entries: tuple[TocEntry, ...]
    starts: tuple[int, ...]  # the segment index of each entry: what bisect searches
    parents: tuple[int | None, ...]  # the entry each entry is a section of
    translations: tuple[str, ...]  # each heading's translation ("" for none)
    keys: tuple[str, ...]  # each title and its translation folded for the filter

    @classmethod
    def of(cls, document: Document) -> Contents:
        entries = tuple(toc(document))
        parents: list[int | None] = []
        open_: list[int] = []  # entries whose sections are still being read, outermost first
        for k, entry in enumerate(entries):
            while open_ and entries[open_[-1]].level >= entry.level:
                open_.pop()
            parents.append(open_[-1] if open_ else None)
            open_.append(k)
        segments = document.segments
        translations = tuple(
            target.text if (target := segments[e.segment].target) is not None else ""
            for e in entries
        )
        return cls(
            entries,
            tuple(e.segment for e in entries),
            tuple(parents),
            translations,
            tuple(folded(f"{e.title}\n{t}") for e, t in zip(entries, translations)),
        )

    def __len__(self) -> int:
        return len(self.entries)

    def index_at(self, segment: int) -> int | None:
        """The entry the segment at `segment` is under (its own, for a heading); None before
        the first heading. The same answer as `reader.chapters.chapter_at`."""
        k = bisect_right(self.starts, segment) - 1
        return k if k >= 0 else None

    def at(self, segment: int) -> TocEntry | None:
        k = self.index_at(segment)
        return None if k is None else self.entries[k]

    def path(self, segment: int) -> list[TocEntry]:
        """The chapter, section ... the segment is in, outermost first."""
        k = self.index_at(segment)
        out: list[TocEntry] = []
        while k is not None:
            out.append(self.entries[k])
            k = self.parents[k]
        return out[::-1]

    def neighbour(self, segment: int, delta: int) -> TocEntry | None:
        """The next (`delta` 1) or previous (-1) heading from the segment at `segment`.

        Back from inside a chapter goes to its own heading first, as a book reader's
        "previous chapter" does; from the heading itself, to the one before.
        """
        if delta > 0:
            after = bisect_right(self.starts, segment)
            return self.entries[after] if after < len(self.entries) else None
        k = self.index_at(segment)
        if k is not None and self.starts[k] == segment:
            k -= 1
        return self.entries[k] if k is not None and k >= 0 else None

    def matching(self, query: str) -> list[int]:
        """The entries whose title or its translation holds every word of `query` (case
        and accents aside), in book order; all of them for an empty query."""
        words = folded(query).split()
        if not words:
            return list(range(len(self.entries)))
        return [k for k, key in enumerate(self.keys) if all(w in key for w in words)]
