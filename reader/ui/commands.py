"""Command palette (ctrl+p): every action of the current screen, and jumps.

Actions come from the screen's own bindings, so the palette offers exactly what the keys do
there. On the reading screen it also jumps to a paragraph (by number, or by its first words in
documents small enough to scan as you type) and to a glossary entry's next occurrence.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.keys import format_key

if TYPE_CHECKING:
    from reader.ui.reading_screen import ReadingScreen

# Scanning every paragraph's first words on each key press is fine for an article, not for a
# book; a book still jumps by number.
_SCAN_LIMIT = 2_000


def _screen_actions(screen: object) -> list[tuple[str, str, str]]:
    """(description, action, help) for each binding of a screen that works right now."""
    out: dict[str, tuple[str, str, str]] = {}
    bindings = getattr(screen, "_bindings", None)
    if bindings is None:
        return []
    check = getattr(screen, "check_action", None)
    for _key, binding in bindings:
        if binding.action in out or not binding.description:
            continue
        # Only what makes sense now: no "Reveal" outside the self-test layout.
        if check is not None and check(binding.action, ()) is False:
            continue
        key = binding.key_display or format_key(binding.key)
        help_text = f"{binding.tooltip} · {key}" if binding.tooltip else key
        out[binding.action] = (binding.description, binding.action, help_text)
    return list(out.values())


class ReaderCommands(Provider):
    def _reading_screen(self) -> ReadingScreen | None:
        from reader.ui.reading_screen import ReadingScreen

        screen = self.screen
        return screen if isinstance(screen, ReadingScreen) else None

    async def discover(self) -> Hits:
        for description, action, help_text in _screen_actions(self.screen):
            yield DiscoveryHit(description, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        # A number is a paragraph: "3" should not offer "Learning, level 3" first.
        actions = (
            [] if query.strip().lstrip("¶#").strip().isdigit() else _screen_actions(self.screen)
        )
        for description, action, help_text in actions:
            score = matcher.match(description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(description),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )
        screen = self._reading_screen()
        if screen is None:
            return
        async for hit in self._paragraph_hits(screen, query):
            yield hit
        async for hit in self._entry_hits(screen, query):
            yield hit

    async def _paragraph_hits(self, screen: ReadingScreen, query: str) -> Hits:
        segments = screen.document.segments
        words = query.strip().lstrip("¶#").strip()
        if words.isdigit():
            n = int(words)
            if 1 <= n <= len(segments):
                preview = segments[n - 1].source.text[:60]
                yield Hit(
                    1.0,
                    f"Go to paragraph {n}: {preview}",
                    partial(screen.go_to_paragraph, n - 1),
                    help="Jump to this paragraph",
                )
            return
        if len(segments) > _SCAN_LIMIT or len(query) < 3:
            return
        matcher = self.matcher(query)
        for n, seg in enumerate(segments, 1):
            opening = seg.source.text[:60]
            score = matcher.match(opening)
            if score > 0:
                yield Hit(
                    score * 0.9,
                    f"Go to paragraph {n}: {opening}",
                    partial(screen.go_to_paragraph, n - 1),
                )

    async def _entry_hits(self, screen: ReadingScreen, query: str) -> Hits:
        from reader.ui.glossary_screen import document_languages

        marks = screen.reader.marks
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
