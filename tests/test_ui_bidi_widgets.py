"""Arabic outside the text view: the library's titles, the status bar, the notes panel, the
Add and Edit dialogs (term, note and context) and the glossary screen draw right-to-left
text shaped and in visual order, as the reading view does, for terminals without their own
bidi; with `bidi: off` they leave it in logical order to the terminal."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from seedfiles import seed_path
from test_ui_screens import ready, record_notices, word_cursor_on
from textual.geometry import Region
from textual.widgets import Input

from reader.library import Library
from reader.model import Document, Segment, Text, segment_id
from reader.settings import Settings
from reader.ui.app import ReaderApp, make_app
from reader.ui.dialogs import EntryDialog
from reader.ui.screens.glossary import GlossaryScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.vocabulary import Vocabulary

TITLE = "الذكاء الاصطناعي مفتوح المصدر"
TERM = "الذكاء"
NOTE = "كلمة شائعة في المقالات عن التقنية، وتأتي غالبا مع الاصطناعي في عبارة واحدة طويلة"
GLOSSARY = f"""\
language: ar
entries:
  {TERM}:
    glosses: [intelligence]
    note: {NOTE}
"""
PRESENTATION_FORMS = range(0xFB50, 0xFF00)


def arabic_document() -> Document:
    """The first paragraph of the Arabic seed, split at its full stops."""
    text = seed_path("001").read_text(encoding="utf-8").split("\n")[0]
    sentences = [s.strip() + "." for s in text.split(".") if s.strip()][:2]
    taken: set[str] = set()
    src = Text.of(sentences, "ar")
    seg = Segment(segment_id("paragraph", src.text, taken), "paragraph", src)
    return Document("arabic", TITLE, "ar", (seg,))


def make(tmp_path: Path, bidi: str = "on") -> ReaderApp:
    lib = Library(tmp_path / "library")
    lib.save_document(arabic_document())
    lib.glossaries_dir.mkdir(parents=True)
    (lib.glossaries_dir / "ar.yaml").write_text(GLOSSARY, encoding="utf-8")
    app = make_app(lib, Vocabulary(lib.root), Settings(bidi=bidi), watch_interval=0)
    record_notices(app)
    return app


def screen_lines(app: ReaderApp, region: Region | None = None) -> list[str]:
    strips = app.screen._compositor.render_strips()
    if region is None:
        return [strip.text for strip in strips]
    return [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]


def logical(drawn: str) -> str:
    """What a drawn right-to-left run says, read right to left with shapes folded back."""
    return unicodedata.normalize("NFKC", drawn[::-1])


def shaped(drawn: str) -> bool:
    return any(ord(ch) in PRESENTATION_FORMS for ch in drawn)


def has_visual(lines: list[str], text: str) -> bool:
    """Some line holds `text` shaped and in visual order (and not in logical order)."""
    return any(shaped(line) and text in logical(line) and text not in line for line in lines)


def arabic_words(text: str) -> list[str]:
    return [w for w in text.split() if all("\u0600" <= ch <= "\u06ff" for ch in w)]


def arabic_runs(lines: list[str]) -> list[str]:
    """The Arabic text of each line, trimmed of the app's own left-to-right chrome."""
    out = []
    for line in lines:
        chars = [ch for ch in line if ord(ch) in PRESENTATION_FORMS or "\u0600" <= ch <= "\u06ff"]
        if chars:
            first = line.index(chars[0])
            last = line.rindex(chars[-1])
            out.append(line[first : last + 1])
    return out


async def test_arabic_is_shaped_and_ordered_in_every_widget(tmp_path: Path) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert has_visual(screen_lines(app), TITLE), "library title"
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        status = app.screen.query_one("#status").region
        assert has_visual(screen_lines(app, status), TITLE), "status bar"
        await word_cursor_on(pilot, app, TERM)
        await ready(pilot)
        notes = app.screen.query_one("#notes-body").region
        panel = screen_lines(app, notes)
        assert has_visual(panel, TERM), "notes panel: the term"
        # The long note wraps in logical order, each line then reordered: read top to
        # bottom, right to left, the lines say the note from its first word on.
        runs = [logical(r) for r in arabic_runs(panel) if logical(r) != TERM]
        assert len(runs) >= 2, panel
        assert " ".join(runs).split() == NOTE.split()
        # Each wrapped line of the note starts under the first, after the bullet's indent.
        note_rows = [line for line in panel if any(logical(r) in NOTE for r in arabic_runs([line]))]
        indents = {len(line) - len(line.lstrip()) for line in note_rows}
        assert len(indents) == 1 and indents.pop() >= 2, note_rows

        await pilot.press("e")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        term_input = app.screen.query_one("#term", Input)
        assert term_input.value == TERM  # editing stays logical ...
        drawn_term = term_input.render_line(0).text
        assert has_visual([drawn_term], TERM), drawn_term  # ... the drawing is visual
        context = app.screen.query_one("#context").region
        sentence = arabic_document().segments[0].source.sentences[0]
        runs = [logical(r) for r in arabic_runs(screen_lines(app, context))]
        assert arabic_words(" ".join(runs))[:8] == arabic_words(sentence)[:8], runs
        await pilot.press("escape")
        await ready(pilot)

        await pilot.press("L")
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        assert has_visual(screen_lines(app), TERM), "glossary screen"


async def test_bidi_off_leaves_every_widget_in_logical_order(tmp_path: Path) -> None:
    app = make(tmp_path, bidi="off")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert any(TITLE in line for line in screen_lines(app))
        await pilot.press("enter")
        await ready(pilot)
        await word_cursor_on(pilot, app, TERM)
        await ready(pilot)
        lines = screen_lines(app)
        assert not any(shaped(line) for line in lines)
        assert any(
            TERM in line for line in screen_lines(app, app.screen.query_one("#notes").region)
        )


@pytest.mark.parametrize("drawn_by", ["library", "glossary"])
async def test_a_long_arabic_cell_is_cut_at_its_end_not_its_start(
    tmp_path: Path, drawn_by: str
) -> None:
    """A title or term too long for its column keeps its first words (cut logically, then
    reordered): the cut, read right to left, is at the left edge."""
    app = make(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        if drawn_by == "glossary":
            await pilot.press("enter")
            await ready(pilot)
            await pilot.press("L")
            await ready(pilot)
            want = TERM
        else:
            want = TITLE.split()[0]
        runs = [logical(r) for r in arabic_runs(screen_lines(app))]
        assert any(r.startswith(want) for r in runs), runs


@pytest.mark.parametrize("bidi", ["on", "off"])
async def test_a_toast_naming_an_arabic_term_is_shaped_and_ordered(
    tmp_path: Path, bidi: str
) -> None:
    app = make(tmp_path, bidi=bidi)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        # A long timeout: the toast is still there whenever the test looks.
        app.notify(f"Added “{TITLE}”.", timeout=600)
        await pilot.pause()
        lines = screen_lines(app)
        if bidi == "on":
            assert has_visual(lines, TITLE), lines
        else:
            assert any(TITLE in line for line in lines)
