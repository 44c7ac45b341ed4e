"""Reading a learner's Anki collection without ever writing to it, even while Anki runs.

Anki keeps its collection open with an exclusive SQLite lock and its latest changes in the
write-ahead log (`collection.anki2-wal`), so another program can neither open it in place nor
see recent reviews in the main file alone. We copy the database and its log into a private
temporary folder (plain file reads, no SQLite lock, nothing created beside the collection),
check that neither changed while they were copied (else copy again: Anki was writing), and
open the copy with SQLite's read-only mode. SQLite replays the copied log as it opens, up to
its last complete transaction.

Only the `notes` and `cards` tables are read; they have kept their columns since Anki 2.0.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError

_ATTEMPTS = 5
_PAUSE = 0.2
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3  # cards.type
SUSPENDED = -1  # cards.queue


@dataclass(frozen=True)
class CardState:
    """One card's place in Anki's scheduler: `type` (new, learning, review, relearning),
    `queue` (negative when suspended or buried), `ivl` (days until the next review)."""

    ord: int
    type: int
    queue: int
    ivl: int
    reps: int


@dataclass(frozen=True)
class CollectionNote:
    guid: str
    model_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: tuple[CardState, ...]


def collection_file(path: Path) -> Path:
    """The collection: the file given, or `collection.anki2` in a profile folder given."""
    path = path.expanduser()
    if path.is_dir():
        inside = path / "collection.anki2"
        if not inside.is_file():
            raise ReaderError(
                path, "no collection.anki2 in this folder (give an Anki profile folder)"
            )
        return inside
    if not path.is_file():
        raise ReaderError(path, "no such collection file")
    if zipfile.is_zipfile(path):
        raise ReaderError(
            path,
            "this is a package (.apkg/.colpkg), not a collection: give collection.anki2 "
            "in your Anki profile folder",
        )
    return path


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


@contextlib.contextmanager
def snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a consistent copy of the collection at `path`."""
    path = collection_file(path)
    wal = path.with_name(path.name + "-wal")
    with tempfile.TemporaryDirectory(prefix="reader-anki-") as tmp:
        copy = Path(tmp) / "collection.anki2"
        for attempt in range(_ATTEMPTS):
            before = (_signature(path), _signature(wal))
            try:
                shutil.copyfile(path, copy)
                if before[1] is not None:
                    shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            except FileNotFoundError:
                before = (None, None)  # the log was checkpointed away meanwhile: copy again
            except OSError as exc:
                raise ReaderError(path, f"cannot read: {exc.strerror or exc}") from None
            if before[0] is not None and before == (_signature(path), _signature(wal)):
                break
            if attempt == _ATTEMPTS - 1:
                raise ReaderError(path, "Anki kept writing the collection; try again in a moment")
            time.sleep(_PAUSE)
        uri = f"file:{copy}?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True)
            db.execute("SELECT count(*) FROM notes").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ReaderError(path, f"not an Anki collection ({exc})") from None
        try:
            yield db
        finally:
            db.close()


def read_notes(path: Path, guids: set[str] | None = None) -> dict[str, CollectionNote]:
    """The notes of the collection at `path` (only those with one of `guids`, if given)."""
    with snapshot(path) as db:
        try:
            notes = db.execute("SELECT id, guid, mid, flds, tags FROM notes").fetchall()
            cards = db.execute(
                "SELECT nid, ord, type, queue, ivl, reps FROM cards ORDER BY nid, ord"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise ReaderError(path, f"not an Anki collection ({exc})") from None
    by_note: dict[int, list[CardState]] = {}
    for nid, ord_, type_, queue, ivl, reps in cards:
        by_note.setdefault(nid, []).append(CardState(ord_, type_, queue, ivl, reps))
    out = {}
    for nid, guid, mid, flds, tags in notes:
        if guids is not None and guid not in guids:
            continue
        out[guid] = CollectionNote(
            guid, mid, tuple(flds.split("\x1f")), tuple(tags.split()), tuple(by_note.get(nid, ()))
        )
    return out
