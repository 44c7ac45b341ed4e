"""Yomitan (formerly Yomichan) dictionaries: a zip of `index.json` and `term_bank_N.json`.

A term bank is a JSON array of rows. Format 3: `[term, reading, definition tags, rules,
score, definitions, sequence, term tags]`, each definition a string, `{"type": "text"}`,
`{"type": "structured-content"}` (flattened to text), an image (skipped) or a deinflection
`[base form, [rules]]`. Format 1: `[term, reading, tags, rules, score, gloss, gloss, ...]`.
Kanji banks, frequency and pitch banks are not definitions and are skipped.

A zip is untrusted input: members are read only up to the sizes the zip declares and those
are capped (a zip bomb is refused before anything is decompressed), and a member that is not
a term bank of either format is an error naming it.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reader.dictionary.flatten import structured_to_text, tidy
from reader.dictionary.formats import Described, Progress, check_size, pack, unpack
from reader.dictionary.index import Index, IndexWriter
from reader.dictionary.indexed import fold
from reader.dictionary.langcodes import normalize
from reader.dictionary.model import DictEntry
from reader.errors import ReaderError

_TERM_BANK = re.compile(r"(?:.*/)?term_bank_\d+\.json")
MAX_MEMBER = 512 << 20  # one term bank, uncompressed
MAX_TOTAL = 4 << 30  # the whole dictionary, uncompressed
MAX_RATIO = 200  # JSON compresses 5-20 times; a ratio far beyond is a bomb


class Yomitan:
    kind = "yomitan"

    def files(self, path: Path) -> list[Path]:
        check_size(path)
        return [path]

    def _open(self, path: Path) -> zipfile.ZipFile:
        try:
            return zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise ReaderError(path, "not a zip file (a Yomitan dictionary is a .zip)") from None
        except OSError as exc:
            raise ReaderError(path, exc.strerror or str(exc)) from None

    def _index_json(self, path: Path, zf: zipfile.ZipFile) -> dict[str, Any]:
        names = [n for n in zf.namelist() if n.rsplit("/", 1)[-1] == "index.json"]
        if not names:
            raise ReaderError(path, "no index.json: not a Yomitan dictionary")
        data = _load_json(path, zf, zf.getinfo(names[0]))
        if not isinstance(data, dict) or not isinstance(data.get("title"), str):
            raise ReaderError(path, f"{names[0]} has no title: not a Yomitan index")
        return data

    def describe(self, path: Path) -> Described:
        with self._open(path) as zf:
            index = self._index_json(path, zf)
        return Described(
            index["title"],
            normalize(str(index.get("sourceLanguage") or "")),
            normalize(str(index.get("targetLanguage") or "")),
        )

    def build(
        self, path: Path, lang: str, writer: IndexWriter, progress: Progress | None
    ) -> dict[str, object]:
        with self._open(path) as zf:
            index = self._index_json(path, zf)
            version = index.get("format", index.get("version", 3))
            banks = sorted(
                (i for i in zf.infolist() if _TERM_BANK.fullmatch(i.filename)),
                key=lambda i: _bank_number(i.filename),
            )
            if not banks:
                raise ReaderError(path, "no term_bank_N.json: a Yomitan dictionary without terms")
            _check_sizes(path, zf.infolist())
            with_reading = lang.split("-")[0] == "ja"

            def keys() -> Iterator[tuple[bytes, int, int]]:  # taken by the writer as they come
                for done, info in enumerate(banks):
                    rows = _load_json(path, zf, info)
                    if not isinstance(rows, list):
                        raise ReaderError(path, f"{info.filename} is not a term bank (not a list)")
                    for k, row in enumerate(rows):
                        term, reading, defs, tags = _row(row, version, path, info.filename, k)
                        if not defs:
                            continue
                        n = writer.add_entry(pack(term, reading, tags, defs))
                        yield fold(term, lang).encode("utf-8"), 0, n
                        if with_reading and reading and reading != term:
                            yield fold(reading, lang).encode("utf-8"), 1, n
                    if progress:
                        progress(done + 1, len(banks))

            writer.add_keys(keys())
        if not len(writer):  # every key points to an entry added here
            raise ReaderError(path, "no entries with definitions")
        return {"title": index["title"], "revision": str(index.get("revision", ""))}

    def decoder(self, path: Path) -> Callable[[Index, int], DictEntry]:
        def decode(index: Index, entry: int) -> DictEntry:
            term, reading, tags, definitions = unpack(index.payload(entry))
            return DictEntry(headword=term, definitions=definitions, reading=reading, pos=tags)

        return decode


def _bank_number(name: str) -> int:
    digits = re.findall(r"\d+", name.rsplit("/", 1)[-1])
    return int(digits[-1]) if digits else 0


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER:
            raise ReaderError(
                path, f"{info.filename} unpacks to {info.file_size:,} bytes: refused (zip bomb?)"
            )
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReaderError(
                path,
                f"{info.filename} is compressed {info.file_size // max(info.compress_size, 1):,} "
                "times: refused (zip bomb?)",
            )
    if total > MAX_TOTAL:
        raise ReaderError(path, f"unpacks to {total:,} bytes: refused (zip bomb?)")


def _load_json(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Any:
    _check_sizes(path, [info])
    try:
        with zf.open(info) as fh:
            raw = fh.read(MAX_MEMBER + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise ReaderError(path, f"{info.filename}: damaged ({exc})") from None
    except zlib.error as exc:  # a damaged deflate stream
        raise ReaderError(path, f"{info.filename}: damaged ({type(exc).__name__})") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReaderError(path, f"{info.filename} is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ReaderError(
            path, f"{info.filename}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})"
        ) from None


def _row(row: Any, version: Any, path: Path, bank: str, k: int) -> tuple[str, str, list[str], str]:
    if not isinstance(row, list) or len(row) < 5 or not isinstance(row[0], str):
        raise ReaderError(
            path, f"{bank}: row {k + 1} is not a term (expected [term, reading, ...])"
        )
    term, reading = row[0], row[1] if isinstance(row[1], str) else ""
    tags = row[2] if isinstance(row[2], str) else ""
    if version == 1 or (len(row) >= 6 and not isinstance(row[5], list)):
        glosses = row[5:]
    else:
        glosses = row[5] if len(row) > 5 and isinstance(row[5], list) else []
    definitions: list[str] = []
    try:
        for gloss in glosses:
            text = _definition(gloss)
            if text:
                definitions.append(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ReaderError(path, f"{bank}: row {k + 1}: {exc}") from None
    return term, reading, definitions, tags


def _definition(gloss: Any) -> str:
    if isinstance(gloss, str):
        return tidy(gloss)
    if isinstance(gloss, dict):
        kind = gloss.get("type")
        if kind == "text":
            return tidy(str(gloss.get("text", "")))
        if kind == "structured-content":
            return structured_to_text(gloss.get("content", ""))
        return ""  # images
    if isinstance(gloss, list) and len(gloss) == 2 and isinstance(gloss[0], str):
        rules = (
            " ".join(r for r in gloss[1] if isinstance(r, str))
            if isinstance(gloss[1], list)
            else ""
        )
        return f"→ {gloss[0]}" + (f" ({rules})" if rules else "")
    raise ValueError("a definition is neither text nor structured content")
