"""What the exporter remembers between runs, kept in the platform state directory.

Anki updates a note from a package only when the package's note is newer than its own, and
an update replaces every field and every tag. So each note is stamped with the time its
content last changed, not the time of the export: a note whose content is unchanged keeps
its old stamp, Anki leaves it alone, and the tags, flags and edits the learner made there
survive any number of exports. Three things are kept:

- `notes.json`: per note (by GUID) the digest of its content, its stamp, the cards it had,
  its status and level tags, the tags `reader anki sync` found on it in Anki, and its name;
  and per note type the digest and stamp, so a learner's restyled note type is left alone
  too until ours changes;
- `clock.json`: one clock shared by every recipe, so each new stamp is strictly later than
  any handed out before (Anki's note times have one-second resolution: two exports in the
  same second must still differ);
- one file per recipe: what its previous export held, to report new, changed, unchanged and
  no longer exported notes.

All of it is written under one lock, so two exports at once (the app and the command line)
cannot hand out the same stamp. This is a cache of the exporter's own making: lost or
unreadable, the next export stamps every note anew, which costs one full update in Anki.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.fsutil import atomic_write_text

_VERSION = 2


def state_dir() -> Path:
    """$READER_STATE_DIR, else the platform's per-user state directory."""
    env = os.environ.get("READER_STATE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("reader"))


def _export_dir() -> Path:
    return state_dir() / "export"


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: object) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True))


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """Hold the export state's lock (an advisory `flock`, released by the system if the
    process dies, so a crash never leaves a stale lock behind)."""
    folder = _export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: exports from two processes at once are not guarded there
        yield
        return
    with open(folder / "lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _recipe_file(key: str) -> Path:
    return _export_dir() / f"{hashlib.blake2b(key.encode(), digest_size=10).hexdigest()}.json"


def next_timestamp(now: float | None = None, floor: int = 0) -> int:
    """A whole-second timestamp later than every one handed out before, later than this
    second (an edit the learner made in Anki just now must not tie with a change from the
    glossary), and at least `floor` (one past the newest note of the package replaced)."""
    clock = _export_dir() / "clock.json"
    last = _read_json(clock).get("last")
    current = int(time.time() if now is None else now) + 1
    stamp = max(current, last + 1 if isinstance(last, int) else current, floor)
    atomic_write_text(clock, json.dumps({"last": stamp}))
    return stamp


@dataclass(frozen=True)
class NoteRecord:
    """What the last export wrote for one note (see the module docstring)."""

    digest: str
    stamp: int
    cards: tuple[int, ...] = ()
    progress: tuple[str, ...] = ()
    anki_tags: tuple[str, ...] = ()
    label: str = ""
    model: int = 0


@dataclass
class NotesState:
    notes: dict[str, NoteRecord] = field(default_factory=dict)
    models: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Package path -> (size, mtime_ns) of the last package written there: a package still as
    # we wrote it holds nothing the records do not know, and need not be read back.
    packages: dict[str, tuple[int, int]] = field(default_factory=dict)

    def wrote(self, path: Path) -> bool:
        """Is the file at `path` the package this state last wrote there?"""
        try:
            st = path.stat()
        except OSError:
            return False
        return self.packages.get(str(path.resolve())) == (st.st_size, st.st_mtime_ns)

    def remember_package(self, path: Path) -> None:
        st = path.stat()
        self.packages[str(path.resolve())] = (st.st_size, st.st_mtime_ns)


def _notes_file() -> Path:
    return _export_dir() / "notes.json"


def load_notes() -> NotesState:
    data = _read_json(_notes_file())
    if data.get("version") != _VERSION:
        return NotesState()
    out = NotesState()
    notes = data.get("notes")
    if isinstance(notes, dict):
        for guid, raw in notes.items():
            try:
                digest, stamp, cards, progress, anki_tags, label, model = raw
                record = NoteRecord(
                    digest, stamp, tuple(cards), tuple(progress), tuple(anki_tags), label, model
                )
            except (TypeError, ValueError):
                continue  # one damaged record costs that note one update, nothing more
            if isinstance(digest, str) and isinstance(stamp, int):
                out.notes[guid] = record
    models = data.get("models")
    if isinstance(models, dict):
        for mid, raw in models.items():
            if isinstance(raw, list) and len(raw) == 2 and isinstance(raw[1], int):
                out.models[str(mid)] = (str(raw[0]), raw[1])
    packages = data.get("packages")
    if isinstance(packages, dict):
        for path, raw in packages.items():
            if isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, int) for x in raw):
                out.packages[path] = (raw[0], raw[1])
    return out


def save_notes(state: NotesState) -> None:
    # One short list per note rather than a mapping: this file is read and written by every
    # export, and holds a line for each of thousands of notes.
    notes = {
        guid: [r.digest, r.stamp, r.cards, r.progress, r.anki_tags, r.label, r.model]
        for guid, r in state.notes.items()
    }
    models = {mid: list(value) for mid, value in state.models.items()}
    packages = {path: list(value) for path, value in state.packages.items()}
    text = json.dumps(
        {"version": _VERSION, "notes": notes, "models": models, "packages": packages},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    atomic_write_text(_notes_file(), text)


def previous_digests(key: str) -> dict[str, str] | None:
    """GUID -> note digest of the recipe's previous export; None if it was never exported."""
    data = _read_json(_recipe_file(key))
    notes = data.get("notes")
    if data.get("recipe") != key or not isinstance(notes, dict):
        return None
    return {str(k): str(v) for k, v in notes.items()}


def previous_names(key: str) -> dict[str, str]:
    """GUID -> what the recipe's previous export called the note (a term, a sentence)."""
    names = _read_json(_recipe_file(key)).get("names")
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def remember_export(
    key: str,
    timestamp: int,
    output: Path,
    digests: dict[str, str],
    names: dict[str, str] | None = None,
) -> None:
    record = {
        "recipe": key,
        "timestamp": timestamp,
        "output": str(output),
        "notes": digests,
        "names": names or {},
    }
    _write_json(_recipe_file(key), record)
