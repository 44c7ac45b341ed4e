"""Parsed glossaries kept between runs, keyed by the exact bytes of the file.

Reading a 50,000-entry glossary takes over half a second, most of it PyYAML making a
Python object for every node; the app reads the same unchanged files every time it starts.
So a large file, once read, is stored as plain data beside the user's other caches and read
back in a small fraction of that time. The cache is only ever a copy:

- A cache file is used only when it was made from the same bytes (blake2b digest), at the
  same path, by the same reading code (`_stamp`: this module's format, the Python version,
  and the size and time of the modules that decide what a file means). Anything else is a
  miss, and the glossary is read from its YAML as always.
- One cache file per glossary path, replaced atomically (`reader.fsutil`), so edits do not
  pile up copies and a kill leaves nothing that the next store does not clear.
- Files that fail to load are never cached (their error is found again each time), nor
  files whose unknown fields hold values the format cannot store (dates).
- The data is written with `marshal`, which stores only plain values: reading it back cannot
  run code, as unpickling could.
- Any problem with the cache (missing folder, no permission, a damaged file) is a miss.

Where: `reader.fsutil.cache_dir()` (`$READER_CACHE_DIR`, else the platform's cache folder),
in `glossaries/`.
`READER_CACHE_DIR=""` turns the cache off. Files under `MIN_BYTES` are not cached: they load
in a few milliseconds anyway.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from reader.errors import Diagnostic, Location, ReaderError
from reader.fsutil import atomic_write_bytes, cache_dir
from reader.gcpause import no_gc
from reader.glossary.fields import long_entry, short_entry
from reader.model import Context, Entry

MIN_BYTES = 128 * 1024  # about 2,500 entries
_FORMAT = 1
_FIELDS = tuple(f.name for f in fields(Entry))
_CONTEXT = _FIELDS.index("context")  # the one field stored as a tuple of its own fields
Loaded = tuple[str, tuple[Entry, ...], tuple[Diagnostic, ...]]


def folder() -> Path | None:
    """Where cache files go; None when the cache is turned off."""
    root = cache_dir()
    return None if root is None else root / "glossaries"


# The modules that decide what a glossary file means: its fields, the YAML rules, and the
# normalisation of terms (what counts as a duplicate term).
_READING_CODE = (
    "reader.glossary.parse",
    "reader.glossary.quick",
    "reader.glossary.fields",
    "reader.glossary.schema",
    "reader.yamlsafe",
    "reader.model",
    "reader.normalize",
)


@cache
def _stamp() -> str:
    """What the meaning of a file depends on besides its bytes: the reading code."""
    parts = [str(_FORMAT), sys.version, ",".join(_FIELDS)]
    for name in _READING_CODE:
        spec = importlib.util.find_spec(name)  # located, not imported
        parts.append(_file_stamp(spec.origin if spec else None))
    return "|".join(parts)


def _file_stamp(name: str | None) -> str:
    try:
        st = os.stat(name or "")
    except OSError:
        return "?"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _cache_file(path: Path) -> Path | None:
    where = folder()
    if where is None:
        return None
    key = hashlib.blake2b(str(path.resolve()).encode("utf-8", "surrogatepass"), digest_size=12)
    return where / f"{key.hexdigest()}.marshal"


def load(path: Path, digest: str, size: int) -> Loaded | None:
    """The language, entries and warnings stored for this file's bytes; None on a miss."""
    if size < MIN_BYTES:
        return None
    target = _cache_file(path)
    if target is None:
        return None
    try:
        with no_gc():  # a few hundred thousand objects, none of them in a cycle
            data = marshal.loads(target.read_bytes())
            stamp, where, stored_digest, lang, records, warnings = data
            if (stamp, where, stored_digest) != (_stamp(), str(path), digest):
                return None
            return lang, _entries(lang, records), _warnings(str(path), warnings)
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is only a miss
        return None


def store(path: Path, digest: str, size: int, loaded: Loaded) -> None:
    """Keep what was read from this file's bytes; silently nothing when it cannot be."""
    if size < MIN_BYTES:
        return
    target = _cache_file(path)
    if target is None:
        return
    lang, entries, warnings = loaded
    # A short entry is stored as (term, glosses), any other as all its fields in order.
    records: list[tuple[Any, ...]] = []
    for entry in entries:
        if entry == Entry(entry.term, lang, entry.glosses) and not entry.extra:
            records.append((entry.term, entry.glosses))
        else:
            values = [getattr(entry, name) for name in _FIELDS]
            context = entry.context
            if context is not None:
                values[_CONTEXT] = (context.document, context.segment, context.sentence)
            records.append(tuple(values))
    notes = [(d.location.line, d.location.column, d.message, d.severity) for d in warnings]
    try:
        data = marshal.dumps((_stamp(), str(path), digest, lang, records, notes))
    except ValueError:  # an unknown field holds a value marshal cannot store (a date)
        return
    try:
        # Through the lock file of the cache file: a kill leaves no temp copy behind that
        # the next store does not clear.
        atomic_write_bytes(target, data)
    except (OSError, ReaderError):
        return


def _entries(lang: str, records: list[tuple[Any, ...]]) -> tuple[Entry, ...]:
    out: list[Entry] = []
    for record in records:
        if len(record) == 2:
            out.append(short_entry(record[0], lang, record[1]))
            continue
        values = dict(zip(_FIELDS, record, strict=True))
        if values["context"] is not None:
            values["context"] = Context(*values["context"])
        out.append(long_entry(values.pop("term"), values.pop("lang"), values))
    return tuple(out)


def _warnings(path: str, notes: list[Any]) -> tuple[Diagnostic, ...]:
    return tuple(Diagnostic(Location(path, line, column), m, sev) for line, column, m, sev in notes)
