"""What books and films add to the reading view, without an app: the table of contents'
questions (chapter of a paragraph, neighbours, filter), and the lines drawn around a
paragraph (cue time, ruby readings, footnotes, the rule under a chapter) in every layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.chapters import chapter_at, chapter_path
from reader.importers import import_file
from reader.model import Cue, Document, Link, Ruby, Segment, Text
from reader.ui.screens.reading.display import display_document, note_mark
from reader.ui.viewmodel.contents import Contents, folded
from reader.ui.viewmodel.extras import cue_label, reading_line
from reader.ui.viewmodel.layout import Layout, build_layout
from reader.ui.viewmodel.modes import MODES
from reader.ui.viewmodel.styling import static_layers

DATA = Path(__file__).parent / "data"
ALICE = DATA / "epub" / "alice-levels.epub"  # pandoc, see data/epub/make.sh
DARWIN = DATA / "real" / "darwin-excerpt.epub"  # Standard Ebooks, see data/real/README.md


@pytest.fixture(scope="module")
def alice() -> Document:
    return import_file(ALICE).document


@pytest.mark.parametrize("path", [ALICE, DARWIN])
def test_contents_answers_as_the_chapters_module_does(path: Path) -> None:
    doc = import_file(path).document
    contents = Contents.of(doc)
    assert len(contents) >= 3
    for i in range(len(doc.segments)):
        assert contents.at(i) == chapter_at(doc, i), i
        assert contents.path(i) == chapter_path(doc, i), i


def test_a_section_is_under_its_chapter_and_book(alice: Document) -> None:
    contents = Contents.of(alice)
    tale = next(i for i, s in enumerate(alice.segments) if s.source.text.startswith("“Mine"))
    assert [e.title for e in contents.path(tale)] == [
        "Alice’s Adventures in Wonderland",
        "Chapter III: A Caucus-Race and a Long Tale",
        "The Mouse’s Tale",
    ]
    assert [e.level for e in contents.path(tale)] == [1, 2, 3]
    assert contents.at(0) is None and contents.path(0) == []  # the title page


def test_next_and_previous_chapter(alice: Document) -> None:
    contents = Contents.of(alice)
    starts = [e.segment for e in contents.entries]
    inside = starts[1] + 1  # a paragraph of the first chapter
    assert contents.neighbour(inside, 1) == contents.entries[2]
    # Back from inside a chapter: its own heading; from the heading: the one before.
    assert contents.neighbour(inside, -1) == contents.entries[1]
    assert contents.neighbour(starts[1], -1) == contents.entries[0]
    assert contents.neighbour(starts[0], -1) is None
    assert contents.neighbour(0, -1) is None
    assert contents.neighbour(0, 1) == contents.entries[0]
    assert contents.neighbour(len(alice.segments) - 1, 1) is None


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", 8),
        ("looking glass", ["Through the Looking-Glass", "Chapter I: Looking-Glass House"]),
        # A word is found inside a longer one: "ii" in "III" too.
        (
            "CHAPTER ii",
            [
                "Chapter II: The Pool of Tears",
                "Chapter III: A Caucus-Race and a Long Tale",
                "Chapter II: The Garden of Live Flowers",
            ],
        ),
        ("mouse’s", ["The Mouse’s Tale"]),
        ("pool  tears", ["Chapter II: The Pool of Tears"]),
        ("cheshire", []),
    ],
)
def test_the_filter_keeps_titles_holding_every_word(
    alice: Document, query: str, titles: int | list[str]
) -> None:
    contents = Contents.of(alice)
    found = [contents.entries[k].title for k in contents.matching(query)]
    if isinstance(titles, int):
        assert len(found) == titles
    else:
        assert found == titles


def test_the_filter_ignores_case_and_accents() -> None:
    assert folded("Émile ZOLA") == "emile zola"
    assert folded("Straße") == "strasse"


def test_cue_times_read_as_a_clock() -> None:
    assert cue_label(Cue(1.0, 3.2)) == "0:00:01.0 → 0:00:03.2"
    assert cue_label(Cue(3723.46, 3725.0)) == "1:02:03.5 → 1:02:05.0"


def test_readings_sit_over_their_characters_and_never_touch() -> None:
    text = "漢字を読むのは楽しい。"
    ruby = (Ruby(0, 2, "かんじ"), Ruby(3, 4, "よ"), Ruby(7, 8, "たの"))
    line = reading_line(text, 0, len(text), ruby)

    def cell(sub: str) -> int:
        return cell_len(line[: line.index(sub)])

    # かんじ is wider than 漢字: centred it would start left of the line, so it starts at 0.
    assert cell("かんじ") == 0
    # 読 is at cell 6, where かんじ ends: its reading moves one cell right, not touching.
    assert cell("よ") == 7
    # 楽 is at cell 14; its reading, twice as wide, centres one cell to its left.
    assert cell("たの") == 13
    # Only the readings of the characters of this line.
    assert reading_line(text, 5, len(text), ruby).strip() == "たの"


def _book() -> Document:
    """A bilingual heading, a paragraph with a footnote and ruby, and a subtitle cue."""

    def seg(i: int, kind: str, src: str, tgt: str, **extra: object) -> Segment:
        return Segment(
            f"s{i}",
            kind,
            Text((src,), ""),
            Text((tgt,), " "),
            (Link((0,), (0,), 0.9),),
            **extra,  # type: ignore[arg-type]
        )

    return Document(
        "book",
        "本",
        "ja",
        (
            seg(0, "heading", "第一章", "Chapter One", level=1),
            seg(1, "heading", "一節", "Section one", level=2),
            seg(
                2,
                "paragraph",
                "漢字を読むのは楽しい。",
                "Reading kanji is fun.",
                notes=("A note on reading.",),
                ruby=(Ruby(0, 2, "かんじ"),),
            ),
            seg(3, "paragraph", "どこにいたの？", "Where were you?", cue=Cue(61.0, 63.5)),
        ),
        target_lang="en",
    )


def _rows(layout: Layout, index: int) -> list[tuple[int, str, str | None]]:
    """(row in block, text drawn, annotation style) of one segment's first column."""
    seg = layout.document.segments[index]
    out = []
    for part in layout.block(index).parts:
        if part.column != 0:
            continue
        for n, (a, b) in enumerate(part.lines):
            text = (
                part.text
                if part.text is not None
                else (seg.source if part.side == "source" else seg.target).text
            )  # type: ignore[union-attr]
            out.append((part.top + n, text[a:b], part.style if part.annotation else None))
    return sorted(out)


