"""Pilot tests of books and films in the reading app: the table of contents (open, filter,
Enter, Escape), the chapter in the status bar, footnotes, ruby readings and cue times on
screen, driven by keys on documents imported from fixtures made by real producers."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from test_ui_app_bindings import palette_options
from test_ui_screens import app_for, notices, ready, status_text, view_of
from textual.widgets import DataTable, Input

from reader.importers import import_file
from reader.library import Library
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.toc import TocScreen
from reader.ui.widgets.contents_list import ContentsList

DATA = Path(__file__).parent / "data"
DARWIN = DATA / "real" / "darwin-excerpt.epub"  # Standard Ebooks, see data/real/README.md
ALICE = DATA / "epub" / "alice-levels.epub"  # pandoc, data/epub/make.sh
RUBY = DATA / "epub" / "ruby-ja.epub"  # pandoc
EDITION_ZH = DATA / "epub" / "oped-zh.epub"  # pandoc
FILM = DATA / "subtitles" / "film-en.srt"  # pysubs2, data/make_fixtures.py
SIZE = (120, 36)


def library_with(tmp_path: Path, *files: Path, translation: Path | None = None) -> Library:
    lib = Library(tmp_path / "library")
    for path in files:
        lib.save_document(import_file(path, translation=translation).document)
    return lib


def rows(app: ReaderApp) -> list[str]:
    view = view_of(app)
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


def toc_lines(app: ReaderApp) -> list[str]:
    return [row.text for row in app.screen.query_one(ContentsList).rows]


def title(line: str) -> str:
    """The chapter's title in a line of the contents (without its indent and percentage)."""
    return line.strip().rsplit("  ", 1)[0]


def highlighted(app: ReaderApp) -> str:
    selected = app.screen.query_one(ContentsList).selected
    assert selected is not None
    return toc_lines(app)[selected]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await ready(pilot)


