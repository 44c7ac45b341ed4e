"""Saves that read only the entries they touch (`reader.glossary.local`) write exactly what
the whole-file save writes, keep every guarantee, and give way to it whenever the file is
not of the shape their argument needs."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from test_glossary_save import _AWKWARD, HAND_WRITTEN

from reader.errors import ReaderError
from reader.glossary import (
    GlossaryFile,
    add_entries,
    add_entry,
    load_glossary,
    local,
    remove_entry,
    restore_text,
    update_entries,
    update_entry,
)
from reader.glossary.layout import find_layout
from reader.model import Context, Entry

STARTS = {
    "hand-written": HAND_WRITTEN,
    "short entries": "language: en\nentries:\n  a: b\n  c: d\n",
    "four spaces": "# c\nlanguage: en\nentries:\n    x:\n      glosses: [y]\n      note: z\n",
    "windows line ends": "language: en\r\nentries:\r\n  a: b\r\n  c:\r\n    glosses: [d]\r\n",
    "bom and comments": "\ufefflanguage: en\nentries:\n  a: b  # one\n\n  # two\n  c: d\n# end",
    "warnings": (
        "language: en\nentries:\n  a: b\n  m:\n    glosses: [x]\n    mnemonic: ok\n"
        "  k:\n    status: known\n    level: 2\n  z: last\n"
    ),
}


def _random_edits(seed: int, start: str, tmp_path: Path, steps: int) -> list[object]:
    """A run of random edits (add, update, remove, undo, batches); what each left."""
    rng = random.Random(seed)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "en.yaml"
    path.write_bytes(start.encode("utf-8"))
    gf = load_glossary(path)
    history: list[str] = []
    out: list[object] = []

    def text(n: int = 3) -> str:
        return "".join(rng.choice(_AWKWARD) for _ in range(rng.randint(1, n)))

    def entry(term: str) -> Entry:
        long = rng.random() < 0.4
        return Entry(
            term,
            "en",
            tuple(text() for _ in range(rng.randint(0, 2))),
            note=text(4) if long and rng.random() < 0.5 else "",
            status=rng.choice(["new", "learning", "known"]) if long else "new",
            level=rng.choice([None, 2]) if long else None,
            id=rng.choice([None, text()]) if long else None,
            context=Context("d" + text(), "s" + text(), 1) if long and rng.random() < 0.3 else None,
        )

    for _ in range(steps):
        ops = ["add", "update", "remove", "undo", "batch"] if gf.entries else ["add"]
        op = rng.choice(ops)
        before = gf
        try:
            if op == "add":
                gf = add_entries(gf, [entry(text()) for _ in range(rng.randint(1, 2))])
            elif op == "update":
                old = rng.choice(gf.entries)
                gf = update_entry(gf, old, replace(entry(rng.choice([old.term, text()]))))
            elif op == "batch":
                picked = rng.sample(gf.entries, min(len(gf.entries), 3))
                gf = update_entries(gf, [(e, replace(e, glosses=(text(),))) for e in picked])
            elif op == "remove":
                gf = remove_entry(gf, rng.choice(gf.entries))
            elif history:
                gf = restore_text(gf, history.pop())
                out.append((gf.text, gf.entries, _notes(gf)))
                again = load_glossary(path)
                assert (again.text, again.entries, _notes(again)) == out[-1]
                continue
            else:
                continue
        except ReaderError as exc:
            out.append(exc.message)
            continue
        history.append(before.text)
        out.append((gf.text, gf.entries, _notes(gf)))
        # What is on disk reads back as the entries and warnings the save returned.
        again = load_glossary(path)
        assert (again.text, again.entries, _notes(again)) == out[-1]
    return out


def _notes(gf: GlossaryFile) -> list[tuple[object, ...]]:
    """The warnings, without the file's path (the runs compared are in two folders)."""
    return [(w.location.line, w.location.column, w.message, w.severity) for w in gf.warnings]


@pytest.mark.parametrize("start", STARTS.values(), ids=STARTS.keys())
@pytest.mark.parametrize("seed", range(3))
def test_local_saves_write_exactly_what_whole_file_saves_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str, seed: int
) -> None:
    used = {"local": 0, "whole": 0}
    real_save = local.save

    def counted(gf: GlossaryFile, changes: object) -> GlossaryFile | None:
        done = real_save(gf, changes)  # type: ignore[arg-type]
        used["local" if done is not None else "whole"] += 1
        return done

    monkeypatch.setattr(local, "save", counted)
    fast = _random_edits(seed, start, tmp_path / "local", 25)
    monkeypatch.setattr(local, "layout_of", lambda gf: None)
    whole = _random_edits(seed, start, tmp_path / "whole", 25)
    assert fast == whole
    assert used["local"] > 0.8 * (used["local"] + used["whole"])


# --- when the layout gives way --------------------------------------------------------------

