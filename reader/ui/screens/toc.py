"""The table of contents: every chapter of the document, indented by level, the one being
read selected; typing filters, Enter goes to the chapter, Escape goes back.

The filter keeps the focus the whole time (arrows and page keys move the selection from
it), so a learner who knows the chapter's name types it and presses Enter, and one who
does not walks the list: neither has to move the focus first. The screen answers with the
chosen entry's segment index and leaves the moving to the reading screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from reader.ui.viewmodel.contents import Contents
from reader.ui.widgets.contents_list import ContentsList, Row


class TocScreen(Screen[int | None]):
    """Chapters of one document; dismissed with the chosen heading's segment index."""

    DEFAULT_CSS = """
    TocScreen #toc-title { height: auto; padding: 0 1; background: $panel; }
    TocScreen #toc-filter { border: tall $primary 30%; }
    TocScreen #toc-status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Go", id="toc_go", tooltip="Go to the selected chapter"),
        Binding("escape", "close", "Back", id="toc_close", tooltip="Back to the text"),
        # Priority: the filter keeps the focus, and these move the list from there.
        Binding("down", "move(1)", "Next chapter", show=False, priority=True, id="toc_down"),
        Binding("up", "move(-1)", "Previous chapter", show=False, priority=True, id="toc_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True, id="toc_pgdn"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True, id="toc_pgup"),
    ]

    def __init__(
        self,
        contents: Contents,
        current: int | None,
        *,
        title: str,
        total: int,
        display: Callable[[str], str] = str,
    ) -> None:
        """`current`: the entry being read; `total`: the document's segment count (for
        where each chapter starts, in percent); `display` readies a title for the terminal
        (right-to-left titles in visual order)."""
        super().__init__()
        self.contents = contents
        self.current = current
        self.book_title = title
        self.total = total
        self.shown_text = display
        self.top_level = min((e.level for e in contents.entries), default=1)
        self.shown: list[int] = []  # entry indices in the list, in order

    def compose(self) -> ComposeResult:
        count = len(self.contents)
        yield Static(
            Text.assemble(
                ("Contents", "bold"),
                f" · {self.shown_text(self.book_title)} · {count} heading{'s' if count != 1 else ''}",
                (" · type to filter · ↑↓ PgUp PgDn · Enter: go · Esc: back", "dim"),
            ),
            id="toc-title",
        )
        yield Input(placeholder="Type to filter chapters", id="toc-filter", select_on_focus=False)
        yield ContentsList(id="toc")
        yield Static(id="toc-status")
        yield Footer()

    def on_mount(self) -> None:
        self.fill("")
        self.query_one("#toc-filter", Input).focus()

    def row(self, k: int) -> Row:
        entry = self.contents.entries[k]
        where = round(100 * entry.segment / self.total) if self.total else 0
        # Indented from the book's outermost level: a book whose chapters are all `h2`
        # starts at the margin like one whose chapters are `h1`.
        depth = max(entry.level - self.top_level, 0)
        translation = self.contents.translations[k]
        shown = self.shown_text
        return Row(
            depth, shown(entry.title), f"{where}%", shown(translation) if translation else ""
        )

    def fill(self, query: str) -> None:
        """Show the entries `query` keeps, the one being read selected (else the first)."""
        self.shown = self.contents.matching(query)
        here = self.current if self.current in self.shown else None
        self.query_one(ContentsList).show(
            [self.row(k) for k in self.shown],
            self.shown.index(here) if here is not None else 0,
        )
        total = len(self.contents)
        status = f"{len(self.shown)} of {total}" if query.strip() else f"{total} headings"
        if query.strip() and not self.shown:
            status = f"No heading holds “{query.strip()}”."
        self.query_one("#toc-status", Static).update(Text(status))

    @on(Input.Changed, "#toc-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#toc-filter")
    def _submitted(self) -> None:
        self.action_choose()

    @on(ContentsList.Chosen)
    def _clicked(self, event: ContentsList.Chosen) -> None:
        self._choose(event.row)

    def action_move(self, delta: int) -> None:
        self.query_one(ContentsList).move(delta)

    def action_page(self, delta: int) -> None:
        listed = self.query_one(ContentsList)
        listed.move(delta * listed.page)

    def action_choose(self) -> None:
        selected = self.query_one(ContentsList).selected
        if selected is not None:
            self._choose(selected)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.shown):
            self.dismiss(self.contents.entries[self.shown[row]].segment)

    def action_close(self) -> None:
        self.dismiss(None)
