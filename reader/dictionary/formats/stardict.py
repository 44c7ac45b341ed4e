"""StarDict: `NAME.ifo` (metadata), `NAME.idx` (sorted headwords with offset and size in
the data), `NAME.dict` or `NAME.dict.dz` (dictzip), and optionally `NAME.syn` (synonyms ->
entry numbers), as `stardict-text2bin`, `tabfile` and PyGlossary write them.

An entry's data is a sequence of typed fields (`sametypesequence` in the .ifo, else a type
byte before each): text (`m`), phonetics (`t`), HTML (`h`), Pango markup (`g`), XDXF (`x`)
and others. Text fields become definitions (markup flattened), `t` the reading; sounds,
pictures and resource lists are skipped.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.dictionary.flatten import html_to_text, tidy
from reader.dictionary.formats import Described, Progress, check_size
from reader.dictionary.formats.data import DataFile
from reader.dictionary.index import Index, IndexWriter
from reader.dictionary.indexed import fold
from reader.dictionary.langcodes import normalize, pair_from_name
from reader.dictionary.model import DictEntry
from reader.errors import ReaderError

_TEXT = "mly"
_MARKUP = "ghxkw"
_MAX_IDX = 1 << 30


def _stem(path: Path) -> tuple[Path, str]:
    if path.is_dir():
        found = sorted(path.glob("*.ifo"))
        if not found:
            raise ReaderError(path, "no .ifo file in this folder")
        path = found[0]
    name = path.name
    for suffix in (".ifo", ".idx.gz", ".idx", ".dict.dz", ".dict", ".syn.dz", ".syn"):
        if name.endswith(suffix):
            return path.parent, name[: -len(suffix)]
    return path.parent, path.stem


def _first(folder: Path, stem: str, suffixes: tuple[str, ...]) -> Path | None:
    for suffix in suffixes:
        p = folder / f"{stem}{suffix}"
        if p.is_file():
            return p
    return None


def read_ifo(path: Path) -> dict[str, str]:
    check_size(path, 1 << 20)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        number = raw[: exc.start].count(b"\n") + 1
        raise ReaderError(path, "not UTF-8 text", number) from None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "StarDict's dict ifo file":
        raise ReaderError(
            path, 'not a StarDict .ifo (its first line is "StarDict\'s dict ifo file")', 1
        )
    info: dict[str, str] = {}
    for line in lines[1:]:
        key, sep, value = line.partition("=")
        if sep:
            info[key.strip()] = value.strip()
    return info


class StarDict:
    kind = "stardict"

    def files(self, path: Path) -> list[Path]:
        folder, stem = _stem(path)
        ifo = folder / f"{stem}.ifo"
        if not ifo.is_file():
            raise ReaderError(ifo, "no such file: a StarDict dictionary needs its .ifo")
        idx = _first(folder, stem, (".idx", ".idx.gz"))
        if idx is None:
            raise ReaderError(folder / f"{stem}.idx", "no such file: the .ifo has no .idx")
        data = _first(folder, stem, (".dict.dz", ".dict"))
        if data is None:
            raise ReaderError(
                folder / f"{stem}.dict.dz", "no such file: the .ifo has no .dict(.dz)"
            )
        syn = _first(folder, stem, (".syn", ".syn.dz"))
        return [ifo, idx, data, *([syn] if syn else [])]

    def describe(self, path: Path) -> Described:
        ifo = self.files(path)[0]
        info = read_ifo(ifo)
        name = info.get("bookname") or ifo.stem
        # StarDict has no language field; some writers add `lang=de-en`, FreeDict names
        # its files deu-eng.
        lang = info.get("lang", "")
        if "-" in lang and len(lang) <= 11:
            a, _, b = lang.partition("-")
            return Described(name, normalize(a), normalize(b))
        pair = pair_from_name(ifo.stem) or pair_from_name(name)
        return Described(name, *(pair or ("", "")))

    def build(
        self, path: Path, lang: str, writer: IndexWriter, progress: Progress | None
    ) -> dict[str, object]:
        files = self.files(path)
        ifo, idx_path, data_path = files[:3]
        syn_path = files[3] if len(files) > 3 else None
        info = read_ifo(ifo)
        version = info.get("version", "")
        if version not in ("2.4.2", "3.0.0"):
            raise ReaderError(ifo, f"unknown StarDict version {version!r} (2.4.2 or 3.0.0)")
        offset_size = 8 if info.get("idxoffsetbits") == "64" else 4
        idx = self._read_idx(idx_path, info)
        data = DataFile(data_path)
        size = data.size()
        count = int(info.get("wordcount", "0") or 0)
        entries = _parse_idx(idx, idx_path, offset_size, size, data_path.name)
        if count and count != len(entries):
            raise ReaderError(
                idx_path, f"holds {len(entries):,} entries, the .ifo says wordcount={count:,}"
            )

        def keys() -> Iterator[tuple[bytes, int, int]]:  # taken by the writer as they come
            for number, (head, offset, length) in enumerate(entries):
                n = writer.add_entry(f"{offset}\t{length}\t{head}".encode())
                yield fold(head, lang).encode("utf-8"), 0, n
                if progress and number % 50_000 == 0:
                    progress(number, len(entries))
            if syn_path is not None:
                for word, target in _parse_syn(syn_path, len(entries)):
                    yield fold(word, lang).encode("utf-8"), 1, target

        writer.add_keys(keys())
        if not len(writer):  # every key points to an entry added here
            raise ReaderError(idx_path, "no entries")
        return {"types": info.get("sametypesequence", "")}

    def _read_idx(self, path: Path, info: dict[str, str]) -> bytes:
        raw = _read_maybe_gzip(path)
        declared = info.get("idxfilesize")
        if declared and declared.isdigit() and int(declared) != len(raw):
            raise ReaderError(
                path,
                f"{len(raw):,} bytes, the .ifo says idxfilesize={int(declared):,} (truncated?)",
            )
        return raw

    def decoder(self, path: Path) -> Callable[[Index, int], DictEntry]:
        data = DataFile(self.files(path)[2])

        def decode(index: Index, entry: int) -> DictEntry:
            offset, length, head = index.payload(entry).decode("utf-8").split("\t", 2)
            raw = data.read(int(offset), int(length))
            return _entry(head, raw, str(index.meta.get("types", "")))

        return decode


def _read_maybe_gzip(path: Path) -> bytes:
    """A .idx or .syn file, gunzipped when it is .gz or .dz (PyGlossary writes .syn.dz);
    a file decompressing beyond any real index is refused."""
    check_size(path)
    if not path.name.endswith((".gz", ".dz")):
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read(_MAX_IDX + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ReaderError(path, f"damaged gzip ({exc})") from None
    if len(raw) > _MAX_IDX:
        raise ReaderError(path, "decompresses to more than any StarDict index holds")
    return raw


def _parse_idx(
    raw: bytes, path: Path, offset_size: int, data_size: int, data_name: str
) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    unpack = struct.Struct(">QI" if offset_size == 8 else ">II").unpack_from
    step = offset_size + 4
    pos, end = 0, len(raw)
    find = raw.find
    while pos < end:
        nul = find(b"\0", pos)
        if nul < 0 or nul + step > end:
            raise ReaderError(path, f"truncated at byte {pos:,} (entry {len(out) + 1:,})")
        try:
            head = raw[pos:nul].decode("utf-8")
        except UnicodeDecodeError:
            raise ReaderError(path, f"headword at byte {pos:,} is not UTF-8") from None
        offset, length = unpack(raw, nul + 1)
        if offset + length > data_size:
            raise ReaderError(
                path,
                f"entry {head!r} points past the end of {data_name} "
                f"({offset + length:,} > {data_size:,} bytes)",
            )
        out.append((head, offset, length))
        pos = nul + 1 + step
    return out


def _parse_syn(path: Path, entries: int) -> list[tuple[str, int]]:
    raw = _read_maybe_gzip(path)
    out: list[tuple[str, int]] = []
    pos, end = 0, len(raw)
    while pos < end:
        nul = raw.find(b"\0", pos)
        if nul < 0 or nul + 5 > end:
            raise ReaderError(path, f"truncated at byte {pos:,}")
        try:
            word = raw[pos:nul].decode("utf-8")
        except UnicodeDecodeError:
            raise ReaderError(path, f"synonym at byte {pos:,} is not UTF-8") from None
        (target,) = struct.unpack_from(">I", raw, nul + 1)
        if target >= entries:
            raise ReaderError(path, f"synonym {word!r} points to entry {target:,} of {entries:,}")
        out.append((word, target))
        pos = nul + 5
    return out


def _fields(raw: bytes, types: str) -> list[tuple[str, bytes]]:
    """(type, data) of each field of an entry's data: with `sametypesequence` the types are
    given and the last field runs to the end of the data; otherwise each field starts with
    its type."""
    out: list[tuple[str, bytes]] = []
    pos = 0
    if types:
        for i, t in enumerate(types):
            if i == len(types) - 1:
                out.append((t, raw[pos:]))
                break
            data, pos = _field(t, raw, pos) or (b"", pos + 4)
            out.append((t, data))
        return out
    while pos < len(raw):
        t = chr(raw[pos])
        found = _field(t, raw, pos + 1)
        if found is None:
            break
        data, pos = found
        out.append((t, data))
    return out


def _field(t: str, raw: bytes, pos: int) -> tuple[bytes, int] | None:
    """The data of a field of type `t` starting at `pos`, and where the next one starts: a
    lower-case type is text up to a NUL (or the end), an upper-case one is preceded by its
    size in four bytes; None when those four bytes are cut off."""
    if t.islower():
        nul = raw.find(b"\0", pos)
        nul = len(raw) if nul < 0 else nul
        return raw[pos:nul], nul + 1
    if pos + 4 > len(raw):
        return None
    (n,) = struct.unpack_from(">I", raw, pos)
    return raw[pos + 4 : pos + 4 + n], pos + 4 + n


def _entry(head: str, raw: bytes, types: str) -> DictEntry:
    definitions: list[str] = []
    reading = ""
    for t, data in _fields(raw, types):
        if t in _TEXT or t in _MARKUP or t == "t":
            text = data.decode("utf-8", "replace")
            if t == "t":
                reading = tidy(text)
                continue
            text = html_to_text(text) if t in _MARKUP else tidy(text)
            if text:
                definitions.append(text)
    return DictEntry(headword=head, definitions=tuple(definitions), reading=reading)
