"""Writing notes to an Anki package (.apkg) with genanki, and reading one back.

The package is written as every file reader replaces is (`reader.lockfile`): into
`<name>.lock` beside the output, which is also the lock that keeps any other writer of that
file out, then renamed over it, so an interrupted export never leaves a half-written deck
where the last good one was. The check that the file being replaced is an earlier export
runs under that lock, just before the rename. A symbolic link keeps pointing at the deck it
names, which gets the new package. The package gets the permissions of the deck it replaces,
or the user's usual ones for a new file.

Every note carries its own modification time (`stamps`, see `state`): Anki updates only the
notes newer than its own copy, so unchanged notes, and the learner's tags and edits on them,
are left alone. The note types carry theirs too.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from reader.export.notes import ExportNote
from reader.export.notetype import (
    CSS,
    FIELDS,
    MODEL_ID,
    MODEL_NAME,
    SENTENCE_FIELDS,
    SENTENCE_MODEL_ID,
    SENTENCE_MODEL_NAME,
    SENTENCE_TEMPLATES,
    TEMPLATES,
    Template,
)
from reader.fsutil import FileLock, make_folder, target_of


class _Model(genanki.Model):  # type: ignore[misc]
    """A genanki note type that carries its own modification time."""

    def __init__(self, stamp: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stamp = stamp

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        data: dict[str, Any] = super().to_json(self.stamp, deck_id)
        return data


def _model(
    model_id: int,
    name: str,
    fields: Sequence[tuple[str, int]],
    templates: Sequence[Template],
    stamp: int,
) -> genanki.Model:
    return _Model(
        stamp,
        model_id,
        name,
        fields=[{"name": n, "id": fid} for n, fid in fields],
        templates=[
            {"name": t.name, "qfmt": t.front, "afmt": t.back, "id": t.id} for t in templates
        ],
        css=CSS,
    )


def note_model(stamp: int = 0) -> genanki.Model:
    """Our vocabulary note type, with the fixed ids on the model, every field and template."""
    return _model(MODEL_ID, MODEL_NAME, FIELDS, TEMPLATES, stamp)


def sentence_model(stamp: int = 0) -> genanki.Model:
    return _model(
        SENTENCE_MODEL_ID, SENTENCE_MODEL_NAME, SENTENCE_FIELDS, SENTENCE_TEMPLATES, stamp
    )


def model_digest() -> dict[int, str]:
    """What decides that a note type changed: its names, templates and stylesheet."""
    out = {}
    for mid, name, fields, templates in (
        (MODEL_ID, MODEL_NAME, FIELDS, TEMPLATES),
        (SENTENCE_MODEL_ID, SENTENCE_MODEL_NAME, SENTENCE_FIELDS, SENTENCE_TEMPLATES),
    ):
        text = repr((name, fields, [(t.name, t.id, t.front, t.back) for t in templates], CSS))
        out[mid] = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return out


class _Deck(genanki.Deck):  # type: ignore[misc]
    """A genanki deck whose notes and cards are inserted in bulk.

    genanki writes the package schema, the deck and the note type; its per-note path (one
    Python object, an HTML tag scan and an INSERT per note and per card) is most of the cost
    of a large deck, so the rows are written here with `executemany`. Which cards a note has
    is decided the way Anki decides it for our templates (`ExportNote.card_ords`), and the tests
    check the result with Anki's own importer and empty-card report. The cards of every note
    go to the deck named on the note, or to this one.
    """

    def __init__(
        self,
        deck_id: int,
        name: str,
        description: str,
        notes: Sequence[ExportNote],
        stamps: Mapping[str, int],
        deck_ids: Mapping[str, int],
    ):
        super().__init__(deck_id, name, description=description)
        self.rows = notes
        self.stamps = stamps
        self.deck_ids = deck_ids

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Iterator[int]) -> None:
        super().write_to_db(cursor, timestamp, id_gen)  # deck and note types; no genanki notes
        note_rows, card_rows = [], []
        for position, note in enumerate(self.rows):
            nid = next(id_gen)
            mod = self.stamps.get(note.guid, int(timestamp))
            tags = note.all_tags
            flat = f" {' '.join(tags)} " if tags else ""
            fields = "\x1f".join(note.fields)
            note_rows.append(
                (nid, note.guid, note.model_id, mod, -1, flat, fields, note.fields[0], 0, 0, "")
            )
            did = self.deck_ids.get(note.deck or "", self.deck_id)
            for ord_ in note.card_ords:
                card_rows.append(
                    (
                        next(id_gen),
                        nid,
                        did,
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
    stamps: Mapping[str, int] | None = None,
    model_stamps: Mapping[int, int] | None = None,
    deck_ids: Mapping[str, int] | None = None,
    media: Sequence[Path] = (),
    check: Callable[[Path], None] | None = None,
) -> None:
    """Write `notes` as one deck (and its sub-decks).

    `stamps` gives each note's modification time (GUID -> seconds), `timestamp` is used for
    notes without one and for the package itself; `model_stamps` likewise per note type.
    `check` is called with the file about to be replaced (symbolic links followed) under its
    lock, and refuses by raising.
    """
    stamps = stamps or {}
    model_stamps = model_stamps or {}
    deck_ids = dict(deck_ids or {})
    deck = _Deck(deck_id, deck_name, description, notes, stamps, deck_ids)
    deck.add_model(note_model(model_stamps.get(MODEL_ID, timestamp)))
    if any(n.model_id == SENTENCE_MODEL_ID for n in notes):
        deck.add_model(sentence_model(model_stamps.get(SENTENCE_MODEL_ID, timestamp)))
    decks = [deck] + [genanki.Deck(did, name) for name, did in sorted(deck_ids.items())]
    target = target_of(path)
    make_folder(target.parent, path)
    with FileLock(target, resolved=True) as lock:
        if check is not None:
            check(target)
        _Package(decks, media_files=[str(m) for m in media]).write_to_file(
            str(lock.lock_path), timestamp=timestamp
        )
        lock.commit_written()


@dataclass(frozen=True)
class PackagedNote:
    """A note as an earlier package holds it."""

    mtime: int
    fields: tuple[str, ...]
    tags: frozenset[str]


def read_package(path: Path) -> dict[str, PackagedNote]:
    """GUID -> note of an .apkg this exporter wrote; empty when it is missing or unreadable.

    Used when the export state does not know a note (another state folder, a lost cache):
    an unchanged note keeps the time the package gave it, and new stamps start after the
    package's newest one.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("collection.anki2")
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
    with tempfile.TemporaryDirectory(prefix="reader-apkg-") as tmp:
        db_path = Path(tmp) / "c.db"
        db_path.write_bytes(data)
        try:
            with contextlib.closing(sqlite3.connect(db_path)) as db:
                rows = db.execute("SELECT guid, mod, flds, tags FROM notes").fetchall()
        except sqlite3.DatabaseError:
            return {}
    return {
        str(guid): PackagedNote(int(mod), tuple(str(flds).split("\x1f")), frozenset(tags.split()))
        for guid, mod, flds, tags in rows
    }
