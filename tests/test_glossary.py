"""Reading glossary files: both entry forms, every field, and one-line errors for bad input."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from seedfiles import OPED, seed_path

from reader.errors import ReaderError
from reader.glossary import (
    add_entry,
    check_glossary,
    load_glossary,
    new_glossary,
    split_glosses,
    term_key,
    update_entry,
)
from reader.model import Context, Entry

_seed = seed_path


def _file(tmp_path: Path, text: str | bytes, name: str = "words.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


SPEC_EXAMPLE = """\
# Words from the op-ed
language: en
entries:
  stark: 赤裸的；光秃的；明显的
  best shot: [最佳机会]
  nascent:
    glosses: [新生的, 初生的]
    note: from Latin nasci, to be born
    reading: /ˈnæsənt/
    pos: adj.
    forms: [nascence]
    tags: [economist]
    status: learning
    level: 2
    id: 8c1f0d2a-0000
    production: true
    context: {document: 002_3fb843373e1af618, segment: 1a2b3c4d, sentence: 0}
"""


def test_both_forms_and_every_field(tmp_path: Path) -> None:
    gf = load_glossary(_file(tmp_path, SPEC_EXAMPLE))
    assert gf.lang == "en"
    assert gf.warnings == ()
    assert gf.entries == (
        Entry("stark", "en", ("赤裸的", "光秃的", "明显的")),
        Entry("best shot", "en", ("最佳机会",)),
        Entry(
            "nascent",
            "en",
            ("新生的", "初生的"),
            note="from Latin nasci, to be born",
            reading="/ˈnæsənt/",
            pos="adj.",
            forms=("nascence",),
            tags=("economist",),
            status="learning",
            level=2,
            id="8c1f0d2a-0000",
            production=True,
            context=Context("002_3fb843373e1af618", "1a2b3c4d", 0),
        ),
    )
    assert gf.text == SPEC_EXAMPLE


@pytest.mark.parametrize(
    ("value", "glosses"),
    [
        ("赤裸的；光秃的；明显的；", ("赤裸的", "光秃的", "明显的")),
        ("bare; plain ;stark", ("bare", "plain", "stark")),
        ("[a;b, c]", ("a;b", "c")),
        ("{glosses: 'x；y'}", ("x", "y")),
        ("{glosses: [' x ', '']}", ("x",)),
        ("", ()),
        ("~", ()),
        ("'42'", ("42",)),
    ],
)
def test_gloss_forms(tmp_path: Path, value: str, glosses: tuple[str, ...]) -> None:
    gf = load_glossary(_file(tmp_path, f"language: en\nentries:\n  word: {value}\n"))
    assert gf.entries[0].glosses == glosses


@pytest.mark.parametrize(
    ("key", "term"),
    [("' padded '", "padded"), ("'yes'", "yes"), ("yes", "yes"), ("null", "null"),
     ("12345", "12345"), ("\"a: b\"", "a: b"), ("كلمة", "كلمة"), ("开源", "开源")],
)  # fmt: skip
def test_terms_are_the_key_as_written(tmp_path: Path, key: str, term: str) -> None:
    gf = load_glossary(_file(tmp_path, f"language: en\nentries:\n  {key}: x\n"))
    assert gf.entries[0].term == term


def test_ids_that_look_like_numbers_stay_text(tmp_path: Path) -> None:
    text = "language: en\nentries:\n  a: {id: 1e5, context: {document: d, segment: 12345678}}\n"
    entry = load_glossary(_file(tmp_path, text)).entries[0]
    assert entry.id == "1e5"
    assert entry.context == Context("d", "12345678", None)


@pytest.mark.parametrize(
    ("name", "text", "lang"),
    [
        ("en.yaml", "entries: {a: b}\n", "en"),
        ("nl-BE.yaml", "entries: {a: b}\n", "nl-BE"),
        ("en.yaml", "language: zh\nentries: {a: b}\n", "zh"),
        ("notes.yaml", "language: ar\n", "ar"),
        ("zh.yaml", "# nothing yet\n", "zh"),
    ],
)
def test_language_from_field_or_file_name(tmp_path: Path, name: str, text: str, lang: str) -> None:
    gf = load_glossary(_file(tmp_path, text, name))
    assert gf.lang == lang
    assert all(e.lang == lang for e in gf.entries)


# (file text, line, column, message fragment): the first error of each broken file.
BAD = [
    ("entries: {a: b}\n", 1, 1, "no `language:`"),
    ("language: en\nentries:\n  a: [b, c\n  d: e\n", 4, 4, "broken YAML"),
    ("language: en\nentries:\n  a: b\n   c: d\n", 4, 5, "broken YAML"),
    (
        "language: en\nentries:\n  a: b\n  nascent: c\n  a: d\n",
        5,
        3,
        "duplicate term 'a' (first at line 3)",
    ),
    ("language: en\nentries:\n  Open  Source: b\n  open source: d\n", 4, 3, "duplicate term"),
    ("language: en\nentries:\n  café: b\n  cafe\u0301: d\n", 4, 3, "duplicate term"),
    ("language: en\nlanguage: zh\nentries: {}\n", 2, 1, "duplicate key 'language'"),
    ("language: en\nentries:\n  a:\n    note: x\n    note: y\n", 5, 5, "duplicate key 'note'"),
    (
        "language: en\nentries:\n  a: {glosses: x, context: {document: d, document: e, segment: s}}\n",
        3,
        42,
        "duplicate key",
    ),
    (
        "language: en\nentries:\n  a: {glosses: x, extra: {k: 1, k: 2}}\n",
        3,
        33,
        "duplicate key 'k'",
    ),
    ("language: en\nentries:\n  a: 42\n", 3, 6, "glosses must be text, not a number"),
    ("language: en\nentries:\n  a: {glosses: [x, 3.5]}\n", 3, 20, "each gloss must be text"),
    ("language: en\nentries:\n  a: {glosses: {x: y}}\n", 3, 16, "glosses must be text or a list"),
    (
        "language: en\nentries:\n  a: {status: mastered}\n",
        3,
        15,
        "status must be one of new, learning, known, ignored",
    ),
    (
        "language: en\nentries:\n  a: {status: learning, level: 6}\n",
        3,
        32,
        "level must be a whole number from 1 to 5",
    ),
    ("language: en\nentries:\n  a: {level: two}\n", 3, 14, "level must be"),
    (
        "language: en\nentries:\n  a: {production: maybe}\n",
        3,
        19,
        "production must be true or false",
    ),
    ("language: en\nentries:\n  a: {context: chapter 2}\n", 3, 16, "context must be a mapping"),
    ("language: en\nentries:\n  a: {context: {segment: s}}\n", 3, 16, "context needs a document"),
    ("language: en\nentries:\n  a: {note: 2024-01-01}\n", 3, 13, "note must be text, not a date"),
    ("language: en\nentries:\n  a: {forms: [x, [y]]}\n", 3, 18, "each form must be text"),
    ("language: en\nentries:\n  '': b\n", 3, 3, "empty term"),
    ("language: en\nentries:\n  '   ': b\n", 3, 3, "empty term"),
    ("language: en\nentries:\n  [a, b]: c\n", 3, 3, "a term must be text"),
    ("language: en\nentries: [a, b]\n", 2, 10, "entries must be a mapping"),
    ("- a\n- b\n", 1, 1, "a glossary is a mapping"),
    ("language: [en]\n", 1, 11, "language must be a language code"),
    ("language: en\nentries:\n  a: !!python/object/apply:os.system ['true']\n", 3, 6, "unsafe tag"),
    ("language: en\nentries:\n  a: !custom x\n", 3, 6, "unsafe tag"),
    ("language: en\nentries:\n  a: &g x\n  b: *g\n", 3, 6, "aliases are not allowed"),
    ("language: en\nentries:\n  a: ok\n  b: bad\x07\n", 4, 9, "control characters"),
    ("language: en\n---\nlanguage: zh\n", 2, 1, "a single document"),
]

BAD += [
    ("language: en\nentries:\n  a: {production: !!bool maybe}\n", 3, 19, "cannot read 'maybe'"),
    ("language: en\nentries:\n  a: {level: !!int lots}\n", 3, 14, "level must be"),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), BAD)
def test_errors_name_file_line_and_column(
    tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(ReaderError) as info:
        load_glossary(path)
    err = info.value
    assert message in err.message
    assert (err.location.line, err.location.column) == (line, column), str(err)
    assert str(err).startswith(f"{path}:{line}:{column}: ")
    assert "\n" not in str(err)
    # check_glossary reports the same problem as its first error.
    first = next(d for d in check_glossary(path) if d.severity == "error")
    assert (first.location.line, first.location.column) == (line, column)
    assert message in first.message


def test_aliases_in_a_glossary_are_refused_clearly(tmp_path: Path) -> None:
    path = _file(tmp_path, "language: en\nentries:\n  a: &g x\n  b: *g\n")
    with pytest.raises(ReaderError, match="alias"):
        load_glossary(path)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["language: en", 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    lines.append("entries:\n  a: *l9")
    path = _file(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(ReaderError, match="alias"):
        load_glossary(path)


@pytest.mark.parametrize(
    ("raw", "message", "line"),
    [
        (b"", "empty file", None),
        (b"  \n\n", "empty file", None),
        (b"language: en\n\x00\x01\x02", "binary file", 2),
        (b"language: en\nentries:\n  caf\xe9: b\n", "not UTF-8", 3),
    ],
)
def test_unreadable_files(tmp_path: Path, raw: bytes, message: str, line: int | None) -> None:
    path = _file(tmp_path, raw)
    with pytest.raises(ReaderError, match=message) as info:
        load_glossary(path)
    assert info.value.location.line == line
    assert check_glossary(path)[0].message == info.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        load_glossary(tmp_path / "nope.yaml")


def test_check_reports_every_problem_with_positions(tmp_path: Path) -> None:
    text = (
        "language: en\n"  # 1
        "colour: blue\n"  # 2: unknown top-level field (warning)
        "entries:\n"  # 3
        "  a: 42\n"  # 4: error
        "  b: {glosses: x, mnemonic: think}\n"  # 5: unknown field (warning)
        "  c: {status: often}\n"  # 6: error
        "  A: again\n"  # 7: duplicate term
        "  d: {level: 3}\n"  # 8: level outside learning (warning)
        "  e: fine\n"  # 9
    )
    found = check_glossary(_file(tmp_path, text))
    summary = [(d.severity, d.location.line, d.location.column) for d in found]
    assert summary == [
        ("warning", 2, 1),
        ("error", 4, 6),
        ("warning", 5, 19),
        ("error", 6, 15),
        ("error", 7, 3),
        ("warning", 8, 14),
    ]
    assert "level is only used while the status is learning" in found[-1].message
    assert str(found[0]).endswith(": warning: unknown field 'colour' (kept as is)")


def test_warnings_do_not_stop_loading_and_unknown_fields_are_kept(tmp_path: Path) -> None:
    text = "language: en\nentries:\n  b: {glosses: x, mnemonic: think, seen: [2024, 2025]}\n"
    gf = load_glossary(_file(tmp_path, text))
    assert gf.entries[0].extra == (("mnemonic", "think"), ("seen", [2024, 2025]))
    assert [d.location.line for d in gf.warnings] == [3, 3]


def test_clean_file_checks_clean(tmp_path: Path) -> None:
    assert check_glossary(_file(tmp_path, SPEC_EXAMPLE)) == []


# (term, the same term written otherwise, language): one term for the glossary and the matcher.
SAME_TERM = [
    ("Open  Source", "open source", "en"),
    ("café", "cafe\u0301", "fr"),
    ("STRASSE", "straße", "de"),
    (" x ", "x", "en"),
    ("Europe's", "Europe’s", "en"),
    ("open-source", "open\u2010source", "en"),
    ("risk–averse", "risk-averse", "en"),
    ("开 源", "开源", "zh"),
    ("مدرسة", "مَدْرَسَة", "ar"),
    ("أمل", "امل", "ar"),
]


@pytest.mark.parametrize(("a", "b", "lang"), SAME_TERM)
def test_term_key_is_the_matchers(a: str, b: str, lang: str) -> None:
    from reader.normalize import normalize_term

    key = term_key(lang)
    assert key(a) == key(b) == normalize_term(b, lang)


@pytest.mark.parametrize(
    ("a", "b", "lang"), [("risk-averse", "risk averse", "en"), ("开源", "开 源", "en")]
)
def test_term_key_keeps_different_terms_apart(a: str, b: str, lang: str) -> None:
    assert term_key(lang)(a) != term_key(lang)(b)


@pytest.mark.parametrize(("a", "b", "lang"), SAME_TERM)
def test_a_term_written_twice_otherwise_is_a_duplicate(
    tmp_path: Path, a: str, b: str, lang: str
) -> None:
    path = _file(tmp_path, f'language: {lang}\nentries:\n  "{a}": x\n  "{b}": y\n')
    with pytest.raises(ReaderError, match="duplicate term") as info:
        load_glossary(path)
    assert (info.value.location.line, info.value.location.column) == (4, 3)


def test_edits_find_an_entry_written_otherwise(tmp_path: Path) -> None:
    gf = load_glossary(_file(tmp_path, "language: en\nentries:\n  Europe's: 欧洲的\n"))
    with pytest.raises(ReaderError, match="already in this glossary"):
        add_entry(gf, Entry("europe’s", "en", ("x",)))
    gf = update_entry(gf, "Europe’s", Entry("Europe's", "en", ("欧洲的", "欧洲")))
    assert gf.entries == (Entry("Europe's", "en", ("欧洲的", "欧洲")),)


def test_split_glosses() -> None:
    assert split_glosses("公平竞争的环境；公平的条件；平等的机会；") == (
        "公平竞争的环境",
        "公平的条件",
        "平等的机会",
    )
    assert split_glosses(" ; ；") == ()


def _seed_notes() -> list[tuple[str, tuple[str, ...]]]:
    """The `term：gloss；gloss` lines of the op-ed's 学习 sections."""
    notes: list[tuple[str, tuple[str, ...]]] = []
    in_notes = False
    for line in _seed(OPED).read_text(encoding="utf-8").splitlines():
        if line.startswith("学习："):
            in_notes = True
        elif line.startswith("原文："):
            in_notes = False
        elif in_notes and "：" in line:
            term, gloss = line.split("：", 1)
            notes.append((term.strip(), split_glosses(gloss)))
    return notes


