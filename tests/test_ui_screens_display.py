"""Pilot tests of what the reading screen shows for image lines and one-language documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_screens import (
    app_for,
    forget_notices,
    notices,
    ready,
    sample_library,
    status_text,
    view_of,
    word_cursor_on,
)

from reader.library import Library
from reader.model import Document, Segment, Text, segment_id
from reader.ui.screens.reading import display_document, image_placeholder

SIZE = (120, 36)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return sample_library(tmp_path)


IMAGE = "![image-20240825153536085](./assets/image-20240825153536085.png)"


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        (IMAGE, "[image: image-20240825153536085]"),
        ("![](./assets/harbour.jpg)", "[image: harbour]"),
        ('![A map of Europe](map.png "Europe")', "[image: A map of Europe]"),
        ("  ![a](a.png) ![b](b.png)  ", "[image: a] [image: b]"),
        ("See ![a](a.png) here.", None),  # an image inside a sentence stays as written
        ("Just text [with brackets](and a link).", None),
        ("", None),
    ],
)
def test_image_placeholder(sentence: str, shown: str | None) -> None:
    assert image_placeholder(sentence) == shown


def image_document() -> Document:
    taken: set[str] = set()

    def seg(kind: str, src: str, tgt: str | None) -> Segment:
        return Segment(
            segment_id(kind, src, taken),
            kind,
            Text.of([src], "en"),
            Text.of([tgt], "zh") if tgt else None,
        )

    return Document(
        "pictures",
        "With a picture",
        "en",
        (
            seg("title", "With a picture", "有图"),
            seg("image", IMAGE, None),
            seg("paragraph", "The picture shows a harbour.", "图片上是一个港口。"),
        ),
        target_lang="zh",
    )


def test_display_document_changes_only_what_is_shown() -> None:
    doc = image_document()
    shown = display_document(doc)
    assert shown.segments[1].source.text == "[image: image-20240825153536085]"
    assert [s.id for s in shown.segments] == [s.id for s in doc.segments]
    assert shown.segments[0] is doc.segments[0] and shown.segments[2] is doc.segments[2]
    assert doc.segments[1].source.text == IMAGE  # the document itself is untouched
    plain = Document("p", "P", "en", doc.segments[2:], target_lang="zh")
    assert display_document(plain) is plain  # nothing to change, nothing copied


async def test_image_lines_show_as_a_placeholder_and_stay_in_the_file(tmp_path: Path) -> None:
    lib = Library(tmp_path / "library")
    lib.save_document(image_document())
    before = lib.document_path("pictures").read_text(encoding="utf-8")
    app = app_for(lib, "pictures")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        rows = [view.render_line(y).text for y in range(view.size.height)]
        assert any(r.startswith("[image: image-20240825153536085]") for r in rows)
        assert not any("![" in r or "assets" in r for r in rows)
        assert app.screen.document.segments[1].source.text == IMAGE
        for _ in range(3):
            await pilot.press("v")  # every layout shows the placeholder
            rows = [view.render_line(y).text for y in range(view.size.height)]
            assert any("[image: image-20240825153536085]" in r for r in rows), view.mode
        await pilot.press("q")
    assert "image-20240825153536085.png" in lib.document_path("pictures").read_text("utf-8")
    assert lib.document_path("pictures").read_text(encoding="utf-8") == before


async def test_one_language_document_explains_v_and_space(library: Library) -> None:
    app = app_for(library, "plain")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        messages = [n.message for n in notices(app)]
        assert any(m.startswith("One-language document: one column") for m in messages)
        assert view_of(app).mode == "side" and "one language" in status_text(app)
        forget_notices(app)
        await pilot.press("space")
        await pilot.pause()
        messages = [n.message for n in notices(app)]
        assert any(m.startswith("One-language document: one column") for m in messages)


async def test_space_outside_self_test_says_where_it_works(library: Library) -> None:
    app = app_for(library, "op-ed")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert any("self-test" in n.message for n in notices(app))
        await pilot.press("v", "v")  # self-test
        forget_notices(app)
        await pilot.press("space")
        await pilot.pause()
        assert view_of(app).revealed
        assert not any("self-test" in n.message for n in notices(app))


async def test_remapped_layout_key_explains_too(library: Library) -> None:
    app = app_for(library, "plain", keys={"layout": "f2"})
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert not notices(app)  # v is no longer the layout key
        await pilot.press("f2")
        await pilot.pause()
        assert any("One-language document" in n.message for n in notices(app))


async def test_terms_in_view_are_counted_before_the_first_move(library: Library) -> None:
    app = app_for(library)  # from the library, whose term counts built the matchers already
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen.document.id == "op-ed"
        # The cursor is on the title (no terms); the whole text is on screen: three terms.
        assert view_of(app).cursor().segment == 0
        assert "3 terms in view" in status_text(app)


@pytest.mark.parametrize(("size", "compact"), [((80, 24), True), ((120, 36), False)])
async def test_add_dialog_fits_the_terminal(
    library: Library, size: tuple[int, int], compact: bool
) -> None:
    from textual.widgets import Button, Input, Static

    from reader.ui.dialogs import EntryDialog

    app = app_for(library, "op-ed")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await word_cursor_on(pilot, app, "stark")
        await pilot.press("e")
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.query_one("#term", Input).compact is compact
        screen = dialog.region
        for widget in (
            dialog.query_one("#save", Button),
            dialog.query_one("#context", Static),
            dialog.query_one("#note", Input),
        ):
            assert widget.region.height > 0 and screen.contains_region(widget.region), widget


async def test_glossary_columns_fit_an_80_column_terminal(library: Library) -> None:
    from textual.widgets import DataTable

    from reader.ui.screens.glossary import GlossaryScreen

    path = library.glossaries_dir / "en.yaml"
    long_gloss = "技术发展迅速; 科技日新月异; 技术进步很快; 科技发展的速度非常快; 变化很快"
    path.write_text(
        path.read_text(encoding="utf-8") + f"  technology moves swiftly: {long_gloss}\n",
        encoding="utf-8",
    )
    app = app_for(library, "op-ed")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("L")
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        table = app.screen.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        assert len(widths) == 4 and sum(widths) <= 80
        assert table.get_row("en:technology moves swiftly")[3] == "1"


async def test_notes_panel_starts_hidden_in_a_narrow_terminal_until_chosen(
    library: Library,
) -> None:
    for size, shown in (((80, 24), False), ((120, 36), True)):
        app = app_for(library, "op-ed")
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            assert app.screen.query_one("#notes").display is shown, size
            await pilot.press("q")
    # Shown on purpose in a narrow terminal: it stays shown there next time.
    app = app_for(library, "op-ed")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("p")
        assert app.screen.query_one("#notes").display is True
        await pilot.press("q")
    app = app_for(library, "op-ed")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.screen.query_one("#notes").display is True


async def test_moves_typed_in_a_burst_keep_their_order(library: Library) -> None:
    # A terminal delivers fast typing as keys back to back: "J w w" must move to the next
    # paragraph, then to its second word (it used to run w w first, then J dropped them).
    from textual import events

    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        for key in ("J", "w", "w"):
            app.post_message(events.Key(key, key))
        await ready(pilot)
        pick = view_of(app).selection()
        assert view_of(app).cursor().segment == 1
        assert pick is not None and pick.text == "is"  # "This is a stark reality."


async def test_a_search_lands_on_the_first_hit_after_the_cursor(library: Library) -> None:
    # It used to step once more after landing, showing the second hit as "2/3".
    app = app_for(library, "op-ed")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("J")  # "This is a stark reality. Regulation is riddled with ..."
        await pilot.press("slash", *"europe", "enter")
        await ready(pilot)
        # "Europe" is in the title (before the cursor) and in the third paragraph.
        hits = view_of(app).hits
        count = len(hits)
        first_after = next(k for k, hit in enumerate(hits) if hit.segment >= 1)
        assert f"/europe: {first_after + 1}/{count}" in status_text(app)
        assert view_of(app).cursor().segment == hits[first_after].segment
