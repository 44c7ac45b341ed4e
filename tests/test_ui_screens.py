"""Pilot tests of the app's screens: keys and clicks in, screen contents and files out."""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from reader.library import Library
from reader.model import Document, Link, Segment, Text, segment_id
from reader.settings import Settings
from reader.ui.app import ReaderApp, make_app
from reader.ui.dialogs import EntryDialog, TranslationDialog
from reader.ui.screens.glossary import GlossaryScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.reading_view import ReadingView
from reader.vocabulary import Vocabulary

GLOSSARY = """\
# My words from the op-ed
language: en
entries:
  stark: 严峻的；明显的
  riddled with: 充满
  # a comment that must survive every save
  nascent:
    glosses: [新生的]
    status: learning
    level: 2
"""

SIZE = (120, 36)


def _segment(kind: str, src: list[str], tgt: list[str] | None, taken: set[str]) -> Segment:
    source = Text.of(src, "en")
    target = Text.of(tgt, "zh") if tgt is not None else None
    links = tuple(Link((i,), (i,), 0.9) for i in range(len(src))) if tgt else ()
    return Segment(segment_id(kind, source.text, taken), kind, source, target, links)


def bilingual_document() -> Document:
    taken: set[str] = set()
    segments = (
        _segment("title", ["Europe and open-source AI"], ["欧洲与开源人工智能"], taken),
        _segment(
            "paragraph",
            ["This is a stark reality.", "Regulation is riddled with uncertainty."],
            ["这是一个严峻的现实。", "监管充满了不确定性。"],
            taken,
        ),
        _segment(
            "paragraph",
            ["Technology moves swiftly.", "Europe must not stifle nascent innovation."],
            ["技术发展迅速。", "欧洲不能扼杀新生的创新。"],
            taken,
        ),
        _segment(
            "paragraph",
            ["The stakes are high.", "Open models level the field."],
            ["利害攸关。", "开放模型创造公平环境。"],
            taken,
        ),
    )
    return Document("op-ed", "Open-source AI", "en", segments, target_lang="zh")


def one_language_document() -> Document:
    taken: set[str] = set()
    segments = tuple(
        _segment("paragraph", [f"Paragraph {n} is plain.", "It has no translation."], None, taken)
        for n in range(1, 4)
    )
    return Document("plain", "A plain text", "en", segments)


def sample_library(tmp_path: Path) -> Library:
    """The op-ed excerpt, a one-language text and a hand-written English glossary."""
    lib = Library(tmp_path / "library")
    lib.save_document(bilingual_document())
    lib.save_document(one_language_document())
    lib.glossaries_dir.mkdir(parents=True)
    (lib.glossaries_dir / "en.yaml").write_text(GLOSSARY, encoding="utf-8")
    return lib


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


def app_for(library: Library, document_id: str | None = None, **settings: object) -> ReaderApp:
    app = make_app(
        library,
        Vocabulary(library.root),
        Settings(**settings),  # type: ignore[arg-type]
        document_id=document_id,
        watch_interval=0,
    )
    record_notices(app)
    return app


@dataclass(frozen=True)
class Notice:
    message: str
    severity: str
    title: str | None


_NOTICES: weakref.WeakKeyDictionary[ReaderApp, list[Notice]] = weakref.WeakKeyDictionary()


