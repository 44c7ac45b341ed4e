"""Careful saving: one entry changes, every other byte of the file stays as the learner wrote it.

Each case edits a hand-written glossary (comments, odd quoting, blank lines, flow and block
entries, Chinese and Arabic) and checks by diff that only the lines of the edited entry
changed, and that the file reads back as exactly the intended entries.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.glossary import (
    GlossaryFile,
    add_entries,
    add_entry,
    load_glossary,
    new_glossary,
    remove_entry,
    update_entries,
    update_entry,
)
from reader.model import Context, Entry

HAND_WRITTEN = """\
# Words from the op-ed by Zuckerberg and Ek.
#   Keep this file tidy!
language: en   # English terms, Chinese glosses

entries:
  # --- paragraph 2 ---
  stark: 赤裸的；光秃的；明显的      # from the title
  best shot: [最佳机会]
  'yes': "是"
  "a: b": '#not a comment'

  nascent:
    glosses: [新生的, 初生的]
    note: from Latin nasci, to be born
    reading: /ˈnæsənt/
    status: learning
    level: 2

  level playing field: {glosses: [公平竞争的环境, 平等的机会], tags: [economist]}
  open-source:   公开源代码的
  كلمة: word; term
  stifle:
      glosses: 扼杀；抑制
      forms: [stifled, stifling]
