"""The reading screen's own palette commands: go to a paragraph (by number, "paragraph 3"
or "¶ 3", or by its first words in documents small enough to scan as you type), to a chapter
by its title, and to a glossary entry's next occurrence. The screen's key actions come from
the app's provider, as on every screen."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from reader.marks import document_languages
from reader.model import Segment
from reader.ui.screens.reading.display import image_placeholder

if TYPE_CHECKING:
    from reader.ui.screens.reading.screen import ReadingScreen

# Scanning every paragraph's first words on each key press is fine for an article, not for a
# book; a book still jumps by number.
SCAN_LIMIT = 2_000
PREVIEW = 60  # characters of a paragraph shown beside its number

# "3", "¶3", "#3", "p 3", "para 3", "paragraph 3", "go to paragraph 3".
_PARAGRAPH = re.compile(
    r"(?:go\s*to\s+)?(?:(?:paragraph|para|par|p)\.?|[¶#])?\s*(\d+)", re.IGNORECASE
)


def paragraph_number(query: str) -> int | None:
    """The paragraph number a palette query asks for, or None when it asks for none."""
    m = _PARAGRAPH.fullmatch(query.strip())
    return int(m.group(1)) if m else None


def preview(seg: Segment) -> str:
    """The opening of a paragraph as the learner knows it: an image by its name, never
    as the Markdown it is written in."""
    shown = [image_placeholder(s) or s for s in seg.source.sentences]
    text = seg.source.sep.join(shown)
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


class ReadingCommands(Provider):
    @property
    def reading(self) -> ReadingScreen:
        from reader.ui.screens.reading.screen import ReadingScreen

        screen = self.screen
        assert isinstance(screen, ReadingScreen)  # the provider of that screen only
        return screen

    async def search(self, query: str) -> Hits:
        screen = self.reading
        async for hit in self._paragraph_hits(screen, query):
            yield hit
        async for hit in self._chapter_hits(screen, query):
            yield hit
        async for hit in self._entry_hits(screen, query):
            yield hit

    async def _paragraph_hits(self, screen: ReadingScreen, query: str) -> Hits:
        segments = screen.document.segments
        n = paragraph_number(query)
        if n is not None:
            if 1 <= n <= len(segments):
                yield Hit(
                    1.0,
                    f"Go to paragraph {n}: {preview(segments[n - 1])}",
                    partial(screen.go_to_paragraph, n - 1),
                    help="Jump to this paragraph",
                )
            return
        if len(segments) > SCAN_LIMIT or len(query) < 3:
            return
        matcher = self.matcher(query)
        for n, seg in enumerate(segments, 1):
            opening = preview(seg)
            score = matcher.match(opening)
            if score > 0:
                yield Hit(
                    score * 0.9,
                    f"Go to paragraph {n}: {opening}",
                    partial(screen.go_to_paragraph, n - 1),
                )

    async def _chapter_hits(self, screen: ReadingScreen, query: str) -> Hits:
        # Every heading, however long the book: a thousand titles match in a blink, unlike
        # the opening words of every paragraph.
        matcher = self.matcher(query)
        for entry in screen.contents.entries:
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(
                    score,
                    f"Chapter: {entry.title}",
                    partial(screen.go_to_chapter, entry.segment),
                    help="Open this chapter",
                )

    async def _entry_hits(self, screen: ReadingScreen, query: str) -> Hits:
        marks = screen.session.marks
        matcher = self.matcher(query)
        for lang in document_languages(screen.document):
            for entry in marks.entries(lang):
                label = f"Glossary: {entry.term} — {entry.gloss_text}"
                score = matcher.match(entry.term)
                if score > 0:
                    yield Hit(
                        score,
                        label,
                        partial(screen.go_to_entry, entry),
                        help="Next occurrence in the text",
                    )
