"""An 80x24 terminal: every screen's footer keeps `q Quit`, and a gloss that wraps in the
notes panel goes on under its first word, not under the bullet."""

from __future__ import annotations

from pathlib import Path

from test_ui_screens import app_for, ready, sample_library, word_cursor_on

from reader.library import Library
from reader.ui.screens.glossary import GlossaryScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.footer import ReaderFooter

LONG_GLOSS = "harsh and bleak, without any softening, plain and obvious to everyone who looks"


def footer_text(app) -> str:  # type: ignore[no-untyped-def]
    footer = app.screen.query_one(ReaderFooter)
    strips = app.screen._compositor.render_strips()
    return strips[footer.region.y].text


async def test_the_footer_shows_quit_on_every_screen_at_80_columns(tmp_path: Path) -> None:
    app = app_for(sample_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "q Quit" in footer_text(app)
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert "q Quit" in footer_text(app), footer_text(app)
        assert "? Help" in footer_text(app)
        await pilot.press("L")
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        assert "q Quit" in footer_text(app)


async def test_a_wide_terminal_keeps_the_roomy_footer(tmp_path: Path) -> None:
    app = app_for(sample_library(tmp_path))
    async with app.run_test(size=(140, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        footer = app.screen.query_one(ReaderFooter)
        assert not footer.compact
        assert "  q Quit" in footer_text(app)


async def test_wrapped_glosses_keep_their_indent(tmp_path: Path) -> None:
    lib: Library = sample_library(tmp_path)
    glossary = lib.glossaries_dir / "en.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text.replace("  stark: 严峻的；明显的", f"  stark: {LONG_GLOSS}"), encoding="utf-8"
    )
    app = app_for(lib, "op-ed")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await word_cursor_on(pilot, app, "stark")
        if not app.screen.query_one("#notes").display:
            await pilot.press("p")  # hidden by default where the text needs the room
        await ready(pilot)
        body = app.screen.query_one("#notes-body")
        strips = app.screen._compositor.render_strips()
        lines = [
            s.crop(body.region.x, body.region.right).text.rstrip()
            for s in strips[body.region.y : body.region.bottom]
        ]
        start = next((i for i, ln in enumerate(lines) if ln.startswith("  • harsh")), None)
        assert start is not None, lines
        wrapped = []
        for line in lines[start + 1 :]:
            if not line.startswith("    "):
                break
            wrapped.append(line)
        assert wrapped, lines  # the gloss did wrap, at this width
        words = " ".join([lines[start][4:], *(w.strip() for w in wrapped)]).split()
        assert words == LONG_GLOSS.split()


async def test_the_notes_panel_shows_its_last_wrapped_line(tmp_path: Path) -> None:
    app = app_for(sample_library(tmp_path), "plain")
    async with app.run_test(size=(100, 24)) as pilot:
        await ready(pilot)
        if not app.screen.query_one("#notes").display:
            await pilot.press("p")
            await ready(pilot)
        body = app.screen.query_one("#notes-body")
        strips = app.screen._compositor.render_strips()
        shown = " ".join(
            s.crop(body.region.x, body.region.right).text.strip()
            for s in strips[body.region.y : body.region.bottom]
        )
        assert body.region.width < 40  # the hint wraps
        assert "then press a." in shown, shown
