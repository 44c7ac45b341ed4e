"""A dictionary's look-up index on disk: sorted keys and entry payloads, memory-mapped.

Every dictionary format is read once into this one layout, so look-up costs the same for all
of them and opening one costs nothing: the file is mapped, not read, and a key is found by
binary search over its sorted UTF-8 bytes (byte order is code point order). Nothing is parsed
until a key is asked for, which is what keeps five large dictionaries off the start-up path.

    magic "RDXI", u32 version, u32 header length, header (JSON: metadata and section places)
    sections, each 8-byte aligned:
      <table>.text  the table's keys, UTF-8, concatenated in sorted order
      <table>.offs  u32[n+1]  where key i starts in .text
      <table>.post  u32[n+1]  where key i's entries start in .ids
      <table>.ids   u32[m]    entry numbers, in the order the builder ranked them
      entries.text  entry payloads (opaque to the index: each format encodes its own)
      entries.offs  u64[E+1]
      blob.<name>   free-form data a format keeps beside its entries

A table is one key space: `head` (headwords, folded) for every dictionary; CC-CEDICT adds
`gloss`, its English words, for the reversed look-up. Integers are little-endian.
"""

from __future__ import annotations

import mmap
import os
import shutil
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, islice
from operator import ne
from pathlib import Path
from typing import IO, Any, Literal, Self

from reader.dictionary.runs import RUN_RECORDS, SortedRuns

MAGIC = b"RDXI"
VERSION = 1
_ALIGN = 8

if sys.byteorder != "little":  # pragma: no cover - the arrays are written and read raw
    raise ImportError("reader's dictionary index needs a little-endian machine")


class BadIndex(Exception):
    """The index file is not one this version wrote (damaged, truncated, older format)."""


