"""Writing notes as a tab-separated file that Anki imports as is (and other tools read).

The file opens with Anki's header lines (`#separator:tab`, `#html:true`, `#notetype`,
`#columns`, `#guid column`, `#tags column`), so Anki takes no header row for a note, maps
every column to the field of the same name when the learner has our note type (from an
earlier .apkg import), and updates the note with the same GUID instead of adding a second
one. Each row is one note: its fields in note-type order, then its GUID and its tags. Field
values are the same HTML as in the Anki note; tabs and line breaks inside them are replaced
so that every note stays one line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.export.notes import ExportNote
from reader.export.notetype import FIELD_NAMES, MODEL_NAME
from reader.fsutil import FileLock, make_folder, target_of

COLUMNS: tuple[str, ...] = (*FIELD_NAMES, "GUID", "Tags")
FIRST_LINE = "#separator:tab"
# What files written before the header lines began with: they may be overwritten too.
OLD_HEADER = "id\tguid\tterm\treading\tmeaning"


def header_lines() -> list[str]:
    return [
        FIRST_LINE,
        "#html:true",
        f"#notetype:{MODEL_NAME}",
        "#columns:" + "\t".join(COLUMNS),
        f"#guid column:{COLUMNS.index('GUID') + 1}",
        f"#tags column:{COLUMNS.index('Tags') + 1}",
    ]


def tsv_text(notes: Sequence[ExportNote]) -> str:
    out = io.StringIO()
    out.write("\n".join(header_lines()) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for note in notes:
        row = [*note.fields, note.guid, " ".join(note.all_tags)]
        writer.writerow([" ".join(value.replace("\t", " ").splitlines()) for value in row])
    return out.getvalue()


def is_ours(first_line: str) -> bool:
    return first_line == FIRST_LINE or first_line.startswith(OLD_HEADER)


def write_tsv(
    notes: Sequence[ExportNote], path: Path, *, check: Callable[[Path], None] | None = None
) -> None:
    """Replace `path` (through a symbolic link: its target) under its lock; `check` is called
    with the file about to be replaced, under that lock, and refuses by raising."""
    data = tsv_text(notes).encode("utf-8")
    target = target_of(path)
    make_folder(target.parent, path)
    with FileLock(target, resolved=True) as lock:
        if check is not None:
            check(target)
        lock.commit(data)