def test_seed_notes_round_trip_through_a_glossary_file(tmp_path: Path) -> None:
    notes = _seed_notes()
    assert len(notes) >= 10
    gf = new_glossary(tmp_path / "en.yaml", "en", comment="Notes from the op-ed")
    for term, glosses in notes:
        gf = add_entry(gf, Entry(term, "en", glosses))
    reread = load_glossary(gf.path)
    assert [(e.term, e.glosses) for e in reread.entries] == notes
    text = gf.path.read_text(encoding="utf-8")
    # Written as a learner would: short forms, Chinese unescaped, full-width separators.
    assert "  a level playing field: 公平竞争的环境；公平的条件；平等的机会\n" in text
    assert not re.search(r"\\u[0-9a-f]{4}", text)
    assert check_glossary(gf.path) == []


def test_short_entries_are_ordinary_entries(tmp_path: Path) -> None:
    entry = load_glossary(_file(tmp_path, "language: en\nentries:\n  stark: bare\n")).entries[0]
    plain = Entry("stark", "en", ("bare",))
    assert entry == plain and hash(entry) == hash(plain) and repr(entry) == repr(plain)
    assert replace(entry, status="known").status == "known"
    with pytest.raises(AttributeError):
        entry.term = "other"  # type: ignore[misc]


def test_loading_without_nodes_reads_the_same_entries(tmp_path: Path) -> None:
    from reader.glossary.fields import Findings
    from reader.glossary.parse import parse

    text = (
        "language: en\nentries:\n  stark: 赤裸的；光秃的\n  fledgling:\n"
        "    glosses: [新生的]\n    status: learning\n    level: 2\n  level playing field:\n"
    )
    path = _file(tmp_path, text, "en.yaml")
    with_nodes = parse(text, path, Findings(path, strict=True))
    without = parse(text, path, Findings(path, strict=True), nodes=False)
    assert without.entries == with_nodes.entries
    assert [e.term for e in without.entries] == ["stark", "fledgling", "level playing field"]
    assert without.pairs == ()
    assert [key.value for key, _ in with_nodes.pairs] == [e.term for e in with_nodes.entries]
    assert load_glossary(path).entries == with_nodes.entries
