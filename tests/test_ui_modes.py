"""The layout modes: one registry, and a new mode is one module plus a registry line.

The mode defined here is not one of the app's: each sentence of the original, its
translation under it, and a reading line under the translation (a stand-in for pinyin), so a
block holds several parts per side and a part with a text of its own. Registered in a test,
it is laid out, drawn, walked by the cursor and cycled to like the built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from test_ui_view import Terms, ViewApp, rows, small_doc, styled

from reader.model import Document, Segment
from reader.ui.viewmodel.layout import (
    INDENT,
    Block,
    Geometry,
    Part,
    build_layout,
    finish,
    sentences_span,
)
from reader.ui.viewmodel.modes import DEFAULT, MODES, SINGLE, Mode, mode_named, next_mode
from reader.ui.viewmodel.modes.base import source_rtl, target_rtl, wrapped
from reader.ui.viewmodel.navigator import Cursor
from reader.ui.widgets.reading_view import ReadingView


def reading_of(text: str) -> str:
    """The stand-in reading line: the characters of the translation, dotted apart."""
    return "·".join(ch for ch in text if not ch.isspace())


@dataclass(frozen=True)
class SentencePairs(Mode):
    def block(
        self, doc: Document, seg: Segment, geo: Geometry, reveal: tuple[int, ...] | None
    ) -> Block:
        ((_, width),) = geo.columns
        inner = max(width - INDENT, 1)
        parts: list[Part] = []
        row = 0
        target = seg.target if seg.bilingual else None
        shown: set[int] = set()
        for i, span in enumerate(seg.source.spans):
            lines = wrapped(seg.source.text, width, span)
            parts.append(Part("source", 0, row, lines, source_rtl(doc, seg)))
            row += len(lines)
            if target is None:
                continue
            new = [t for t in seg.counterparts(i) if t not in shown]
            shown.update(new)
            found = sentences_span(target, new)
            if found is None:
                continue
            lines = wrapped(target.text, inner, found)
            rtl = target_rtl(doc, seg)
            parts.append(Part("target", 0, row, lines, rtl, INDENT, "translation"))
            row += len(lines)
            reading = reading_of(target.text[found[0] : found[1]])
            lines = wrapped(reading, inner)
            parts.append(Part("target", 0, row, lines, indent=INDENT, text=reading))
            row += len(lines)
        return finish(parts)

    def estimate(self, seg: Segment, geo: Geometry) -> int:
        return self.block(Document("", "", "en", ()), seg, geo, None).height


PAIRS = SentencePairs("pairs", "sentence by sentence")


@pytest.fixture
def pairs(monkeypatch: pytest.MonkeyPatch) -> Mode:
    monkeypatch.setitem(MODES, PAIRS.name, PAIRS)  # the registry line
    return PAIRS


def test_the_registry_names_every_mode_once_and_cycles_in_its_order() -> None:
    assert list(MODES) == ["side", "interleaved", "selftest", "translation"]
    assert DEFAULT == "side"
    assert [next_mode(m) for m in MODES] == ["interleaved", "selftest", "translation", "side"]
    assert mode_named("no such mode") is MODES[DEFAULT]
    assert mode_named("single") is SINGLE and "single" not in MODES
    assert {m.label for m in MODES.values()} == {
        "side by side",
        "interleaved",
        "self-test",
        "translation only",
    }


@pytest.mark.parametrize(
    ("mode", "bilingual", "sides"),
    [
        ("side", True, ("source", "target")),
        ("interleaved", True, ("source", "target")),
        ("selftest", True, ("source",)),
        ("translation", True, ("target",)),
        ("translation", False, ("source",)),
        ("single", False, ("source",)),
    ],
)
def test_each_mode_says_which_sides_it_draws(mode: str, bilingual: bool, sides: tuple) -> None:
    seg = small_doc().segments[2 if bilingual else 0]
    assert mode_named(mode).drawn_sides(seg) == sides


def test_a_new_mode_is_a_registry_line_away_from_the_cycle(pairs: Mode) -> None:
    assert next_mode("translation") == "pairs" and next_mode("pairs") == "side"
    doc = small_doc()
    layout = build_layout(doc, 60, "pairs")
    assert layout.geometry.mode == "pairs"
    block = layout.block(1)  # three sentences, a 1-1 and a 2-1 link
    assert len(block.parts_of("source")) == 3
    assert len(block.parts_of("target")) == 2  # the shared translation once, after sentence 1
    annotations = [p for p in block.parts if p.annotation]
    assert [p.text for p in annotations] == [
        reading_of("这是科技的一个重要时刻。"),
        reading_of("开源人工智能是公平的竞争环境，监管并不明确。"),
    ]
    # Rows go sentence, translation, reading, sentence ... and spans find their rows.
    seg = doc.segments[1]
    top = layout.top(1)
    first = layout.rows_of_span(1, "source", seg.source.spans[0])
    second = layout.rows_of_span(1, "source", seg.source.spans[1])
    translated = layout.rows_of_span(1, "target", seg.target.spans[1])  # type: ignore[union-attr]
    assert first.start == top
    assert second.start == top + 3  # after the first sentence, its translation and reading
    assert translated.start == second.stop  # under the second sentence
    assert layout.offset_at_row(second.start) == (1, seg.source.spans[1][0])
    assert layout.offset_at_row(second.start - 1) == (1, seg.source.spans[0][0])


async def test_the_view_draws_walks_and_highlights_a_new_mode(pairs: Mode) -> None:
    app = ViewApp(small_doc(), Terms({"regulation": "known"}), mode="pairs")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ReadingView)
        await pilot.pause()
        assert view.effective_mode == "pairs"
        screen = [r.rstrip() for r in rows(view)]
        start = next(i for i, r in enumerate(screen) if "This is an important" in r)
        assert "这是科技的一个重要时刻" in screen[start + 1]
        assert screen[start + 1].startswith(" " * (2 + INDENT))  # margin, then indent
        assert screen[start + 2].strip() == reading_of("这是科技的一个重要时刻。")
        assert "Open-source AI" in screen[start + 3]
        # The cursor's counterpart is the translation under its own sentence, and the
        # reading line is drawn in the annotation style, never as a counterpart.
        view.move_sentence(2)
        await pilot.pause()
        assert view.cursor() == Cursor(1, 1)
        assert (
            "".join(styled(view, "counterpart")) == "开源人工智能是公平的竞争环境，监管并不明确。"
        )
        assert any("·" in r for r in styled(view, "annotation"))
        assert "Regulation" in "".join(styled(view, "term-known"))
        view.move_word(1)
        assert view.selection() is not None and view.selection().text == "Open-source"  # type: ignore[union-attr]
        # And the mode joins the cycle like the others.
        view.mode = "side"
        await pilot.pause()
        assert view.effective_mode == "side" and view.cursor().segment == 1
