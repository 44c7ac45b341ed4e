"""Importing a document with notes writes its glossary in one save, and re-importing adds
only what is new (the op-ed seed has 14 `学习：` notes)."""

from __future__ import annotations

import difflib
from pathlib import Path

from seedfiles import OPED, seed_path

from reader.glossary import load_glossary, remove_entry
from reader.importers.store import import_into
from reader.library import Library

SEED = seed_path(OPED)


def test_notes_are_written_in_one_save(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    import_into(library, SEED)
    (path,) = sorted(library.glossaries_dir.glob("*.yaml"))
    gf = load_glossary(path)
    assert len(gf.entries) == 14
    # The file was created empty and then written once: its backup is the empty glossary.
    backup = load_glossary_text(path.with_name(path.name + "~"))
    assert "entries:" in backup and backup.rstrip().endswith("entries:")


def test_reimport_adds_only_new_notes_and_keeps_the_learners_edits(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    import_into(library, SEED)
    (path,) = sorted(library.glossaries_dir.glob("*.yaml"))
    # The learner removes one note and adds a comment of their own.
    first = load_glossary(path).entries[0]
    remove_entry(load_glossary(path), first.term)
    edited = path.read_text(encoding="utf-8") + "# mine\n"
    path.write_text(edited, encoding="utf-8")
    import_into(library, library.originals_dir / SEED.name)  # re-import: same document
    assert sorted(library.glossaries_dir.glob("*.yaml")) == [path]
    again = load_glossary(path)
    assert len(again.entries) == 14  # the removed note comes back, nothing doubles
    assert again.entries[-1].term == first.term
    # Only lines were inserted (the note, after the last entry): nothing of the learner's changed.
    diff = difflib.ndiff(edited.splitlines(), again.text.splitlines())
    assert not [line for line in diff if line.startswith("- ")]
    assert again.text.endswith("# mine\n")


def load_glossary_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")
