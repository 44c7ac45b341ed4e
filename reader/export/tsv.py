"""Writing notes as a tab-separated file for flashcard tools other than Anki.

One header row, then one row per note. The first column is the entry's permanent id (and the
second the Anki GUID), so a tool that supports updates can match rows across exports. Field
values are the same HTML as in the Anki note; tabs and line breaks inside them are replaced
so that every note stays one line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from reader.export.notes import ExportNote
from reader.fsutil import atomic_write_text

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "EntryId"),
    ("guid", ""),
    ("term", "Term"),
    ("reading", "Reading"),
    ("meaning", "Meaning"),
    ("grammar", "Grammar"),
    ("sentence", "Sentence"),
    ("translation", "SentenceTranslation"),
    ("cloze", "SentenceCloze"),
    ("notes", "Notes"),
    ("source", "Source"),
    ("lang", "TermLang"),
    ("tags", ""),
)
HEADER = "\t".join(name for name, _ in COLUMNS)


def tsv_text(notes: Sequence[ExportNote]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([name for name, _ in COLUMNS])
    for note in notes:
        row = []
        for name, field in COLUMNS:
            if name == "guid":
                value = note.guid
            elif name == "tags":
                value = " ".join(note.tags)
            else:
                value = note.field(field)
            row.append(" ".join(value.replace("\t", " ").splitlines()))
        writer.writerow(row)
    return out.getvalue()


def write_tsv(notes: Sequence[ExportNote], path: Path) -> None:
    atomic_write_text(Path(path), tsv_text(notes))
