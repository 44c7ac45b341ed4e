"""The list of the contents screen: one row per heading, drawn through the Line API.

Textual's `OptionList` measures every option when it is filled: a book of 1,000 short
chapters (poems, a dictionary's letters) took a fifth of a second to open. This draws the
rows on screen only, like the reading view, so a list of any length opens in the time of
one screen of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

INDENT = 2  # cells per level below the book's outermost one
TRANSLATION_SEPARATOR = " · "


@dataclass(frozen=True)
class Row:
    """One heading as listed: its depth below the outermost level, title and where it
    starts (`12%`)."""

    depth: int
    title: str
    where: str
    translation: str = ""  # a bilingual book's heading in the other language

    @property
    def text(self) -> str:
        """The row as plain text (what tests and screen readers see)."""
        title = (
            f"{self.title}{TRANSLATION_SEPARATOR}{self.translation}"
            if self.translation
            else self.title
        )
        return f"{' ' * (INDENT * self.depth)}{title}  {self.where}"


class ContentsList(ScrollView, can_focus=False):
    """Rows of headings, one selected; the screen moves the selection (its filter keeps
    the focus) and hears `Chosen` when a row is clicked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contents-list--selected",
        "contents-list--outer",
        "contents-list--where",
    }
    DEFAULT_CSS = """
    ContentsList { height: 1fr; background: $surface; }
    ContentsList > .contents-list--selected {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ContentsList > .contents-list--outer { text-style: bold; }
    ContentsList > .contents-list--where { color: $text-muted; }
    """

    class Chosen(Message):
        """A row was clicked."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._selected: int | None = None

    @property
    def selected(self) -> int | None:
        return self._selected

    def show(self, rows: list[Row], selected: int | None) -> None:
        """List `rows`, with `selected` selected and brought to the middle of the list."""
        self.rows = rows
        self._selected = selected if rows else None
        self.virtual_size = Size(self.size.width, len(rows))
        self._centre()
        # Before its first layout the list has no height and the scroll is clamped to 0:
        # again once it has one.
        self.call_after_refresh(self._centre)
        self.refresh()

    def _centre(self) -> None:
        if self._selected is not None:
            top = max(self._selected - self.size.height // 2, 0)
            self.scroll_to(y=top, animate=False, immediate=True)

    def move(self, delta: int) -> None:
        """Move the selection `delta` rows, stopping at either end."""
        if not self.rows:
            return
        now = self._selected if self._selected is not None else 0
        self._selected = min(max(now + delta, 0), len(self.rows) - 1)
        top, height = int(self.scroll_y), max(self.size.height, 1)
        if self._selected < top:
            self.scroll_to(y=self._selected, animate=False, immediate=True)
        elif self._selected >= top + height:
            self.scroll_to(y=self._selected - height + 1, animate=False, immediate=True)
        self.refresh()

    @property
    def page(self) -> int:
        return max(self.size.height - 1, 1)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y)
        if 0 <= row < len(self.rows):
            self._selected = row
            self.refresh()
            self.post_message(self.Chosen(row))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        index = y + int(self.scroll_y)
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self._selected:
            style = base + self.get_component_rich_style("contents-list--selected")
        title_style = style
        if row.depth == 0:
            title_style = style + self.get_component_rich_style("contents-list--outer")
        where_style = style + self.get_component_rich_style("contents-list--where", partial=True)
        indent = " " * min(INDENT * row.depth, max(width // 2, 0))
        where = f"  {row.where} "
        room = max(width - cell_len(indent) - cell_len(where) - 1, 1)
        title = _cut(row.title, room)
        translation = ""
        if row.translation and room - cell_len(title) > cell_len(TRANSLATION_SEPARATOR) + 1:
            rest = room - cell_len(title) - cell_len(TRANSLATION_SEPARATOR)
            translation = TRANSLATION_SEPARATOR + _cut(row.translation, rest)
        used = 1 + cell_len(title) + cell_len(translation)
        gap = max(width - cell_len(indent) - used - cell_len(where), 0)
        segments = [
            Segment(indent, style),
            Segment(" " + title, title_style),
            Segment(translation, where_style),
            Segment(" " * gap, style),
            Segment(where, where_style),
        ]
        return Strip(segments).crop_extend(0, width, Style.null()).simplify()


def _cut(text: str, width: int) -> str:
    """`text` in `width` cells, an ellipsis saying when something was left out."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)) + "…"
