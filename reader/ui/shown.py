"""Text from files in the app's widgets: controls made visible, right-to-left text shaped and
ordered the way the reading view does it (`viewmodel.bidi`), in terminals without bidi.

- `shown(text)`: a string from a file made safe to put into Textual markup: markup
  characters escaped, control characters shown (`␛`, `<U+202E>`) instead of obeyed.
- `Shown`: a renderable for panels and dialogs. It wraps the text in logical order first
  (an Arabic note's first line holds its first words), then puts each line in visual order,
  in the direction of its first strong letter. Indents and bullets stay at the left, where
  the app's layout has them.
- `BidiInput`: an `Input` that draws a right-to-left value in visual order, cursor included.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.markup import escape
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.safetext import visible
from reader.ui.viewmodel.bidi import has_rtl, is_rtl, visual_line

INDENT_CHARS = " •·-"


def shown(text: str) -> str:
    """`text` for Textual markup: shown as written, nothing in it interpreted or obeyed."""
    return escape(visible(text))


def _styles(line: Text) -> list[Style]:
    """The style of each character of a line of Rich text."""
    base = Style.parse(line.style) if isinstance(line.style, str) else line.style
    styles = [base] * len(line.plain)
    for span in line.spans:
        extra = Style.parse(span.style) if isinstance(span.style, str) else span.style
        for i in range(span.start, min(span.end, len(styles))):
            styles[i] = styles[i] + extra
    return styles


def line_direction(plain: str) -> bool:
    """Right to left when the line's first strong letter is (HTML's `dir="auto"`): an
    Arabic sentence naming Meta and Spotify still reads from the right; an English gloss
    of an Arabic term reads from the left."""
    return has_rtl(plain) and is_rtl(plain)


def visual_text(line: Text) -> Text:
    """One line of Rich text in visual order, its characters keeping their styles."""
    plain = line.plain
    if not has_rtl(plain):
        return line
    display, logical = visual_line(plain, rtl=line_direction(plain))
    styles = _styles(line)
    out = Text(end="", no_wrap=True)
    for ch, i in zip(display, logical, strict=True):
        out.append(ch, styles[i])
    return out


def _indent(plain: str) -> int:
    """How far a line's text starts in: its leading spaces and list bullet."""
    return len(plain) - len(plain.lstrip(INDENT_CHARS))


class Shown:
    """Rich text wrapped in logical order with hanging indents (a long gloss under a bullet
    goes on under its first word, not under the bullet), each line then drawn in visual
    order unless the terminal does bidi itself."""

    def __init__(self, text: Text, *, bidi: bool = True) -> None:
        self.text = text
        self.bidi = bidi

    def lines(self, console: Console, width: int) -> list[Text]:
        out: list[Text] = []
        for logical in self.text.split("\n", allow_blank=True):
            indent = min(_indent(logical.plain), max(width - 8, 0))
            head, body = logical[:indent], logical[indent:]
            wrapped = body.wrap(console, max(width - indent, 1), overflow="fold")
            for k, line in enumerate(wrapped or [Text()]):
                line.rstrip()
                if self.bidi:
                    line = visual_text(line)
                lead = head.copy() if k == 0 else Text(" " * indent)
                out.append(lead + line)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Every line ends in a line break, the last one too: Textual counts them for the
        # height of the widget.
        for line in self.lines(console, options.max_width):
            line.no_wrap = True
            line.end = ""
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)

    def __str__(self) -> str:
        return self.text.plain


class ShownStatic(Static):
    """A `Static` whose markup may hold right-to-left text from a file."""

    def __init__(self, markup: str = "", *, bidi: bool = True, id: str | None = None) -> None:
        self.bidi = bidi
        self._text = Shown(Text.from_markup(markup, emoji=False), bidi=bidi)
        super().__init__(self._text, id=id)

    def show(self, markup: str) -> None:
        self._text = Shown(Text.from_markup(markup, emoji=False), bidi=self.bidi)
        self.update(self._text)

    def render(self) -> Shown:
        return self._text


def _cells(strip: Strip) -> Iterator[tuple[str, Style | None]]:
    for seg in strip:
        for ch in seg.text:
            yield ch, seg.style


class BidiInput(Input):
    """An `Input` whose right-to-left value is drawn shaped and in visual order.

    Editing stays logical (the cursor moves through the text as typed); only the drawing
    is reordered, the cursor's cell with the character it is on. A value wider than the
    field scrolls in logical order, as Textual draws it.
    """

    def __init__(self, value: str = "", *, bidi: bool = True, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(value, **kwargs)
        self.bidi = bidi

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        value = self.value
        if y or not self.bidi or self.password or not has_rtl(value) or self.scroll_offset.x:
            return strip
        cells = list(_cells(strip))
        if len(cells) < len(value) or "".join(ch for ch, _ in cells[: len(value)]) != value:
            return strip  # not drawn as plain characters (a highlighter, a suggestion)
        display, logical = visual_line(value, rtl=line_direction(value))
        segments = [Segment(ch, cells[i][1]) for ch, i in zip(display, logical, strict=True)]
        segments += [Segment(ch, style) for ch, style in cells[len(value) :]]
        return Strip(segments).simplify()
