"""Legible in every theme: the reading view drawn in each built-in Textual theme, every cell
style it used read back from the drawn strips, and each checked for WCAG contrast (4.5:1),
a word cursor that never hides its word, a current search hit unlike the others, and term
statuses (new, learning 1-5, known, ignored) that can be told apart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.color import Color, ColorType
from rich.segment import Segment as RichSegment
from test_ui_screens import app_for, ready, view_of
from textual.widgets import Static

from reader.library import Library
from reader.model import Document, Link, Segment, Text, segment_id
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.viewmodel.contrast import RGB, contrast, difference
from reader.ui.widgets.rows import styles_of

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
GLOSSARY = """\
language: en
entries:
  alpha: {glosses: [a], status: new}
  bravo: {glosses: [b], status: learning, level: 1}
  charlie: {glosses: [c], status: learning, level: 2}
  delta: {glosses: [d], status: learning, level: 3}
  echo: {glosses: [e], status: learning, level: 4}
  foxtrot: {glosses: [f], status: learning, level: 5}
  golf: {glosses: [g], status: known}
  hotel: {glosses: [h], status: ignored}
"""
TERM_STYLES = (
    "term-new",
    *(f"term-learning-{n}" for n in range(1, 6)),
    "term-known",
)
# Everything the view draws for the learner, and the statuses, must show up in the run.
EXPECTED = {
    "cursor",
    "counterpart",
    "word",
    "selection",
    "search",
    "search-current",
    "translation",
    *TERM_STYLES,
}
# Two colours (CIE76 distance) read as different at a glance from about 10; side by side,
# the eye notices 2.3, and twice that is clear. Terms stand side by side in running text.
GLANCE = 10.0
SIDE_BY_SIDE = 4.6


def contrast_document() -> Document:
    taken: set[str] = set()
    sentence = "Alpha bravo charlie delta echo foxtrot golf hotel plain."
    segs = []
    for k in range(3):
        src = Text.of([sentence, f"Then {sentence.lower()}"], "en")
        tgt = Text.of(["甲乙丙丁。", "戊己庚辛。"], "zh")
        segs.append(
            Segment(
                segment_id("paragraph", f"{k}{src.text}", taken),
                "paragraph",
                src,
                tgt,
                (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9)),
            )
        )
    return Document("contrast", "Every style", "en", tuple(segs), target_lang="zh")


@pytest.fixture
def contrast_library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "library")
    lib.save_document(contrast_document())
    lib.glossaries_dir.mkdir(parents=True)
    (lib.glossaries_dir / "en.yaml").write_text(GLOSSARY, encoding="utf-8")
    return lib


# A colour as drawn: (r, g, b), or for the terminal's own palette (ANSI themes, which have
# no RGB values to measure) (-1, n, 0) for colour n and (-1, -1, 0) / (-1, -2, 0) for the
# terminal's default text / background colour.
Cell = tuple[RGB | None, RGB | None, bool, bool, str]  # fg, bg, bold, underline, text


def rgb_of(color: Color | None, *, background: bool) -> RGB | None:
    if color is None:
        return None
    if color.is_default:
        return (-1, -2 if background else -1, 0)
    if color.type is not ColorType.TRUECOLOR:
        return (-1, color.number or 0, 0)
    return tuple(color.get_truecolor())  # type: ignore[return-value]


def cell_of(seg: RichSegment) -> Cell:
    style = seg.style
    assert style is not None
    return (
        rgb_of(style.color, background=False),
        rgb_of(style.bgcolor, background=True),
        bool(style.bold),
        bool(style.underline),
        seg.text,
    )


def drawn(app: ReaderApp) -> Iterator[tuple[tuple[str, ...], Cell]]:
    """Every piece of text on screen: its style names and what it was drawn as."""
    view = view_of(app)
    for y in range(view.size.height):
        for seg in view.render_line(y):
            if seg.text.strip():
                yield styles_of(seg), cell_of(seg)


async def collect(pilot, app: ReaderApp) -> dict[tuple[str, ...], set[Cell]]:  # type: ignore[no-untyped-def]
    """Walk the word cursor over every term, search, select with the mouse: the styles
    every state drew, by combination of names."""
    seen: dict[tuple[str, ...], set[Cell]] = {}

    def look() -> None:
        for names, cell in drawn(app):
            seen.setdefault(names, set()).add(cell)

    view = view_of(app)
    await pilot.press("j")  # the first sentence of the first paragraph
    await ready(pilot)
    for _ in range(len(WORDS) + 1):
        await pilot.press("w")
        await ready(pilot)
        look()
    await pilot.press("slash")
    await ready(pilot)
    await pilot.press(*"golf", "enter")
    await ready(pilot)
    look()
    rows = [view.render_line(y).text for y in range(view.size.height)]
    y = next(i for i, r in enumerate(rows) if "Then alpha" in r)
    start = rows[y].index("Then alpha")
    await pilot.mouse_down(view, offset=(start, y))
    await pilot.hover(view, offset=(start + len("Then alpha bravo charlie"), y))
    await pilot.mouse_up(view, offset=(start + len("Then alpha bravo charlie"), y))
    await ready(pilot)
    look()
    await pilot.press("v")  # interleaved: the translation in its own muted style
    await ready(pilot)
    assert view_of(app).effective_mode == "interleaved"
    look()
    return seen


def look_of(cells: set[Cell]) -> tuple[RGB | None, bool, bool]:
    (fg, _bg, bold, underline, _), *_ = sorted(cells, key=str)
    return fg, bold, underline


def statuses_told_apart(app: ReaderApp, theme: str) -> None:
    """New, each learning level, known and ignored (drawn as plain text, like a word not in
    the glossary): outside the cursor, every pair differs in line or weight, or in colour by
    clearly more than the eye notices side by side."""
    looks: dict[str, tuple[RGB | None, bool, bool]] = {}
    plain: set[Cell] = set()
    for names, cell in drawn(app):
        if len(names) == 1 and names[0] in TERM_STYLES:
            looks.setdefault(names[0], look_of({cell}))
        if names == ():
            plain.add(cell)
    assert set(looks) == set(TERM_STYLES)
    # Ignored terms are drawn exactly like plain words.
    assert any("hotel" in c[4] for c in plain)
    assert len({look_of({c}) for c in plain}) == 1
    looks["ignored"] = look_of(plain)
    if theme.startswith("ansi"):
        # Plain text in the terminal's own text colour: a fixed white (or black) would vanish
        # in a terminal whose background is light (or dark).
        assert {c[:2] for c in plain} == {((-1, -1, 0), (-1, -2, 0))}, plain
    names = list(looks)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            (fa, ba, ua), (fb, bb, ub) = looks[a], looks[b]
            if (ba, ua) != (bb, ub):
                continue  # told apart by weight or underline
            assert fa is not None and fb is not None
            if theme.startswith("ansi"):
                # The terminal's own palette: no RGB to measure, a colour of its own each.
                assert fa != fb, (a, b, fa)
            else:
                assert difference(fa, fb) >= SIDE_BY_SIDE, (a, b, fa, fb)


def themes() -> list[str]:
    from textual.app import App

    return sorted(App().available_themes)


def test_every_built_in_theme_is_checked() -> None:
    assert len(themes()) >= 20 and {"textual-dark", "textual-light", "ansi-dark"} <= set(themes())


@pytest.mark.parametrize("theme", themes())
async def test_every_style_is_legible(contrast_library: Library, theme: str) -> None:
    app = app_for(contrast_library, "contrast", theme=theme)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert app.theme == theme
        statuses_told_apart(app, theme)
        seen = await collect(pilot, app)
    used = {name for names in seen for name in names}
    assert used >= EXPECTED, EXPECTED - used
    failures = []
    for names, cells in seen.items():
        for fg, bg, _, _, text in cells:
            assert fg is not None and bg is not None, names
            if theme.startswith("ansi"):
                # The terminal's own palette: no RGB to measure; never the same colour.
                ok = fg != bg
            else:
                ok = contrast(fg, bg) >= 4.5
            if not ok:
                failures.append(f"{names} {text!r}: {fg} on {bg} = {contrast(fg, bg):.2f}")
    assert not failures, "\n".join(failures[:40])
    # The word cursor on each term: the word is still there.
    assert all(fg != bg for names, cells in seen.items() if "word" in names for fg, bg, *_ in cells)
    # The current search hit is not drawn like the others.
    hits = {bg for names, cells in seen.items() if names[-1:] == ("search",) for _, bg, *_ in cells}
    current = {
        bg
        for names, cells in seen.items()
        if names[-1:] == ("search-current",)
        for _, bg, *_ in cells
    }
    assert hits and current and not hits & current
    if not theme.startswith("ansi"):
        assert min(difference(a, b) for a in hits for b in current if a and b) >= GLANCE


async def test_the_help_screen_explains_the_colours_in_those_colours(
    contrast_library: Library,
) -> None:
    app = app_for(contrast_library, "contrast", theme="textual-light")
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        on_view = {names: cell[:4] for names, cell in drawn(app) if len(names) == 1}
        await pilot.press("question_mark")
        await ready(pilot)
        assert isinstance(app.screen, HelpScreen)
        legend = app.screen.query_one("#help-legend", Static)
        lines = [strip.text for strip in legend.render_lines(legend.region.reset_offset)]
        assert any("Terms:" in line and "learning 5" in line for line in lines)
        assert any("current hit" in line for line in "\n".join(lines).splitlines())
        # Each sample is drawn as the view draws the terms of that status.
        drawn_as: dict[str, Cell] = {}
        for strip in legend.render_lines(legend.region.reset_offset):
            for seg in strip:
                label = seg.text.strip()
                if label:
                    drawn_as.setdefault(label, cell_of(seg))
        for name, label in (("term-new", "new"), ("term-learning-3", "learning 3")):
            assert drawn_as[label][:4] == on_view[(name,)], label


async def test_a_theme_chosen_while_reading_recolours_the_text_as_if_started_in_it(
    contrast_library: Library,
) -> None:
    # The view works out its parts' styles (terms, cursor) once per stylesheet: a theme
    # changed while it is open must be read again, never drawn in the old theme's colours.
    started = app_for(contrast_library, "contrast", theme="textual-light")
    async with started.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        light = dict(drawn(started))
    switched = app_for(contrast_library, "contrast", theme="textual-dark")
    async with switched.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        dark = dict(drawn(switched))
        switched.theme = "textual-light"
        await ready(pilot)
        assert dict(drawn(switched)) == light
    assert dark != light
    assert {("term-new",), ("term-known",)} <= set(light)
