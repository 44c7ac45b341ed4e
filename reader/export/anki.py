"""Writing notes to an Anki package (.apkg) with genanki.

The package is written to a temporary file beside the output and renamed over it, so an
interrupted export never leaves a half-written deck where the last good one was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import genanki

from reader.export.notes import ExportNote
from reader.export.notetype import CSS, FIELDS, MODEL_ID, MODEL_NAME, TEMPLATES


def note_model() -> genanki.Model:
    """Our note type, with the fixed ids on the model, every field and every template."""
    fields: list[dict[str, Any]] = [{"name": name, "id": fid} for name, fid in FIELDS]
    templates: list[dict[str, Any]] = [
        {"name": t.name, "qfmt": t.front, "afmt": t.back, "id": t.id} for t in TEMPLATES
    ]
    return genanki.Model(MODEL_ID, MODEL_NAME, fields=fields, templates=templates, css=CSS)


class _Deck(genanki.Deck):  # type: ignore[misc]
    """A genanki deck whose notes and cards are inserted in bulk.

    genanki writes the package schema, the deck and the note type; its per-note path (one
    Python object, an HTML tag scan and an INSERT per note and per card) is most of the cost
    of a large deck, so the rows are written here with `executemany`. Which cards a note has
    is decided the way Anki decides it for our templates (`ExportNote.card_ords`), and the tests
    check the result with Anki's own importer and empty-card report.
    """

    def __init__(self, deck_id: int, name: str, description: str, notes: Sequence[ExportNote]):
        super().__init__(deck_id, name, description=description)
        self.rows = notes

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Iterator[int]) -> None:
        super().write_to_db(cursor, timestamp, id_gen)  # deck and note type; no genanki notes
        mod = int(timestamp)
        note_rows, card_rows = [], []
        for position, note in enumerate(self.rows):
            nid = next(id_gen)
            tags = f" {' '.join(note.tags)} " if note.tags else ""
            fields = "\x1f".join(note.fields)
            note_rows.append(
                (nid, note.guid, MODEL_ID, mod, -1, tags, fields, note.fields[0], 0, 0, "")
            )
            for ord_ in note.card_ords:
                card_rows.append(
                    (
                        next(id_gen),
                        nid,
                        self.deck_id,
                        ord_,
                        mod,
                        -1,
                        0,
                        0,
                        position,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        "",
                    )
                )
        cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", note_rows)
        cursor.executemany(
            "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows
        )


class _Package(genanki.Package):  # type: ignore[misc]
    """genanki's package, with its scratch database kept out of the disk's sync path.

    genanki builds the collection in a temporary SQLite file that it zips and deletes; making
    that file crash-safe only costs time (the package itself is renamed into place whole).
    """

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Iterator[int]) -> None:
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA journal_mode = MEMORY")
        super().write_to_db(cursor, timestamp, id_gen)


def write_apkg(
    notes: Sequence[ExportNote],
    path: Path,
    *,
    deck_name: str,
    deck_id: int,
    timestamp: int,
    description: str = "",
) -> None:
    """Write `notes` as one deck. `timestamp` becomes every note's modification time."""
    deck = _Deck(deck_id, deck_name, description, notes)
    deck.add_model(note_model())
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _Package(deck).write_to_file(tmp, timestamp=timestamp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
