"""The status bar under the text: title, chapter, paragraph, progress, layout, terms in view,
search."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from reader.ui.shown import shown


def status_line(
    title: str,
    index: int,
    total: int,
    layout: str,
    terms: int,
    search: tuple[str, int, int] | None,
    chapter: str | None = None,
    coverage: tuple[int, int, int] | None = None,
) -> str:
    """The bar's text: `index` is the paragraph (1-based) of `total`; `search` is (query,
    current hit, hits); `chapter` the chapter (or path of sections) the paragraph is in;
    `coverage` is the paragraph's (running words, known or glossed, distinct unknown words)
    when unknown words are marked. `title` and `chapter` come as the screen shows them
    (`Session.display_text`)."""
    percent = round(100 * index / total) if total else 0
    parts = [f"[b]{escape(title)}[/b]"]
    if chapter:
        parts.append(f"[i]{escape(chapter)}[/i]")
    parts += [
        f"¶ {index}/{total}",
        f"{percent}%",
        layout,
        f"{terms} term{'s' if terms != 1 else ''} in view",
    ]
    if coverage is not None and coverage[0]:
        words, covered, unknown = coverage
        parts.append(f"{100 * covered // words}% known · {unknown} unknown")
    if search is not None:
        query, hit, count = search
        parts.append(f"/{shown(query)}: {hit}/{count}" if count else f"/{shown(query)}: no hits")
    return " · ".join(parts)


class StatusBar(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: str | None = None

    def show(self, text: str) -> None:
        # An update relays out the whole screen: only when the text changed.
        if text != self._shown:
            self._shown = text
            self.update(text)