class IndexWriter:
    """Takes entries and keys one at a time, then writes them sorted in one go.

    Nothing a large dictionary holds is kept as a list of Python objects: payloads go to a
    temporary file as they come (with their offsets in a compact array), keys into sorted
    runs that spill to disk (`reader.dictionary.runs`), and the sections are streamed from
    there into the index. Temporary files live in `folder` (the cache folder, so a large
    build does not fill a RAM-backed /tmp) and are gone when the writer is closed.
    """

    def __init__(self, folder: Path | None = None, run_records: int = RUN_RECORDS) -> None:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self._folder = folder
        self._run_records = run_records
        # Open until `write` or `close`: the writer owns it, no `with` block can.
        self._entries: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._entry_offs = array("Q", [0])
        self._keys: dict[str, SortedRuns] = {}
        self._blobs: dict[str, bytes] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop the temporary files (also done by `write`)."""
        self._entries.close()
        for runs in self._keys.values():
            runs.close()

    def __len__(self) -> int:
        return len(self._entry_offs) - 1

    @property
    def spilled(self) -> int:
        """How many sorted runs of keys have gone to disk so far, all tables together."""
        return sum(runs.spilled for runs in self._keys.values())

    def add_entry(self, payload: bytes) -> int:
        """Store an entry; its number is what keys point at."""
        offs = self._entry_offs
        self._entries.write(payload)
        offs.append(offs[-1] + len(payload))
        return len(offs) - 2

    def _table(self, table: str) -> SortedRuns:
        runs = self._keys.get(table)
        if runs is None:
            runs = self._keys[table] = SortedRuns(self._run_records, self._folder)
        return runs

    def add_key(self, key: str, entry: int, rank: int = 0, table: str = "head") -> None:
        """`key` finds `entry`; among the entries of one key, lower ranks come first, then
        entries in the order they were added."""
        if key:
            self._table(table).add(key.encode("utf-8") + b"\0" + _RANK_ENTRY(rank, entry))

    def add_keys(self, keys: Iterable[tuple[bytes, int, int]], table: str = "head") -> None:
        """Many (key as UTF-8, rank, entry) at once, consumed as they come: a builder can
        pass a generator and never hold its keys."""
        pack = _RANK_ENTRY
        self._table(table).extend(key + b"\0" + pack(rank, entry) for key, rank, entry in keys)

    def add_blob(self, name: str, data: bytes) -> None:
        self._blobs[name] = data

    def write(self, path: Path, meta: dict[str, Any]) -> None:
        """Write the index to `path` atomically (a temp file renamed over it). The writer is
        used up: its keys and temporary files are gone afterwards."""
        import json

        sections: list[tuple[str, _Data]] = []
        try:
            for table, runs in sorted(self._keys.items()):
                sections.extend(_table_sections(table, runs, self._folder))
            sections.append(("entries.text", self._entries))
            sections.append(("entries.offs", self._entry_offs.tobytes()))
            sections.extend((f"blob.{name}", data) for name, data in sorted(self._blobs.items()))
            sizes = {name: _size(data) for name, data in sections}
            places: dict[str, list[int]] = {}
            header = b""
            # The header holds the section places, which depend on the header's own length.
            for _ in range(3):
                start = _aligned(12 + len(header))
                pos = start
                for name, _data in sections:
                    places[name] = [pos, sizes[name]]
                    pos = _aligned(pos + sizes[name])
                full = {**meta, "entries": len(self), "sections": places}
                header = json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8")
                if _aligned(12 + len(header)) == start:
                    break
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                with tmp.open("wb") as fh:
                    fh.write(MAGIC + struct.pack("<II", VERSION, len(header)) + header)
                    for name, data in sections:
                        fh.seek(places[name][0])
                        _copy(data, fh)
                    fh.truncate(max((p + n for p, n in places.values()), default=fh.tell()))
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        finally:
            for _name, data in sections:
                if not isinstance(data, bytes):
                    data.close()
            self.close()


# A section's data: small ones in memory, large ones (key text, payloads) in a temporary file.
_Data = bytes | IO[bytes]
# Rank and entry after a key's NUL: big-endian, so sorting the bytes sorts by them in turn.
_RANK_ENTRY = struct.Struct(">II").pack
# Merged records handled per step when a table's sections are made.
_STEP = 8192


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


def _size(data: _Data) -> int:
    if isinstance(data, bytes):
        return len(data)
    data.flush()
    return data.seek(0, os.SEEK_END)


def _copy(data: _Data, out: IO[bytes]) -> None:
    if isinstance(data, bytes):
        out.write(data)
    else:
        data.seek(0)
        shutil.copyfileobj(data, out, 1 << 20)


def _table_sections(
    table: str, records: Iterable[bytes], folder: Path | None
) -> list[tuple[str, _Data]]:
    """A table's four sections from its records in sorted order (key, NUL, rank, entry):
    sorting one bytes string per item is several times faster than sorting tuples, and
    gives the same order because keys never hold NUL. The records are taken a step at a
    time; a key's items may straddle two steps."""
    text: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed by `write`
    offs, post, ids = array("I", [0]), array("I"), array("I")
    last: bytes | None = None
    done = 0
    it = iter(records)
    while step := list(islice(it, _STEP)):
        keys = [p[:-9] for p in step]
        raw = array("I")
        raw.frombytes(b"".join([p[-4:] for p in step]))
        raw.byteswap()  # big-endian in the record, little-endian in the index
        ids.extend(raw)
        # Where a new key starts: every item whose key differs from the one before it.
        starts = list(compress(range(len(keys)), map(ne, keys, [last, *keys[:-1]])))
        distinct = [keys[i] for i in starts]
        text.write(b"".join(distinct))
        offs.extend(islice(accumulate(map(len, distinct), initial=offs[-1]), 1, None))
        post.extend([done + i for i in starts])
        done += len(step)
        last = keys[-1]
    post.append(done)
    return [
        (f"{table}.text", text),
        (f"{table}.offs", offs.tobytes()),
        (f"{table}.post", post.tobytes()),
        (f"{table}.ids", ids.tobytes()),
    ]


class _Table:
    __slots__ = ("base", "ids", "n", "offs", "post")

    def __init__(self, base: int, offs: memoryview, post: memoryview, ids: memoryview) -> None:
        self.base, self.offs, self.post, self.ids = base, offs, post, ids
        self.n = len(offs) - 1


