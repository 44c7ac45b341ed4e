"""Pilot tests of how the reading app answers the learner's hands: the add/edit dialog (every
field whole, the same focus, a question before saving a doubtful term), mouse drags that take
whole words, Escape that clears a selection before it leaves, and the glossary table's keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_screens import (
    GLOSSARY,
    app_for,
    notices,
    open_glossary,
    ready,
    sample_library,
    view_of,
    word_cursor_on,
)
from textual.widgets import Button, DataTable, Input, Select, Static

from reader.library import Library
from reader.study.checks import doubts
from reader.ui.dialogs import ConfirmDialog, EntryDialog
from reader.ui.screens.glossary import GlossaryScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.reading_view import ReadingView
from reader.vocabulary import Vocabulary


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


async def add_dialog_on(pilot, word: str, *, paragraph: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Open the add dialog on `word` of the first paragraph (or where the cursor is)."""
    await ready(pilot)
    if paragraph:
        await pilot.press("J")
    await word_cursor_on(pilot, pilot.app, word)
    await pilot.press("a")
    await ready(pilot)
    assert isinstance(pilot.app.screen, EntryDialog)


# --- the add/edit dialog ------------------------------------------------------------------


@pytest.mark.parametrize(("size", "rows"), [((120, 40), 3), ((80, 24), 1)])
async def test_every_field_of_the_entry_dialog_is_whole(
    library: Library, size: tuple[int, int], rows: int
) -> None:
    """The Status field was clipped to its top border: a style of the status bar reached it."""
    app = app_for(library, "op-ed")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await word_cursor_on(pilot, app, "stark")
        await pilot.press("e")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        box = dialog.query_one("#entry-dialog").region
        screen = app.screen.region
        for widget in dialog.query("Input, Select, Button"):
            region = widget.region
            assert box.contains_region(region) and screen.contains_region(region), widget
        for field in ("#term", "#glosses", "#reading", "#status", "#note"):
            assert dialog.query_one(field).region.height == rows, field
        status = dialog.query_one("#status", Select)
        # The value is on screen, not only in the widget.
        assert "new" in str(status.query_one("SelectCurrent #label", Static).render())
        assert dialog.query_one("#save", Button).region.bottom <= screen.bottom


