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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader.model import UNSPACED_LANGS, Document, Entry

if TYPE_CHECKING:
    from reader.known import KnownWords


@dataclass(frozen=True)
class Coverage:
    """Running words, how many are covered, and the distinct uncovered ones."""

    words: int
    covered: int
    unknown_count: int = 0  # distinct uncovered words
    unknown: tuple[str, ...] = ()  # them, most frequent first (per paragraph: only the count)

    @property
    def share(self) -> float:
        return self.covered / self.words if self.words else 1.0


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


class _Analysis:
    """The running words of some texts as arrays: where each is, which text, its folded
    spelling (as a number into `keys`) and whether it is covered."""

    def __init__(
        self,
        texts: Sequence[str],
        lang: str,
        known: KnownWords | None,
        entries: Iterable[Entry],
        matcher: Any,
    ) -> None:
        import numpy as np

        code = _base(lang)
        joined, offsets = _join(texts)
        if code in UNSPACED_LANGS:
            surfaces, starts, ends = _segmented(joined, code)
        else:
            from reader.matching import tokenize

            surfaces, starts, ends = tokenize(joined)
        # Each distinct spelling is folded and judged once; tokens carry numbers.
        spelling: dict[str, int] = {}
        ids = np.fromiter(
            (spelling.setdefault(t, len(spelling)) for t in surfaces), np.int64, len(surfaces)
        )
        folded = _fold_all(list(spelling), code)
        keys: dict[str, int] = {}
        key_of = np.array([keys.setdefault(k, len(keys)) if k else -1 for k in folded] or [0])
        token_key = key_of[ids] if len(ids) else np.zeros(0, np.int64)
        is_word = token_key >= 0
        self.keys = list(keys)
        known_key = np.array(_known_flags(self.keys, code, known) or [False], dtype=bool)
        self.starts = np.asarray(starts, np.int64)[is_word]
        self.ends = np.asarray(ends, np.int64)[is_word]
        self.key = token_key[is_word]
        glossed = _glossary_mask(joined, self.starts, entries, code, matcher)
        self.covered = known_key[self.key] | glossed if len(self.key) else np.zeros(0, bool)
        self.offsets = np.asarray(offsets, np.int64)
        self.text = np.searchsorted(self.offsets, self.starts, side="right") - 1

    def words(self, i: int) -> list[Word]:
        base = int(self.offsets[i])
        mine = self.text == i
        return [
            Word(s - base, e - base, self.keys[k], c)
            for s, e, k, c in zip(
                self.starts[mine].tolist(),
                self.ends[mine].tolist(),
                self.key[mine].tolist(),
                self.covered[mine].tolist(),
            )
        ]

    def unknown(self, mask: Any = None) -> tuple[str, ...]:
        """Distinct uncovered words (of the tokens in `mask`), most frequent first."""
        import numpy as np

        pick = ~self.covered if mask is None else (~self.covered & mask)
        counts = np.bincount(self.key[pick], minlength=len(self.keys))
        order = np.argsort(-counts, kind="stable")
        return tuple(self.keys[k] for k in order[: int((counts > 0).sum())].tolist())


def words_of(
    texts: Sequence[str],
    lang: str,
    known: KnownWords | None,
    entries: Iterable[Entry] = (),
    matcher: Any = None,
) -> list[list[Word]]:
    """The running words of each text, each marked covered or not."""
    analysis = _Analysis(texts, lang, known, entries, matcher)
    return [analysis.words(i) for i in range(len(texts))]


