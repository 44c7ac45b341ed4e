"""A dictionary read through its index: opened on first look-up, built first if missing.

Every format builds the same index (`reader.dictionary.index`) once per file content and
keeps it in the cache folder under the content's digest, so an edited or replaced file gets a
new index and an unchanged one is never indexed again. With caching turned off
(`READER_CACHE_DIR=""`) the index is built in memory for the process.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from reader.dictionary.index import BadIndex, Index, IndexWriter
from reader.dictionary.model import DictEntry, DictionaryInfo
from reader.fsutil import cache_dir

Build = Callable[[IndexWriter], dict[str, object]]

# Bump when any format's builder changes what it writes: older indexes are rebuilt.
BUILD_VERSION = 1
_RECENT = 512  # decoded entries remembered per dictionary


def fold(word: str, lang: str) -> str:
    """The key a word is stored and looked up under, as glossary terms are compared
    (`reader.matching.normalize_term`)."""
    if word.isascii():  # what normalize_term does to ASCII, without its call overhead
        return ("" if _unspaced(lang) else " ").join(word.lower().split())
    from reader.normalize import normalize_term

    return normalize_term(word, lang)


@lru_cache(maxsize=64)
def _unspaced(lang: str) -> bool:
    from reader.model import UNSPACED_LANGS

    return lang.split("-")[0].lower() in UNSPACED_LANGS


def file_digest(paths: list[Path]) -> str:
    """A digest of the files' bytes (in order), read in blocks: the index's cache key."""
    h = hashlib.blake2b(digest_size=16)
    for path in paths:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
        h.update(b"\0")
    return h.hexdigest()


def index_file(kind: str, digest: str) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    return root / "dictionaries" / f"{kind}-{digest}-v{BUILD_VERSION}.rdx"


def open_or_build(kind: str, digest: str, build: Build) -> Index:
    """The cached index for this content, building (and caching) it when absent or damaged."""
    path = index_file(kind, digest)
    if path is not None and path.is_file():
        try:
            return Index(path)
        except (BadIndex, OSError, ValueError):
            pass  # a damaged index is rebuilt, never trusted
    if path is not None:
        # The writer's temporary files go beside the index: a cache folder that cannot be
        # written fails here, before anything is built, and only costs speed. (A write that
        # fails later, a full disk, builds again below: a writer is used up by its write.)
        try:
            with IndexWriter(path.parent) as writer:
                meta = build(writer)
                writer.write(path, {"kind": kind, "digest": digest, **meta})
            return Index(path)
        except OSError:
            pass
    fd, tmp = tempfile.mkstemp(suffix=".rdx")
    os.close(fd)
    try:
        with IndexWriter() as writer:
            meta = build(writer)
            writer.write(Path(tmp), {"kind": kind, "digest": digest, **meta})
        return Index(data=Path(tmp).read_bytes())
    finally:
        Path(tmp).unlink(missing_ok=True)


class IndexedDictionary:
    """A `Dictionary` whose look-ups go through an index of the head table."""

    def __init__(
        self,
        info: DictionaryInfo,
        opener: Callable[[], Index],
        decode: Callable[[Index, int], DictEntry],
        table: str = "head",
    ) -> None:
        self._info = info
        self._opener = opener
        self._decode = decode
        self._table = table
        self._index: Index | None = None
        self._lock = threading.Lock()
        self._recent: dict[int, DictEntry] = {}

    @property
    def info(self) -> DictionaryInfo:
        """Its description; the entry count is the index's once it is open."""
        if self._index is not None and self._info.entries != len(self._index):
            from dataclasses import replace

            self._info = replace(self._info, entries=len(self._index))
        return self._info

    @property
    def index(self) -> Index:
        """The index, opened (or built) on first use; safe to call from a worker thread."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._opener()
        return self._index

    def key(self, word: str) -> str:
        return fold(word, self._info.from_lang)

    def lookup(self, word: str) -> list[DictEntry]:
        index = self.index
        return [self.entry(i) for i in index.find(self.key(word), self._table)]

    def entry(self, number: int) -> DictEntry:
        """Entry `number`, decoded; the last few hundred are remembered: reading one from a
        dictzip file inflates a 58 KB chunk, and a reader looks the same words up again."""
        found = self._recent.get(number)
        if found is None:
            found = self._decode(self.index, number)
            if len(self._recent) >= _RECENT:
                self._recent.pop(next(iter(self._recent)))
            self._recent[number] = found
        return found

    def has(self, word: str) -> bool:
        return self.index.has(self.key(word), self._table)

    def has_prefix(self, prefix: str) -> bool:
        return self.index.has_prefix(self.key(prefix), self._table)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._info.name!r} {self._info.from_lang}->{self._info.to_lang}>"
