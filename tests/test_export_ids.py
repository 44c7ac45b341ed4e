"""The first export writes a permanent id into every entry, all of one file in one save.

A glossary of a few hundred id-less entries is exported; afterwards each entry has an id, the
file differs only by `id:` lines, and it was written once: its backup (`<name>~`) is the text
from before the export, where one save per entry would have left the next-to-last version.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from reader.documents import save_document
from reader.export import export_deck
from reader.glossary import load_glossary
from reader.model import Document, Segment, Text, segment_id

ENTRIES = 300


def _glossary() -> str:
    lines = ["# many words, no ids yet", "language: en", "entries:"]
    for i in range(ENTRIES):
        if i % 4:
            lines.append(f"  word{i}: 词{i}；语{i}  # note {i}")
        else:
            lines += [
                f"  word{i}:",
                f"    glosses: [词{i}]",
                "    status: learning",
                "    level: 2",
            ]
    return "\n".join(lines) + "\n"


def _library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    text = Text.of(["word0 and word1 and word2."], "en")
    segment = Segment(segment_id("paragraph", text.text, set()), "paragraph", text)
    save_document(Document("doc", "Words", "en", (segment,)), root / "documents/doc.yaml")
    (root / "glossaries").mkdir()
    (root / "glossaries/en.yaml").write_bytes(_glossary().encode("utf-8"))
    (root / "library.yaml").write_text("name: Many words\n", encoding="utf-8")
    return root


def test_first_export_writes_every_id_in_one_save(tmp_path: Path) -> None:
    root = _library(tmp_path)
    path = root / "glossaries/en.yaml"
    before = path.read_text(encoding="utf-8")
    summary = export_deck(root, output=tmp_path / "out.tsv", fmt="tsv")
    assert summary.ids_written == ENTRIES
    after = load_glossary(path)
    ids = [e.id for e in after.entries]
    assert None not in ids and len(set(ids)) == ENTRIES
    # one write: the backup is the file as it was before the export
    assert path.with_name("en.yaml~").read_text(encoding="utf-8") == before
    # Long entries only gain an `id:` line; short ones take the long form (with their
    # comment on the key line). Every other line stays as it was.
    diff = list(difflib.ndiff(before.splitlines(), after.text.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert len(removed) == ENTRIES - ENTRIES // 4
    assert all(line.startswith("  word") and "；" in line for line in removed)
    for i in range(1, ENTRIES, 4):
        assert f"  word{i}:  # note {i}\n    glosses: [词{i}, 语{i}]\n    id: " in after.text


def test_second_export_writes_nothing(tmp_path: Path) -> None:
    root = _library(tmp_path)
    path = root / "glossaries/en.yaml"
    export_deck(root, output=tmp_path / "out.tsv", fmt="tsv")
    first = path.read_bytes()
    path.with_name("en.yaml~").unlink()
    summary = export_deck(root, output=tmp_path / "out.tsv", fmt="tsv")
    assert summary.ids_written == 0
    assert path.read_bytes() == first
    assert not path.with_name("en.yaml~").exists()
