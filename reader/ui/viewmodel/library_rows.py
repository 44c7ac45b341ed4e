"""What the library table shows of each document, which columns fit, and the counts behind
them. No Textual here: the screen draws these rows, the tests and benchmarks call them alone.

Columns give way in a fixed order when the terminal is narrow, so a title keeps most of the
row: a learner picks a document by its title first, by how much of it they know next, and
by when they last opened it last of all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import Location, ReaderError
from reader.marks import entry_key
from reader.model import Document

if TYPE_CHECKING:
    from reader.known import KnownWords
    from reader.marks import Marks


@dataclass(frozen=True)
class Column:
    key: str
    width: int  # cells of the widest value
    gives_way: int  # narrow terminals drop the highest first; 0 is never dropped
    label: str = ""  # the header, when shorter than the key

    @property
    def header(self) -> str:
        return self.label or self.key


COLUMNS = (
    Column("Title", 0, 0),
    Column("Languages", 7, 4, "Langs"),  # "en → zh"
    Column("Length", 12, 6),
    Column("Terms", 5, 7),
    Column("Known", 5, 1),  # share of running words known
    Column("Unknown", 7, 2),  # distinct words neither known nor in a glossary
    Column("Progress", 8, 3),
    Column("Last opened", 11, 8),
)
TITLE_MIN = 40  # a title keeps at least this many cells where the terminal has them
TITLE_MAX = 56
# DataTable pads each cell by one on either side; the table leaves room for its scrollbar.
CELL_PADDING = 2
TABLE_CHROME = 2


def fitting_columns(width: int) -> tuple[tuple[Column, ...], int]:
    """The columns shown at a terminal `width` and the title's width: columns give way,
    least important first, until the title has TITLE_MIN cells (or only it is left)."""
    shown = list(COLUMNS)

    def title_width() -> int:
        others = sum(c.width + CELL_PADDING for c in shown if c.key != "Title")
        return width - others - CELL_PADDING - TABLE_CHROME

    while title_width() < TITLE_MIN:
        droppable = [c for c in shown if c.gives_way]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.gives_way))
    return tuple(shown), max(8, min(TITLE_MAX, title_width()))


@dataclass(frozen=True)
class Counts:
    """What a worker counts per document: glossary entries found, running words known
    (glossary terms and known words) and distinct unknown words."""

    terms: int
    words: int
    covered: int
    unknown: int

    @property
    def share(self) -> float:
        return self.covered / self.words if self.words else 1.0


@dataclass(frozen=True)
class Row:
    """One line of the table: a document, or a file that did not load and why."""

    id: str
    document: Document | None
    words: int = 0
    counts: Counts | None = None
    progress: float = 0.0
    last_opened: str | None = None
    error: str | None = None  # why it did not load, as `reader check` says it
    problem: str | None = None  # the same, short enough for its row

    @property
    def languages(self) -> str:
        doc = self.document
        if doc is None:
            return ""
        return f"{doc.source_lang} → {doc.target_lang}" if doc.target_lang else doc.source_lang

    def cells(self, title: str) -> dict[str, str]:
        """Every column's text; `title` is the title (or the error) as it fits its column."""
        if self.document is None:
            return {c.key: title if c.key == "Title" else "" for c in COLUMNS}
        counts = self.counts
        return {
            "Title": title,
            "Languages": self.languages,
            "Length": f"{self.words:,} words",
            "Terms": "…" if counts is None else str(counts.terms),
            "Known": "…" if counts is None else f"{_percent(counts.share)}%",
            "Unknown": "…" if counts is None else f"{counts.unknown:,}",
            "Progress": f"{round(self.progress * 100)}%" if self.progress else "–",
            "Last opened": _ago(self.last_opened),
        }

    @property
    def title(self) -> str:
        if self.document is None:
            return f"⚠ {self.problem or self.error}"
        return self.document.title

    def matches(self, query: str) -> bool:
        words = query.casefold().split()
        text = f"{self.title} {self.id} {self.languages}".casefold()
        return all(w in text for w in words)

    def with_counts(self, counts: Counts) -> Row:
        return replace(self, counts=counts)


