"""Books and pages carrying their own translation: bilingual_book_maker and Immersive Translate."""

from __future__ import annotations

from html import escape
from pathlib import Path

from formatdata import BILINGUAL, EPUB

from reader.importers import import_file


def _paired(doc):  # type: ignore[no-untyped-def]
    return [s for s in doc.segments if s.target is not None]


def test_a_bilingual_book_maker_epub_pairs_each_paragraph_with_its_translation() -> None:
    result = import_file(BILINGUAL / "oped-bbm.epub")
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    paired = _paired(doc)
    assert len(paired) == 13  # the op-ed's thirteen paragraphs, exactly
    first = paired[0]
    assert first.source.sentences[0] == "THIS IS AN important moment in technology."
    assert first.target is not None and first.target.sentences[0] == "这是科技的一个重要时刻。"
    assert [(link.source, link.target) for link in first.links] == [((0,), (0,)), ((1,), (1,))]
    assert all(link.confidence is not None for s in paired for link in s.links)
    # No translation is left as a paragraph of its own.
    assert not any("这" in s.source.text for s in doc.segments)
    assert "13 paragraphs paired" in result.report[-1]


def test_headings_bilingual_book_maker_leaves_alone_stay_one_language() -> None:
    doc = import_file(BILINGUAL / "oped-bbm.epub").document
    headings = [s for s in doc.segments if s.kind == "heading"]
    assert [h.source.text for h in headings] == [
        "An important moment",
        "Regulation in Europe",
        "The open road",
    ]
    assert all(h.target is None and h.level == 1 for h in headings)


def test_an_immersive_translate_page_is_bilingual_block_by_block() -> None:
    result = import_file(BILINGUAL / "oped-immersive.html")
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    assert doc.segments[0].kind == "title"
    assert doc.segments[0].target is not None
    assert doc.segments[0].target.text == "欧洲为何应该拥抱开源人工智能"
    paired = _paired(doc)
    assert len(paired) == 7
    assert paired[1].source.text.startswith("THIS IS AN important moment")
    assert "人工智能" not in paired[1].source.text  # the translation is not read as original
    assert not any(s.source.text in ("Home Opinion", "© The Economist") for s in doc.segments)


def test_an_immersive_translate_epub_keeps_chapters_and_footnotes() -> None:
    doc = import_file(BILINGUAL / "oped-immersive.epub").document
    assert doc.target_lang == "zh"
    assert len(_paired(doc)) == 13
    noted = next(s for s in doc.segments if s.notes)
    assert noted.target is not None and noted.target.text.startswith("这是科技的一个重要时刻。")
    assert next(s.source.text for s in doc.segments if s.kind == "heading") == "An important moment"


def test_a_one_language_book_is_not_taken_for_a_bilingual_one() -> None:
    doc = import_file(EPUB / "oped-en.epub").document
    assert doc.target_lang is None and not _paired(doc)


def test_an_html_page_in_the_bilingual_book_maker_shape_pairs_too(tmp_path: Path) -> None:
    import yaml

    seed = next((Path(__file__).parents[1] / "seeds" / "documents").glob("002_*.yaml"))
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    pairs = [
        (" ".join(s["source"]), "".join(s["target"]))
        for s in data["segments"]
        if s["kind"] == "paragraph" and s.get("target")
    ][:8]
    body = "".join(f"<p>{escape(en)}</p>\n<p>{escape(zh)}</p>\n" for en, zh in pairs)
    page = tmp_path / "bilingual.html"
    page.write_text(
        f"<html><head><title>Open AI</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Why Europe</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    doc = import_file(page).document
    paired = _paired(doc)
    assert [(s.source.text, s.target.text if s.target else "") for s in paired] == pairs


def test_a_long_alternating_book_is_recognised_whatever_its_length() -> None:
    from reader.importers.bilingual import _two_languages
    from reader.importers.html_blocks import Block

    for n in (40, 400, 402, 2000):
        blocks = [
            Block("paragraph", "This is the original paragraph, in English, of the book.")
            if k % 2 == 0
            else Block("paragraph", "这是这本书的中文译文段落。")
            for k in range(n)
        ]
        assert _two_languages(blocks), n
    one = [Block("paragraph", "Only English here, paragraph after paragraph.")] * 500
    assert not _two_languages(one)