def document_coverage(
    document: Document,
    known_for: Callable[[str], KnownWords | None],
    entries: Iterable[Entry] = (),
    matchers: dict[str, Any] | None = None,
) -> DocumentCoverage:
    """Coverage of the original side of every segment, each in its own language."""
    import numpy as np

    entries = list(entries)
    by_lang: dict[str, list[int]] = {}
    for i, seg in enumerate(document.segments):
        by_lang.setdefault(_base(document.segment_lang(seg)), []).append(i)
    per: list[Coverage] = [Coverage(0, 0)] * len(document.segments)
    counts: Counter[str] = Counter()
    total_words = total_covered = 0
    for lang, indices in by_lang.items():
        texts = [document.segments[i].source.text for i in indices]
        a = _Analysis(texts, lang, known_for(lang), entries, (matchers or {}).get(lang))
        n = len(texts)
        words = np.bincount(a.text, minlength=n)
        covered = np.bincount(a.text[a.covered], minlength=n)
        missing = ~a.covered
        pairs = np.unique(a.text[missing] * max(len(a.keys), 1) + a.key[missing])
        distinct = np.bincount(pairs // max(len(a.keys), 1), minlength=n)
        for i, w, c, d in zip(indices, words.tolist(), covered.tolist(), distinct.tolist()):
            per[i] = Coverage(w, c, d)
        freq = np.bincount(a.key[missing], minlength=len(a.keys))
        counts.update({a.keys[k]: int(freq[k]) for k in np.flatnonzero(freq).tolist()})
        total_words += len(a.key)
        total_covered += int(a.covered.sum())
    unknown = tuple(k for k, _n in counts.most_common())
    total = Coverage(total_words, total_covered, len(unknown), unknown)
    return DocumentCoverage(total, tuple(per))


def text_coverage(
    text: str,
    lang: str,
    known: KnownWords | None,
    entries: Iterable[Entry] = (),
    matcher: Any = None,
) -> Coverage:
    """Coverage of one paragraph (the status bar's figure), with its unknown words."""
    a = _Analysis([text], lang, known, entries, matcher)
    unknown = a.unknown()
    return Coverage(len(a.key), int(a.covered.sum()), len(unknown), unknown)


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


def _fold_all(spellings: list[str], code: str) -> list[str]:
    """Each spelling folded as glossary terms are; "" for one that is not a word (a number:
    2025 and 3,5 are not words to know)."""
    from reader.dictionary.indexed import fold

    return [fold(t, code) if any(c.isalpha() for c in t) else "" for t in spellings]


def _segmented(text: str, code: str) -> tuple[list[str], list[int], list[int]]:
    from reader.dictionary.chinese import segment

    surfaces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for word in segment(text) if code == "zh" else list(text):
        if word.strip():
            surfaces.append(word)
            starts.append(pos)
            ends.append(pos + len(word))
        pos += len(word)
    return surfaces, starts, ends


def _glossary_mask(
    text: str, starts: Any, entries: Iterable[Entry], code: str, matcher: Any
) -> Any:
    """Which running words lie inside a glossary term. `matcher` (prebuilt for the
    language's glossary) stands for `entries`, except for ignored entries, which every
    matcher leaves out and which are passed along in `entries`: an ignored term is one the
    learner set aside, not an unknown word."""
    import numpy as np

    mine = tuple(e for e in entries if _base(e.lang) == code)
    if matcher is not None:
        mine = tuple(e for e in mine if e.status == "ignored")
    matchers = [] if matcher is None else [matcher]
    if mine:
        matchers.append(_covering_matcher(mine, code))
    mask = np.zeros(len(starts), bool)
    for m in matchers:
        s, e, _entry = m.find_spans(text)
        if len(s) == 0 or len(starts) == 0:
            continue
        depth = np.zeros(len(text) + 1, dtype=np.int32)
        np.add.at(depth, s, 1)
        np.add.at(depth, e, -1)
        mask |= (np.cumsum(depth) > 0)[starts]
    return mask


@lru_cache(maxsize=8)
def _covering_matcher(entries: tuple[Entry, ...], code: str) -> Any:
    """A matcher that finds every entry, ignored ones too (built once per set of entries:
    a paragraph at a time asks again with the same ones)."""
    from reader.matching import Matcher

    return Matcher(
        [replace(e, status="new") if e.status == "ignored" else e for e in entries], code
    )


def _known_flags(keys: list[str], code: str, known: KnownWords | None) -> list[bool]:
    if known is None or not len(known):
        return [False] * len(keys)
    atoms = known.atoms
    if code == "en":
        from reader.lemmas import english_words, split_clitics

        bases = [split_clitics(k)[0] for k in keys]
        return [bool(text & atoms) for _t, text in english_words(bases)]
    if code in UNSPACED_LANGS:
        return [k in atoms for k in keys]
    from reader.lemmas import text_atoms

    return [bool(text_atoms(k, code) & atoms) for k in keys]