def broken(doc_id: str, error: ReaderError) -> Row:
    """The row of a document that does not load: its file's name (not its folder, which
    every row shares), line, column and what is wrong."""
    where = Location(Path(error.location.path).name, error.location.line, error.location.column)
    return Row(doc_id, None, error=str(error), problem=f"{where}: {error.message}")


def _percent(share: float) -> int:
    # 99.6% known is not "100%": a learner reads 100% as "nothing left to learn".
    value = round(share * 100)
    return 99 if value == 100 and share < 1 else value


def word_count(doc: Document) -> int:
    """Words of the original; Chinese counts characters, as its readers do."""
    total = 0
    for seg in doc.segments:
        text = seg.source.text
        if doc.segment_lang(seg) in ("zh", "ja"):
            total += sum(1 for ch in text if not ch.isspace() and ch.isalnum())
        else:
            total += len(text.split())
    return total


def count(doc: Document, marks: Marks, known_for: Callable[[str], KnownWords | None]) -> Counts:
    """Entries found, coverage and unknown words of one document (slow: off the UI thread)."""
    from reader.coverage import document_coverage

    keys: set[str] = set()
    for seg in doc.segments:
        keys.update(entry_key(f.entry) for f in marks.in_segment(doc, seg))
    langs = {doc.segment_lang(seg) for seg in doc.segments}
    matchers = {lang.split("-")[0].lower(): marks.matcher(lang) for lang in langs}
    ignored = [e for lang in langs for e in marks.ignored(lang)]  # covered, as in the view
    total = document_coverage(doc, known_for, ignored, matchers=matchers).total
    return Counts(len(keys), total.words, total.covered, total.unknown_count)


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "never"
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    days = (datetime.now() - then).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 30:
        return f"{days} days ago"
    return then.date().isoformat()


# --- counts kept between runs ------------------------------------------------------------

# Bumped when what a count means changes (tokenising, matching, coverage): older files are
# then ignored.
COUNTS_FORMAT = 1


class CountsCache:
    """The counts of a library's documents, kept in the cache folder between runs, keyed by
    everything they depend on: the document file's digest, the glossary files' digests and
    the known-word files' bytes. Starting the app on a library counted before fills every
    row at once; a broken or missing cache file is only a slower start."""

    def __init__(self, library_root: Path) -> None:
        import hashlib

        from reader.fsutil import cache_dir

        folder = cache_dir()
        name = hashlib.blake2b(str(library_root.resolve()).encode(), digest_size=12).hexdigest()
        self.path = None if folder is None else folder / "library-counts" / f"{name}.json"
        self._counts: dict[str, Counts] = {}
        self._changed = False

    def load(self) -> None:
        import json

        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != COUNTS_FORMAT:
                return
            self._counts = {key: Counts(*map(int, v)) for key, v in data["counts"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self._counts = {}

    def get(self, key: str) -> Counts | None:
        return self._counts.get(key)

    def put(self, key: str, counts: Counts) -> None:
        self._counts[key] = counts
        self._changed = True

    def save(self, keep: set[str]) -> None:
        """Write the counts of `keep` (the keys of this run: others are stale)."""
        import json

        from reader.fsutil import atomic_write_text, make_folder

        if self.path is None or not self._changed:
            return
        kept = {k: [c.terms, c.words, c.covered, c.unknown] for k, c in self._counts.items()}
        data = {"format": COUNTS_FORMAT, "counts": {k: v for k, v in kept.items() if k in keep}}
        try:
            make_folder(self.path.parent)
            atomic_write_text(self.path, json.dumps(data))
        except (OSError, ReaderError):
            pass  # a cache that cannot be written is only a slower next start
        self._changed = False


def fingerprint(parts: list[str]) -> str:
    import hashlib

    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()