class Index:
    """A written index, mapped read-only. Cheap to open; every look-up is a binary search."""

    def __init__(self, path: Path | None = None, data: bytes | None = None) -> None:
        self.path = path
        if data is None:
            assert path is not None
            with path.open("rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size < 12:
                    raise BadIndex(f"{path}: truncated index")
                self._buf: mmap.mmap | bytes = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        else:
            self._buf = data
        buf = self._buf
        if buf[:4] != MAGIC:
            raise BadIndex(f"{path}: not a dictionary index")
        version, hlen = struct.unpack("<II", buf[4:12])
        if version != VERSION:
            raise BadIndex(f"{path}: index format {version}, expected {VERSION}")
        import json

        try:
            self.meta: dict[str, Any] = json.loads(bytes(buf[12 : 12 + hlen]))
            places: dict[str, list[int]] = self.meta["sections"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BadIndex(f"{path}: damaged index header") from exc
        if any(p + n > len(buf) for p, n in places.values()):
            raise BadIndex(f"{path}: truncated index")
        self._places = places
        view = memoryview(buf)
        self._view = view

        def section(name: str, fmt: Literal["I", "Q"]) -> memoryview:
            p, n = places[name]
            return view[p : p + n].cast(fmt)

        self._tables: dict[str, _Table] = {}
        for name in places:
            if name.endswith(".offs") and not name.startswith("entries"):
                table = name[: -len(".offs")]
                self._tables[table] = _Table(
                    places[f"{table}.text"][0],
                    section(f"{table}.offs", "I"),
                    section(f"{table}.post", "I"),
                    section(f"{table}.ids", "I"),
                )
        self._entry_base = places["entries.text"][0]
        self._entry_offs = section("entries.offs", "Q")

    def __len__(self) -> int:
        return len(self._entry_offs) - 1

    def close(self) -> None:
        """Release the mapping (views first: a map with live views cannot close)."""
        for t in self._tables.values():
            for v in (t.offs, t.post, t.ids):
                v.release()
        self._entry_offs.release()
        self._view.release()
        if isinstance(self._buf, mmap.mmap):
            self._buf.close()

    def tables(self) -> tuple[str, ...]:
        return tuple(self._tables)

    def key_count(self, table: str = "head") -> int:
        t = self._tables.get(table)
        return 0 if t is None else t.n

    def _key(self, t: _Table, i: int) -> bytes:
        return self._buf[t.base + t.offs[i] : t.base + t.offs[i + 1]]

    def _lower_bound(self, t: _Table, key: bytes) -> int:
        lo, hi = 0, t.n
        buf, base, offs = self._buf, t.base, t.offs
        while lo < hi:
            mid = (lo + hi) >> 1
            if buf[base + offs[mid] : base + offs[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, key: str, table: str = "head") -> list[int]:
        """Entry numbers of `key` (exactly as folded at build time), best ranked first."""
        t = self._tables.get(table)
        if t is None:
            return []
        raw = key.encode("utf-8")
        i = self._lower_bound(t, raw)
        if i >= t.n or self._key(t, i) != raw:
            return []
        return t.ids[t.post[i] : t.post[i + 1]].tolist()

    def has(self, key: str, table: str = "head") -> bool:
        t = self._tables.get(table)
        if t is None:
            return False
        raw = key.encode("utf-8")
        i = self._lower_bound(t, raw)
        return i < t.n and self._key(t, i) == raw

    def has_prefix(self, prefix: str, table: str = "head") -> bool:
        """Whether some key starts with `prefix` (longest-match segmentation stops on False)."""
        t = self._tables.get(table)
        if t is None:
            return False
        raw = prefix.encode("utf-8")
        i = self._lower_bound(t, raw)
        return i < t.n and self._key(t, i).startswith(raw)

    def keys_from(self, prefix: str, limit: int, table: str = "head") -> list[str]:
        """Up to `limit` keys starting with `prefix`, in order (completion, suggestions)."""
        t = self._tables.get(table)
        if t is None:
            return []
        raw = prefix.encode("utf-8")
        out: list[str] = []
        i = self._lower_bound(t, raw)
        while i < t.n and len(out) < limit:
            key = self._key(t, i)
            if not key.startswith(raw):
                break
            out.append(key.decode("utf-8"))
            i += 1
        return out

    def iter_keys(self, table: str = "head") -> Iterator[str]:
        t = self._tables.get(table)
        if t is None:
            return
        for i in range(t.n):
            yield self._key(t, i).decode("utf-8")

    def payload(self, entry: int) -> bytes:
        offs = self._entry_offs
        return self._buf[self._entry_base + offs[entry] : self._entry_base + offs[entry + 1]]

    def blob(self, name: str) -> bytes | None:
        place = self._places.get(f"blob.{name}")
        if place is None:
            return None
        return self._buf[place[0] : place[0] + place[1]]
