"""How much of a text the learner knows: per document and per paragraph.

A running word is *covered* when it is a known word (`reader.known`, compared through its
lemmas as glossary terms are) or lies inside a glossary match (`reader.matching`, so
multi-word terms and inflections count). Coverage is the share of running words covered;
the unknown words are the distinct uncovered ones, most frequent first. Numbers and
punctuation are not words. Chinese and Japanese are segmented into words first (jieba).

The whole document is tokenised in one pass (numpy) and each distinct spelling analysed
once, so a 200,000-word book costs a fraction of a second.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.model import UNSPACED_LANGS, Document, Entry

if TYPE_CHECKING:
    from reader.known import KnownWords


@dataclass(frozen=True)
class Coverage:
    """Running words, how many are covered, and the distinct uncovered ones."""

    words: int
    covered: int
    unknown: tuple[str, ...] = ()  # distinct uncovered words, most frequent first

    @property
    def share(self) -> float:
        return self.covered / self.words if self.words else 1.0

    @property
    def unknown_count(self) -> int:
        return len(self.unknown)


@dataclass(frozen=True)
class DocumentCoverage:
    total: Coverage
    segments: tuple[Coverage, ...]  # one per segment of the document, in order


@dataclass(frozen=True)
class Word:
    """One running word: where it is and whether it is covered."""

    start: int
    end: int
    key: str  # folded spelling, the form "mark known" saves
    covered: bool


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def words_of(
    texts: Sequence[str],
    lang: str,
    known: KnownWords | None,
    entries: Iterable[Entry] = (),
    matcher: Any = None,
) -> list[list[Word]]:
    """The running words of each text, each marked covered or not."""
    code = _base(lang)
    joined, offsets = _join(texts)
    if code in UNSPACED_LANGS:
        starts, ends, keys = _segmented(joined, offsets, code)
    else:
        starts, ends, keys = _tokens(joined, code)
    glossed = _glossary_mask(joined, starts, entries, code, matcher)
    is_known = _known_lookup(keys, code, known)
    out: list[list[Word]] = [[] for _ in texts]
    seg = 0
    for s, e, k, g in zip(starts, ends, keys, glossed):
        while seg + 1 < len(offsets) and s >= offsets[seg + 1]:
            seg += 1
        base = offsets[seg]
        out[seg].append(Word(s - base, e - base, k, bool(g) or is_known(k)))
    return out


def document_coverage(
    document: Document,
    known_for: Callable[[str], KnownWords | None],
    entries: Iterable[Entry] = (),
    matchers: dict[str, Any] | None = None,
) -> DocumentCoverage:
    """Coverage of the original side of every segment, each in its own language."""
    entries = list(entries)
    by_lang: dict[str, list[int]] = {}
    for i, seg in enumerate(document.segments):
        by_lang.setdefault(_base(document.segment_lang(seg)), []).append(i)
    per: list[Coverage] = [Coverage(0, 0)] * len(document.segments)
    counts: Counter[str] = Counter()
    total_words = total_covered = 0
    for lang, indices in by_lang.items():
        texts = [document.segments[i].source.text for i in indices]
        matcher = (matchers or {}).get(lang)
        found = words_of(texts, lang, known_for(lang), entries, matcher)
        for i, words in zip(indices, found):
            missing = Counter(w.key for w in words if not w.covered)
            covered = sum(1 for w in words if w.covered)
            per[i] = Coverage(len(words), covered, tuple(k for k, _n in missing.most_common()))
            counts.update(missing)
            total_words += len(words)
            total_covered += covered
    total = Coverage(total_words, total_covered, tuple(k for k, _n in counts.most_common()))
    return DocumentCoverage(total, tuple(per))


def text_coverage(
    text: str,
    lang: str,
    known: KnownWords | None,
    entries: Iterable[Entry] = (),
    matcher: Any = None,
) -> Coverage:
    """Coverage of one paragraph (the status bar's figure)."""
    words = words_of([text], lang, known, entries, matcher)[0]
    missing = Counter(w.key for w in words if not w.covered)
    return Coverage(
        len(words), sum(1 for w in words if w.covered), tuple(k for k, _n in missing.most_common())
    )


def unknown_words(
    text: str,
    lang: str,
    known: KnownWords | None,
    entries: Iterable[Entry] = (),
    matcher: Any = None,
) -> list[str]:
    """The distinct uncovered words of a paragraph, in order: what "mark every unknown word
    of the paragraph known" saves."""
    words = words_of([text], lang, known, entries, matcher)[0]
    return list(dict.fromkeys(w.key for w in words if not w.covered))


# --- internals ---------------------------------------------------------------------------


def _join(texts: Sequence[str]) -> tuple[str, list[int]]:
    offsets = []
    pos = 0
    for t in texts:
        offsets.append(pos)
        pos += len(t) + 2
    return "\n\n".join(texts), offsets


def _tokens(text: str, code: str) -> tuple[list[int], list[int], list[str]]:
    from reader.matching import normalize_term, tokenize

    tokens, starts, ends = tokenize(text)
    keep = []
    folded: dict[str, str | None] = {}
    for i, t in enumerate(tokens):
        key = folded.get(t, "")
        if key == "":
            # A word has a letter: numbers (2025, 3,5) are not words to know.
            key = folded[t] = normalize_term(t, code) if any(c.isalpha() for c in t) else None
        if key:
            keep.append(i)
    return (
        [starts[i] for i in keep],
        [ends[i] for i in keep],
        [folded[tokens[i]] or "" for i in keep],
    )


def _segmented(text: str, offsets: list[int], code: str) -> tuple[list[int], list[int], list[str]]:
    from reader.dictionary.chinese import segment

    starts: list[int] = []
    ends: list[int] = []
    keys: list[str] = []
    pos = 0
    for word in segment(text) if code == "zh" else list(text):
        if any(c.isalpha() for c in word):
            starts.append(pos)
            ends.append(pos + len(word))
            keys.append(word.casefold())
        pos += len(word)
    return starts, ends, keys


def _glossary_mask(
    text: str, starts: list[int], entries: Iterable[Entry], code: str, matcher: Any
) -> list[bool]:
    if matcher is None:
        mine = [e for e in entries if _base(e.lang) == code]
        if not mine:
            return [False] * len(starts)
        from reader.matching import Matcher

        matcher = Matcher(mine, code)
    import numpy as np

    s, e, _entry = matcher.find_spans(text)
    if len(s) == 0:
        return [False] * len(starts)
    depth = np.zeros(len(text) + 1, dtype=np.int32)
    np.add.at(depth, s, 1)
    np.add.at(depth, e, -1)
    inside = np.cumsum(depth) > 0
    return inside[np.asarray(starts, dtype=np.int64)].tolist() if starts else []


def _known_lookup(keys: list[str], code: str, known: KnownWords | None) -> Callable[[str], bool]:
    if known is None or not len(known):
        return lambda _k: False
    atoms = known.atoms
    distinct = list(dict.fromkeys(keys))
    if code == "en":
        from reader.lemmas import english_words, split_clitics

        bases = [split_clitics(k)[0] for k in distinct]
        found = {k: bool(text & atoms) for k, (_t, text) in zip(distinct, english_words(bases))}
    elif code in UNSPACED_LANGS:
        found = {k: k in atoms for k in distinct}
    else:
        from reader.lemmas import text_atoms

        found = {k: bool(text_atoms(k, code) & atoms) for k in distinct}
    return found.__getitem__