# the end: more words next week
"""

LINES = HAND_WRITTEN.splitlines(keepends=True)


def _write(tmp_path: Path, text: str, name: str = "en.yaml") -> GlossaryFile:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return load_glossary(path)


def _changed_old_lines(old: str, new: str) -> set[int]:
    """1-based numbers of the old lines that a diff replaces or deletes."""
    matcher = difflib.SequenceMatcher(
        a=old.splitlines(True), b=new.splitlines(True), autojunk=False
    )
    changed: set[int] = set()
    for op, a0, a1, _b0, _b1 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            changed.update(range(a0 + 1, a1 + 1))
    return changed


def _inserted_after(old: str, new: str) -> list[int]:
    """Old line numbers after which lines were inserted (0: before the first line)."""
    matcher = difflib.SequenceMatcher(
        a=old.splitlines(True), b=new.splitlines(True), autojunk=False
    )
    return [a0 for op, a0, _a1, _b0, _b1 in matcher.get_opcodes() if op == "insert"]


def _entry(gf: GlossaryFile, term: str) -> Entry:
    found = gf.find(term)
    assert found is not None, term
    return found


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[GlossaryFile], GlossaryFile]
    expect: Callable[[GlossaryFile], tuple[Entry, ...]]  # intended entries, from the old file
    lines: set[int]  # old lines allowed to change (replaced or deleted)
    inserts_after: list[int] | None = None  # where new lines may appear


def _replaced(gf: GlossaryFile, term: str, new: Entry) -> tuple[Entry, ...]:
    return tuple(new if e.term == term else e for e in gf.entries)


def _without(gf: GlossaryFile, term: str) -> tuple[Entry, ...]:
    return tuple(e for e in gf.entries if e.term != term)


NEW = Entry("a level playing field", "en", ("公平竞争的环境", "平等的机会"))

EDITS = [
    Edit(
        "add at the end",
        lambda gf: add_entry(gf, NEW),
        lambda gf: (*gf.entries, NEW),
        set(),
        [24],
    ),
    Edit(
        "change gloss of a short entry",
        lambda gf: update_entry(gf, "stark", replace(_entry(gf, "stark"), glosses=("明显的",))),
        lambda gf: _replaced(gf, "stark", replace(_entry(gf, "stark"), glosses=("明显的",))),
        {7},
    ),
    Edit(
        "change term keeps place",
        lambda gf: update_entry(gf, "best shot", replace(_entry(gf, "best shot"), term="best bet")),
        lambda gf: _replaced(gf, "best shot", replace(_entry(gf, "best shot"), term="best bet")),
        {8},
    ),
    Edit(
        "short becomes long with a note",
        lambda gf: update_entry(gf, "yes", replace(_entry(gf, "yes"), note="an answer")),
        lambda gf: _replaced(gf, "yes", replace(_entry(gf, "yes"), note="an answer")),
        {9},
    ),
    Edit(
        "set status of a long entry",
        lambda gf: update_entry(gf, "nascent", replace(_entry(gf, "nascent"), status="known")),
        lambda gf: _replaced(gf, "nascent", replace(_entry(gf, "nascent"), status="known")),
        set(range(12, 18)),
    ),
    Edit(
        "set id (as the exporter does)",
        lambda gf: update_entry(gf, "a: b", replace(_entry(gf, "a: b"), id="8c1f0d2a-77")),
        lambda gf: _replaced(gf, "a: b", replace(_entry(gf, "a: b"), id="8c1f0d2a-77")),
        {10},
    ),
    Edit(
        "edit a flow-style long entry",
        lambda gf: update_entry(
            gf, "level playing field", replace(_entry(gf, "level playing field"), tags=())
        ),
        lambda gf: _replaced(
            gf, "level playing field", replace(_entry(gf, "level playing field"), tags=())
        ),
        {19},
    ),
    Edit(
        "edit an Arabic term",
        lambda gf: update_entry(gf, "كلمة", replace(_entry(gf, "كلمة"), glosses=("word",))),
        lambda gf: _replaced(gf, "كلمة", replace(_entry(gf, "كلمة"), glosses=("word",))),
        {21},
    ),
    Edit(
        "edit an entry indented by 4",
        lambda gf: update_entry(
            gf, "stifle", replace(_entry(gf, "stifle"), level=3, status="learning")
        ),
        lambda gf: _replaced(
            gf, "stifle", replace(_entry(gf, "stifle"), level=3, status="learning")
        ),
        {23, 24},  # the key line stays, the fields keep their 4-space step
    ),
    Edit(
        "remove a short entry",
        lambda gf: remove_entry(gf, "best shot"),
        lambda gf: _without(gf, "best shot"),
        {8},
    ),
    Edit(
        "remove a long entry",
        lambda gf: remove_entry(gf, "nascent"),
        lambda gf: _without(gf, "nascent"),
        set(range(12, 18)),
    ),
    Edit(
        "remove the final entry",
        lambda gf: remove_entry(gf, "stifle"),
        lambda gf: _without(gf, "stifle"),
        {22, 23, 24},
    ),
    Edit(
        "remove with the term written differently",
        lambda gf: remove_entry(gf, "  Open-Source "),
        lambda gf: _without(gf, "open-source"),
        {20},
    ),
]


@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_one_edit_changes_only_its_entry(tmp_path: Path, edit: Edit) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    expected = edit.expect(gf)
    result = edit.apply(gf)
    on_disk = gf.path.read_text(encoding="utf-8")
    assert result.text == on_disk
    assert _changed_old_lines(HAND_WRITTEN, on_disk) <= edit.lines
    if edit.inserts_after is not None:
        assert _inserted_after(HAND_WRITTEN, on_disk) == edit.inserts_after
    elif not edit.lines:
        assert on_disk == HAND_WRITTEN
    reread = load_glossary(gf.path)
    assert reread.entries == expected
    assert result.entries == expected


def test_edits_in_sequence_keep_the_rest_of_the_file(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    gf = update_entry(gf, "stark", replace(_entry(gf, "stark"), status="known"))
    gf = add_entry(gf, NEW)
    gf = remove_entry(gf, "nascent")
    gf = update_entry(gf, NEW.term, replace(NEW, note="from the seed"))
    text = gf.path.read_text(encoding="utf-8")
    for line_no, line in enumerate(LINES, start=1):
        if line_no not in {7} | set(range(12, 18)):
            assert line in text, line
    assert [e.term for e in load_glossary(gf.path).entries] == [
        "stark", "best shot", "yes", "a: b", "level playing field", "open-source", "كلمة",
        "stifle", "a level playing field",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("language: en\nentries: {}\n", "language: en\nentries:\n  stark: 明显的\n"),
        ("language: en\nentries:\n", "language: en\nentries:\n  stark: 明显的\n"),
        ("language: en\nentries: ~  # none yet\n", "language: en\nentries:  # none yet\n  stark: 明显的\n"),
        ("language: en\n", "language: en\nentries:\n  stark: 明显的\n"),
        ("language: en", "language: en\nentries:\n  stark: 明显的\n"),
        ("# only words\nlanguage: en\nentries: {a: b}\n", "# only words\nlanguage: en\nentries: {a: b, stark: 明显的}\n"),
        ("language: en\nentries: {\n  a: b,\n}\n", "language: en\nentries: {\n  a: b, stark: 明显的,\n}\n"),
        ("language: en\nentries:\n    a: b\n# end\n", "language: en\nentries:\n    a: b\n    stark: 明显的\n# end\n"),
        ("language: en\r\nentries:\r\n  a: b\r\n", "language: en\r\nentries:\r\n  a: b\r\n  stark: 明显的\r\n"),
        ("\ufefflanguage: en\nentries:\n  a: b", "\ufefflanguage: en\nentries:\n  a: b\n  stark: 明显的\n"),
    ],
    ids=["empty-flow", "null", "tilde-comment", "no-entries", "no-newline", "flow", "flow-multiline",
         "indent-4", "crlf", "bom"],
)  # fmt: skip
def test_add_to_each_shape_of_entries(tmp_path: Path, text: str, expected: str) -> None:
    gf = _write(tmp_path, text)
    add_entry(gf, Entry("stark", "en", ("明显的",)))
    assert gf.path.read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("entries: {a: b, c: d, e: f}\n", "c", "entries: {a: b, e: f}\n"),
        ("entries: {a: b, c: d, e: f}\n", "e", "entries: {a: b, c: d}\n"),
        ("entries: {a: b, c: d, e: f}\n", "a", "entries: {c: d, e: f}\n"),
        ("entries: {a: b}\n", "a", "entries: {}\n"),
        ("entries:\n  a: b\n", "a", "entries:\n"),
        ("entries:\n  a: b  # gone with it\n  # stays\n  c: d\n", "a", "entries:\n  # stays\n  c: d\n"),
        ("entries:\n  a:\n    note: |\n      two\n      lines\n\n  c: d\n", "a", "entries:\n\n  c: d\n"),
        ("entries:\n  ? a\n  : b\n  c: d\n", "a", "entries:\n  c: d\n"),
    ],
    ids=["flow-middle", "flow-last", "flow-first", "flow-only", "block-only", "trailing-comment",
         "literal-block", "explicit-key"],
)  # fmt: skip
def test_remove_from_each_shape(tmp_path: Path, text: str, term: str, expected: str) -> None:
    gf = _write(tmp_path, text)
    remove_entry(gf, term)
    assert gf.path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("entry", "line"),
    [
        (Entry("stark", "en", ("赤裸的", "明显的")), "stark: 赤裸的；明显的"),
        (Entry("stark", "en", ("bare", "plain")), "stark: bare; plain"),
        (Entry("stark", "en", ("a;b",)), "stark: [a;b]"),
        (Entry("stark", "en"), "stark:"),
        (Entry("yes", "en", ("是",)), "'yes': 是"),
        (Entry("null", "en", ("空",)), "'null': 空"),
        (Entry("42", "en", ("四十二",)), "'42': 四十二"),
        (Entry("a: b", "en", ("x",)), "'a: b': x"),
        (Entry("*star", "en", ("星",)), "'*star': 星"),
        (Entry("# hash", "en", ("井号",)), "'# hash': 井号"),
        (Entry("word", "en", ("#tag",)), "word: '#tag'"),
        (Entry("word", "en", ("true",)), "word: 'true'"),
        (Entry("word", "en", ("x # y",)), "word: 'x # y'"),
        (Entry("كلمة", "en", ("word",)), "كلمة: word"),
    ],
)
def test_short_form_quotes_only_when_yaml_needs_it(tmp_path: Path, entry: Entry, line: str) -> None:
    gf = _write(tmp_path, "language: en\nentries:\n  zzz: last\n")
    gf = add_entry(gf, entry)
    assert gf.path.read_text(encoding="utf-8").splitlines()[-1] == f"  {line}"
    assert load_glossary(gf.path).entries[-1] == entry


def test_long_form_holds_every_field(tmp_path: Path) -> None:
    entry = Entry(
        "nascent",
        "en",
        ("新生的", "初生的"),
        note="from Latin nasci,\nto be born",
        reading="/ˈnæsənt/",
        pos="adj.",
        forms=("nascence",),
        tags=("economist",),
        status="learning",
        level=2,
        id="8c1f0d2a-1234",
        context=Context("002_3fb843373e1af618", "12345678", 0),
        production=True,
    )
    gf = add_entry(_write(tmp_path, "language: en\nentries:\n  a: b\n"), entry)
    text = gf.path.read_text(encoding="utf-8")
    assert (
        "  nascent:\n    glosses: [新生的, 初生的]\n    note: |-\n      from Latin nasci,\n" in text
    )
    assert (
        "    context: {document: 002_3fb843373e1af618, segment: '12345678', sentence: 0}\n" in text
    )
    assert load_glossary(gf.path).entries[-1] == entry


def test_unknown_fields_survive_an_update(tmp_path: Path) -> None:
    gf = _write(tmp_path, "language: en\nentries:\n  a:\n    glosses: x\n    mnemonic: {say: it}\n")
    old = _entry(gf, "a")
    assert old.extra == (("mnemonic", {"say": "it"}),)
    gf = update_entry(gf, "a", replace(old, glosses=("y",)))
    again = _entry(load_glossary(gf.path), "a")
    assert again.glosses == ("y",) and again.extra == old.extra


def test_update_by_id_and_by_entry(tmp_path: Path) -> None:
    gf = _write(tmp_path, "language: en\nentries:\n  a: {glosses: x, id: k1}\n  b: y\n")
    gf = update_entry(gf, "k1", replace(_entry(gf, "a"), term="A2"))
    assert [e.term for e in gf.entries] == ["A2", "b"]
    gf = remove_entry(gf, _entry(gf, "A2"))
    assert [e.term for e in gf.entries] == ["b"]


def _no_write(gf: GlossaryFile, action: Callable[[], object], message: str) -> None:
    before = gf.path.read_bytes()
    with pytest.raises(ReaderError, match=message):
        action()
    assert gf.path.read_bytes() == before


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda gf: add_entry(gf, Entry("Stark ", "en", ("x",))), "already in this glossary"),
        (lambda gf: add_entry(gf, Entry("x", "zh", ("y",))), "the glossary is en"),
        (lambda gf: add_entry(gf, Entry("  ", "en", ("y",))), "empty term"),
        (lambda gf: add_entry(gf, Entry("x", "en", status="mastered")), "status must be"),
        (lambda gf: add_entry(gf, Entry("x", "en", level=7)), "level must be"),
        (lambda gf: update_entry(gf, "nothing", Entry("x", "en")), "no entry 'nothing'"),
        (lambda gf: update_entry(gf, "nascent", Entry("stark", "en")), "already in this glossary"),
        (lambda gf: remove_entry(gf, "nothing"), "no entry"),
    ],
)
def test_refused_edits_write_nothing(
    tmp_path: Path, action: Callable[[GlossaryFile], object], message: str
) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    _no_write(gf, lambda: action(gf), message)


def test_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    edited = HAND_WRITTEN + "  fresh: 新的\n"
    gf.path.write_text(edited, encoding="utf-8")
    assert gf.changed_on_disk()
    with pytest.raises(ReaderError, match="changed on disk since it was read; reload first"):
        add_entry(gf, NEW)
    assert gf.path.read_text(encoding="utf-8") == edited


def test_file_removed_since_read_is_not_recreated(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    gf.path.unlink()
    with pytest.raises(ReaderError, match="removed since it was read"):
        add_entry(gf, NEW)
    assert not gf.path.exists()


def test_save_keeps_a_backup_and_the_file_mode(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    os.chmod(gf.path, 0o644)
    gf = load_glossary(gf.path)
    add_entry(gf, NEW)
    backup = gf.path.with_name("en.yaml~")
    assert backup.read_text(encoding="utf-8") == HAND_WRITTEN
    assert gf.path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_new_glossary_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "glossaries" / "zh.yaml"
    gf = new_glossary(path, "zh", comment="Words from Chinese news\nkept by hand")
    assert path.read_text(encoding="utf-8") == (
        "# Words from Chinese news\n# kept by hand\nlanguage: zh\nentries:\n"
    )
    assert gf.lang == "zh" and gf.entries == ()
    add_entry(gf, Entry("开源", "zh", ("open source",)))
    with pytest.raises(ReaderError, match="already exists"):
        new_glossary(path, "zh")
    assert load_glossary(path).entries[0].term == "开源"


def test_new_glossary_rejects_a_bad_language(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="not a language code"):
        new_glossary(tmp_path / "x.yaml", "English")
    assert not (tmp_path / "x.yaml").exists()


def test_edit_that_would_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.glossary import render

    gf = _write(tmp_path, HAND_WRITTEN)
    # A renderer that drops the glosses: the round-trip check must catch it before writing.
    monkeypatch.setattr(render, "_short_value", lambda glosses: None)
    _no_write(gf, lambda: add_entry(gf, NEW), "would not read back as intended")
    monkeypatch.setattr(render, "block", lambda *args: "[broken")
    _no_write(gf, lambda: add_entry(gf, NEW), "edit would break the file")


def test_very_long_terms_round_trip(tmp_path: Path) -> None:
    # A term longer than a YAML simple key (128 characters) is written as `? term`.
    long_term = "x" * 200
    gf = _write(tmp_path, "language: en\nentries:\n  a: b\n")
    gf = add_entry(gf, Entry(long_term, "en", ("长",)))
    assert load_glossary(gf.path).entries[-1].term == long_term
    gf = update_entry(gf, long_term, Entry(long_term, "en", ("很长",)))
    gf = remove_entry(gf, long_term)
    assert gf.path.read_text(encoding="utf-8") == "language: en\nentries:\n  a: b\n"


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    text = "# notes\r\nlanguage: en\r\nentries:\r\n  a: b\r\n  stark: 明显的  # keep\r\n  c: d\r\n"
    gf = _write(tmp_path, text)
    gf = update_entry(gf, "stark", replace(_entry(gf, "stark"), note="two\nlines", level=2))
    gf = remove_entry(gf, "a")
    gf = add_entry(gf, Entry("e", "en", ("f",)))
    raw = gf.path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.startswith(b"# notes\r\nlanguage: en\r\nentries:\r\n  stark:  # keep\r\n")
    assert raw.endswith(b"  c: d\r\n  e: f\r\n")
    assert _entry(load_glossary(gf.path), "stark").note == "two\nlines"


_AWKWARD = ["a", "b: c", "#", " # ", "*x", "&y", "!t", "yes", "null", "~", "1.5", "0x1", "'",
            '"', "[", "]", "{", "}", ",", "-", "? ", "开源", "كلمة", "é", "%", "@", "`", "|",
            ">", ";", "；", "\\", "\n", "x" * 130]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_with_awkward_text_always_read_back(tmp_path: Path, seed: int) -> None:
    """Terms and glosses made of YAML's special characters, in block and flow files: every
    save must read back as exactly the intended entries (or be refused as a duplicate)."""
    import random

    rng = random.Random(seed)

    def text(n: int = 3) -> str:
        return "".join(rng.choice(_AWKWARD) for _ in range(rng.randint(1, n)))

    starts = [HAND_WRITTEN, "language: en\nentries: {a: b}\n", "language: en\n"]
    for trial, start in enumerate(starts):
        gf = _write(tmp_path, start, f"en{trial}.yaml")
        for _ in range(20):
            op = rng.choice(["add", "update", "remove"]) if gf.entries else "add"
            try:
                if op == "add":
                    context = Context(text() + "d", "s" + text(), rng.choice([None, 0, 3]))
                    entry = Entry(
                        text(),
                        "en",
                        tuple(text() for _ in range(rng.randint(0, 3))),
                        note=rng.choice(["", text(5)]),
                        forms=tuple(text() for _ in range(rng.randint(0, 2))),
                        status=rng.choice(["new", "learning", "known"]),
                        id=rng.choice([None, text()]),
                        context=rng.choice([None, context]),
                    )
                    gf = add_entry(gf, entry)
                elif op == "update":
                    old = rng.choice(gf.entries)
                    new = replace(
                        old,
                        term=rng.choice([old.term, text()]),
                        glosses=tuple(text() for _ in range(rng.randint(0, 2))),
                        note=rng.choice(["", text(4)]),
                    )
                    gf = update_entry(gf, old, new)
                else:
                    gf = remove_entry(gf, rng.choice(gf.entries))
            except ReaderError as exc:
                assert "already in this glossary" in exc.message or "empty term" in exc.message
                continue
            assert gf.path.read_text(encoding="utf-8") == gf.text
            assert load_glossary(gf.path).entries == gf.entries


# --- Batch edits: one read, one verification, one write --------------------------------------


def _one_save(gf: GlossaryFile, original: str) -> None:
    """The file was written once: its backup is the text from before the batch."""
    assert gf.path.with_name(gf.path.name + "~").read_bytes() == original.encode("utf-8")


def test_update_entries_changes_only_their_lines_in_one_save(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    changes = [
        ("stark", replace(_entry(gf, "stark"), glosses=("明显的",))),
        ("nascent", replace(_entry(gf, "nascent"), status="known")),
        ("كلمة", replace(_entry(gf, "كلمة"), id="k-1")),
        ("stifle", replace(_entry(gf, "stifle"), level=3, status="learning")),
    ]
    expected = tuple({e.term: e for _t, e in changes}.get(e.term, e) for e in gf.entries)
    result = update_entries(gf, changes)
    on_disk = gf.path.read_text(encoding="utf-8")
    assert result.text == on_disk
    assert _changed_old_lines(HAND_WRITTEN, on_disk) <= {7, 21, 23, 24} | set(range(12, 18))
    assert load_glossary(gf.path).entries == expected == result.entries
    _one_save(gf, HAND_WRITTEN)


@pytest.mark.parametrize(
    "text",
    [
        HAND_WRITTEN,
        "language: en\nentries: {}\n",
        "language: en\nentries:\n",
        "language: en\nentries: ~  # none yet\n",
        "language: en",
        "# only words\nlanguage: en\nentries: {a: b}\n",
        "language: en\nentries: {\n  a: b,\n}\n",
        "language: en\nentries:\n    a:\n        glosses: x\n# end\n",
        "language: en\r\nentries:\r\n  a: b\r\n",
        "\ufefflanguage: en\nentries:\n  a: b",
    ],
    ids=["hand-written", "empty-flow", "null", "tilde-comment", "no-entries", "flow",
         "flow-multiline", "indent-4", "crlf", "bom"],
)  # fmt: skip
def test_add_entries_writes_what_adding_one_by_one_writes(tmp_path: Path, text: str) -> None:
    new = [
        Entry("zeal", "en", ("热情",)),
        Entry("best bet", "en", ("最佳选择",), note="two\nlines", status="learning", level=1),
        Entry("yes sir", "en", ("是的",), context=Context("op-ed", "1a2b3c4d", 2)),
    ]
    one_by_one = _write(tmp_path, text, "one.yaml")
    for entry in new:
        one_by_one = add_entry(one_by_one, entry)
    batch = add_entries(_write(tmp_path, text, "batch.yaml"), new)
    assert batch.path.read_bytes() == one_by_one.path.read_bytes()
    assert batch.entries == one_by_one.entries == load_glossary(batch.path).entries
    _one_save(batch, text)


@pytest.mark.parametrize("seed", range(3))
def test_update_entries_writes_what_updating_one_by_one_writes(tmp_path: Path, seed: int) -> None:
    import random

    rng = random.Random(seed)
    for n, start in enumerate([HAND_WRITTEN, "language: en\nentries: {a: b, c: d, e: f}\n"]):
        gf = _write(tmp_path, start, f"a{n}.yaml")
        picked = rng.sample(gf.entries, rng.randint(1, len(gf.entries)))
        changes = [
            (
                old.term,
                replace(
                    old,
                    glosses=(*old.glosses, "新"),
                    note=rng.choice(["", "a note", "two\nlines"]),
                    id=rng.choice([None, f"id{i}"]),
                ),
            )
            for i, old in enumerate(picked)
        ]
        one_by_one = gf
        for term, entry in changes:
            one_by_one = update_entry(one_by_one, term, entry)
        serial_text = gf.path.read_bytes()
        gf.path.write_text(start, encoding="utf-8")
        batch = update_entries(load_glossary(gf.path), changes)
        assert gf.path.read_bytes() == serial_text
        assert batch.entries == one_by_one.entries
        _one_save(batch, start)


def test_a_batch_may_swap_two_terms(tmp_path: Path) -> None:
    gf = _write(tmp_path, "language: en\nentries:\n  a: x\n  b: y\n")
    gf = update_entries(gf, [("a", Entry("b", "en", ("x",))), ("b", Entry("a", "en", ("y",)))])
    assert gf.path.read_text(encoding="utf-8") == "language: en\nentries:\n  b: x\n  a: y\n"


def test_empty_batches_write_nothing(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    assert add_entries(gf, []) is gf
    assert update_entries(gf, []) is gf
    assert not gf.path.with_name("en.yaml~").exists()


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda gf: add_entries(gf, [Entry("x", "en"), Entry("X ", "en")]), "'X' is already"),
        (lambda gf: add_entries(gf, [Entry("x", "en"), Entry("stark", "en")]), "'stark' is already"),
        (lambda gf: add_entries(gf, [Entry("x", "en"), Entry("y", "en", level=9)]), "level must"),
        (
            lambda gf: update_entries(gf, [("stark", Entry("x", "en")), ("nothing", Entry("y", "en"))]),
            "no entry 'nothing'",
        ),
        (
            lambda gf: update_entries(gf, [("stark", Entry("x", "en")), ("Stark", Entry("y", "en"))]),
            "'stark' is changed twice",
        ),
        (
            lambda gf: update_entries(gf, [("stark", Entry("z", "en")), ("yes", Entry("z", "en"))]),
            "'z' is already",
        ),
    ],
    ids=["twice-in-batch", "already-in-file", "bad-field", "unknown", "same-entry", "same-new-term"],
)  # fmt: skip
def test_a_refused_batch_writes_nothing(
    tmp_path: Path, action: Callable[[GlossaryFile], object], message: str
) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    _no_write(gf, lambda: action(gf), message)
    assert not gf.path.with_name("en.yaml~").exists()


def test_a_batch_never_overwrites_a_file_changed_on_disk(tmp_path: Path) -> None:
    gf = _write(tmp_path, HAND_WRITTEN)
    edited = HAND_WRITTEN + "  fresh: 新的\n"
    gf.path.write_text(edited, encoding="utf-8")
    with pytest.raises(ReaderError, match="changed on disk"):
        update_entries(gf, [("stark", replace(_entry(gf, "stark"), id="k"))])
    assert gf.path.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("k1", "a"),
        ("B", "b"),
        ("k2", "k1"),
        ("nothing", None),
        (Entry("b", "en", id="k2"), "k1"),
        (Entry("b", "en", id="b"), "b"),
        (Entry("B", "en", id="nothing"), "b"),
        (Entry("x", "en"), None),
    ],
    ids=["by-id", "by-term", "id-before-term", "absent", "entry-by-id", "entry-id-as-term",
         "entry-by-term", "entry-absent"],
)  # fmt: skip
def test_one_lookup_and_a_batch_lookup_agree(
    tmp_path: Path, key: str | Entry, found: str | None
) -> None:
    from reader.glossary.files import Lookup, index_of

    gf = _write(
        tmp_path, "language: en\nentries:\n  a: {glosses: x, id: k1}\n  b: y\n  k1: {id: k2}\n"
    )
    i = index_of(gf, key)
    assert i == Lookup(gf).index(key)
    assert (None if i is None else gf.entries[i].term) == found
