"""The layout: rows per segment per column, prefix sums, and lookups both ways."""

from __future__ import annotations

import pytest

from reader.model import Document, Link, Segment, Text
from reader.ui.viewmodel.layout import GUTTER, INDENT, MARGIN, Geometry, Lines, build_layout
from reader.ui.viewmodel.wrap import wrap

EN = [
    "This is an important moment in technology.",
    "Artificial intelligence has the potential to transform the world.",
]
ZH = ["这是科技的一个重要时刻。", "人工智能有潜力改变世界。"]


def bilingual_doc(n: int = 3) -> Document:
    segs = [Segment("t", "title", Text.of(["A title without translation"], "en"))]
    for i in range(n):
        segs.append(
            Segment(
                f"p{i}",
                "paragraph",
                Text.of([f"{s} ({i})" for s in EN], "en"),
                Text.of(ZH, "zh"),
                (Link((0,), (0,), 0.9), Link((1,), (1,), 0.3)),
            )
        )
    return Document("d", "Doc", "en", tuple(segs), target_lang="zh")


def one_language_doc() -> Document:
    segs = tuple(Segment(f"p{i}", "paragraph", Text.of(EN, "en")) for i in range(3))
    return Document("m", "Mono", "en", segs)


@pytest.mark.parametrize(
    ("width", "mode", "bilingual", "expected_mode", "columns"),
    [
        (83, "side", True, "side", ((0, 40), (43, 40))),
        (84, "side", True, "side", ((0, 40), (43, 41))),
        (80, "interleaved", True, "interleaved", ((MARGIN, 78),)),
        (80, "selftest", True, "selftest", ((MARGIN, 78),)),
        (80, "translation", True, "translation", ((MARGIN, 78),)),
        (80, "side", False, "single", ((MARGIN, 78),)),
        (80, "translation", False, "single", ((MARGIN, 78),)),
        (15, "side", True, "interleaved", ((MARGIN, 13),)),  # too narrow for two columns
    ],
)
def test_geometry(width, mode, bilingual, expected_mode, columns) -> None:
    geo = Geometry.of(width, mode, bilingual)
    assert geo.mode == expected_mode
    assert geo.columns == columns
    if expected_mode == "side":
        (lx, lw), (rx, rw) = geo.columns
        assert rx - (lx + lw) == GUTTER and rx + rw == width


def test_side_by_side_pairs_start_on_the_same_row_and_longer_side_decides() -> None:
    doc = bilingual_doc()
    layout = build_layout(doc, 50, "side")
    (_, lw), (_, rw) = layout.geometry.columns
    for i, seg in enumerate(doc.segments):
        block = layout.block(i)
        src_rows = len(wrap(seg.source.text, lw))
        tgt_rows = len(wrap(seg.target.text, rw)) if seg.bilingual else 0
        assert block.height == max(src_rows, tgt_rows) + 1  # + the blank row between pairs
        assert all(part.top == 0 for part in block.parts)
        assert layout.top(i) == sum(layout.heights[:i])
    assert layout.total_rows == sum(layout.heights)


def test_interleaved_puts_the_translation_under_the_original_indented() -> None:
    doc = bilingual_doc()
    layout = build_layout(doc, 40, "interleaved")
    block = layout.block(1)
    src, tgt = block.part("source"), block.part("target")
    assert src is not None and tgt is not None
    assert tgt.top == len(src.lines) and tgt.indent == INDENT
    assert block.height == len(src.lines) + len(tgt.lines) + 1


@pytest.mark.parametrize(
    ("mode", "sides"),
    [("selftest", {"source"}), ("translation", {"target"}), ("side", {"source", "target"})],
)
def test_modes_show_the_right_sides(mode: str, sides: set[str]) -> None:
    layout = build_layout(bilingual_doc(), 60, mode)
    assert {p.side for p in layout.block(1).parts} == sides


def test_one_language_document_reads_in_one_column() -> None:
    layout = build_layout(one_language_doc(), 80, "side")
    assert layout.geometry.mode == "single"
    assert all(p.column == 0 and p.side == "source" for b in layout.blocks if b for p in b.parts)


