"""Dictionaries as text tables: ECDICT's CSV and plain `term<TAB>gloss` lists.

ECDICT (https://github.com/skywind3000/ECDICT, MIT) is the standard English -> Chinese
dictionary: a CSV whose first line names the columns `word,phonetic,definition,translation,
pos,collins,oxford,tag,bnc,frq,exchange,detail,audio`; line breaks inside a field are
written `\\n`. The Chinese `translation` comes first in an entry, the English `definition`
after it. A TSV holds one entry per line, the term, a tab, and its gloss (more tabs: more
glosses); lines starting with `#` are comments.

Both are copied into the index whole (there is no binary data to point into), UTF-8 only;
a line that cannot be read is an error naming the file and the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.dictionary.formats import Described, Progress, check_size, pack, unpack
from reader.dictionary.index import Index, IndexWriter
from reader.dictionary.indexed import fold
from reader.dictionary.model import DictEntry
from reader.errors import ReaderError


def _text(path: Path) -> str:
    check_size(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise ReaderError(path, "empty file")
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ReaderError(path, "binary file, not a text dictionary", line)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ReaderError(path, "not UTF-8 text; save the file as UTF-8", line, column) from None


def _decode(index: Index, entry: int) -> DictEntry:
    head, reading, _pos, definitions = unpack(index.payload(entry))
    return DictEntry(headword=head, definitions=definitions, reading=reading)


class _Table:
    """What both tables share: one file, entries copied into the index."""

    kind = ""

    def files(self, path: Path) -> list[Path]:
        check_size(path)
        return [path]

    def decoder(self, path: Path) -> Callable[[Index, int], DictEntry]:
        return _decode

    def entries(self, path: Path) -> Iterator[tuple[int, str, str, list[str]]]:
        """(line, headword, reading, definitions) of each entry."""
        raise NotImplementedError

    def build(
        self, path: Path, lang: str, writer: IndexWriter, progress: Progress | None
    ) -> dict[str, object]:
        def keys() -> Iterator[tuple[bytes, int, int]]:  # taken by the writer as they come
            for number, head, reading, definitions in self.entries(path):
                n = writer.add_entry(pack(head, reading, "", definitions))
                yield fold(head, lang).encode("utf-8"), 0, n
                if progress and number % 100_000 == 0:
                    progress(number, 0)

        writer.add_keys(keys())
        if not len(writer):  # every key points to an entry added here
            raise ReaderError(path, "no entries")
        return {}


class Ecdict(_Table):
    kind = "ecdict"

    def describe(self, path: Path) -> Described:
        return Described(path.stem if path.stem.lower() != "ecdict" else "ECDICT", "en", "zh")

    def _rows(self, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
        text = _text(path)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip().lower() for h in next(reader)]
        except (StopIteration, csv.Error):
            raise ReaderError(path, "not a CSV file", 1) from None
        if "word" not in header or not {"translation", "definition"} & set(header):
            raise ReaderError(
                path,
                "not an ECDICT CSV: its first line should name the columns "
                "word,phonetic,definition,translation,…",
                1,
            )
        try:
            for row in reader:
                if row:
                    yield reader.line_num, dict(zip(header, row))
        except csv.Error as exc:
            raise ReaderError(path, f"not valid CSV ({exc})", reader.line_num) from None

    def entries(self, path: Path) -> Iterator[tuple[int, str, str, list[str]]]:
        for number, row in self._rows(path):
            word = (row.get("word") or "").strip()
            definitions = [
                line.strip()
                for field in ("translation", "definition")
                for line in (row.get(field) or "").replace("\\r", "").split("\\n")
                if line.strip()
            ]
            if word and definitions:
                phonetic = (row.get("phonetic") or "").strip()
                yield number, word, f"/{phonetic}/" if phonetic else "", definitions


class Tsv(_Table):
    kind = "tsv"

    def describe(self, path: Path) -> Described:
        return Described(path.stem)

    def entries(self, path: Path) -> Iterator[tuple[int, str, str, list[str]]]:
        for number, line in enumerate(_text(path).splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            term, tab, rest = line.partition("\t")
            glosses = [g.strip() for g in rest.split("\t") if g.strip()]
            if not tab or not term.strip() or not glosses:
                raise ReaderError(path, "expected term<TAB>gloss", number)
            yield number, term.strip(), "", glosses
