"""Two editions of a book: chapters paired, then paragraphs and sentences, with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from formatdata import EPUB, PDF

from reader.cli.import_ import ProgressBar
from reader.importers import import_file
from reader.importers.book import Chapter
from reader.importers.editions import pair_chapters, title_number
from reader.importers.html_blocks import Block


def test_an_epub_and_its_translated_epub_pair_chapter_by_chapter() -> None:
    steps: list[tuple[int, int, str]] = []
    result = import_file(
        EPUB / "oped-en.epub",
        translation=EPUB / "oped-zh.epub",
        progress=lambda done, total, what: steps.append((done, total, what)),
    )
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    headings = [
        (s.source.text, s.target.text if s.target else None)
        for s in doc.segments
        if s.kind == "heading"
    ]
    assert headings == [
        ("An important moment", "重要时刻"),
        ("Regulation in Europe", "欧洲的监管"),
        ("The open road", "开放之路"),
    ]
    # The translator's preface has no original: named, not spliced into chapter one.
    assert result.report == (
        "oped-zh.epub: chapter '译者序' has no counterpart in the original: left out",
    )
    assert not any("译者" in (s.target.text if s.target else "") for s in doc.segments)
    paragraphs = [s for s in doc.segments if s.kind == "paragraph" and s.target is not None]
    assert len(paragraphs) >= 13
    assert all(link.confidence is not None for s in doc.segments for link in s.links)
    first = next(s for s in paragraphs if s.source.text.startswith("THIS IS AN"))
    assert first.target is not None and first.target.sentences[0] == "这是科技的一个重要时刻。"
    assert first.notes  # the footnote travels with its paragraph
    # Progress only goes forward and ends at its total.
    shares = [done / total for done, total, _ in steps]
    assert shares == sorted(shares) and shares[-1] == 1.0 and steps[0][2] == "reading oped-en.epub"


def test_editions_in_two_formats_pair_too() -> None:
    doc = import_file(PDF / "oped.pdf", translation=EPUB / "oped-zh.epub").document
    paired = [s for s in doc.segments if s.kind == "paragraph" and s.target is not None]
    assert len(paired) >= 12
    spotify = next(s for s in paired if s.source.text.startswith("Spotify is proud"))
    assert spotify.target is not None and spotify.target.text.startswith("Spotify自豪地")


def ch(title: str | None, chars: int, role: str = "body") -> Chapter:
    blocks = ((Block("heading", title, level=1),) if title else ()) + (
        Block("paragraph", "x" * chars),
    )
    return Chapter(title or "untitled", blocks, None, 1, role)


def pairs(src: list[Chapter], tgt: list[Chapter]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(p.source, p.target) for p in pair_chapters(src, tgt, "en", "en")]


def test_a_chapter_missing_from_the_translation_is_left_unpaired() -> None:
    src = [
        ch("Chapter 1", 3000),
        ch("Chapter 2", 5000),
        ch("Chapter 3", 2000),
        ch("Chapter 4", 4000),
    ]
    tgt = [ch("Chapter 1", 3100), ch("Chapter 2", 5200), ch("Chapter 4", 4100)]
    assert pairs(src, tgt) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]


def test_front_matter_and_a_notes_section_are_tolerated() -> None:
    src = [ch("Copyright", 300, "front"), ch("One", 4000), ch("Two", 6000)]
    tgt = [ch("One", 4200), ch("Two", 6100), ch("Translator's notes", 2500, "back")]
    assert pairs(src, tgt) == [((0,), ()), ((1,), (0,)), ((2,), (1,)), ((), (2,))]


def test_a_chapter_split_in_two_files_pairs_one_to_two() -> None:
    src = [ch("One", 4000), ch("Two", 8000), ch("Three", 4000)]
    tgt = [ch("One", 4000), ch("Two", 4100), ch(None, 3900), ch("Three", 4000)]
    assert pairs(src, tgt) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Chapter 12", 12),
        ("第三章 风起", 3),
        ("第二十一章", 21),
        ("Chapter Seven", 7),
        ("Part IV", 4),
        ("Prologue", None),
    ],
)
def test_chapter_numbers_are_read_from_titles(title: str, number: int | None) -> None:
    assert title_number(title) == number


def test_the_progress_bar_draws_in_place_and_clears_at_the_end(tmp_path: Path) -> None:
    import io

    out = io.StringIO()
    bar = ProgressBar(out)
    bar(250, 1000, "Chapter 3")
    bar(1000, 1000, "done")
    drawn = out.getvalue()
    assert "\r\x1b[K[#######" in drawn and " 25%  Chapter 3" in drawn
    assert drawn.endswith("\r\x1b[K")


def test_chapters_aligned_in_two_processes_give_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from reader.importers import editions

    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, workers: int, **kw: object) -> None:
            pools.append(workers)
            super().__init__(workers, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(editions, "ProcessPoolExecutor", CountedPool)
    args = (EPUB / "oped-en.epub", EPUB / "oped-zh.epub")
    kw = {"doc_id": "d", "lang": None, "to": None, "today": "2026-01-01"}
    one = editions.import_editions(*args, **kw, workers=1)  # type: ignore[arg-type]
    assert pools == []
    two = editions.import_editions(*args, **kw, workers=2)  # type: ignore[arg-type]
    assert pools == [2]
    assert two.document == one.document and two.report == one.report