async def test_add_and_edit_both_start_in_the_glosses(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await add_dialog_on(pilot, "reality")
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.focused is app.screen.query_one("#glosses", Input)
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("b")  # back to "stark", a glossary term
        assert view_of(app).selection().text == "stark"  # type: ignore[union-attr]
        await pilot.press("e")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.focused is dialog.query_one("#glosses", Input)
        # Typing goes to the glosses: the entry keeps its term.
        await pilot.press("ctrl+a", "ctrl+k", *"bleak", "enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
    stark = Vocabulary(library.root).find("stark", "en")
    assert [e.glosses for e in stark] == [("bleak",)]


@pytest.mark.parametrize(
    ("term", "picked", "said"),
    [
        ("stark", "stark", []),
        ("riddled with", "riddled", []),  # a phrase grown from its first word
        ("innovation", "innovat", []),
        ("人工智能", "人工智能", []),
        ("食べる", "食べる", []),  # Han and kana are one script
        ("stark; bleak", "stark", ["separate glosses"]),
        ("严峻的；明显的", "严峻的", ["separate glosses"]),
        ("stark: 严峻", "stark", ["separate glosses", "mixes scripts (Chinese and Latin)"]),
        ("Meta وسبوتيفاي", "", ["mixes scripts (Arabic and Latin)"]),
        ("two\nlines", "two", ["more than one line"]),
        ("this is a whole sentence picked", "this", ["much longer than “this”"]),
    ],
)
def test_doubtful_terms(term: str, picked: str, said: list[str]) -> None:
    found = doubts(term, picked)
    assert len(found) == len(said)
    for reason, part in zip(found, said):
        assert part in reason


async def test_a_doubtful_term_is_saved_only_when_confirmed(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await add_dialog_on(pilot, "reality")
        await pilot.press(*"现实")
        await pilot.press("shift+tab")  # back to the term field
        assert app.screen.focused is app.screen.query_one("#term", Input)
        await pilot.press("end", *"; 现实")  # a gloss typed into the term
        await pilot.press("ctrl+s")
        await ready(pilot)
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        text = str(question.query_one(Static).render())
        assert "reality; 现实" in text and "separate glosses" in text and "mixes scripts" in text
        await pilot.press("n")  # no: back to the term, nothing saved
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.focused is app.screen.query_one("#term", Input)
        assert Vocabulary(library.root).find("reality", "en") == []
        await pilot.press("ctrl+a", "ctrl+k", *"reality")
        await pilot.press("ctrl+s")  # nothing doubtful now: saved at once
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
    assert Vocabulary(library.root).find("reality", "en")[0].glosses == ("现实",)


async def test_a_confirmed_doubtful_term_is_saved(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await add_dialog_on(pilot, "reality")
        await pilot.press("shift+tab", "end", *" check")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)  # a phrase is not doubtful: saved
        assert Vocabulary(library.root).find("reality check", "en")
    # Saved with the doubtful term once the learner says yes.
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await add_dialog_on(pilot, "reality", paragraph=False)  # the last run left off there
        await pilot.press("shift+tab", "end", *": 现实")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
    assert Vocabulary(library.root).find("reality: 现实", "en")


# --- the mouse and Escape -----------------------------------------------------------------


def _screen_rows(view: ReadingView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


async def _drag(pilot, view: ReadingView, line: str, start: str, end: str) -> None:  # type: ignore[no-untyped-def]
    """Press the mouse on the first letter of `start` and let go on that of `end`."""
    from rich.cells import cell_len

    rows = _screen_rows(view)
    y = next(i for i, r in enumerate(rows) if line in r)
    x0 = cell_len(rows[y][: rows[y].index(start)])
    x1 = cell_len(rows[y][: rows[y].index(end)])
    await pilot.mouse_down(ReadingView, offset=(x0, y))
    await pilot.hover(ReadingView, offset=(x1, y))
    await pilot.mouse_up(ReadingView, offset=(x1, y))
    await pilot.pause()


async def test_a_drag_takes_whole_words(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        view = view_of(app)
        # From inside "This" to inside "stark": both words whole.
        await _drag(pilot, view, "This is a stark", "his", "ark")
        pick = view.selection()
        assert pick is not None and pick.text == "This is a stark"
        assert app.screen.get_selected_text() == "This is a stark"
        # In Chinese, words are jieba's: from inside 不确定性 to inside 监管 (backwards).
        await _drag(pilot, view, "监管充满", "确定", "管充")
        pick = view.selection()
        assert pick is not None and pick.side == "target"
        assert pick.text == "监管充满了不确定性"
        await pilot.press("a")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#term", Input).value == "监管充满了不确定性"


async def test_escape_clears_a_selection_before_leaving(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        view = view_of(app)
        await _drag(pilot, view, "This is a stark", "This", "stark")
        assert view.selection() is not None
        await pilot.press("escape")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)  # still reading
        assert view.selection() is None and app.screen.get_selected_text() is None
        # A phrase grown with shift+right is a selection too: back to its first word.
        await pilot.press("J")
        await word_cursor_on(pilot, app, "stark")
        await pilot.press("shift+right")
        assert view.selection().text == "stark reality"  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        assert view.selection().text == "stark"  # type: ignore[union-attr]
        await pilot.press("escape")  # nothing selected: now it leaves
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)


# --- the glossary screen ------------------------------------------------------------------


def _rows(table: DataTable) -> list[tuple[str, ...]]:  # type: ignore[type-arg]
    return [tuple(str(c) for c in table.get_row(k)) for k in table.rows]


async def test_glossary_enter_in_the_filter_jumps_at_once(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await open_glossary(pilot)
        await pilot.press(*"riddl", "enter")  # one Enter
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert view_of(app).cursor().segment == 1
        await open_glossary(pilot)
        await pilot.press(*"zzz", "enter")  # no match: stay, and say so
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        assert any("No entry matches" in n.message for n in notices(app))


async def test_glossary_edits_with_the_add_dialog(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        table, _ = await open_glossary(pilot)
        table.move_cursor(row=[r[0] for r in _rows(table)].index("stark"))
        await pilot.press("e")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.focused is dialog.query_one("#glosses", Input)
        assert dialog.query_one("#term", Input).value == "stark"
        await pilot.press("ctrl+a", "ctrl+k", *"赤裸的", "ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        table = app.screen.query_one(DataTable)
        assert ("stark", "赤裸的") in [r[:2] for r in _rows(table)]
        assert table.get_row_at(table.cursor_row)[0] == "stark"  # still on it
    assert Vocabulary(library.root).find("stark", "en")[0].glosses == ("赤裸的",)


async def test_glossary_delete_asks_and_u_undoes_it(library: Library) -> None:
    path = library.glossaries_dir / "en.yaml"
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        table, _ = await open_glossary(pilot)
        table.move_cursor(row=[r[0] for r in _rows(table)].index("riddled with"))
        await pilot.press("d")
        await ready(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await ready(pilot)
        assert Vocabulary(library.root).find("riddled with", "en")
        await pilot.press("delete", "y")
        await ready(pilot)
        assert Vocabulary(library.root).find("riddled with", "en") == []
        table = app.screen.query_one(DataTable)
        assert "riddled with" not in [r[0] for r in _rows(table)]
        await pilot.press("u")
        await ready(pilot)
        assert "riddled with" in [r[0] for r in _rows(app.screen.query_one(DataTable))]
        # The same history as the reading screen: u there redoes nothing, U redoes the delete.
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("U")
        await ready(pilot)
        assert Vocabulary(library.root).find("riddled with", "en") == []
        await pilot.press("u")
        await ready(pilot)
    assert path.read_text(encoding="utf-8") == GLOSSARY


async def test_glossary_status_keys_and_sorting(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        table, _ = await open_glossary(pilot)
        assert [r[0] for r in _rows(table)] == ["nascent", "riddled with", "stark"]
        table.move_cursor(row=2)  # stark
        await pilot.press("4")
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        assert {r[0]: r[2] for r in _rows(table)}["stark"] == "learning 4"
        await pilot.press("W")
        await ready(pilot)
        assert Vocabulary(library.root).find("stark", "en")[0].status == "known"
        # o steps through the orders: by status (new, learning, known), then as added.
        await pilot.press("o")
        table = app.screen.query_one(DataTable)
        assert [r[0] for r in _rows(table)] == ["riddled with", "nascent", "stark"]
        assert "sorted by status" in str(app.screen.query_one("#glossary-status", Static).render())
        await pilot.press("o")
        assert [r[0] for r in _rows(app.screen.query_one(DataTable))] == [
            "stark",
            "riddled with",
            "nascent",
        ]
        # A click on a column's header sorts by it; a second click turns it round.
        await pilot.click(DataTable, offset=(2, 0))
        assert _rows(app.screen.query_one(DataTable))[0][0] == "nascent"
        await pilot.click(DataTable, offset=(2, 0))
        assert _rows(app.screen.query_one(DataTable))[0][0] == "stark"


async def test_glossary_of_the_library_has_a_language_column(library: Library) -> None:
    (library.glossaries_dir / "zh.yaml").write_text(
        "language: zh\nentries:\n  创新: innovation\n", encoding="utf-8"
    )
    app = app_for(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("L")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "Term",
            "Glosses",
            "Status",
            "Language",
            "Occurrences",
        ]
        langs = {r[0]: r[3] for r in _rows(table)}
        assert langs["创新"] == "zh" and langs["stark"] == "en"
        for _ in range(3):  # term -> status -> added -> language
            await pilot.press("o")
        assert [r[3] for r in _rows(screen.query_one(DataTable))] == ["en", "en", "en", "zh"]


async def test_glossary_of_one_language_has_no_language_column(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        table, _ = await open_glossary(pilot)
        assert "Language" not in [str(c.label) for c in table.columns.values()]


# --- export, the palette, image paragraphs ------------------------------------------------


async def test_x_with_nothing_to_export_writes_no_deck(library: Library) -> None:
    decks = library.root / "decks"
    app = app_for(library, "plain")  # no entry of the glossary occurs in it
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)  # no export dialog
        assert any("Nothing to export" in n.message for n in notices(app))
    assert not decks.exists() or not any(decks.iterdir())


async def test_the_export_dialog_names_the_document_by_its_title(library: Library) -> None:
    from reader.ui.dialogs import ExportDialog

    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await ready(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        heading = str(app.screen.query_one(".dialog-title", Static).render())
        assert "“Open-source AI”" in heading and "op-ed" not in heading
    assert any((library.root / "decks").iterdir())


@pytest.mark.parametrize("query", ["paragraph 3", "Paragraph 3", "¶ 3", "para 3", "3"])
async def test_the_palette_goes_to_paragraph_n(library: Library, query: str) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await ready(pilot)
        await pilot.press(*query)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert view_of(app).cursor().segment == 2


async def test_image_paragraphs_are_named_not_written_in_markdown(tmp_path: Path) -> None:
    from reader.model import Document, Segment, Text, segment_id
    from reader.ui.screens.reading.commands import preview

    taken: set[str] = set()
    texts = [
        "A picture follows.",
        "![Two CEOs on a stage](./assets/ceos.png)",
        "![](./assets/image-20240825153536085.png)",
    ]
    kinds = ["paragraph", "image", "image"]
    segments = tuple(
        Segment(segment_id(k, t, taken), k, Text.of([t], "en")) for k, t in zip(kinds, texts)
    )
    lib = Library(tmp_path / "library")
    lib.save_document(Document("pics", "Pictures", "en", segments))
    assert preview(segments[1]) == "[image: Two CEOs on a stage]"
    assert preview(segments[2]) == "[image: image-20240825153536085]"
    app = app_for(lib, "pics")
    async with app.run_test(size=(100, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await ready(pilot)
        await pilot.press(*"paragraph 2")
        await pilot.pause(0.3)
        from textual.command import CommandList

        found = app.screen.query_one(CommandList)
        shown = " ".join(
            str(found.get_option_at_index(i).prompt) for i in range(found.option_count)
        )
        assert "[image: Two CEOs on a stage]" in shown and "](" not in shown
        await pilot.press("enter")
        await ready(pilot)
        rows = _screen_rows(view_of(app))
        assert any("[image: Two CEOs on a stage]" in r for r in rows)
        assert not any("![" in r or "](" in r for r in rows)


async def test_a_double_click_selects_a_whole_word_in_chinese_too(library: Library) -> None:
    from rich.cells import cell_len

    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        view = view_of(app)
        rows = _screen_rows(view)
        y = next(i for i, r in enumerate(rows) if "不确定性" in r)
        x = cell_len(rows[y][: rows[y].index("确定")])  # on 确, inside 不确定性
        await pilot.double_click(ReadingView, offset=(x, y))
        await pilot.pause()
        pick = view.selection()
        assert pick is not None and (pick.side, pick.text) == ("target", "不确定性")
        assert app.screen.get_selected_text() is None  # not the whole book
        await pilot.press("a")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#term", Input).value == "不确定性"
        await pilot.press("escape")
        await ready(pilot)
        # On the original: the word is selected, and Escape clears it before leaving.
        y = next(i for i, r in enumerate(rows) if "stark reality" in r)
        x = cell_len(rows[y][: rows[y].index("reality")]) + 2
        await pilot.double_click(ReadingView, offset=(x, y))
        await pilot.pause()
        assert view.selection().text == "reality"  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        assert view.cursor().word is not None  # the word cursor stays where it was put


async def test_the_chinese_word_cursor_moves_by_word_in_the_app(library: Library) -> None:
    from reader.ui.viewmodel.modes import MODES

    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        # v up to the layout that reads the translation: the word cursor walks the Chinese.
        for _ in range(list(MODES).index("translation")):
            await pilot.press("v")
        await ready(pilot)
        view = view_of(app)
        assert view.drawn_mode.word_side == "target"
        await pilot.press("J", "w")
        seen = [view.selection().text]  # type: ignore[union-attr]
        for _ in range(4):
            await pilot.press("w")
            seen.append(view.selection().text)  # type: ignore[union-attr]
        assert seen == ["这是", "一个", "严峻", "的", "现实"]
        await pilot.press("a")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#term", Input).value == "现实"


async def test_jieba_is_loaded_in_a_worker_only_for_chinese(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.widgets import reading_view

    loaded: list[str] = []
    monkeypatch.setattr(reading_view, "prepare_words", lambda: loaded.append("jieba"))
    for doc_id, expected in (("plain", []), ("op-ed", ["jieba"])):
        loaded.clear()
        app = app_for(library, doc_id)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(pilot)
        assert loaded == expected, doc_id


def test_opening_the_app_does_not_load_jieba() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reader.ui.app\n"
        "from reader.ui.viewmodel.navigator import words_in\n"
        "words_in('Open models level the field.', (0, 28))\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
