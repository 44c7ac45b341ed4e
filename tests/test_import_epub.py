"""EPUB 2 and 3 made by pandoc: metadata, chapters, footnotes, images, ruby; and bad books."""

from __future__ import annotations

from pathlib import Path

import pytest
from formatdata import BAD, EPUB

from reader.chapters import toc
from reader.cli import main
from reader.errors import ReaderError
from reader.importers import import_file
from reader.importers.epub import read_epub

CHAPTERS = ["An important moment", "Regulation in Europe", "The open road"]


@pytest.mark.parametrize("name", ["oped-en.epub", "oped-en-epub2.epub"])
def test_a_pandoc_epub_becomes_a_document_with_its_chapters(name: str) -> None:
    doc = import_file(EPUB / name).document
    assert doc.title == "Why Europe should embrace open-source AI"
    assert doc.byline == "Mark Zuckerberg and Daniel Ek"
    assert doc.source_lang == "en"
    assert [(t.title, t.level) for t in toc(doc)] == [(c, 1) for c in CHAPTERS]
    assert doc.segments[0].kind == "title"
    texts = [s.source.text for s in doc.segments]
    first = next(t for t in texts if t.startswith("THIS IS AN important moment"))
    assert first.startswith("THIS IS AN important moment in technology. Artificial")  # no "1"
    assert any(t.startswith("While we can all hope") for t in texts)  # the last paragraph


@pytest.mark.parametrize("name", ["oped-en.epub", "oped-en-epub2.epub"])
def test_a_footnote_is_a_note_of_the_paragraph_that_calls_it(name: str) -> None:
    doc = import_file(EPUB / name).document
    noted = [s for s in doc.segments if s.notes]
    assert len(noted) == 1
    assert noted[0].source.sentences[0] == "THIS IS AN important moment in technology."
    assert noted[0].notes == ("The two founders wrote this piece together in August 2024.",)
    # The note is not read again as text of its own.
    assert not any("two founders" in s.source.text for s in doc.segments)


def test_an_image_is_a_segment_with_its_file_and_alt_text() -> None:
    doc = import_file(EPUB / "oped-en.epub").document
    images = [s for s in doc.segments if s.kind == "image"]
    assert len(images) == 1
    assert images[0].file == "EPUB/media/file0.png"
    assert images[0].source.text == "![A chart of open-source AI models](EPUB/media/file0.png)"
    # pandoc repeats the alt text as a hidden caption: it is not kept twice.
    assert not any(s.kind == "caption" for s in doc.segments)


def test_epub2_keeps_the_caption_pandoc_writes_under_the_image() -> None:
    doc = import_file(EPUB / "oped-en-epub2.epub").document
    kinds = [s.kind for s in doc.segments]
    i = kinds.index("image")
    assert kinds[i + 1] == "caption"
    assert doc.segments[i + 1].source.text == "A chart of open-source AI models"


def test_ruby_readings_are_kept_over_their_characters() -> None:
    doc = import_file(EPUB / "ruby-ja.epub").document
    assert doc.source_lang == "ja"
    seg = next(s for s in doc.segments if s.ruby)
    assert seg.source.text == "漢字を読むのは楽しい。毎日少しずつ覚えます。"
    assert [(seg.source.text[r.start : r.end], r.reading) for r in seg.ruby] == [
        ("漢字", "かんじ"),
        ("読", "よ"),
        ("楽", "たの"),
    ]


