"""Pilot tests of alignment repair in the reading screen: keys in, links on disk out."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_screens import app_for, notices, ready, view_of
from textual.widgets import DataTable, Static

from reader.library import Library
from reader.model import Document, Link, Segment, Text, segment_id
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.reading_view import ReadingView
from reader.ui.widgets.rows import styles_of

SIZE = (120, 36)


def _seg(src: list[str], tgt: list[str], links: list[Link], taken: set[str]) -> Segment:
    source = Text.of(src, "en")
    return Segment(
        segment_id("paragraph", source.text, taken),
        "paragraph",
        source,
        Text.of(tgt, "zh"),
        tuple(links),
    )


def repair_document() -> Document:
    """Four paragraphs, each aligned wrongly in a way one repair key puts right."""
    taken: set[str] = set()
    segments = (
        # Sentences 1 and 2 were bundled against target 1, and target 2 left alone: R.
        _seg(
            [
                "This is a stark reality.",
                "In 2019 Europe had 12 open models and 40 labs.",
                "Regulation is riddled with uncertainty.",
            ],
            [
                "这是一个严峻的现实。",
                "2019年，欧洲有12个开放模型和40个实验室。",
                "监管充满了不确定性。",
            ],
            [Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.3), Link((), (2,), 0.2)],
            taken,
        ),
        # One 2-2 bead that is really two 1-1 beads: S on the second sentence.
        _seg(
            ["Technology moves swiftly.", "Europe must not stifle nascent innovation."],
            ["技术发展迅速。", "欧洲不能扼杀新生的创新。"],
            [Link((0, 1), (0, 1), 0.4)],
            taken,
        ),
        # The first link took one translation sentence too many: < gives it back.
        _seg(
            ["The stakes are high.", "Open models level the field and help small firms."],
            ["利害攸关。", "开放模型创造公平环境，", "并帮助小公司。"],
            [Link((0,), (0, 1), 0.45), Link((1,), (2,), 0.9)],
            taken,
        ),
        # Already right, with confident links: no mark.
        _seg(
            ["Open source wins.", "Closed models lose."],
            ["开源获胜。", "封闭模型失败。"],
            [Link((0,), (0,), 0.95), Link((1,), (1,), 0.93)],
            taken,
        ),
    )
    return Document("aligned", "Alignment repairs", "en", segments, target_lang="zh")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "library")
    lib.save_document(repair_document())
    return lib


def styled(view: ReadingView, component: str) -> list[str]:
    """Text drawn on screen with a component style (cursor, counterpart, a term)."""
    out = []
    for y in range(view.size.height):
        text = "".join(
            seg.text
            for seg in view.render_line(y)
            if seg.text.strip() and component in styles_of(seg)
        )
        if text:
            out.append(text)
    return out


def screen_rows(view: ReadingView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def saved_links(library: Library, index: int) -> tuple[Link, ...]:
    return library.load_document("aligned").segments[index].links


async def open_at(pilot, app: ReaderApp, paragraph: int, sentence: int) -> None:  # type: ignore[no-untyped-def]
    await ready(pilot)
    for _ in range(paragraph):
        await pilot.press("J")
    for _ in range(sentence):
        await pilot.press("j")
    cursor = view_of(app).cursor()
    assert (cursor.segment, cursor.sentence) == (paragraph, sentence)


async def test_doubtful_links_are_marked_beside_the_text(library: Library) -> None:
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(app)
        rows = screen_rows(view)
        # Side by side, the mark stands in the gutter between the columns, on the row where
        # the doubtful link's first sentence starts.
        marked = [r for r in rows if " ? " in r]
        # 0.3 (paragraph 1, sentence 1), 0.4 (paragraph 2) and 0.45 (paragraph 3); the
        # 0-1 link at 0.2 has no original sentence to stand beside.
        assert len(marked) == 3
        assert any("In 2019" in r for r in marked)
        assert any("Technology" in r for r in marked)
        assert any("The stakes" in r for r in marked)
        assert not any("Open source wins" in r for r in marked)
        assert [m.strip() for m in styled(view, "low-confidence")] == ["?", "?", "?"]


async def test_the_low_confidence_setting_decides_which_links_are_marked(
    library: Library,
) -> None:
    # With the threshold at 0.42 only the 0.3 and 0.4 links are doubtful; 0.45 is not.
    app = app_for(library, "aligned", low_confidence=0.42)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        marked = [r for r in screen_rows(view_of(app)) if " ? " in r]
        assert len(marked) == 2
        assert not any("The stakes" in r for r in marked)


async def test_split_makes_two_links_and_the_mark_goes(library: Library) -> None:
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, 1, 1)
        # Before: the whole 2-2 bead lights up as the counterpart of sentence 1.
        assert "".join(styled(view_of(app), "counterpart")).replace(" ", "") == (
            "技术发展迅速。欧洲不能扼杀新生的创新。"
        )
        await pilot.press("S")
        await ready(pilot)
        assert "".join(styled(view_of(app), "counterpart")) == "欧洲不能扼杀新生的创新。"
        assert not any("Technology" in r for r in screen_rows(view_of(app)) if " ? " in r)
        assert any("Alignment repaired" in n.message for n in notices(app))
    assert saved_links(library, 1) == (
        Link((0,), (0,), None, True),
        Link((1,), (1,), None, True),
    )
    # The other paragraphs are as they were.
    assert saved_links(library, 0) == repair_document().segments[0].links


async def test_less_than_gives_the_last_translation_sentence_to_the_next_link(
    library: Library,
) -> None:
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, 2, 0)
        await pilot.press("less_than_sign")
        await ready(pilot)
        assert "".join(styled(view_of(app), "counterpart")) == "利害攸关。"
        assert saved_links(library, 2) == (
            Link((0,), (0,), None, True),
            Link((1,), (1, 2), None, True),
        )
        await pilot.press("j")
        assert "".join(styled(view_of(app), "counterpart")).replace(" ", "") == (
            "开放模型创造公平环境，并帮助小公司。"
        )
        # And back: > takes the next translation sentence into the current link.
        await pilot.press("k", "greater_than_sign")
        await ready(pilot)
    assert saved_links(library, 2) == (
        Link((0,), (0, 1), None, True),
        Link((1,), (2,), None, True),
    )


async def test_realign_rest_of_the_paragraph(library: Library) -> None:
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, 0, 1)
        await pilot.press("R")
        await ready(pilot)
        # Sentence 1 (with its numbers) now has its own counterpart.
        assert "".join(styled(view_of(app), "counterpart")).replace(" ", "") == (
            "2019年，欧洲有12个开放模型和40个实验室。"
        )
    links = saved_links(library, 0)
    # The link before the cursor is kept as it was; the rest is the aligner's new guess.
    assert links[0] == Link((0,), (0,), 0.9)
    assert [(link.source, link.target) for link in links[1:]] == [((1,), (1,)), ((2,), (2,))]
    assert not any(link.manual for link in links)
    assert all(link.confidence is not None for link in links[1:])


async def test_impossible_repairs_say_why_and_change_nothing(library: Library) -> None:
    before = (library.root / "documents" / "aligned.yaml").read_bytes()
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, 3, 0)
        await pilot.press("M")  # the first link has nothing before it
        await pilot.press("J")  # no paragraph after the last: stays
        await pilot.press("j", "greater_than_sign")  # the last link has nothing after it
        await ready(pilot)
        messages = [n.message for n in notices(app)]
        assert any("Cannot merge" in m for m in messages)
        assert any("Cannot grow" in m for m in messages)
    assert (library.root / "documents" / "aligned.yaml").read_bytes() == before


async def test_repairs_survive_reopening_and_light_up_as_counterparts(library: Library) -> None:
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, 1, 1)
        await pilot.press("S")
        await ready(pilot)
        await pilot.press("q")

    again = app_for(library, "aligned")
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = view_of(again)
        assert (view.cursor().segment, view.cursor().sentence) == (1, 1)  # position kept
        assert view.document.segments[1].links == (
            Link((0,), (0,), None, True),
            Link((1,), (1,), None, True),
        )
        assert "".join(styled(view, "counterpart")) == "欧洲不能扼杀新生的创新。"
        await pilot.press("k")
        assert "".join(styled(view, "counterpart")) == "技术发展迅速。"


async def test_help_explains_the_repair_keys(library: Library) -> None:
    app = app_for(library, "aligned")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await ready(pilot)
        assert isinstance(app.screen, HelpScreen)
        notes = str(app.screen.query_one("#help-notes", Static).render())
        assert "?" in notes and "merges" in notes and "re-aligns" in notes
        table = app.screen.query_one(DataTable)
        rows = {table.get_row(k)[2]: table.get_row(k) for k in table.rows}
        expected = {
            "align_merge": "M",
            "align_split": "S",
            "align_shrink": "<",
            "align_grow": ">",
            "align_rest": "R",
        }
        for binding_id, key in expected.items():
            assert str(rows[binding_id][0]) == key, binding_id
            assert str(rows[binding_id][1]).startswith("Alignment:"), binding_id