def record_notices(app: ReaderApp) -> list[Notice]:
    """Keep every notice the app shows: a toast on screen goes after a few seconds, and a
    test on a busy machine may look later than that."""
    said: list[Notice] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", severity: str = "information", **kw):  # type: ignore[no-untyped-def]
        said.append(Notice(message, severity, title or None))
        return notify(message, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    _NOTICES[app] = said
    return said


def notices(app: ReaderApp) -> list[Notice]:
    """The notices shown since the app started (or since `forget_notices`)."""
    return _NOTICES[app]


def forget_notices(app: ReaderApp) -> None:
    notices(app).clear()
    app.clear_notifications()


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the background work (saves, matchers, counts) and the repaint after it.

    A key's action may post a request that reaches the app only on the next round of
    messages, and a finished job tells the screens on the one after: so rounds of messages
    and workers until a whole round starts and ends with nothing left to do.
    """
    app = pilot.app
    quiet = 0
    for _ in range(500):  # a bound, so a job that never ends fails the test, never hangs it
        idle = not app.busy
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        quiet = quiet + 1 if idle and not app.busy else 0
        if quiet == 2:
            return
    raise AssertionError("the app is still busy")


async def open_glossary(pilot) -> tuple[DataTable, dict[str, tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    """Press L and wait for the glossary screen and its occurrence counts: its table, and
    its rows by term."""
    await pilot.press("L")
    await ready(pilot)
    assert isinstance(pilot.app.screen, GlossaryScreen)
    await pilot.app.workers.wait_for_complete()
    await ready(pilot)
    table = pilot.app.screen.query_one(DataTable)
    return table, {table.get_row(k)[0]: tuple(table.get_row(k)) for k in table.rows}


def status_text(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def notes_text(app: ReaderApp) -> str:
    return str(app.screen.query_one("#notes-body", Static).render())


def view_of(app: ReaderApp) -> ReadingView:
    return app.screen.query_one(ReadingView)


async def word_cursor_on(pilot, app: ReaderApp, word: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press w until the word cursor is on `word` (the view decides where w starts)."""
    for _ in range(limit):
        await pilot.press("w")
        pick = view_of(app).selection()
        if pick is not None and pick.text.strip(".,") == word:
            return
    raise AssertionError(f"word cursor never reached {word!r}")


# --- library ------------------------------------------------------------------------------


async def test_library_lists_documents_and_filters_as_you_type(library: Library) -> None:
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        rows = {str(k.value): table.get_row(k) for k in table.rows}
        assert set(rows) == {"op-ed", "plain"}
        title, langs, length, _terms, _known, _unknown, progress, opened = rows["op-ed"]
        assert (title, langs, progress, opened) == ("Open-source AI", "en → zh", "–", "never")
        assert length == "32 words"
        assert rows["plain"][1] == "en"
        await app.workers.wait_for_complete()
        await ready(pilot)
        # Glossary entries found, counted in a worker: stark, riddled with, nascent.
        assert table.get_row("op-ed")[3] == "3"
        await pilot.press("p", "l", "a")
        assert app.screen.query_one("#filter", Input).value == "pla"
        assert [str(k.value) for k in table.rows] == ["plain"]
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.document.id == "plain"


async def test_keys_that_reach_the_table_before_the_filter_has_focus_go_into_it(
    library: Library,
) -> None:
    # A terminal sends "why Europe" in one burst: keys after the first can reach the table
    # before the focus has moved to the filter. A space or a screen key (i: import) is then
    # part of the filter's text, not lost or taken as a command.
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        filt = app.screen.query_one("#filter", Input)
        filt.value = "Open"
        table.focus()
        await pilot.press("space")
        table.focus()
        await pilot.press("i")
        assert filt.value == "Open i"
        assert isinstance(app.screen, LibraryScreen)  # no import dialog
        # With an empty filter, the same keys are the screen's own.
        filt.value = ""
        table.focus()
        await pilot.press("space")
        assert filt.value == ""


async def test_enter_opens_and_escape_comes_back_with_progress(library: Library) -> None:
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.document.id == "op-ed"
        await pilot.press("J", "J")
        await pilot.press("escape")
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        row = app.screen.query_one(DataTable).get_row("op-ed")
        assert row[6] == "75%"
        assert row[7] == "today"


# --- reading: moving, layouts, state --------------------------------------------------------


async def test_status_bar_follows_the_cursor(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "¶ 1/4" in status_text(app)
        assert "side by side" in status_text(app)
        await pilot.press("J")
        assert view_of(app).cursor().segment == 1
        assert "¶ 2/4" in status_text(app) and "50%" in status_text(app)
        await pilot.press("G")
        assert "¶ 4/4" in status_text(app) and "100%" in status_text(app)
        await pilot.press("g")
        assert "¶ 1/4" in status_text(app)


async def test_layout_cycles_and_is_remembered_with_position(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = [view_of(app).mode]
        for _ in range(4):
            await pilot.press("v")
            seen.append(view_of(app).mode)
        assert seen == ["side", "interleaved", "selftest", "translation", "side"]
        await pilot.press("v")  # interleaved
        await pilot.press("J", "J", "j")
        cursor = view_of(app).cursor()
        await pilot.press("p")  # hide the notes panel
        await pilot.press("q")
    assert (cursor.segment, cursor.sentence) == (2, 1)

    again = app_for(library, "op-ed")
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(again)
        assert view.mode == "interleaved"
        assert (view.cursor().segment, view.cursor().sentence) == (2, 1)
        assert again.screen.query_one("#notes").display is False


async def test_one_language_document_does_not_cycle_layouts(library: Library) -> None:
    app = app_for(library, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = view_of(app).mode
        await pilot.press("v")
        assert view_of(app).mode == before
        assert "one language" in status_text(app)


# --- glossary from the reading screen -------------------------------------------------------


async def test_notes_panel_lists_entries_of_the_paragraph(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "No glossary terms" in notes_text(app)
        await pilot.press("J")  # "This is a stark reality. Regulation is riddled with ..."
        notes = notes_text(app)
        assert "stark" in notes and "严峻的" in notes and "明显的" in notes
        assert "riddled with" in notes and "充满" in notes
        assert "nascent" not in notes
        assert "3 terms in view" in status_text(app)  # the whole text fits


async def test_notes_show_what_the_learner_wrote_never_emoji_codes(library: Library) -> None:
    # ":fire:" in a note is the learner's text (a tag, a smiley typed out): drawn as typed.
    path = library.glossaries_dir / "en.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  stark: 严峻的；明显的\n",
            "  stark:\n    glosses: [严峻的]\n    note: 'hot :fire: topic :+1:'\n",
        ),
        encoding="utf-8",
    )
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J")
        notes = notes_text(app)
        assert "hot :fire: topic :+1:" in notes
        assert "\N{FIRE}" not in notes and "\N{THUMBS UP SIGN}" not in notes


async def test_add_entry_from_the_word_cursor_keeps_the_rest_of_the_file(library: Library) -> None:
    path = library.glossaries_dir / "en.yaml"
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J", "J")  # "Technology moves swiftly. ..."
        await word_cursor_on(pilot, app, "Technology")
        await pilot.press("a")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        # Capital only because it starts the sentence: lowered.
        assert dialog.query_one("#term", Input).value == "technology"
        context = str(dialog.query_one("#context", Static).render())
        assert "Technology moves swiftly." in context and "技术发展迅速。" in context
        assert "¶ 3/4" in context
        await pilot.press(*"科技", "enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert "technology" in notes_text(app) and "科技" in notes_text(app)
        marks = app.screen._provider(app.screen.document.segments[2], "source")
        assert any((m.start, m.end) == (0, 10) for m in marks)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(GLOSSARY)
    assert "technology" in text[len(GLOSSARY) :] and "科技" in text[len(GLOSSARY) :]
    entry = Vocabulary(library.root).find("technology", "en")[0]
    assert entry.glosses == ("科技",)
    assert entry.context is not None and entry.context.document == "op-ed"
    assert entry.context.sentence == 0


async def test_delete_undo_and_status_keys_write_the_file(library: Library) -> None:
    path = library.glossaries_dir / "en.yaml"
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await word_cursor_on(pilot, app, "stark")
        await pilot.press("3")
        await ready(pilot)
        stark = Vocabulary(library.root).find("stark", "en")[0]
        assert (stark.status, stark.level) == ("learning", 3)
        await pilot.press("W")
        await ready(pilot)
        assert Vocabulary(library.root).find("stark", "en")[0].status == "known"
        await pilot.press("d")
        await ready(pilot)
        assert Vocabulary(library.root).find("stark", "en") == []
        assert "stark" not in notes_text(app).split("riddled")[0]
        await pilot.press("u")
        await ready(pilot)
        assert Vocabulary(library.root).find("stark", "en")[0].status == "known"
        await pilot.press("I")
        await ready(pilot)
        assert Vocabulary(library.root).find("stark", "en")[0].status == "ignored"
    # Every other line of the hand-written file is untouched.
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == GLOSSARY.splitlines()[:3]
    assert "  # a comment that must survive every save" in lines
    assert "  riddled with: 充满" in lines


async def test_edit_entry_changes_the_gloss(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await word_cursor_on(pilot, app, "stark")
        await pilot.press("e")
        await ready(pilot)
        assert isinstance(app.screen, EntryDialog)
        glosses = app.screen.query_one("#glosses", Input)
        assert glosses.value == "严峻的; 明显的"
        glosses.value = "赤裸的"
        await pilot.press("ctrl+s")
        await ready(pilot)
    assert Vocabulary(library.root).find("stark", "en")[0].glosses == ("赤裸的",)


async def test_outside_edits_are_reloaded_and_broken_ones_refused(library: Library) -> None:
    path = library.glossaries_dir / "en.yaml"
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J", "J", "J")  # "The stakes are high. Open models level the field."
        assert "level" not in notes_text(app)
        path.write_text(GLOSSARY + "  level: 水平\n", encoding="utf-8")
        os.utime(path, (1, 1))  # a different mtime even on coarse file systems
        reload = app.check_glossaries()
        await ready(pilot)
        assert reload.result == [path]
        assert "level" in notes_text(app) and "水平" in notes_text(app)

        path.write_text(GLOSSARY + "  level: [水平\n", encoding="utf-8")
        os.utime(path, (2, 2))
        app.check_glossaries()
        await ready(pilot)
        messages = [n.message for n in notices(app)]
        assert any("en.yaml:" in m and "not changed" in m for m in messages)
        assert "水平" in notes_text(app)  # the previous entries stay in use


async def test_search_counts_hits_in_both_languages(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"stark", "enter")
        await ready(pilot)
        assert "/stark: 1/1" in status_text(app)
        await pilot.press("slash")
        await ready(pilot)
        query = app.screen.query_one("#query", Input)
        query.value = "创新"
        await pilot.press("enter")
        await ready(pilot)
        assert "/创新: 1/1" in status_text(app)
        assert view_of(app).cursor().segment == 2


async def test_own_translation_makes_the_document_bilingual(library: Library) -> None:
    app = app_for(library, "plain", native="nl")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await pilot.press("t")
        await ready(pilot)
        assert isinstance(app.screen, TranslationDialog)
        assert app.screen.query_one("#lang", Input).value == "nl"
        await pilot.press(*"Alinea 2 is eenvoudig. Hij heeft geen vertaling.")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
    doc = library.load_document("plain")
    assert doc.target_lang == "nl"
    seg = doc.segments[1]
    assert seg.target is not None
    assert seg.target.text == "Alinea 2 is eenvoudig. Hij heeft geen vertaling."
    assert doc.segments[0].target is None and doc.segments[2].target is None


# --- glossary, help and palette ------------------------------------------------------------


async def test_glossary_screen_filters_and_jumps_to_an_occurrence(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table, rows = await open_glossary(pilot)
        assert set(rows) == {"nascent", "riddled with", "stark"}
        assert rows["nascent"][2] == "learning 2"
        assert rows["stark"][3] == "1"
        await pilot.press(*"nasc")
        assert [table.get_row(k)[0] for k in table.rows] == ["nascent"]
        await pilot.press("enter")  # from the filter, straight to the first match
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert view_of(app).cursor().segment == 2


async def test_help_lists_every_key_with_its_id_and_remaps(library: Library) -> None:
    app = app_for(library, "op-ed", keys={"next_sentence": "ctrl+n"})
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await ready(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = {table.get_row(k)[2]: table.get_row(k) for k in table.rows}
        for binding_id in ("next_sentence", "add_entry", "layout", "search", "undo", "help"):
            assert binding_id in rows
        assert "ctrl+n" in str(rows["next_sentence"][0])
        assert str(rows["undo"][0]) == "u, ctrl+z"
        await pilot.press("escape")
        await ready(pilot)
        await pilot.press("ctrl+n")
        assert view_of(app).cursor().sentence == 0 and view_of(app).cursor().segment == 1


async def test_command_palette_jumps_to_a_paragraph(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await ready(pilot)
        await pilot.press("3")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert view_of(app).cursor().segment == 2


async def test_alignment_repair_is_saved_in_the_document(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("J", "j")  # second sentence of the first paragraph
        await pilot.press("M")  # merge its link with the previous one
        await ready(pilot)
    seg = library.load_document("op-ed").segments[1]
    assert seg.links == (Link((0, 1), (0, 1), None, True),)
    assert (
        library.load_document("op-ed").segments[2].links == bilingual_document().segments[2].links
    )


async def test_escape_from_a_document_opened_directly_shows_the_library(library: Library) -> None:
    app = app_for(library, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("escape")
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(DataTable).get_row("plain")[7] == "today"


@pytest.mark.parametrize(
    ("glossary_file", "side"),
    [("en.yaml", "notes"), ("words-from-the-web.yaml", "notes"), (None, "dictionary")],
)
async def test_the_notes_are_beside_a_text_whose_language_has_a_glossary(
    tmp_path: Path, glossary_file: str | None, side: str
) -> None:
    # As `reader read` starts: the glossaries are read after the first frame.
    lib = Library(tmp_path / "library")
    lib.save_document(bilingual_document())
    if glossary_file is not None:
        lib.glossaries_dir.mkdir(parents=True)
        (lib.glossaries_dir / glossary_file).write_text(GLOSSARY, encoding="utf-8")
    app = make_app(
        lib, Vocabulary(lib.root, load=False), Settings(), document_id="op-ed", watch_interval=0
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.session.glossaries_ready.is_set()
        shown = {p.id for p in app.screen.query("#notes, #dictionary") if p.display}
        assert shown == {side}


@pytest.mark.parametrize(
    ("size", "side"),
    [((120, 36), None), ((120, 36), "dictionary"), ((120, 36), "both"), ((80, 24), None)],
)
async def test_the_first_frame_is_the_text_at_the_width_it_keeps(
    library: Library, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], side: str | None
) -> None:
    # The panels, the status bar and the keys come just after the first frame, into the
    # room kept for them: the text is laid out once and never moves when they arrive.
    seen: dict[str, object] = {}
    complete = ReadingScreen._complete

    async def looked_at_first(self: ReadingScreen) -> None:
        if "view" not in seen:
            seen["view"] = self.view.region
            seen["rows"] = [self.view.render_line(y).text for y in range(3)]
            seen["status"] = list(self.query("#status"))
        await complete(self)

    monkeypatch.setattr(ReadingScreen, "_complete", looked_at_first)
    app = app_for(library, "op-ed")
    app.session.side = side
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert seen["status"] == []  # the first frame had none of them
        assert seen["rows"] and "Europe" in "".join(seen["rows"])  # type: ignore[arg-type]
        assert screen.view.region == seen["view"]
        assert not screen.query(".panel-room, #bottom-room")
        assert "Open-source" in status_text(app)
        shown = {p.id for p in screen.query("#notes, #dictionary") if p.display}
        expected = {
            "notes": {"notes"},
            "dictionary": {"dictionary"},
            "both": {"notes", "dictionary"},
        }
        assert shown == (set() if size[0] < 100 else expected[side or "notes"])


async def test_keys_for_the_panels_work_before_the_panels_come(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    complete = ReadingScreen._complete

    async def held_back(self: ReadingScreen) -> None:
        pass  # the test brings them itself, after the keys

    monkeypatch.setattr(ReadingScreen, "_complete", held_back)
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        # Before the panels are there: hide them, show the next side, move on.
        await pilot.press("p", "D", "J")
        assert not screen.completed
        await complete(screen)
        await ready(pilot)
        assert screen.completed
        assert "¶ 2/4" in status_text(app)
        # p hid the notes, D then showed the next side: the dictionary.
        assert {p.id for p in screen.query("#notes, #dictionary") if p.display} == {"dictionary"}
        await pilot.press("p")
        await ready(pilot)
        assert not any(p.display for p in screen.query("#notes, #dictionary"))