def test_locate_is_the_inverse_of_top() -> None:
    layout = build_layout(bilingual_doc(20), 30, "interleaved")
    for row in range(layout.total_rows):
        index, sub = layout.locate(row)
        assert layout.top(index) + sub == row
        assert 0 <= sub < layout.heights[index]
    assert layout.locate(10**6)[0] == len(layout.heights) - 1  # clamped


def test_sentence_rows_and_row_offsets() -> None:
    doc = bilingual_doc()
    layout = build_layout(doc, 30, "side")
    seg = doc.segments[2]
    first, second = seg.source.spans
    rows1 = layout.rows_of_span(2, "source", first)
    rows2 = layout.rows_of_span(2, "source", second)
    assert (
        rows1.start == layout.top(2) and rows2.start >= rows1.stop - 1 and rows2.stop > rows2.start
    )
    # The anchor at a row is the first character drawn there, and maps back to that row.
    for row in rows2:
        index, offset = layout.offset_at_row(row)
        assert index == 2 and layout.row_of(2, "source", offset) == row
    tgt_rows = layout.rows_of_span(2, "target", seg.target.spans[1])
    assert layout.top(2) <= tgt_rows.start < layout.top(2) + layout.heights[2]


def test_selftest_reveal_adds_the_counterpart_under_its_paragraph_only() -> None:
    doc = bilingual_doc()
    layout = build_layout(doc, 40, "selftest")
    revealed = layout.with_reveal((2, (1,)))
    part = revealed.block(2).part("target")
    assert part is not None
    assert [doc.segments[2].target.text[s:e] for s, e in part.lines] == [ZH[1]]
    assert revealed.heights[2] == layout.heights[2] + len(part.lines)
    assert revealed.heights[:2] == layout.heights[:2]
    assert revealed.with_reveal(None).heights == layout.heights


def test_estimated_layout_wraps_only_what_it_is_asked_to() -> None:
    doc = bilingual_doc(50)
    partial = build_layout(doc, 40, "side", exact=range(5))
    exact = build_layout(doc, 40, "side")
    assert not partial.exact and exact.exact
    assert partial.heights[:5] == exact.heights[:5]
    assert partial.blocks[10] is None
    assert partial.block(10).parts  # wrapped on demand, height kept as estimated
    for guess, real in zip(partial.heights[5:], exact.heights[5:]):
        assert real <= guess <= real + 2


@pytest.mark.parametrize(
    ("spans", "offset", "line"),
    [
        ([(0, 5), (6, 11), (12, 20)], 0, 0),
        ([(0, 5), (6, 11), (12, 20)], 5, 0),  # the space after a line belongs to it
        ([(0, 5), (6, 11), (12, 20)], 6, 1),
        ([(0, 5), (6, 11), (12, 20)], 19, 2),
        ([(0, 5), (6, 11), (12, 20)], 99, 2),
        ([(3, 8), (9, 12)], 0, 0),  # before the first line: the first one
        ([(0, 0)], 0, 0),
    ],
)
def test_lines_find_the_line_of_an_offset(
    spans: list[tuple[int, int]], offset: int, line: int
) -> None:
    assert Lines(spans).line_at(offset) == line


def test_lines_read_as_a_sequence_of_spans() -> None:
    spans = [(0, 5), (6, 11), (12, 20)]
    lines = Lines(spans)
    assert len(lines) == 3 and list(lines) == spans
    assert lines[1] == (6, 11) and lines[-1] == (12, 20) and lines[1:] == spans[1:]
    assert lines == spans and lines == Lines(spans) and lines != Lines(spans[:2])
    with pytest.raises(IndexError):
        lines[3]
    assert hash(lines) == hash(Lines(spans))


def test_a_long_book_layout_holds_no_object_per_line() -> None:
    # 600 paragraphs, some 3,000 lines: the blocks hold one array per part, not a tuple per
    # line (a 5,000-paragraph book has 270,000 of them).
    doc = bilingual_doc(600)
    layout = build_layout(doc, 40, "side")
    parts = [p for b in layout.blocks if b is not None for p in b.parts]
    assert sum(len(p.lines) for p in parts) > 3000
    assert all(isinstance(p.lines, Lines) for p in parts)
    assert all(not hasattr(p, "__dict__") for p in parts)  # slots
