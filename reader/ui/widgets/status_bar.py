"""The status bar under the text: title, paragraph, progress, layout, terms in view, search."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from reader.ui.shown import shown


def status_line(
    title: str, index: int, total: int, layout: str, terms: int, search: tuple[str, int, int] | None
) -> str:
    """The bar's text: `index` is the paragraph (1-based) of `total`; `search` is (query,
    current hit, hits). `title` comes as the screen shows it (`Session.display_text`)."""
    percent = round(100 * index / total) if total else 0
    parts = [
        f"[b]{escape(title)}[/b]",
        f"¶ {index}/{total}",
        f"{percent}%",
        layout,
        f"{terms} term{'s' if terms != 1 else ''} in view",
    ]
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
