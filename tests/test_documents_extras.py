"""The optional segment fields books and subtitles bring: written only when set, read back
the same, checked like the rest; documents without them are unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.documents import dump_document, format_time, load_document, parse_time, save_document
from reader.errors import ReaderError
from reader.model import Cue, Document, Link, Ruby, Segment, Text


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))


def book() -> Document:
    segments = (
        Segment("h1", "heading", Text.of(["Chapter One"], "ja"), level=1),
        Segment(
            "p1",
            "paragraph",
            Text.of(["漢字を読む。"], "ja"),
            notes=("A note.", "Another note."),
            ruby=(Ruby(0, 2, "かんじ"), Ruby(3, 4, "よ")),
        ),
        Segment("i1", "image", Text.of(["A map"], "ja"), file="OEBPS/images/map.png"),
        Segment(
            "c1",
            "paragraph",
            Text.of(["Hello."], "ja"),
            Text.of(["你好。"], "zh"),
            (Link((0,), (0,), 0.9),),
            cue=Cue(3661.25, 3663.5),
        ),
    )
    return Document("b", "A book", "ja", segments, "zh", imported="2026-12-01")


def test_the_new_fields_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    save_document(book(), path)
    assert load_document(path) == book()
    text = path.read_text(encoding="utf-8")
    assert "cue: ['01:01:01.250', '01:01:03.500']" in text
    assert "- [0, 2, かんじ]" in text
    assert "level: 1" in text and "file: OEBPS/images/map.png" in text


def test_a_document_without_them_is_written_as_before() -> None:
    plain = Document("d", "T", "en", (Segment("a", "paragraph", Text.of(["Hi."], "en")),))
    assert dump_document(plain).splitlines()[-4:] == [
        "- id: a",
        "  kind: paragraph",
        "  source:",
        "  - Hi.",
    ]


def test_the_bundled_documents_load_and_dump_unchanged() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds" / "documents"
    for path in sorted(seeds.glob("*.yaml")):
        doc = load_document(path)
        assert all(s.level is None and s.cue is None and not s.notes for s in doc.segments)
        assert dump_document(doc) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("level: 1", "level: 12"), "level must be a number from 1 to 9"),
        (("level: 1", "level: one"), "level must be a number"),
        (("cue: ['01:01:01.250', '01:01:03.500']", "cue: ['01:01:05', '01:01:03']"), "cue must be"),
        (("cue: ['01:01:01.250', '01:01:03.500']", "cue: [soon, later]"), "cue must be"),
        (("- [0, 2, かんじ]", "- [0, 20, かんじ]"), "bad ruby"),
        (("file: OEBPS/images/map.png", "file: [a, b]"), "file must be a path"),
    ],
)
def test_a_bad_value_is_an_error_naming_the_file_and_segment(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(dump_document(book()).replace(*edit, 1), encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        load_document(path)
    # The file, then the line and column of the bad value, then the segment.
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: segment \d+: ", str(err.value))
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("01:02:03.450", 3723.45), ("00:00:01,5", 1.5), ("02:03.5", 123.5), (7, 7.0), ("x", None)],
)
def test_times_parse_as_subtitle_editors_write_them(text: str | int, seconds: float | None) -> None:
    assert parse_time(text) == seconds


def test_times_format_to_the_millisecond() -> None:
    assert format_time(3723.4504) == "01:02:03.450"
    assert format_time(0.0016) == "00:00:00.002"
