"""Matchers kept between runs.

Building the matcher of a 50,000-entry glossary takes about half a second, nearly all of it
Python work per word and per term, and the app builds the same one every time it opens the
same glossary. So a large matcher, once built, is stored as plain data (marshal: reading it
back cannot run code, as unpickling could) beside the user's other caches. A cache file is
only ever a copy:

- Its name is a digest of everything a build depends on: the language, every entry's term
  and forms in order, the source of this package, of reader.normalize and of reader.lemmas,
  the lemmatizers' versions and Python's. Anything else is another file.
- Any problem with it (missing folder, no permission, a damaged file) is a miss, and the
  matcher is built as always. Only the newest few files are kept.

Where: `$READER_CACHE_DIR`, else `platformdirs.user_cache_dir("reader")`, in `matchers/`.
`READER_CACHE_DIR=""` turns it off. Small glossaries are not cached: they build in
milliseconds.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reader.matching.codes import Codes

if TYPE_CHECKING:
    from reader.matching.matcher import Matcher

CACHE_MIN_ENTRIES = 5_000
_CACHE_FORMAT = 4
_CACHE_KEEP = 8


def _cache_folder() -> Path | None:
    env = os.environ.get("READER_CACHE_DIR")
    if env is not None:
        return Path(env) / "matchers" if env else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader")) / "matchers"


@cache
def _code_stamp() -> bytes:
    """What a build depends on besides the entries: this code, the lemmatizers, Python."""
    import hashlib
    import importlib.metadata  # here, not at the top: it alone costs 20 ms of start-up

    import reader.lemmas
    import reader.normalize

    parts = [str(_CACHE_FORMAT).encode(), sys.version.encode()]
    sources = sorted(Path(__file__).parent.glob("*.py"))
    for source in (*sources, Path(reader.normalize.__file__), Path(reader.lemmas.__file__)):
        parts.append(source.read_bytes())
    for package in ("lemminflect", "simplemma", "pyahocorasick"):
        try:
            parts.append(importlib.metadata.version(package).encode())
        except importlib.metadata.PackageNotFoundError:
            parts.append(b"?")
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()


class CachedBuild:
    """Where the build of one matcher is kept, and how it is read back and written."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of(cls, matcher: Matcher) -> CachedBuild | None:
        if len(matcher.entries) < CACHE_MIN_ENTRIES:
            return None
        import hashlib

        try:
            folder = _cache_folder()
            if folder is None:
                return None
            digest = hashlib.blake2b(_code_stamp(), digest_size=16)
            digest.update(matcher.lang.encode())
            entries = matcher.entries
            digest.update(marshal.dumps(([e.term for e in entries], [e.forms for e in entries])))
        except (OSError, ValueError):
            return None
        return cls(folder / f"{digest.hexdigest()}.marshal")

    def restore(self, matcher: Matcher) -> bool:
        """Take the stored build into `matcher`; False (and nothing taken) on a miss."""
        try:
            data = marshal.loads(self.path.read_bytes())
            (ids, group, negated, unit_codes, keys, length, count, offset, flat, checked) = data
            codes, arrays = _restored(ids, length, count, offset, flat, keys)
        except Exception:  # noqa: BLE001 - a damaged or foreign file is only a miss
            return False
        m = matcher
        book = m._book
        book.use(codes)
        book.group, book.negated = group, negated
        book.unit_codes.update(unit_codes)
        m._set_keys(*arrays, checked)
        add_word = m._automaton.add_word
        for k, key in enumerate(keys):
            add_word(key, k)
        if keys:
            m._automaton.make_automaton()
        return True

    def save(self, matcher: Matcher, keys: list[str]) -> None:
        """Store the build of `matcher` (keys in key-number order); nothing if it cannot be."""
        import tempfile

        m = matcher
        book = m._book
        data = (
            book.codes.ids,
            book.group,
            book.negated,
            dict(book.unit_codes) if book.unspaced else {},
            keys,
            m._key_length.tolist(),
            m._key_count.tolist(),
            m._key_offset.tolist(),
            m._key_entries.tolist(),
            m._checked,
        )
        try:
            blob = marshal.dumps(data)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
            files = sorted(
                self.path.parent.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in files[_CACHE_KEEP:]:
                old.unlink(missing_ok=True)
        except (OSError, ValueError):
            pass


def _restored(
    ids: int, length: list[int], count: list[int], offset: list[int], flat: list[int], keys: Any
) -> tuple[Codes, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    if not (len(length) == len(count) == len(offset) == len(keys)):
        raise ValueError("inconsistent cache file")
    arrays = (
        np.array(length, dtype=np.int64),
        np.array(count, dtype=np.int64),
        np.array(offset, dtype=np.int64),
        np.array(flat, dtype=np.int64),
    )
    return Codes(ids), arrays