@pytest.mark.parametrize("mode", list(MODES))
def test_every_layout_draws_cue_ruby_notes_and_chapter_rule(mode: str) -> None:
    doc = display_document(_book())
    layout = build_layout(doc, 80, mode)
    # A chapter heading is followed by a rule; a section is not.
    styles = [style for _, _, style in _rows(layout, 0)]
    assert "heading-rule" in styles
    assert "heading-rule" not in [style for _, _, style in _rows(layout, 1)]
    unlevelled = Document("a", "A", "en", (Segment("h", "heading", Text(("Subhead",))),))
    assert not any(p.annotation for p in build_layout(unlevelled, 80, mode).block(0).parts)
    rows = _rows(layout, 2)
    note = [text for _, text, style in rows if style == "footnote"]
    assert note == ["¹ A note on reading."]
    assert rows[-1][2] == "footnote"  # under everything else of the paragraph
    if MODES[mode].name != "translation":  # the original is drawn: its readings over it
        (ruby_row,) = [row for row, _, style in rows if style == "ruby"]
        base_row = next(row for row, text, style in rows if style is None and "漢字" in text)
        assert base_row == ruby_row + 1
        # The cursor and a position land on the text, never on the reading line.
        assert layout.row_of(2, "source", 0) == layout.top(2) + base_row
    cue = _rows(layout, 3)
    assert cue[0] == (0, "0:01:01.0 → 0:01:03.5", "cue")
    assert all(row > 0 for row, _, style in cue[1:])
    # The estimate, used before the exact layout is built, counts these lines too.
    estimated = build_layout(doc, 80, mode, exact=[])
    for i in range(4):
        assert abs(estimated.heights[i] - layout.heights[i]) <= 1, (mode, i)


def test_side_by_side_keeps_the_translation_beside_its_line() -> None:
    layout = build_layout(display_document(_book()), 80, "side")
    block = layout.block(2)
    (target,) = [p for p in block.parts if p.side == "target" and not p.annotation]
    (base,) = [p for p in block.parts if p.side == "source" and not p.annotation]
    assert target.column == 1 and target.top == base.top == 1  # under the reading line
    cue = layout.block(3)
    assert {p.top for p in cue.parts if not p.annotation} == {1}  # both under the time


def test_footnotes_are_numbered_through_the_document_and_marked_at_the_end() -> None:
    doc = import_file(DARWIN).document
    shown = display_document(doc)
    noted = [i for i, s in enumerate(doc.segments) if s.notes]
    assert len(noted) == 3
    for n, i in enumerate(noted, 1):
        before, after = doc.segments[i], shown.segments[i]
        assert after.source.text == before.source.text + note_mark(n)
        assert after.source.spans[:-1] == before.source.spans[:-1]  # offsets kept
        assert after.notes == (f"{note_mark(n)} {before.notes[0]}",)
    assert doc.segments[noted[0]].notes[0].startswith("Aristotle")  # the file is untouched
    assert note_mark(12) == "¹²"


def test_headings_are_styled_by_level() -> None:
    doc = _book()

    def names(seg: Segment) -> set[str]:
        return {name for _, _, name in static_layers(seg, seg.source, ())}

    assert names(doc.segments[0]) == {"heading", "heading-1"}
    assert names(doc.segments[1]) == {"heading", "heading-2"}
    deep = Segment("d", "heading", Text(("Deep",)), level=5)
    assert names(deep) == {"heading", "heading-3"}
    assert names(doc.segments[2]) == set()
