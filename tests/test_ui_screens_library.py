"""Pilot tests of the library screen's import and its whole-library glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_screens import (
    app_for,
    notices,
    open_glossary,
    ready,
    sample_library,
    view_of,
)
from textual.widgets import DataTable, Input

from reader.library import Library
from reader.ui.dialogs import ImportDialog
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen

SIZE = (120, 36)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


STORY = """\
The Quiet Harbour

The boats came back before the storm. Nobody on the quay said a word.

By morning the harbour was calm again, and the stark light showed every mast.
"""


def table_ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#documents", DataTable)
    return [str(k.value) for k in table.rows]


async def test_import_from_the_library_screen_lists_the_new_document(
    library: Library, tmp_path: Path
) -> None:
    story = tmp_path / "quiet-harbour.txt"
    story.write_text(STORY, encoding="utf-8")
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert table_ids(app) == ["op-ed", "plain"]
        await pilot.press("i")
        await ready(pilot)
        assert isinstance(app.screen, ImportDialog)
        await pilot.press(*str(story))
        await pilot.press("enter")
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        ids = table_ids(app)
        assert len(ids) == 3
        new_id = next(i for i in ids if i not in ("op-ed", "plain"))
        table = app.screen.query_one("#documents", DataTable)
        title, langs, length, terms, _known, _unknown, progress, opened = table.get_row(new_id)
        assert title == "The Quiet Harbour"
        assert (langs, progress, opened) == ("en", "–", "never")
        assert length == "31 words"
        assert terms == "1"  # "stark", from the library's English glossary
        assert app.screen.selected_id() == new_id  # the cursor is on what was imported
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.document.title == "The Quiet Harbour"
    assert library.has_document(new_id)
    assert library.load_document(new_id).segments[1].source.sentences == (
        "The boats came back before the storm.",
        "Nobody on the quay said a word.",
    )


async def test_import_of_a_missing_file_says_so_and_keeps_the_dialog(
    library: Library, tmp_path: Path
) -> None:
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await ready(pilot)
        await pilot.press(*str(tmp_path / "nowhere.txt"), "enter")
        await ready(pilot)
        assert isinstance(app.screen, ImportDialog)  # the path can be corrected
        assert any("no such file" in n.message for n in notices(app))
        await pilot.press("escape")
        await ready(pilot)
        assert table_ids(app) == ["op-ed", "plain"]


@pytest.mark.parametrize("web", [True, False])
async def test_in_a_browser_the_import_dialog_says_the_path_is_on_the_server(
    library: Library, monkeypatch: pytest.MonkeyPatch, web: bool
) -> None:
    app = app_for(library)
    monkeypatch.setattr(type(app), "is_web", property(lambda self: web))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await ready(pilot)
        assert isinstance(app.screen, ImportDialog)
        note = app.screen.query_one("#server-paths")
        assert note.display is web
        if web:
            assert "machine that runs `reader serve`" in str(note.render())


async def test_import_of_an_empty_file_is_a_one_line_error(
    library: Library, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await ready(pilot)
        await pilot.press(*str(empty), "enter")
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        errors = [n.message for n in notices(app) if n.severity == "error"]
        assert len(errors) == 1 and str(empty) in errors[0] and "\n" not in errors[0]
        assert table_ids(app) == ["op-ed", "plain"]


async def test_library_glossary_lists_every_entry_and_opens_where_one_occurs(
    library: Library,
) -> None:
    (library.glossaries_dir / "zh.yaml").write_text(
        "language: zh\nentries:\n  创新: innovation\n  熊猫: panda\n", encoding="utf-8"
    )
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        _table, rows = await open_glossary(pilot)
        # Both languages of the library (a column says which), with occurrences counted
        # over every document.
        assert set(rows) == {"nascent", "riddled with", "stark", "创新", "熊猫"}
        assert rows["创新"][3:] == ("zh", "1") and rows["熊猫"][3:] == ("zh", "0")
        assert rows["stark"][3] == "en"
        await pilot.press(*"熊猫")
        await pilot.press("enter")  # from the filter, to the first match
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)  # nowhere to go
        assert any("熊猫" in n.message and "does not occur" in n.message for n in notices(app))

        await pilot.press("L")
        await ready(pilot)
        await app.workers.wait_for_complete()
        await pilot.press(*"创新")
        filt = app.screen.query_one("#glossary-filter", Input)
        assert filt.value == "创新"
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.document.id == "op-ed"
        assert view_of(app).cursor().segment == 2  # "欧洲不能扼杀新生的创新。"


async def test_import_with_a_translation_file_makes_a_bilingual_document(
    library: Library, tmp_path: Path
) -> None:
    story = tmp_path / "harbour.en.txt"
    story.write_text(STORY, encoding="utf-8")
    translation = tmp_path / "harbour.zh.txt"
    translation.write_text(
        "安静的港口\n\n船在暴风雨前回来了。码头上没有人说一句话。\n\n"
        "到了早上，港口又平静了，刺眼的光照出每一根桅杆。\n",
        encoding="utf-8",
    )
    app = app_for(library)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        # One line each, whatever the terminal height.
        assert dialog.query_one("#translation-file", Input).region.height <= 3
        await pilot.press(*str(story), "tab", *str(translation), "enter")
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert isinstance(app.screen, LibraryScreen)
        new_id = next(i for i in table_ids(app) if i not in ("op-ed", "plain"))
        assert app.screen.query_one("#documents", DataTable).get_row(new_id)[1] == "en → zh"
    doc = library.load_document(new_id)
    paragraph = doc.segments[1]
    assert paragraph.target is not None
    assert paragraph.target.sentences == ("船在暴风雨前回来了。", "码头上没有人说一句话。")
