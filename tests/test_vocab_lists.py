"""Vocabulary lists of other tools read as entries: a real Lute term export, a real Anki
notes export (both in tests/data/real, made by those programs), plain lists, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.vocab_lists import detect_format, html_text, read_vocab_list

REAL = Path(__file__).parent / "data" / "real"


def by_term(path: Path, format: str | None = None) -> dict:
    return {t.term: t for t in read_vocab_list(path, format).terms}


def test_lute_export_loses_its_zero_width_spaces() -> None:
    raw = (REAL / "lute_terms.csv").read_text(encoding="utf-8")
    assert "\u200b" in raw  # Lute writes them between the words of a multi-word term
    listed = read_vocab_list(REAL / "lute_terms.csv")
    assert listed.format == "lute"
    assert all("\u200b" not in t.term for t in listed.terms)
    terms = {t.term for t in listed.terms}
    assert {"a level playing field", "Europe's", "risk-averse", 'the so-called "AI Act"'} <= terms


def test_lute_export_fields() -> None:
    terms = by_term(REAL / "lute_terms.csv")
    field = terms["a level playing field"]
    assert field.glosses == ("公平竞争的环境", "公平的条件")  # a translation of two lines
    assert field.tags == ("economist", "idiom")  # Lute joins them with ;;
    assert (field.status, field.level) == ("learning", 3)
    assert (field.lang, field.language_name) == ("en", "English")
    assert terms["stark"].glosses == ("赤裸的", "光秃的", "明显的")
    assert terms["stark"].reading == "stɑːk"
    assert terms["stark reality"].note == "form of stark"  # Lute's parent term
    assert (terms["stark"].status, terms["stark"].level) == ("new", None)  # Lute's 1
    assert terms["riddled with"].status == "ignored"  # 98
    assert terms["risk-averse"].status == "known"  # 99
    assert terms["nascent"].glosses == ("新生的, 初生的",)  # commas stay inside a gloss
    assert terms["Europe's"].line == 2
    assert terms["level"].line == 5  # after a row of two lines


def test_anki_notes_export() -> None:
    listed = read_vocab_list(REAL / "anki_notes.txt")
    assert listed.format == "anki"
    terms = {t.term: t for t in listed.terms}
    assert list(terms)[:2] == ["nascent", "stifle innovation"]  # not the GUID/notetype/deck
    assert terms["a level playing field"].glosses == ("公平竞争的环境", "公平的条件")  # <b>, <div>
    assert terms["nascent"].glosses == ("新生的", "初生的", "a nascent industry")  # <br><i>
    assert terms["nascent"].tags == ("adj", "economist")
    assert terms["stark"].glosses == ("赤裸的", "光秃的", "明显的")  # &nbsp; and <img> dropped
    assert terms["risk-averse"].glosses == ("厌恶风险",)  # [sound:...] dropped
    assert terms['the "AI Act"'].glosses == ("《人工智能法》, the EU's law on AI tab inside",)
    assert terms["Europe’s"].lang is None  # Anki does not say; the importer decides
    assert terms["nascent"].line == 7


def test_plain_tab_list_with_header_comments_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text(
        "term\tgloss\n# from chapter 1\nstark\t赤裸的；明显的\n\nnascent\t新生的\tfrom Latin\n"
        "lonely\n",
        encoding="utf-8",
    )
    listed = read_vocab_list(path)
    assert listed.format == "plain"
    assert [(t.term, t.glosses, t.note, t.line) for t in listed.terms] == [
        ("stark", ("赤裸的", "明显的"), "", 3),
        ("nascent", ("新生的",), "from Latin", 5),
        ("lonely", (), "", 6),
    ]


def test_plain_csv_list_and_a_word_that_looks_like_a_header(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_text('word,"a unit of language; a promise"\n"well, well",好吧\n', encoding="utf-8")
    terms = by_term(path)
    assert terms["word"].glosses == ("a unit of language", "a promise")  # not a header row
    assert terms["well, well"].glosses == ("好吧",)


@pytest.mark.parametrize(
    ("first_line", "format"),
    [
        ("#separator:tab", "anki"),
        ("#html:false", "anki"),
        ("term,parent,translation,language,tags,added,status", "lute"),
        ("Language,Term,Translation", "lute"),
        ("#comment: not anki", "plain"),
        ("stark\t赤裸的", "plain"),
    ],
)
def test_detect_format(first_line: str, format: str) -> None:
    assert detect_format(first_line + "\n") == format


def test_anki_options_separator_and_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "#separator:semicolon\n#html:false\n#tags:vocab\n#tags column:3\n"
        "stark;<b>not html</b>;adj\n",
        encoding="utf-8",
    )
    (term,) = read_vocab_list(path).terms
    assert (term.term, term.glosses, term.tags, term.line) == (
        "stark",
        ("<b>not html</b>",),
        ("vocab", "adj"),
        5,
    )


def test_html_text() -> None:
    assert html_text("a<br>b<div>c</div>&amp; d") == "a\nb\nc\n& d"
    assert html_text("<style>x{}</style>word [sound:w.mp3]") == "word"


def test_rows_without_a_term_or_with_an_unknown_status_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "lute.csv"
    path.write_text(
        "language,term,translation,status\nEnglish,,nothing,1\nEnglish,stark,赤裸的,7\n"
        "English,nascent,新生的,W\n",
        encoding="utf-8",
    )
    listed = read_vocab_list(path)
    assert [t.term for t in listed.terms] == ["nascent"]
    assert [str(d) for d in listed.skipped] == [
        f"{path}:2: warning: row without a term skipped",
        f"{path}:3: warning: unknown Lute status '7'; skipped",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"#separator:wide\nstark\tx\n", "unknown Anki separator 'wide'"),
        (b"#tags column:x\nstark\tx\n", "is not a column number"),
        (b'language,term\nEnglish,"unclosed\n', "not a readable CSV/TSV list"),
    ],
)
def test_bad_files_get_one_line_naming_them(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(content)
    with pytest.raises(ReaderError) as exc:
        read_vocab_list(path)
    assert str(path) in str(exc.value)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_a_lute_file_needs_a_term_column(tmp_path: Path) -> None:
    path = tmp_path / "lute.csv"
    path.write_text("language,word\nEnglish,stark\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="needs a `term` column"):
        read_vocab_list(path, "lute")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        read_vocab_list(tmp_path / "nope.csv")
