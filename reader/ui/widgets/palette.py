"""The reading view's colours: its component styles stacked the way CSS stacks them, then
kept legible.

Textual's `get_component_rich_style` turns `background: $accent 60%` into the full accent
colour (a Rich colour has no alpha), so a translucent cursor became opaque and hid a term
drawn in the same hue. Here each layer's colours keep their alpha and are laid over what
is beneath (the view's surface, then the sentence cursor, then the word cursor ...); the
text colour that results is then nudged until it reaches 4.5:1 on its background
(`viewmodel.contrast`). A learning term's colour is graded by its level on the way from
the `term-new` colour through `term-learning` to `term-known`, so the levels read as a ramp.

Themes made of the terminal's own ANSI colours (ansi-dark, ansi-light) have no known
RGB values: there the colours stay the terminal's and nothing is blended or nudged. With no
ramp to draw, each learning level takes a colour of its own from the terminal's sixteen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual._color_constants import ANSI_COLORS
from textual.color import Color
from textual.css.styles import RenderStyles

from reader.ui.viewmodel.contrast import MIN_CONTRAST, legible, mix
from reader.ui.viewmodel.styling import LEVELS

# The learning levels sit evenly on the way from the new colour through the learning one
# (level 3) to the known one: seven statuses along the whole ramp the theme offers, which
# keeps neighbouring levels apart even in a theme whose hues are close.
_RAMP = {n: n / (LEVELS + 1) for n in range(1, LEVELS + 1)}


def level_of(name: str) -> int | None:
    """The learning level in a style name ("term-learning-3" -> 3)."""
    prefix = "term-learning-"
    if name.startswith(prefix) and name[len(prefix) :].isdigit():
        return int(name[len(prefix) :])
    return None


# In the terminal's palette the levels cannot be blended: level 3 keeps the theme's learning
# colour and the others take the first of these that no other status uses. The candidates are
# the colours that stay readable on a dark or a light background in the common terminal
# palettes (blue is too dark on black; yellow and cyan too pale on white).
_ANSI_LEVEL_CANDIDATES = {
    True: ("magenta", "bright_magenta", "cyan", "bright_cyan", "bright_yellow", "bright_blue"),
    False: ("magenta", "bright_magenta", "blue", "bright_blue", "bright_red", "bright_black"),
}
_ANSI_LEARNING_LEVEL = 3


def ansi_levels(used: Sequence[Color], learning: Color, *, dark: bool) -> dict[int, Color]:
    """A distinct terminal colour per learning level, none of them one in `used`."""
    taken = {c.ansi for c in (*used, learning)}
    free = [
        color
        for name in _ANSI_LEVEL_CANDIDATES[dark]
        if (color := Color.parse(f"ansi_{name}")).ansi not in taken
    ]
    others = iter(free)
    return {
        level: learning if level == _ANSI_LEARNING_LEVEL else next(others)
        for level in range(1, LEVELS + 1)
    }


# In the terminal's palette a translucent layer is drawn opaque (Textual drops the alpha of
# an ANSI colour), so hits drawn at 30% and 80% would look the same: the current hit takes
# the other brightness of the colour instead (bright yellow for yellow, red for bright red).
_OTHER_BRIGHTNESS_IN_ANSI = frozenset({"search-current"})


class Palette:
    """Rich styles for combinations of style names, composed once per theme."""

    def __init__(
        self,
        component: Callable[[str], RenderStyles],
        base: Callable[[], tuple[Color, Color]],
        *,
        dark: Callable[[], bool] = lambda: True,
        minimum: float = MIN_CONTRAST,
    ) -> None:
        self._lookup = component  # name -> the component's styles (alpha kept)
        self._base_lookup = base  # -> (background, text colour) of the view
        self._dark = dark  # whether the theme is a dark one
        self.minimum = minimum
        self._styles: dict[tuple[str, ...], Style] = {}
        # Read once per theme: each combination of names asks for them again.
        self._components: dict[str, RenderStyles] = {}
        self._base_colors: tuple[Color, Color] | None = None

    def clear(self) -> None:
        self._styles.clear()
        self._components.clear()
        self._base_colors = None

    def _component(self, name: str) -> RenderStyles:
        styles = self._components.get(name)
        if styles is None:
            styles = self._components[name] = self._lookup(name)
        return styles

    def _base(self) -> tuple[Color, Color]:
        if self._base_colors is None:
            self._base_colors = self._base_lookup()
        return self._base_colors

    def style(self, names: Sequence[str]) -> Style:
        """The view's base style with `names` laid over it, lowest first."""
        key = tuple(names)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._compose(key)
        return style

    def _color_of(self, name: str, under: Color) -> Color | None:
        level = level_of(name)
        if level is not None:
            stops = [self._color_of(n, under) for n in ("term-new", "term-learning", "term-known")]
            if any(c is None or c.ansi is not None for c in stops):
                if stops[1] is None:
                    return None
                used = [c for c in (stops[0], stops[2], self._base()[1]) if c is not None]
                return ansi_levels(used, stops[1], dark=self._dark())[level]
            t = _RAMP.get(level, 0.0) * 2  # 0-1: new to learning, 1-2: learning to known
            low, high = (stops[0], stops[1]) if t <= 1 else (stops[1], stops[2])
            assert low is not None and high is not None
            return Color(*mix(low.rgb, high.rgb, t if t <= 1 else t - 1))
        styles = self._component(name)
        if styles.has_rule("auto_color") and styles.auto_color:
            return under + under.get_contrast_text(styles.color.a)
        if not styles.has_rule("color"):
            return None
        color = styles.color
        return under + color if color.a < 1 and color.ansi is None else color

    def _compose(self, names: tuple[str, ...]) -> Style:
        background, foreground = self._base()
        text_style = Style()
        for name in names:
            styles = self._component("term-learning" if level_of(name) else name)
            if styles.has_rule("background"):
                layer = styles.background
                if layer.ansi is None:
                    background = background + layer
                elif name in _OTHER_BRIGHTNESS_IN_ANSI and 0 <= layer.ansi < 16:
                    other = layer.ansi + 8 if layer.ansi < 8 else layer.ansi - 8
                    background = Color.parse(f"ansi_{ANSI_COLORS[other]}")
                else:
                    background = layer
            color = self._color_of(name, background)
            if color is not None:
                foreground = color
            text_style += styles.text_style
        if background.ansi is None and foreground.ansi is None:
            foreground = Color(*legible(foreground.rgb, background.rgb, self.minimum))
        elif foreground == background and foreground.ansi != -1:
            # The terminal's own colours cannot be measured, only kept apart: a term in the
            # cursor's colour is drawn in black or white on it. (The terminal's default text
            # on its default background is its own legible pair, whatever its colours.)
            light = legible(foreground.rgb, background.rgb, 21) == (255, 255, 255)
            foreground = Color.parse("ansi_bright_white" if light else "ansi_black")
        return Style(color=foreground.rich_color, bgcolor=background.rich_color) + text_style


# What the help screen's legend shows: a sample of each style, drawn as the view draws it.
LEGEND: tuple[tuple[str, tuple[tuple[tuple[str, ...], str], ...]], ...] = (
    (
        "Terms",
        (
            (("term-new",), "new"),
            *(((f"term-learning-{n}",), f"learning {n}") for n in range(1, LEVELS + 1)),
            (("term-known",), "known"),
            ((), "ignored (plain text)"),
        ),
    ),
    (
        "Reading",
        (
            (("cursor",), "sentence being read"),
            (("counterpart",), "its translation"),
            (("cursor", "term-learning-3", "word"), "word cursor"),
            (("search",), "search hit"),
            (("search-current",), "current hit"),
            (("selection",), "selection"),
            (("low-confidence",), "?"),
            ((), "unsure sentence link"),
        ),
    ),
)


def legend(palette: Palette) -> Text:
    """A line per group of styles: each name written in the style it names."""
    text = Text()
    for k, (group, samples) in enumerate(LEGEND):
        if k:
            text.append("\n")
        text.append(f"{group}: ", style="bold")
        for i, (names, label) in enumerate(samples):
            if i:
                text.append(" ")
            text.append(f" {label} ", style=palette.style(names))
    return text