def test_the_chinese_edition_reads_its_own_language_and_preface() -> None:
    book = read_epub(EPUB / "oped-zh.epub")
    assert book.lang == "zh"
    assert book.chapters[0].role == "front"  # pandoc's title page
    assert import_file(EPUB / "oped-zh.epub").document.source_lang == "zh"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-an-epub.epub", "not an EPUB: a zip archive without META-INF/container.xml"),
        ("truncated.epub", "not an EPUB: not a zip archive"),
        ("drm.epub", "a DRM-protected book"),
        ("missing-spine-item.epub", "spine item 'c2' (OEBPS/c2.xhtml) is missing"),
        ("entity-bomb.epub", "OEBPS/content.opf: XML entity declarations refused"),
        ("entity-bomb-chapter.epub", "OEBPS/c1.xhtml: XML entity declarations refused"),
        ("path-traversal.epub", "unsafe path inside the archive: '../../evil.txt'"),
        ("absolute-path.epub", "unsafe path inside the archive: '/etc/evil.txt'"),
    ],
)
def test_a_bad_book_is_one_line_naming_the_file_and_nothing_is_written(
    name: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ReaderError) as err:
        import_file(BAD / name)
    assert str(err.value).startswith(f"{BAD / name}: ")
    assert message in str(err.value)
    library = tmp_path / "lib"
    assert main(["import", str(BAD / name), "--library", str(library)]) == 1
    out, errors = capsys.readouterr()
    assert out == ""
    assert errors.strip().count("\n") == 0 and message in errors
    assert not (library / "documents").exists() or not list((library / "documents").iterdir())


def test_an_empty_chapter_is_skipped_and_named_in_the_report() -> None:
    result = import_file(BAD / "empty-chapter.epub")
    assert result.report == ("OEBPS/c2.xhtml: empty chapter, skipped",)
    assert [s.source.text for s in result.document.segments] == ["Some text."]


def test_a_zip_named_otherwise_is_still_recognised_as_an_epub(tmp_path: Path) -> None:
    copy = tmp_path / "book.zip"
    copy.write_bytes((EPUB / "oped-en.epub").read_bytes())
    assert import_file(copy).document.title == "Why Europe should embrace open-source AI"


def test_import_into_a_library_and_show_lists_the_chapters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    assert main(["import", str(EPUB / "oped-en.epub"), "--library", str(library)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.exists() and (library / "originals" / "oped-en.epub").exists()
    assert main(["show", "oped-en", "--library", str(library)]) == 0
    shown = capsys.readouterr().out
    assert "chapters   3" in shown
    for title in CHAPTERS:
        assert f"    {title}\n" in shown


async def test_a_book_reads_in_the_app_with_its_headings_and_pictures(tmp_path: Path) -> None:
    from test_ui_screens import app_for, ready, view_of

    from reader.library import Library

    library = Library(tmp_path / "lib")
    assert main(["import", str(EPUB / "oped-en.epub"), "--library", str(library.root)]) == 0
    app = app_for(library, "oped-en")
    async with app.run_test(size=(100, 60)) as pilot:
        await ready(pilot)
        view = view_of(app)
        rows = [view.render_line(y).text.strip() for y in range(view.size.height)]
        assert "An important moment" in rows
        assert "[image: A chart of open-source AI models]" in rows
        assert any(r.startswith("THIS IS AN important moment in technology.") for r in rows)
        await pilot.press("q")


def test_a_real_standard_ebooks_book_keeps_its_endnotes_with_their_paragraphs() -> None:
    from formatdata import REAL

    result = import_file(REAL / "darwin-excerpt.epub")
    doc = result.document
    assert (doc.title, doc.byline, doc.source_lang) == (
        "The Origin of Species",
        "Charles Darwin",
        "en",
    )
    assert result.report == ()  # the endnotes file is not an "empty chapter"
    noted = [s for s in doc.segments if s.notes]
    assert len(noted) == 3
    assert noted[0].source.text.startswith("I will here give a brief sketch")
    assert noted[0].notes[0].startswith("Aristotle, in his Physicae Auscultationes")
    assert not noted[0].notes[0].endswith("↩")  # the backlink is not part of the note
    assert not any(s.source.text.startswith("Aristotle, in his") for s in doc.segments)
    assert "An Historical Sketch of the Progress of Opinion" in toc(doc)[1].title
