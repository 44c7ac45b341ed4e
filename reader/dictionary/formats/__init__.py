"""Dictionary file formats: each reads its files into the shared index once.

A format knows which files make up one dictionary, what its files say about it (name,
languages), how to index it (`build`) and how to turn an indexed entry back into a
`DictEntry` (`decoder`). `detect` picks the format from what the learner points at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.dictionary.index import Index, IndexWriter
from reader.dictionary.model import DictEntry
from reader.errors import ReaderError

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Described:
    """What a dictionary's own files say about it; languages are "" when they do not."""

    name: str
    from_lang: str = ""
    to_lang: str = ""


class Format(Protocol):
    kind: str

    def files(self, path: Path) -> list[Path]:
        """Every file of the dictionary `path` names (the main file first); ReaderError when
        one it needs is missing."""
        ...

    def describe(self, path: Path) -> Described: ...

    def build(
        self, path: Path, lang: str, writer: IndexWriter, progress: Progress | None
    ) -> dict[str, object]:
        """Index the dictionary, folding headwords as language `lang` folds words; returns
        metadata to keep in the index (what `decoder` needs to read entries back)."""
        ...

    def decoder(self, path: Path) -> Callable[[Index, int], DictEntry]: ...


_FIELD, _ITEM = "\x1f", "\x1e"
_CONTROLS = str.maketrans({_FIELD: " ", _ITEM: " "})


def pack(head: str, reading: str, pos: str, definitions: list[str]) -> bytes:
    """An entry copied into the index: its fields joined by control characters (several
    times faster to write and read than JSON for 200,000 entries)."""
    parts = [head, reading, pos, _ITEM.join(definitions)]
    text = _FIELD.join(
        p.translate(_CONTROLS) if _FIELD in p or (_ITEM in p) else p for p in parts[:3]
    )
    return (text + _FIELD + parts[3]).encode("utf-8")


def unpack(raw: bytes) -> tuple[str, str, str, tuple[str, ...]]:
    head, reading, pos, definitions = raw.decode("utf-8").split(_FIELD, 3)
    return head, reading, pos, tuple(definitions.split(_ITEM)) if definitions else ()


# kind -> (module, class): a format's module is imported only when it is used.
_KINDS = {
    "stardict": ("stardict", "StarDict"),
    "dictd": ("dictd", "Dictd"),
    "yomitan": ("yomitan", "Yomitan"),
    "ecdict": ("tabular", "Ecdict"),
    "tsv": ("tabular", "Tsv"),
}


def format_of(kind: str) -> Format:
    from importlib import import_module

    if kind not in _KINDS:
        raise KeyError(kind)
    module, name = _KINDS[kind]
    found: Format = getattr(import_module(f"reader.dictionary.formats.{module}"), name)()
    return found


def formats() -> dict[str, Format]:
    return {kind: format_of(kind) for kind in _KINDS}


def detect(path: Path) -> Format:
    """The format of a dictionary file, by its name and, where names are ambiguous, its
    first bytes."""
    known = formats()
    name = path.name.lower()
    if path.is_dir():
        ifo = sorted(path.glob("*.ifo"))
        if ifo:
            return known["stardict"]
        if sorted(path.glob("*.index")):
            return known["dictd"]
        raise ReaderError(path, "no .ifo (StarDict) or .index (dictd) file in this folder")
    if name.endswith((".ifo", ".idx", ".syn", ".idx.gz", ".syn.dz")):
        return known["stardict"]
    if name.endswith(".index") or (name.endswith((".dict", ".dict.dz")) and _has_dictd_index(path)):
        return known["dictd"]
    if name.endswith((".dict", ".dict.dz")):
        return known["stardict"]
    if name.endswith(".zip"):
        return known["yomitan"]
    if name.endswith(".csv"):
        return known["ecdict"]
    if name.endswith((".tsv", ".tab", ".txt")):
        return known["tsv"]
    raise ReaderError(
        path,
        "unknown dictionary format; reader reads StarDict (.ifo), dictd (.index), "
        "Yomitan (.zip), ECDICT (.csv) and term<TAB>gloss (.tsv)",
    )


def _has_dictd_index(path: Path) -> bool:
    stem = path.name.removesuffix(".dz").removesuffix(".dict")
    return (path.parent / f"{stem}.index").is_file()


def check_size(path: Path, limit: int = 4 << 30) -> int:
    """The file's size; a file larger than any dictionary is refused rather than read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReaderError(path, "no such file") from None
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from None
    if not path.is_file():
        raise ReaderError(path, "not a regular file")
    if size > limit:
        raise ReaderError(path, f"{size:,} bytes is larger than any dictionary reader accepts")
    return size
