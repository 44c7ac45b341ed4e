"""What the exporter remembers between runs, kept in the platform state directory.

Two things: one clock shared by every recipe, so each export is stamped strictly later than
the one before (Anki only updates a note from a package newer than the note it has, and its
note times have one-second resolution: two exports in the same second must still differ);
and, per recipe, a digest of every note last written, to report new, changed and unchanged.
This is a cache of the exporter's own making: if it is lost or unreadable, the next export
simply reports every note as new.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from reader.errors import ReaderError
from reader.fsutil import FileLock, atomic_write_text, make_folder


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


def _recipe_file(key: str) -> Path:
    return _export_dir() / f"{hashlib.blake2b(key.encode(), digest_size=10).hexdigest()}.json"


def next_timestamp(now: float | None = None) -> int:
    """A whole-second timestamp later than every one handed out before, and not in the past.

    Read and written under the clock file's lock: two exports at once never get one stamp.
    """
    clock = _export_dir() / "clock.json"
    make_folder(clock.parent)
    with FileLock(clock) as lock:
        try:
            data = json.loads(lock.read() or b"{}")
        except (ReaderError, ValueError):
            data = {}
        last = data.get("last") if isinstance(data, dict) else None
        current = int(time.time() if now is None else now)
        stamp = max(current, last + 1 if isinstance(last, int) else current)
        lock.commit(json.dumps({"last": stamp}).encode("utf-8"))
    return stamp


def previous_digests(key: str) -> dict[str, str] | None:
    """GUID -> note digest of the recipe's previous export; None if it was never exported."""
    data = _read_json(_recipe_file(key))
    notes = data.get("notes")
    if data.get("recipe") != key or not isinstance(notes, dict):
        return None
    return {str(k): str(v) for k, v in notes.items()}


def remember_export(key: str, timestamp: int, output: Path, digests: dict[str, str]) -> None:
    record = {"recipe": key, "timestamp": timestamp, "output": str(output), "notes": digests}
    atomic_write_text(_recipe_file(key), json.dumps(record, ensure_ascii=False, sort_keys=True))
