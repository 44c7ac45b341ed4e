"""dictd databases: `NAME.index` (headword, offset, length in dictd's base64) and
`NAME.dict` or `NAME.dict.dz` (dictzip), as Debian's `dict-freedict-*`, `dict-wn` and
`dict-gcide` install them in /usr/share/dictd and as `dictfmt` writes them.

The definition text of an entry usually starts with its headword (and, in FreeDict, the
pronunciation between slashes); that line becomes the entry's headword and reading, and
numbered senses (`1. Wrote`) become separate definitions.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.dictionary.formats import Described, Progress, check_size
from reader.dictionary.formats.data import DataFile
from reader.dictionary.index import Index, IndexWriter
from reader.dictionary.indexed import fold
from reader.dictionary.langcodes import languages_of
from reader.dictionary.model import DictEntry
from reader.errors import ReaderError

_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_SPECIAL = ("00-database", "00database")
_READING = re.compile(r"/([^/\n]{1,80})/")
_NUMBERED = re.compile(r"^\s*\d+\.\s+", re.MULTILINE)


def b64(text: str) -> int:
    n = 0
    for c in text:
        n = n * 64 + _B64[c]
    return n


def _stem(path: Path) -> tuple[Path, str]:
    name = path.name
    for suffix in (".index", ".dict.dz", ".dict"):
        if name.endswith(suffix):
            return path.parent, name[: -len(suffix)]
    if path.is_dir():
        found = sorted(path.glob("*.index"))
        if found:
            return path, found[0].name[: -len(".index")]
    return path.parent, name


def paths(path: Path) -> tuple[Path, Path]:
    """(index file, data file) of the database `path` names (either file, or its folder)."""
    folder, stem = _stem(path)
    index = folder / f"{stem}.index"
    if not index.is_file():
        raise ReaderError(index, "no such file: a dictd database needs its .index")
    for data in (folder / f"{stem}.dict.dz", folder / f"{stem}.dict"):
        if data.is_file():
            return index, data
    raise ReaderError(folder / f"{stem}.dict.dz", "no such file: the .index has no .dict(.dz)")


def _split(line: str, path: Path, number: int) -> tuple[str, int, int] | None:
    parts = line.split("\t")
    if len(parts) < 3:
        if not line.strip():
            return None
        raise ReaderError(path, "not a dictd index line (headword TAB offset TAB length)", number)
    try:
        return parts[0], b64(parts[1]), b64(parts[2])
    except KeyError:
        raise ReaderError(path, "offset or length is not dictd base64", number) from None


class Dictd:
    kind = "dictd"

    def files(self, path: Path) -> list[Path]:
        return list(paths(path))

    def _special(self, path: Path, name: str) -> str | None:
        index, data = paths(path)
        raw, encoding = self._index_text(index)
        for line in raw.splitlines():
            if line.startswith(name) and line.split("\t", 1)[0].replace("-", "") == name.replace(
                "-", ""
            ):
                found = _split(line, index, 0)
                if found:
                    text = DataFile(data).read(found[1], found[2]).decode(encoding, "replace")
                    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
                    if lines and lines[0].replace("-", "") == name.replace("-", ""):
                        lines = lines[1:]
                    return lines[0] if lines else None
        return None

    def _index_text(self, index: Path) -> tuple[str, str]:
        """The index's text and its encoding: UTF-8, or Latin-1 for old databases that do
        not declare UTF-8 (dictfmt writes `00-database-utf8` when they are)."""
        check_size(index)
        raw = index.read_bytes()
        if b"\0" in raw:
            raise ReaderError(index, "binary file, not a dictd index")
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if b"00databaseutf8" in raw or b"00-database-utf8" in raw:
                line = raw[: exc.start].count(b"\n") + 1
                raise ReaderError(index, "declares UTF-8 but is not UTF-8 text", line) from None
            return raw.decode("latin-1"), "latin-1"

    def describe(self, path: Path) -> Described:
        stem = _stem(path)[1]
        name = self._special(path, "00-database-short") or stem
        return Described(name, *(languages_of(stem) or ("", "")))

    def build(
        self, path: Path, lang: str, writer: IndexWriter, progress: Progress | None
    ) -> dict[str, object]:
        index, data_path = paths(path)
        text, encoding = self._index_text(index)
        data = DataFile(data_path)
        size = data.size()
        lines = text.splitlines()

        def keys() -> Iterator[tuple[bytes, int, int]]:  # taken by the writer as they come
            for number, line in enumerate(lines, 1):
                found = _split(line, index, number)
                if found is None:
                    continue
                head, offset, length = found
                head = head.strip()
                if not head or head.startswith(_SPECIAL):
                    continue
                if offset + length > size:
                    raise ReaderError(
                        index,
                        f"entry {head!r} points past the end of {data_path.name} "
                        f"({offset + length:,} > {size:,} bytes)",
                        number,
                    )
                n = writer.add_entry(f"{offset}\t{length}\t{head}".encode())
                yield fold(head, lang).encode("utf-8"), 0, n
                if progress and number % 20_000 == 0:
                    progress(number, len(lines))

        writer.add_keys(keys())
        if not len(writer):  # every key points to an entry added here
            raise ReaderError(index, "no entries")
        return {"encoding": encoding}

    def decoder(self, path: Path) -> Callable[[Index, int], DictEntry]:
        data = DataFile(paths(path)[1])

        def decode(index: Index, entry: int) -> DictEntry:
            offset, length, head = index.payload(entry).decode("utf-8").split("\t", 2)
            raw = data.read(int(offset), int(length))
            return parse_definition(
                head, raw.decode(index.meta.get("encoding", "utf-8"), "replace")
            )

        return decode


def parse_definition(head: str, text: str) -> DictEntry:
    """A dictd definition as an entry: its first line (headword, /reading/) and its senses."""
    lines = text.strip("\n").splitlines()
    reading = ""
    shown = head
    if lines:
        first = lines[0].strip()
        if fold(head, "en") in fold(first, "en"):
            m = _READING.search(first)
            if m:
                reading = f"/{m.group(1)}/"
                first = (first[: m.start()] + first[m.end() :]).strip()
            shown = first or head
            lines = lines[1:]
    body = textwrap.dedent("\n".join(lines)).strip()
    if _NUMBERED.match(body):
        senses = tuple(s.strip() for s in _NUMBERED.split(body) if s.strip())
    else:
        senses = (body,) if body else ()
    return DictEntry(headword=shown, definitions=senses, reading=reading)