async def open_chapter(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    """Open the contents, type `words`, press Enter: as a learner goes to a chapter."""
    await pilot.press("c")
    await ready(pilot)
    assert isinstance(pilot.app.screen, TocScreen)
    await type_text(pilot, words)
    await pilot.press("enter")
    await ready(pilot)


async def test_contents_filter_and_enter_go_to_the_chapter(tmp_path: Path) -> None:
    lib = library_with(tmp_path, DARWIN)
    app = app_for(lib, "darwin-excerpt")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await ready(pilot)
        assert isinstance(app.screen, TocScreen)
        lines = toc_lines(app)
        assert [title(line)[:20] for line in lines] == [
            "Imprint",
            "An Historical Sketch",
            "Uncopyright",
        ]
        assert highlighted(app) == lines[0]  # before the first heading: the first
        assert app.screen.focused is app.screen.query_one(Input)  # typing filters at once
        await type_text(pilot, "sketch")
        (found,) = [title(line) for line in toc_lines(app)]
        assert found.startswith("An Historical Sketch of the Progress of Opinion")
        assert "1 of 3" in str(app.screen.query_one("#toc-status").render())
        await pilot.press("enter")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sketch = next(
            i for i, s in enumerate(screen.document.segments) if s.source.text.startswith("An Hist")
        )
        assert view_of(app).cursor().segment == sketch
        # The chapter opens at the top of the screen, and the status bar names it.
        assert rows(app)[0].strip().startswith("An Historical Sketch")
        status = status_text(app)
        assert "An Historical Sketch" in status and f"¶ {sketch + 1}/" in status
        await pilot.press("q")
    # The place is remembered like any other: reopening is at the chapter.
    app = app_for(lib, "darwin-excerpt")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert view_of(app).cursor().segment == sketch


async def test_contents_shows_levels_selects_the_current_chapter_and_escape_stays(
    tmp_path: Path,
) -> None:
    lib = library_with(tmp_path, ALICE)
    app = app_for(lib, "alice-levels")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await ready(pilot)
        lines = toc_lines(app)
        indents = {title(line): len(line) - len(line.lstrip()) for line in lines}
        assert indents["Alice’s Adventures in Wonderland"] == 0
        assert indents["Chapter I: Down the Rabbit-Hole"] == 2
        assert indents["The Mouse’s Tale"] == 4
        # Arrows move the selection while the filter keeps the focus.
        await pilot.press("down", "down", "down")
        assert highlighted(app).strip().startswith("Chapter III")
        await pilot.press("enter")
        await ready(pilot)
        here = view_of(app).cursor().segment
        await pilot.press("j", "j")  # into the section under chapter III
        await ready(pilot)
        assert "The Mouse’s Tale" in status_text(app)
        assert "Caucus-Race" not in status_text(app)  # the bar is narrow: the inner name wins
        await pilot.press("c")
        await ready(pilot)
        assert highlighted(app).strip().startswith("The Mouse’s Tale")  # where the reader is
        await type_text(pilot, "looking")
        await pilot.press("escape")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert view_of(app).cursor().segment == here + 2  # Escape went nowhere
        # ] and [ walk the chapters: back goes to this chapter's start first.
        await pilot.press("right_square_bracket")
        await ready(pilot)
        assert "Through the Looking-Glass" in status_text(app)
        await pilot.press("left_square_bracket")
        await ready(pilot)
        assert view_of(app).cursor().segment == here + 2
        await pilot.press("j", "left_square_bracket")
        await ready(pilot)
        assert view_of(app).cursor().segment == here + 2
        await pilot.press("left_square_bracket")
        await ready(pilot)
        assert view_of(app).cursor().segment == here


async def test_wide_status_bar_names_the_whole_chapter_path(tmp_path: Path) -> None:
    lib = library_with(tmp_path, ALICE)
    app = app_for(lib, "alice-levels")
    async with app.run_test(size=(240, 36)) as pilot:
        await ready(pilot)
        await open_chapter(pilot, "mouse")
        assert (
            "Alice’s Adventures in Wonderland › Chapter III: A Caucus-Race and a Long Tale › "
            "The Mouse’s Tale" in status_text(app)
        )


async def test_a_text_without_headings_says_so(tmp_path: Path) -> None:
    lib = library_with(tmp_path, FILM)
    app = app_for(lib, "film-en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert any("no headings" in n.message for n in notices(app))


async def test_footnotes_show_a_mark_and_the_note_under_the_paragraph(tmp_path: Path) -> None:
    lib = library_with(tmp_path, DARWIN)
    app = app_for(lib, "darwin-excerpt")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_chapter(pilot, "sketch")
        shown = rows(app)
        first = next(i for i, r in enumerate(shown) if r.strip().startswith("I will here give"))
        note = next(i for i, r in enumerate(shown) if r.strip().startswith("¹ Aristotle"))
        assert first < note
        # The mark ends the paragraph, on the last line of its text just above the note.
        assert shown[note - 1].endswith("¹") and "¹" not in "".join(shown[first : note - 1])
        assert shown[note + 1].strip() == "" or not shown[note + 1].startswith("  I")
        # The note is drawn, not text: the cursor moves from the paragraph to the next one.
        await pilot.press("J", "J")
        seg = app.screen.document.segments[view_of(app).cursor().segment]
        assert seg.source.text.startswith("Lamarck")


async def test_ruby_readings_stand_over_their_characters(tmp_path: Path) -> None:
    lib = library_with(tmp_path, RUBY)
    app = app_for(lib, "ruby-ja")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown = rows(app)
        base = next(i for i, r in enumerate(shown) if "漢字を読むのは楽しい" in r)
        assert shown[base - 1].strip().startswith("かんじ")
        assert shown[base - 1].split() == ["かんじ", "よ", "たの"]
        # The text itself is unchanged: the word cursor walks 漢字, not a reading.
        assert "かんじ" not in shown[base]


async def test_subtitles_show_their_times_in_every_layout(tmp_path: Path) -> None:
    lib = library_with(tmp_path, FILM, translation=DATA / "subtitles" / "film-zh.srt")
    app = app_for(lib, "film-en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(4):  # side by side, interleaved, self-test, translation only
            shown = rows(app)
            time = shown.index("  0:00:01.0 → 0:00:03.2") if view_of(app).mode != "side" else 0
            assert shown[time].strip().startswith("0:00:01.0 → 0:00:03.2"), view_of(app).mode
            text = shown[time + 1]
            assert "Where were you last night?" in text or "昨晚" in text, view_of(app).mode
            await pilot.press("v")
            await ready(pilot)


async def test_headings_are_drawn_by_level(tmp_path: Path) -> None:
    lib = library_with(tmp_path, ALICE)
    app = app_for(lib, "alice-levels")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        shown = rows(app)

        def style_of(text: str) -> Style:
            y = next(i for i, r in enumerate(shown) if r.strip() == text)
            for seg in view.render_line(y):
                if seg.text.strip() and seg.style is not None:
                    return seg.style
            raise AssertionError(text)

        book = style_of("Alice’s Adventures in Wonderland")
        chapter = style_of("Chapter I: Down the Rabbit-Hole")
        assert book.bold and not book.underline
        assert chapter.bold and chapter.underline
        # A rule under the book's heading, across the column; none under the chapter's.
        y = next(i for i, r in enumerate(shown) if r.strip() == "Alice’s Adventures in Wonderland")
        assert set(shown[y + 1].strip()) == {"━"}
        y = next(i for i, r in enumerate(shown) if r.strip() == "Chapter I: Down the Rabbit-Hole")
        assert "━" not in shown[y + 1]


async def test_the_palette_goes_to_a_chapter_and_help_lists_the_keys(tmp_path: Path) -> None:
    lib = library_with(tmp_path, ALICE)
    app = app_for(lib, "alice-levels")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await ready(pilot)
        options = await palette_options(pilot, "garden")
        assert options[0] == "Chapter: Chapter II: The Garden of Live Flowers", options
        await pilot.press("enter")
        await ready(pilot)
        # The chapter's name, cut to what the bar leaves beside this text's unknown-word count.
        assert "Chapter II: The Garden" in status_text(app)
        await pilot.press("question_mark")
        await ready(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        listed = {table.get_row(k)[2]: table.get_row(k)[0] for k in table.rows}
        assert listed["contents"] == "c"
        assert listed["next_chapter"] == "]" and listed["previous_chapter"] == "["


async def test_two_editions_list_each_heading_in_both_languages(tmp_path: Path) -> None:
    # Made by pandoc, the Chinese edition with a translator's preface the original lacks.
    lib = library_with(tmp_path, DATA / "epub" / "oped-en.epub", translation=EDITION_ZH)
    app = app_for(lib, "oped-en")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await ready(pilot)
        assert "Regulation in Europe · 欧洲的监管" in [title(line) for line in toc_lines(app)]
        await type_text(pilot, "开放")  # the translation's words find the chapter too
        assert [title(line) for line in toc_lines(app)] == ["The open road · 开放之路"]
        await pilot.press("enter")
        await ready(pilot)
        assert "The open road" in status_text(app)
