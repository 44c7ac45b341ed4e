"""The table of contents and the chapter a position is in, from the headings of a document."""

from __future__ import annotations

from reader.chapters import chapter_at, chapter_path, toc
from reader.model import Document, Segment, Text


def doc(*parts: tuple[str, str, int | None]) -> Document:
    segments = tuple(
        Segment(f"s{i}", kind, Text.of([text], "en"), level=level)
        for i, (kind, text, level) in enumerate(parts)
    )
    return Document("d", "Book", "en", segments)


BOOK = doc(
    ("title", "Book", None),
    ("paragraph", "Foreword text.", None),
    ("heading", "Part One", 1),
    ("heading", "Chapter 1", 2),
    ("paragraph", "One.", None),
    ("heading", "A section", 3),
    ("paragraph", "Deep.", None),
    ("heading", "Chapter 2", 2),
    ("paragraph", "Two.", None),
    ("heading", "Old heading", None),
    ("paragraph", "Three.", None),
)


def test_toc_lists_every_heading_with_level_and_position() -> None:
    assert [(t.title, t.level, t.segment, t.segment_id) for t in toc(BOOK)] == [
        ("Part One", 1, 2, "s2"),
        ("Chapter 1", 2, 3, "s3"),
        ("A section", 3, 5, "s5"),
        ("Chapter 2", 2, 7, "s7"),
        ("Old heading", 1, 9, "s9"),  # a heading without a level is a chapter
    ]


def test_chapter_at_is_the_nearest_heading_at_or_before() -> None:
    assert chapter_at(BOOK, 0) is None
    assert chapter_at(BOOK, 1) is None
    assert chapter_at(BOOK, 2).title == "Part One"  # type: ignore[union-attr]
    assert chapter_at(BOOK, 4).title == "Chapter 1"  # type: ignore[union-attr]
    assert chapter_at(BOOK, 6).title == "A section"  # type: ignore[union-attr]
    assert chapter_at(BOOK, 8).title == "Chapter 2"  # type: ignore[union-attr]
    assert chapter_at(BOOK, 99).title == "Old heading"  # type: ignore[union-attr]


def test_chapter_path_names_the_enclosing_headings_outermost_first() -> None:
    assert [t.title for t in chapter_path(BOOK, 6)] == ["Part One", "Chapter 1", "A section"]
    assert [t.title for t in chapter_path(BOOK, 8)] == ["Part One", "Chapter 2"]
    assert chapter_path(BOOK, 1) == []


def test_a_document_without_headings_has_an_empty_toc() -> None:
    flat = doc(("paragraph", "Only text.", None))
    assert toc(flat) == [] and chapter_at(flat, 0) is None