DECLINED = {
    "key after entries": "entries:\n  a: b\nlanguage: en\n",
    "flow entries": "language: en\nentries: {a: b}\n",
    "indented top": "  language: en\n  entries:\n    a: b\n",
    "quoted top key": 'language: en\n"entries":\n  a: b\n',
    "multi-line quote": 'language: en\nentries:\n  a: "one\n  b: two"\n  c: d\n',
    "multi-line flow": "language: en\nentries:\n  a: [one,\n  b: two]\n  c: d\n",
    "less indented line": 'language: en\nentries:\n    a: "one\n  two"\n',
    "tab in indentation": "language: en\nentries:\n  a:\n   \tglosses: x\n",
    "old mac line ends": "language: en\rentries:\r  a: b\r",
    "complex key": "language: en\nentries:\n  ? a\n  : b\n",
    "anchor": "language: en\nentries:\n  &x a: b\n",
    "document marker": "---\nlanguage: en\nentries:\n  a: b\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_files_of_another_shape_get_no_layout_and_still_save(tmp_path: Path, text: str) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        gf = load_glossary(path)
    except ReaderError:
        return  # not a glossary at all: nothing to save
    assert local.layout_of(gf) is None
    saved = add_entry(gf, Entry("new", "en", ("x",)))
    assert load_glossary(path).entries == saved.entries == (*gf.entries, saved.entries[-1])


def test_a_continuation_line_that_looks_like_a_key_is_not_taken_for_one() -> None:
    # The quoted value of `a` runs over two lines; its second line is at the entries'
    # indentation and reads like a key. Two candidates, one entry: no layout.
    body = 'language: en\nentries:\n  a: "one\n  b: two"\n'
    assert find_layout(body, 1) is None
    assert find_layout("language: en\nentries:\n  a: one\n  b: two\n", 2) is not None


@pytest.mark.parametrize("seed", range(20))
def test_key_lines_are_found_alike_in_the_text_and_its_bytes(seed: int) -> None:
    rng = random.Random(seed)
    lines = ["language: en", "entries:", "  first: key"]
    for _ in range(60):
        indent = rng.choice([2, 2, 2, 3, 4, 6])
        lines.append(" " * indent + rng.choice(["k: v", "# c", "- x", "-y: z", "", "é: 开"]))
    body = rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["", "\n"])

    def key(line: str) -> bool:
        if not line.startswith("  ") or line[2:3] in ("", " ", "#"):
            return False
        return not (line[2] == "-" and line[3:4] in ("", " "))

    found = find_layout(body, sum(key(line) for line in lines[2:]))
    assert found is not None
    _indent, chars, octets = found
    assert body[chars[0] : chars[0] + 7] == "  first"
    assert octets == [len(body[:c].encode("utf-8")) for c in chars]


# --- what a local save keeps ----------------------------------------------------------------


def _big(tmp_path: Path, n: int = 2000) -> GlossaryFile:
    lines = ["# big", "language: en", "entries:"]
    for i in range(n):
        if i % 5:
            lines.append(f"  term{i}: 释义{i}")
        else:
            lines += [f"  term{i}:", "    glosses: [a, b]", "    status: learning", "    level: 2"]
    path = tmp_path / "en.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_glossary(path)


def test_a_local_save_keeps_every_guarantee(tmp_path: Path) -> None:
    gf = _big(tmp_path)
    before = gf.path.read_bytes()
    saved = update_entry(gf, "TERM1000", replace(gf.entries[1000], note="from the book"))
    assert saved.layout is not None  # done locally
    after = gf.path.read_bytes()
    # Byte-identical outside the entry, which reads back as intended.
    head, tail = before.split(b"  term1000:", 1)
    assert after.startswith(head) and after.endswith(tail.split(b"\n", 4)[-1])
    assert load_glossary(gf.path).entries == saved.entries
    assert saved.entries[1000].note == "from the book"
    # A backup of the version before, and a refusal to overwrite an outside edit.
    assert (tmp_path / "en.yaml~").read_bytes() == before
    gf.path.write_bytes(after.replace(b"term5:", b"term5 :"))
    with pytest.raises(ReaderError, match="changed on disk"):
        update_entry(saved, "term7", replace(saved.entries[7], note="x"))


def test_terms_stay_unique_through_the_kept_index(tmp_path: Path) -> None:
    gf = _big(tmp_path, 300)
    gf = remove_entry(gf, "term10")
    gf = add_entry(gf, Entry("Term10", "en", ("back",)))
    assert gf.layout is not None
    with pytest.raises(ReaderError, match="already in this glossary"):
        add_entry(gf, Entry("term10", "en", ("again",)))
    with pytest.raises(ReaderError, match="already in this glossary"):
        update_entry(gf, "term11", replace(gf.entries[10], term="TERM12"))
    gf = update_entry(gf, "term11", Entry("term11b", "en", ("renamed",)))
    assert gf.find("term11b") is not None and gf.find("term11") is None
    assert load_glossary(gf.path).entries == gf.entries


def test_undo_is_a_local_save_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gf = _big(tmp_path, 500)
    first = gf
    gf = update_entry(gf, "term250", replace(gf.entries[250], glosses=("changed",)))
    gf = remove_entry(gf, "term300")
    whole: list[object] = []
    monkeypatch.setattr(local, "save", _refusing(local.save, whole))
    gf = restore_text(gf, first.text)
    assert not whole  # every step local
    assert gf.text == first.text
    assert load_glossary(gf.path).entries == first.entries == gf.entries


def _refusing(
    save: Callable[..., GlossaryFile | None], whole: list[object]
) -> Callable[..., GlossaryFile | None]:
    def run(*args: object) -> GlossaryFile | None:
        done = save(*args)
        if done is None:
            whole.append(args)
        return done

    return run


def test_lookups_by_id_and_by_any_spelling_of_the_term(tmp_path: Path) -> None:
    gf = _big(tmp_path, 200)
    gf = update_entry(gf, "term40", replace(gf.entries[40], id="k-40"))
    gf = update_entry(gf, "k-40", replace(gf.entries[40], note="by id"))
    assert gf.entries[40].note == "by id"
    gf = update_entry(gf, "TERM41", replace(gf.entries[41], note="by another case"))
    assert gf.entries[41].note == "by another case"
    gf = remove_entry(gf, "term0")
    gf = update_entry(gf, "k-40", replace(gf.entries[39], note="moved up by one"))
    assert gf.entries[39].term == "term40" and gf.entries[39].note == "moved up by one"
    assert load_glossary(gf.path).entries == gf.entries
