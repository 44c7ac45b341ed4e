"""The fast glossary reader (`reader.glossary.quick`) against the strict one.

The fast reader may decline any file, but a file it reads must give exactly what the strict
reader gives: the same language and entries, field by field and type by type, and only for
files the strict reader reads without an error or a warning. Generated glossaries full of
the cases where YAML 1.1 (PyYAML) and YAML 1.2 (yaml-rs) part ways check this, beside a
table of those cases one by one.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.glossary import add_entries, load_glossary, new_glossary, quick
from reader.glossary.fields import Findings
from reader.glossary.parse import entries_of as strict_entries_of
from reader.glossary.schema import term_key, term_keys
from reader.model import Context, Entry

PATH = Path("en.yaml")


def strict(body: str) -> tuple[str, tuple[Entry, ...]] | str:
    """What the strict reader makes of a text: (language, entries), or why it refuses,
    or that it warns."""
    findings = Findings(PATH, strict=True)
    try:
        result = strict_entries_of(body, PATH, findings)
    except ReaderError as exc:
        return f"error: {exc}"
    if findings.warnings:
        return f"warning: {findings.warnings[0].message}"
    return result


def same(a: tuple[str, tuple[Entry, ...]], b: tuple[str, tuple[Entry, ...]]) -> bool:
    # repr, not ==: 1 == True and (1,) == (True,) would hide a type difference.
    return a[0] == b[0] and [repr(e) for e in a[1]] == [repr(e) for e in b[1]]


# --- generated glossaries ---------------------------------------------------------------

KEYS = [
    "stark", "a level playing field", "Europe’s", "café", "risk-averse", "power is concentrated",
    "null", "Null", "~", "true", "True", "false", "yes", "no", "on", "off", "1", "010", "1e3",
    "1.5", "0x1F", "0o17", ".inf", "2024-01-01", "1:30", "'quoted key'", '"double key"',
    "'it''s'", "STARK", "stark", "x #not a comment", "a\tb", "k!", "&anchor", "? q", "-",
    "k" * 1030, "''", "' padded '", "Über", "ﬁne", "e\u0301", "é",
]  # fmt: skip
VALUES = [
    "赤裸的；光秃的；明显的", "x; y;", "one", "  spaced  ", "yes", "no", "On", "010", "09",
    "1e3", "1.5", "0x1F", "0o17", "1_000", "+5", "-3", "7", "~", "null", "", "'quoted'",
    "'yes'", '"dq"', '"esc \\t tab"', "[a, b]", "[a, 1]", "[a, ~]", "[]", "{}", "[[a]]",
    "|\n{i}  lit\n{i}  eral", ">\n{i}  folded\n{i}  text", "plain\n{i}  continued",
    "a # comment", "a #b", "2024-01-01", "1:30", "R&D", "salt & pepper", "what?", "what ? x",
    "50%", "<< : x", "!!str 1", "&a x", "*a", "x\u2028y", "x\x85y", "tab\there",
    "back\\slash", "'multi\n{i}  line'", '"multi\n{i}  dq"', "true", "False", ".nan", "a: b",
    "[x, y, ]", "{a: b}", "'  '", "- item", "\n{i}  - x\n{i}  - y", "'on'", '"No"',
    "'2024-01-01'", "'1:30'", "'1_000'", "# c\n{i}  yes", "\n{i}  on", "[a, 'yes']", "[a, yes]",
    "[a, # c\n{i}  off]", "say yes", "yes please", "'~'", "'null'", "'true'", "Wow !",
    "ça va ?", "R & D", "see *this*", "x\n{i}  !y", "- !!str 1", "[a, &b c]", "a ? b",
]  # fmt: skip
FIELD_VALUES = {
    "glosses": VALUES,
    "note": ["seen in the op-ed", "", "yes", "'007'", "1e3", "|\n{i}    two\n{i}    lines", "~"],
    "reading": ["/ˈnæsənt/", "[ˈstɑːk]", "~"],
    "pos": ["adj.", "n.", "1"],
    "forms": ["[stifles, stifled]", "stifling", "[a, 1]", "[]", "~", "[yes]"],
    "tags": ["[economist]", "economist", "[]", "[~]"],
    "status": ["new", "learning", "known", "ignored", "bogus", "yes", "'learning'"],
    "level": ["1", "3", "5", "6", "0", "010", "03", "0x3", "+2", "3.0", "true", "~", "'3'"],
    "id": ["abc-123", "123", "0x1F", "''", "~", "true", "1e3", "'0017'", "8c1f0d2a"],
    "production": ["true", "false", "yes", "maybe", "1", "~"],
    "context": [
        "{document: d1, segment: {s}, sentence: {n}}",
        "{document: d1, segment: {s}}",
        "{document: d1}",
        "{document: d1, segment: {s}, sentence: {n}, page: 2}",
        "~",
        "\n{i}    document: doc\n{i}    segment: {s}\n{i}    sentence: {n}",
    ],
    "colour": ["red"],
}
SEGMENTS = ["1a2b3c4d", "763741e3", "12345678", "'12345678'", "00123456", "4f09e5ff", "0x1f"]
SENTENCES = ["0", "3", "-1", "x", "~", "07"]


def fill(template: str, indent: str, rng: random.Random) -> str:
    return (
        template.replace("{i}", indent)
        .replace("{s}", rng.choice(SEGMENTS))
        .replace("{n}", rng.choice(SENTENCES))
    )


def random_glossary(rng: random.Random) -> str:
    step = rng.choice(["  ", "    "])
    lines = []
    if rng.random() < 0.1:
        lines.append("---")
    lines.append("# generated")
    if rng.random() < 0.9:
        lines.append(f"language: {rng.choice(['en', 'en', 'en', 'zh', 'yes', '~', 'EN'])}")
    lines.append("entries:")
    for _ in range(rng.randint(0, 12)):
        # Mostly ordinary entries, so that many files are read by the fast path too.
        ordinary = rng.random() < 0.85
        key = rng.choice(KEYS[:6] if ordinary else KEYS)
        if ordinary:
            key = f"{key} {rng.randint(0, 10**6)}"
        if rng.random() < 0.3:
            fields = rng.sample(sorted(FIELD_VALUES), rng.randint(1, 4))
            lines.append(f"{step}{key}:")
            for name in fields:
                choices = FIELD_VALUES[name]
                value = choices[0] if ordinary and name != "context" else rng.choice(choices)
                if ordinary and name == "level":
                    lines.append(f"{step * 2}status: learning")
                    if "status" in fields:
                        continue
                lines.append(f"{step * 2}{name}: {fill(value, step, rng)}")
        else:
            value = rng.choice(VALUES[:4] if ordinary else VALUES)
            lines.append(f"{step}{key}: {fill(value, step, rng)}")
        if rng.random() < 0.1:
            lines.append("")
        if rng.random() < 0.05:
            lines.append(f"{step}# a comment")
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.05:
        text += "---\nlanguage: en\n"
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text


def test_generated_glossaries_read_fast_mean_what_the_strict_reader_says() -> None:
    rng = random.Random(20261122)
    read_fast = declined = 0
    for n in range(4000):
        body = random_glossary(rng)
        fast = quick.entries_of(body, PATH)
        expected = strict(body)
        if fast is None:
            declined += 1
            continue
        read_fast += 1
        assert isinstance(expected, tuple), (n, body, expected)
        assert same(fast, expected), (n, body, fast, expected)
    # Both ways are exercised, so the comparison above is not empty.
    assert read_fast > 500 and declined > 1000, (read_fast, declined)


# --- the cases one by one -----------------------------------------------------------------


def glossary(*entry_lines: str) -> str:
    return "language: en\nentries:\n" + "".join(f"  {line}\n" for line in entry_lines)


@pytest.mark.parametrize(
    "body",
    [
        glossary("stark: yes"),  # a boolean in YAML 1.1, text in 1.2
        glossary("stark: On"),
        glossary("stark: 2024-01-01"),  # a date in YAML 1.1
        glossary("stark: 1:30"),  # a sexagesimal number in YAML 1.1
        glossary("stark: 1e3"),  # text in YAML 1.1, a number in 1.2
        glossary("stark:", "    glosses: [x]", "    status: learning", "    level: 010"),
        glossary("stark:", "    glosses: [x]", "    context: {document: d, segment: 763741e3}"),
        glossary("stark:", "    glosses: [x]", "    id: 0x1F"),  # the id "0x1F" as written
        glossary("stark:\tx"),
        glossary("stark: a\\tb"),
        glossary("stark: a\x85b"),  # a line break in YAML 1.1 only
        glossary("stark: &a x", "bare: *a"),
        glossary("stark: !!str 1"),
        glossary("? stark", ": x"),
        glossary("k" * 1100 + ": x"),  # too long a key for PyYAML
        glossary("stark: x", "Stark: y"),  # one term twice
        glossary("stark: x", "stark: y"),  # one key twice
        glossary("stark:", "    glosses: [x]", "    colour: red"),  # an unknown field warns
        glossary("stark:", "    glosses: [x]", "    level: 2"),  # a level outside learning warns
        glossary("1: one"),  # a number as a term: kept as written by the strict reader
        "language: EN\nentries:\n  stark: x\n",  # not a language code: a warning
        "language: en\nentries:\n  stark: x\n---\nlanguage: en\n",  # two documents
        "language: en\nentries:\n  stark: [x\n",  # broken
        "language: en\nnotes: mine\nentries:\n  stark: x\n",  # an unknown top-level field
    ],
)
def test_the_fast_reader_declines_what_it_cannot_be_sure_of(body: str) -> None:
    assert quick.entries_of(body, PATH) is None


@pytest.mark.parametrize(
    ("body", "term"),
    [
        (glossary("null: 空的"), "null"),
        (glossary("True: 真的"), "True"),
        (glossary("~: 波浪号"), "~"),
        (glossary("'yes': 是"), "yes"),
        (glossary("'1e3': 千"), "1e3"),
    ],
)
def test_terms_that_yaml_reads_as_null_or_true_keep_their_spelling(body: str, term: str) -> None:
    fast = quick.entries_of(body, PATH)
    assert fast is not None
    assert [e.term for e in fast[1]] == [term]
    assert same(fast, strict(body))  # type: ignore[arg-type]


def test_a_text_yaml_1_1_would_type_is_read_when_every_place_it_is_written_is_quoted() -> None:
    quoted = glossary("是: 'yes'", "开: [on, 'On']", "日期: '2024-01-01'", "千: '1_000'")
    fast = quick.entries_of(quoted.replace("[on, 'On']", "['on', 'On']"), PATH)
    assert fast is not None
    assert [e.glosses for e in fast[1]] == [("yes",), ("on", "On"), ("2024-01-01",), ("1_000",)]
    # `on` bare is a boolean to YAML 1.1 (and an error in a list of glosses).
    assert quick.entries_of(quoted, PATH) is None
    # Bare on another line, after a comment: still found.
    assert quick.entries_of(glossary("是: 'yes'", "否: # no", "    yes"), PATH) is None
    # Inside a longer text it is not a value of its own.
    fast = quick.entries_of(glossary("是: 'yes'", "说: say yes"), PATH)
    assert fast is not None and fast[1][1].glosses == ("say yes",)


@pytest.mark.parametrize(
    "gloss", ["Wow !", "ça va ?", "R & D", "see *this*", "50 %", "a<b", "well-known", "doc002_3fb8"]
)
def test_indicator_characters_inside_a_text_do_not_slow_it_down(gloss: str) -> None:
    body = glossary(f"stark: {gloss}")
    fast = quick.entries_of(body, PATH)
    assert fast is not None and fast[1][0].glosses == (gloss,)
    assert same(fast, strict(body))  # type: ignore[arg-type]


def test_a_key_spelling_also_found_inside_a_text_block_is_left_to_the_strict_reader() -> None:
    body = glossary("true: 真的", "note:", "    note: |", "      True: inside a block")
    assert quick.entries_of(body, PATH) is None


def test_every_field_of_a_long_entry_comes_out_as_the_strict_reader_reads_it() -> None:
    body = glossary(
        "nascent:",
        "    glosses: 新生的；初生的；",
        "    note: '  from Latin nasci  '",
        "    reading: /ˈneɪsənt/",
        "    pos: adj.",
        "    forms: [nascence, ' nascency ', '']",
        "    tags: economist",
        "    status: learning",
        "    level: 2",
        "    id: 8c1f0d2a-77",
        "    production: true",
        "    context: {document: 002_3fb8, segment: '763741e3', sentence: 3}",
        "stark: [赤裸的, ' 光秃的 ']",
        "blank:",
    )
    fast = quick.entries_of(body, PATH)
    assert fast is not None
    assert same(fast, strict(body))  # type: ignore[arg-type]
    nascent = fast[1][0]
    assert nascent.glosses == ("新生的", "初生的")
    assert nascent.forms == ("nascence", "nascency")
    assert nascent.tags == ("economist",)
    assert (nascent.level, nascent.production) == (2, True)
    assert nascent.context == Context("002_3fb8", "763741e3", 3)
    assert fast[1][1].glosses == ("赤裸的", "光秃的")
    assert fast[1][2].glosses == ()


def test_load_glossary_reads_the_same_either_way_and_still_reports_warnings(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "en.yaml"
    plain.write_text(glossary("stark: 赤裸的", "level: 水平"), encoding="utf-8")
    gf = load_glossary(plain)
    assert [(e.term, e.glosses) for e in gf.entries] == [
        ("stark", ("赤裸的",)),
        ("level", ("水平",)),
    ]
    assert gf.warnings == ()
    warned = tmp_path / "fr.yaml"
    warned.write_text(
        "language: fr\nentries:\n  mot:\n    glosses: [word]\n    colour: red\n", encoding="utf-8"
    )
    gf = load_glossary(warned)
    assert [e.term for e in gf.entries] == ["mot"]
    assert [(w.location.line, w.message) for w in gf.warnings] == [
        (5, "unknown field 'colour' in 'mot' (kept as is)")
    ]


def test_what_the_app_writes_stays_readable_by_the_fast_reader(tmp_path: Path) -> None:
    """Saving quotes text that YAML 1.2 would read as a number (`763741e3`, `09`), so the
    glossaries the app writes are not left to the slow reader for an id that looks like one."""
    gf = new_glossary(tmp_path / "en.yaml", "en")
    entries = [
        Entry("stark", "en", ("09",), context=Context("d", "763741e3", 1)),
        Entry("nascent", "en", ("1_000", "0o17"), status="learning", level=3),
        Entry("null", "en", ("空的",)),
    ]
    gf = add_entries(gf, entries)
    text = gf.path.read_text(encoding="utf-8")
    assert "'763741e3'" in text and "'09'" in text and "'0o17'" in text
    fast = quick.entries_of(text, gf.path)
    assert fast is not None
    assert same(fast, strict(text))  # type: ignore[arg-type]
    assert [e.term for e in fast[1]] == ["stark", "nascent", "null"]


@pytest.mark.parametrize("lang", ["en", "zh", "ar", "nl"])
def test_terms_compared_in_one_batch_compare_as_one_by_one(lang: str) -> None:
    terms = ["Stark", "Europe’s", "a  b", "café", "RISK-averse", "ÉCOLE", "ﬁne", "公平 的", "ﻷ"]
    terms += ["a\0b", "", "x", "Σίσυφος", "İstanbul", "Straße", "وَالمدرسة", "open-source"]
    mixed = random.Random(3).sample(terms * 3, len(terms) * 3)
    for batch in (mixed, [t for t in mixed if "\0" not in t], [t for t in mixed if t.isascii()]):
        assert term_keys(batch, lang) == [term_key(lang)(t) for t in batch]


def test_a_failure_inside_yaml_rs_leaves_the_file_to_the_strict_reader(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class PanicException(BaseException):  # how pyo3 delivers a Rust panic
        pass

    def panic(*_args: object, **_kwargs: object) -> None:
        raise PanicException("index out of bounds")

    monkeypatch.setattr(quick.yaml_rs, "loads", panic)
    for size in (1, 8_000):  # parsed in the calling thread, and in a thread of its own
        path = tmp_path / f"{size}" / "en.yaml"
        path.parent.mkdir()
        text = glossary(*(f"term{i}: 词{i}" for i in range(size)))
        assert (len(text) >= quick._THREAD_MIN_CHARS) == (size > 1)
        path.write_text(text, encoding="utf-8")
        gf = load_glossary(path)
        assert len(gf.entries) == size and gf.entries[-1].glosses == (f"词{size - 1}",)
