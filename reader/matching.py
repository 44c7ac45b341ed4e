"""Finding glossary terms in text.

`Matcher(entries, lang).find(text)` reports every place a glossary term (or one of its
`forms`) occurs, nested and overlapping ones included, as character offsets into the text
exactly as given. What counts as "the same":

- Case, Unicode composition (NFC), the apostrophes ' ’ ‘ ʼ and the hyphens/dashes
  - ‐ ‑ – — and the soft hyphen are ignored. Hyphens, dashes and soft hyphens separate words
  like spaces do, so `risk-averse` is also found as "risk averse" and across a line break.
- Languages written with spaces match whole words only. A term word and a text word are the
  same when they share a dictionary lemma (`reader.lemmas`: lemminflect for English,
  simplemma for Dutch and the other languages it has a lexicon for): `stifle innovation` is
  found in "stifled innovation", `regel` in "regels", and `level` in "levelling" because the
  lemmatizer calls it a form of the verb. A term word written in its base form stands for itself only (`left` is not
  found in "leave"); an inflected one also for its lemmas (`is` is found in "was").
  Suppletive comparison does not count (`good` is not found in "best"). Words the
  dictionary does not know must match as written.
- English clitics stay with their word: `Europe` is found in "Europe’s" (the span
  includes the ’s), and `isn't`, `won't`, `cannot` are forms of is, will, can.
- English auxiliaries (be, have, do and the modals) may carry `not`/`n't` inside a phrase:
  `power is concentrated` is found in "power isn’t concentrated" and "power was not
  concentrated". A term that itself says `not` still needs the negation in the text.
- Arabic ignores harakat and tatweel, writes أ إ آ ٱ as ا, ى as ي and ة as ه (so ة and ه
  are interchangeable), and lets the first word of a term carry attached prefixes
  (و ف ب ك ل ال and their combinations such as وال بال لل). Later words match as written.
- Chinese (and the other languages written without spaces) match on characters, with no
  word boundaries: 公平 is found in 公平的; whitespace inside the text is ignored.
- Entries with status "ignored" are never reported: the learner asked not to see them.

Cost: the matcher is built once per glossary, and a large one is kept on disk so that the
next run with the same glossary reads it back instead (see "Matchers kept between runs").
Text is tokenised with numpy, each distinct spelling is analysed once (cached), the words
become a stream of short fixed-width codes, and one Aho-Corasick automaton (pyahocorasick)
runs over it. Find time per character does not depend on the glossary's size, only on how
many matches there are to report. `find` makes a Match per occurrence, for a paragraph;
`find_spans` gives the same as arrays, for a whole book.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, compress, islice, product, repeat
from operator import attrgetter, is_, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick

from reader.gcpause import no_gc
from reader.lemmas import (
    AUXILIARIES,
    NEGATIONS,
    english_words,
    split_clitics,
    term_atoms,
    text_atoms,
)
from reader.model import UNSPACED_LANGS, Entry

__all__ = ["Match", "Matcher", "normalize_term"]


class _Numpy:
    """numpy, imported on first use.

    Glossaries compare terms with `normalize_term`, and loading one should not pay for
    importing numpy (a tenth of a second or more) before anything is matched. The first
    attribute taken replaces this stand-in with the module itself.
    """

    def __getattr__(self, name: str) -> Any:
        import numpy

        globals()["np"] = numpy
        return getattr(numpy, name)


if TYPE_CHECKING:
    import numpy as np
else:
    np = _Numpy()


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of an entry: `text[start:end]` in the text given to `find`."""

    start: int
    end: int
    entry: Entry


# --- Normalisation ------------------------------------------------------------------------

APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\uff07"  # ' ’ ‘ ʼ ʹ ＇
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u00ad"  # incl. soft hyphen
_AR_DIACRITICS = [
    *range(0x0610, 0x061B),
    *range(0x064B, 0x0660),
    0x0670,
    *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E5),
    0x06E7,
    0x06E8,
    *range(0x06EA, 0x06EE),
    0x0640,  # tatweel
]
_AR_LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_FOLD = str.maketrans(
    {
        **{c: "'" for c in APOSTROPHES},
        **{c: "-" for c in HYPHENS},
        **_AR_LETTERS,
        **{chr(c): None for c in _AR_DIACRITICS},
    }
)


def _fold(text: str) -> str:
    # ASCII is already NFC and needs no table; skipping both halves the cost of a
    # 50,000-entry duplicate check.
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold().translate(_FOLD)


def _base_lang(lang: str | None) -> str:
    return (lang or "").split("-")[0].lower()


def normalize_term(term: str, lang: str) -> str:
    """The key a term is looked up and compared under (duplicate detection).

    NFC, case-folded, apostrophes as ', hyphens and dashes as -, Arabic normalised as in
    matching, runs of whitespace as one space (none at all for Chinese and other languages
    written without spaces).
    """
    folded = _fold(term)
    return ("" if _unspaced(lang) else " ").join(folded.split())


@lru_cache(maxsize=64)  # glossaries compare tens of thousands of terms of one language
def _unspaced(lang: str) -> bool:
    return _base_lang(lang) in UNSPACED_LANGS


# --- Tokens -------------------------------------------------------------------------------

# Token classes per code point for the numpy tokenizer.
_SEP, _WORD, _APOS = 0, 1, 2


@cache
def _char_classes() -> np.ndarray:
    """A word character is a letter, digit or combining mark (as `\\w`, minus `_`, plus marks).

    Built once, lazily (about 20 ms). Outside the Basic Multilingual Plane everything counts
    as a letter except the emoji and symbol blocks, which keeps the table cheap to build.
    """
    table = np.zeros(0x110000, dtype=np.uint8)
    table[0x10000:] = _WORD
    table[0x1F000:0x1FB00] = _SEP
    for i in range(0x10000):
        c = chr(i)
        if c.isalnum() or unicodedata.category(c)[0] == "M":
            table[i] = _WORD
    table[ord("_")] = _SEP
    for c in APOSTROPHES:
        table[ord(c)] = _APOS
    return table


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """(tokens, starts, ends): runs of word characters; an apostrophe between two word
    characters belongs to the word ("isn't", "Europe's")."""
    tokens, starts, ends = _tokenize(text)
    return tokens, starts.tolist(), ends.tolist()


def _tokenize(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    # Offsets stay numpy arrays: `find` needs them only for the words it matched, and a
    # million Python ints cost more than the look-ups.
    if not text:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64)
    # surrogatepass: a lone surrogate (from a lenient decoder) is a separator, not an error.
    # Text without characters beyond the Basic Multilingual Plane (nearly all) is read as
    # UTF-16, one 2-byte unit per character: a third faster than UTF-32.
    raw = text.encode("utf-16-le", "surrogatepass")
    if len(raw) == 2 * len(text):
        encoding, codes = "utf-16-le", np.frombuffer(raw, dtype="<u2")
        classes = _char_classes()[:0x10000][codes]
    else:
        raw = text.encode("utf-32-le", "surrogatepass")
        encoding, codes = "utf-32-le", np.frombuffer(raw, dtype="<u4")
        classes = _char_classes()[codes]
    word = classes == _WORD
    inner = np.flatnonzero(classes == _APOS)
    if inner.size:
        inner = inner[(inner > 0) & (inner < len(codes) - 1)]
        word[inner[word[inner - 1] & word[inner + 1]]] = True
    # True where a word starts or has just ended (np.diff with prepend/append copies the text
    # twice more). A boolean array: np.flatnonzero is three times faster on it than on int8.
    change = np.empty(len(word) + 1, dtype=bool)
    change[0], change[-1] = word[0], word[-1]
    np.not_equal(word[1:], word[:-1], out=change[1:-1])
    edges = np.flatnonzero(change)
    spaced = np.where(word, codes, codes.dtype.type(32))
    tokens = spaced.tobytes().decode(encoding, "surrogatepass").split()
    return tokens, edges[0::2], edges[1::2]  # word edges alternate: start, end, start ...


class _Word(NamedTuple):
    """What one written word stands for; computed once per distinct spelling.

    A named tuple, not a frozen dataclass: a large glossary makes tens of thousands of them
    at once, and a tuple is built several times faster.
    """

    norm: str  # folded spelling
    atoms: frozenset[str]  # as a term word (`reader.lemmas.term_atoms`)
    text_atoms: frozenset[str]  # as a word of running text (`reader.lemmas.text_atoms`)
    negated: bool  # carried n't (English)
    negation: bool  # is itself `not`


# Words analysed so far, per language: shared by every matcher of the process, so a rebuild
# after a glossary edit does not analyse its words again. Emptied when it grows too large.
_ANALYSED: dict[str, dict[str, _Word]] = {}
_MAX_ANALYSED = 1 << 17


def _analysed(lang: str) -> dict[str, _Word]:
    return _ANALYSED.setdefault(lang, {})


def _analyse(surface: str, lang: str) -> _Word:
    word = _analysed(lang).get(surface)
    return word if word is not None else _analyse_all([surface], lang)[0]


def _analyse_all(surfaces: list[str], lang: str) -> list[_Word]:
    """`_analyse` of each spelling: one batch of dictionary look-ups for the tens of
    thousands of distinct words of a large glossary, and C loops (map, zip) around it."""
    known = _analysed(lang)
    words: list[_Word | None] = list(map(known.get, surfaces))
    new = list(compress(surfaces, map(is_, words, repeat(None))))
    if not new:
        return words  # type: ignore[return-value]
    if len(known) + len(new) >= _MAX_ANALYSED:
        known.clear()
    norms = [s.lower() if s.isascii() else _fold(s) for s in new]
    if lang == "en":
        bases, negated = norms.copy(), [False] * len(norms)
        # split_clitics only changes words with an apostrophe, and "cannot".
        for i in [i for i, n in enumerate(norms) if "'" in n or n == "cannot"]:
            bases[i], negated[i] = split_clitics(norms[i])
        atoms = english_words(bases)
        terms, texts = map(itemgetter(0), atoms), map(itemgetter(1), atoms)
        negation = map(NEGATIONS.__contains__, bases)
        known.update(zip(new, map(_Word, norms, terms, texts, negated, negation)))
    else:
        for s, norm in zip(new, norms):
            known[s] = _Word(norm, term_atoms(norm, lang), text_atoms(norm, lang), False, False)
    return [w if w is not None else known[s] for s, w in zip(surfaces, words)]


# --- Codes standing for units ------------------------------------------------------------

# The automaton runs over a stream with one fixed-width code per unit (word, or character
# for Chinese). pyahocorasick looks up a node's children one by one, so a stream with one
# character per word (tens of thousands of distinct characters under the root) is a hundred
# times slower than short codes over a small alphabet. Every code starts with the separator,
# which appears nowhere else, so matches can only start and end on unit boundaries. The
# digits are Latin-1 characters, so the stream takes one byte per character, not two.
_SEPARATOR = " "
_BASE = 128
_UNKNOWN, _NOT = 0, 1  # ids of a unit that is in no term, and of `not`


_DIGITS = "".join(chr(0x80 + d) for d in range(_BASE))


class _Codes:
    """Unit ids 0..ids-1 as stream codes: the separator and as few digits as will do."""

    def __init__(self, ids: int) -> None:
        # The last digit is kept for the unknown unit, so ids count in base 127 at most.
        digits = 1
        while (_BASE - 1) ** digits < ids:
            digits += 1
        self.ids = ids
        self.width = digits + 1  # characters per unit in the stream
        self.codes = [
            _SEPARATOR + "".join(d) for d in islice(product(_DIGITS[:-1], repeat=digits), ids)
        ]
        # Most words of a text are in no term. Their code starts with a digit no key has, so
        # the automaton drops back to the root at its first digit instead of scanning a
        # node's children (pyahocorasick's search is linear) at every level: a third less
        # time in the automaton for the realistic glossary.
        self.codes[_UNKNOWN] = _SEPARATOR + _DIGITS[-1] * digits

    def __call__(self, n: int) -> str:
        return self.codes[n]


# The automaton maps each key to a key number. Most keys stand for one entry and need no
# checks; their numbers index numpy arrays, so `find` turns hits into matches with array
# operations. The others (several entries, or checks) are looked up one by one. A check is
# (unit offset, allowed atoms, exact): the text word there must share an atom with the
# term word (or, when exact, be spelled like it). Checks are needed only where one code
# stands for more than the term word allows.
_Check = tuple[int, frozenset[str], bool]
_Item = tuple[int, tuple[_Check, ...] | None]  # (entry index, checks)


class _KeyTable:
    """The keys of a glossary while the matcher is built: key -> key number, with per key its
    length in units and its entries.

    Nearly every key stands for one entry and no checks; that entry is kept as a plain int
    (`single`), so a 50,000-entry build makes no objects per key for the collector to scan.
    """

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.length: list[int] = []
        self.single: list[int] = []  # the one entry, or -1: see `items`
        self.items: dict[int, list[_Item]] = {}  # several entries, or checks

    def add(self, key: str, length: int, entry: int, checks: tuple[_Check, ...] | None) -> None:
        k = self.number.get(key)
        if k is None:
            self.number[key] = len(self.length)
            self.length.append(length)
            if checks is None:
                self.single.append(entry)
            else:
                self.single.append(-1)
                self.items[len(self.length) - 1] = [(entry, checks)]
            return
        items = self.items.get(k)
        if items is None:
            if self.single[k] == entry:  # a form that reads like the term
                return
            items = self.items[k] = [(self.single[k], None)]
            self.single[k] = -1
        for n, (e, c) in enumerate(items):
            if e == entry:
                # The same entry through two spellings: keep the one with fewer checks.
                if c is not None and (checks is None or len(checks) < len(c)):
                    items[n] = (entry, checks)
                return
        items.append((entry, checks))


# More auxiliaries than this in one term and only the term as written is matched.
_MAX_VARIANTS = 64


class _UnitCodes(dict[str, str]):
    """Text unit -> stream code, filled on first sight of each spelling."""

    def __init__(self, missing: Callable[[str], str]) -> None:
        super().__init__()
        self.missing = missing

    def __missing__(self, unit: str) -> str:
        code = self[unit] = self.missing(unit)
        return code


@dataclass(frozen=True, slots=True)
class _TermWord:
    """A distinct word of the glossary's terms, as keys are written with it."""

    code: str
    negated_code: str | None  # an auxiliary: the code of its n't form
    check: frozenset[str] | None  # atoms to verify when its group holds more than these
    word: _Word


class Matcher:
    """Every glossary term of one language, ready to be found in text.

    Build it once per glossary version (it holds an Aho-Corasick automaton) and call
    `find` for each text. Entries of other languages and ignored entries are left out.
    """

    def __init__(self, entries: Iterable[Entry], lang: str) -> None:
        self.lang = lang = _base_lang(lang)
        # A list first: a tuple built from a generator is a third slower for 50,000 entries.
        self.entries = tuple(
            [
                e
                for e in entries
                if e.status != "ignored" and (e.lang == lang or _base_lang(e.lang) == lang)
            ]
        )
        self._unspaced = self.lang in UNSPACED_LANGS
        self._words: dict[str, _Word] = {}
        self._group: dict[str, int] = {}  # atom -> id of its group
        self._negated: dict[int, int] = {}  # auxiliary's group id -> id of its n't form
        self._alternatives: dict[str, tuple[str, ...]] = {}  # ambiguous word -> other codes
        self._codes = _Codes(2)
        self._unit_codes = _UnitCodes(self._char_code if self._unspaced else self._word_code)
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._entry_array = np.empty(len(self.entries), dtype=object)
        self._entry_array[:] = self.entries
        with no_gc():
            cached = _CachedBuild.of(self)
            if cached is not None and cached.restore(self):
                return
            keys = self._char_keys() if self._unspaced else self._word_keys()
            self._store(keys)
        if keys.number:
            self._automaton.make_automaton()
        if cached is not None:
            cached.save(self, list(keys.number))

    def _store(self, keys: _KeyTable) -> None:
        add_word = self._automaton.add_word
        for key, k in keys.number.items():
            add_word(key, k)
        # Entries reported on every hit of a key, as one flat array cut by key (offset,
        # count), so `find_spans` expands hits with array operations. Entries that need
        # checks are kept apart, by key number, and looked at one hit at a time.
        single = np.array(keys.single, dtype=np.int64)
        count = (single >= 0).astype(np.int64)
        plain = {k: [i for i, c in items if c is None] for k, items in keys.items.items()}
        for k, entries in plain.items():
            count[k] = len(entries)
        offset = np.cumsum(count) - count
        flat = np.empty(int(count.sum()), dtype=np.int64)
        one = single >= 0
        flat[offset[one]] = single[one]
        for k, entries in plain.items():
            flat[offset[k] : offset[k] + len(entries)] = entries
        self._checked: dict[int, tuple[tuple[int, tuple[_Check, ...]], ...]] = {}
        for k, items in keys.items.items():
            checked = tuple((i, c) for i, c in items if c is not None)
            if checked:
                self._checked[k] = checked
        self._key_length = np.array(keys.length, dtype=np.int64)
        self._key_count, self._key_offset, self._key_entries = count, offset, flat
        self._key_has_checks = np.zeros(len(single), dtype=bool)
        self._key_has_checks[list(self._checked)] = True
        self._one_each = _one_each(count, self._checked)
        self._longest = int(self._key_length.max()) if len(single) else 0  # in units

    # --- building ---

    def _spellings(self) -> tuple[list[int], list[str]]:
        """Entry index and spelling of each term and each form that is written differently.

        Two lists, not pairs: a large glossary's spellings are then joined and measured in
        C loops, and only the entries with forms are looked at one by one.
        """
        entries, lang = self.entries, self.lang
        terms = list(map(attrgetter("term"), entries))
        index: list[int] = []
        text: list[str] = []
        done = 0
        for i in compress(range(len(entries)), map(attrgetter("forms"), entries)):
            index += range(done, i)
            text += terms[done:i]
            seen = set()
            for spelling in (terms[i], *entries[i].forms):
                key = normalize_term(spelling, lang)
                if key and key not in seen:
                    seen.add(key)
                    index.append(i)
                    text.append(spelling)
            done = i + 1
        index += range(done, len(entries))
        text += terms[done:]
        return index, text

    def _char_keys(self) -> _KeyTable:
        folded = [
            (i, _fold_chars(unicodedata.normalize("NFC", s))[0]) for i, s in zip(*self._spellings())
        ]
        ids: dict[str, int] = {}
        for _, chars in folded:
            for c in chars:
                ids.setdefault(c, len(ids) + 2)
        self._codes = codes = _Codes(len(ids) + 2)
        self._unknown = codes(_UNKNOWN)
        self._unit_codes.update((c, codes(i)) for c, i in ids.items())
        keys = _KeyTable()
        for i, chars in folded:
            if chars:
                keys.add("".join(map(self._unit_codes.__getitem__, chars)), len(chars), i, None)
        return keys

    def _char_code(self, char: str) -> str:
        return self._unknown

    def _word(self, surface: str) -> _Word:
        word = self._words.get(surface)
        if word is None:
            word = self._words[surface] = _analyse(surface, self.lang)
        return word

    def _word_keys(self) -> _KeyTable:
        entry_index, spellings = self._spellings()
        # One tokenizer run over all spellings, so terms split exactly like text does.
        tokens, starts, _ = _tokenize("\n".join(spellings))
        bounds = np.zeros(len(spellings) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, spellings), np.int64, len(spellings)) + 1, out=bounds[1:])
        first = np.searchsorted(starts, bounds)
        code_of, special = self._term_words(list(dict.fromkeys(tokens)))
        # All keys written at once: a spelling's key is its slice of the codes of all words.
        width = self._codes.width
        written = "".join(map(code_of.__getitem__, tokens))
        specials = np.zeros(len(tokens) + 1, dtype=np.int64)
        if special:
            flags = np.fromiter(map(special.__contains__, tokens), dtype=bool, count=len(tokens))
            specials[1:] = np.cumsum(flags)
        plain = (specials[first[1:]] == specials[first[:-1]]).tolist()
        keys = _KeyTable()
        number, add = keys.number, keys.add
        lo = first[:-1].tolist()
        hi = first[1:].tolist()
        for entry, a, b, simple in zip(entry_index, lo, hi, plain):
            if a == b:
                continue
            if simple:  # no word needs variants or checks: by far the most common case
                key = written[a * width : b * width]
                if key not in number:
                    number[key] = len(keys.length)
                    keys.length.append(b - a)
                    keys.single.append(entry)
                else:
                    add(key, b - a, entry, None)
                continue
            words = tokens[a:b]
            term = [
                special.get(t) or _TermWord(code_of[t], None, None, self._words[t]) for t in words
            ]
            for key, positions in self._variants(term):
                add(key, len(key) // width, entry, self._checks(term, positions))
        return keys

    def _term_words(self, surfaces: list[str]) -> tuple[dict[str, str], dict[str, _TermWord]]:
        """Codes for the distinct words of all terms, and the words that need more than a code.

        Words whose atoms overlap share a group and so a code ("is" and "was" through
        "be"); a text word gets the code of the group its own atoms fall in, and a check
        confirms the match where a group holds more than the term word stands for. The
        special words are those with a negated form (auxiliaries) or a check, and in Arabic
        all of them (later words of a term must not carry a prefix).
        """
        english = self.lang == "en"
        everything = self.lang == "ar"  # later words must be checked for prefixes
        words = _analyse_all(surfaces, self.lang)
        self._words.update(zip(surfaces, words))
        # An English term word joins the group of every lemma it has, even when it stands
        # for itself only ("increasing" joins "increase"): then a text word has one group,
        # and a check on the term word keeps it from matching "increase". Without this,
        # words like "increasing" would be ambiguous (see `_find_alternatives`) wherever
        # both terms are in the glossary.
        joins = [w.text_atoms for w in words] if english else [w.atoms for w in words]
        negation = list(map(attrgetter("negation"), words))
        # Groups are the connected sets of atoms, whatever order the words come in. Most
        # words stand for one atom: groups are made for the others first, and each lone atom
        # left over is a group of its own, numbered in one batch.
        group = self._group
        members = self._merge_groups(
            [atoms for atoms, neg in zip(joins, negation) if len(atoms) > 1 and not neg]
        )
        n = len(members) + 2  # ids 0 and 1 are taken
        lone = chain.from_iterable(
            atoms for atoms, neg in zip(joins, negation) if len(atoms) == 1 and not neg
        )
        fresh = [a for a in dict.fromkeys(lone) if a not in group]
        group.update(zip(fresh, range(n, n + len(fresh))))
        size = [0, 0, *map(len, members), *[1] * len(fresh)]  # atoms per group id
        n += len(fresh)
        # Auxiliaries' groups get a second id for their n't form.
        if english:
            for gid in sorted({group[a] for a in AUXILIARIES if a in group}):
                self._negated[gid] = n
                n += 1
        self._codes = codes = _Codes(n)
        self._unknown, self._not = codes(_UNKNOWN), codes(_NOT)
        code_list, negated_of, lang = codes.codes, self._negated, self.lang
        # Every code at once: a word's term atoms all lie in its group, so any one gives it.
        firsts = map(next, map(iter, map(attrgetter("atoms"), words)))
        gids = list(map(group.get, firsts, repeat(_NOT)))  # `not` may be in no group
        for i in compress(range(len(words)), negation):
            gids[i] = _NOT
        code_of = dict(zip(surfaces, map(code_list.__getitem__, gids)))
        # Only words in a group larger than what they stand for may need a check, and only
        # auxiliaries a negated form: the few looked at one by one.
        group_atoms = dict(enumerate(members, 2))
        shared = list(chain.from_iterable(members))
        if english:
            read_as = dict(zip(shared, [text for _, text in english_words(shared)]))
        else:
            read_as = {a: text_atoms(a, lang) for a in shared}
        if everything:
            looked_at: Iterable[int] = range(len(words))
        else:
            # What every atom of a group stands for as a word of text (most groups: their
            # lemma, "cat" for cat, cats). A term word that stands for one of these shares
            # it with every other atom, and so needs no check: most words of merged groups.
            hubs = [
                frozenset(),
                frozenset(),
                *(frozenset.intersection(*map(read_as.__getitem__, m)) for m in members),
            ]
            looked_at = [
                i
                for i, (g, w) in enumerate(zip(gids, words))
                if (size[g] > len(w.atoms) and w.atoms.isdisjoint(hubs[g])) or g in negated_of
            ]
        special: dict[str, _TermWord] = {}
        not_code = self._not
        for i in looked_at:
            surface, w, gid = surfaces[i], words[i], gids[i]
            if w.negation:
                if everything:
                    special[surface] = _TermWord(not_code, None, None, w)
                continue
            atoms = w.atoms
            negated = negated_of.get(gid)
            check = None
            others = group_atoms.get(gid, ())
            if len(others) > len(atoms):
                # A text word in the group may share no atom with this term word when
                # another atom of the group, read as a word, does not stand for any of them:
                # "leave" in the group of `leaf`. Not when every other atom leads back
                # ("increasing" stands for increase too, so `increase` needs no check);
                # that keeps most hits free of checks even when groups merge.
                for a in others:
                    if a not in atoms and atoms.isdisjoint(read_as[a]):
                        check = atoms
                        break
            if negated is not None or check is not None or everything:
                special[surface] = _TermWord(
                    code_list[gid], None if negated is None else code_list[negated], check, w
                )
        return code_of, special

    def _merge_groups(self, joined: list[frozenset[str]]) -> list[list[str]]:
        """Put atoms that one word stands for together in `self._group`, as groups 2, 3, ...

        Returns each group's atoms, in group order.
        """
        group = self._group
        members: list[list[str] | None] = []
        get = group.get
        for atoms in joined:
            target = -1
            for atom in atoms:
                g = get(atom)
                if g is None or g == target:
                    continue
                if target < 0:
                    target = g
                    continue
                # Two groups meet: the smaller one moves into the larger.
                small, large = members[g], members[target]
                assert small is not None and large is not None
                if len(small) > len(large):
                    g, target, small, large = target, g, large, small
                for b in small:
                    group[b] = target
                large += small
                members[g] = None
            if target < 0:
                target = len(members)
                members.append([])
            own = members[target]
            assert own is not None
            for atom in atoms:
                if atom not in group:
                    group[atom] = target
                    own.append(atom)
        # Number the groups that are left 2, 3, ... (one dict update: a loop per group made
        # eleven thousand small dicts).
        number = [-1] * len(members)
        kept: list[list[str]] = []
        for g, atoms_of in enumerate(members):
            if atoms_of is not None:
                number[g] = len(kept) + 2
                kept.append(atoms_of)
        group.update(dict(zip(group, map(number.__getitem__, group.values()))))
        return kept

    def _variants(self, words: list[_TermWord]) -> list[tuple[str, list[int]]]:
        """Keys for a term (auxiliaries with and without negation) and, for each, the unit
        offset of every word (-1 for a `not` merged into its auxiliary)."""
        if all(w.negated_code is None for w in words):
            return [("".join(w.code for w in words), list(range(len(words))))]
        not_code = self._not
        options: list[list[tuple[str, list[int]]]] = []
        i = 0
        while i < len(words):
            w = words[i]
            negated = w.negated_code
            if negated is None:
                options.append([(w.code, [i])])
                i += 1
            elif w.word.negated:  # isn't = is not
                options.append([(negated, [i]), (w.code + not_code, [i])])
                i += 1
            elif i + 1 < len(words) and words[i + 1].word.negation:  # is not = isn't
                options.append([(w.code + not_code, [i, i + 1]), (negated, [i, -1])])
                i += 2
            else:  # is = is not = isn't
                options.append([(w.code, [i]), (w.code + not_code, [i]), (negated, [i])])
                i += 1
        combos = 1
        for o in options:
            combos *= len(o)
        if combos > _MAX_VARIANTS:
            options = [o[:1] for o in options]
        width = self._codes.width
        out = []
        for combo in product(*options):
            positions = [-1] * len(words)
            offset = 0
            for codes, indices in combo:
                for k, word_index in enumerate(indices):
                    if word_index >= 0:
                        positions[word_index] = offset + k
                offset += len(codes) // width
            out.append(("".join(c for c, _ in combo), positions))
        return out

    def _checks(self, words: list[_TermWord], positions: list[int]) -> tuple[_Check, ...] | None:
        checks: list[_Check] = []
        for i, (w, pos) in enumerate(zip(words, positions)):
            if pos < 0 or w.word.negation:
                continue
            if self.lang == "ar" and i > 0:
                # Only the first word may carry a prefix.
                checks.append((pos, frozenset((w.word.norm,)), True))
            elif w.check is not None:
                # Its group was merged with other terms' words (leaf, leaves, leave): make
                # sure the text word really shares a lemma with this one.
                checks.append((pos, w.check, False))
        return tuple(checks) or None

    # --- finding ---

    def _word_code(self, surface: str) -> str:
        w = self._word(surface)
        if w.negation:
            return self._not
        gids = list(dict.fromkeys(g for a in w.text_atoms if (g := self._group.get(a))))
        if not gids:
            return self._unknown
        own = self._group.get(w.norm)
        if own is not None and gids[0] != own:
            gids.remove(own)
            gids.insert(0, own)
        if w.negated:
            gids = [self._negated.get(g, g) for g in gids]
        codes = [self._codes(g) for g in gids]
        if len(codes) > 1:
            self._alternatives[surface] = tuple(codes[1:])
        return codes[0]

    def _verify(self, units: list[str], start: int, checks: tuple[_Check, ...]) -> bool:
        words = self._words
        for offset, allowed, exact in checks:
            w = words[units[start + offset]]
            if exact:
                if w.norm not in allowed:
                    return False
            elif not (w.text_atoms & allowed):
                return False
        return True

    def find(self, text: str) -> list[Match]:
        """Every occurrence of every entry, sorted by start, longest first, then glossary order."""
        if not self._longest or not text:
            return []
        with no_gc():
            start, end, entry = self._find_spans(text)
            return list(map(Match, start.tolist(), end.tolist(), self._entry_array[entry].tolist()))

    def find_spans(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What `find` reports, as three arrays: starts, ends and indices into `entries`.

        For a whole book: a million matches as Match objects cost more than finding them.
        """
        if not self._longest or not text:
            return _arrays([], [], [])
        with no_gc():
            return self._find_spans(text)

    def _find_spans(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._unspaced:
            units, starts_list, ends_list = _fold_chars(text)
            starts, ends = np.asarray(starts_list), np.asarray(ends_list)
        else:
            units, starts, ends = _tokenize(text)
        stream = "".join(map(self._unit_codes.__getitem__, units))
        width = self._codes.width
        hits = np.fromiter(chain.from_iterable(self._automaton.iter(stream)), dtype=np.int64)
        keys = hits[1::2]
        lasts = hits[0::2] // width
        firsts = lasts - self._key_length[keys] + 1
        if self._one_each:  # one entry per key, no checks: the usual glossary
            found = [(firsts, lasts, self._key_entries[self._key_offset[keys]])]
        else:
            found = [self._expand(keys, firsts, lasts)]
            checked = self._key_has_checks[keys]
            if checked.any():
                found.append(
                    self._checked_hits(
                        units,
                        keys[checked].tolist(),
                        firsts[checked].tolist(),
                        lasts[checked].tolist(),
                    )
                )
        if self._alternatives:
            found.append(self._find_alternatives(units, stream))
        first = np.concatenate([f for f, _, _ in found])
        last = np.concatenate([la for _, la, _ in found])
        entry = np.concatenate([e for _, _, e in found])
        start, end = starts[first], ends[last]
        order = _order(start, end, entry)
        return start[order], end[order], entry[order]

    def _expand(
        self, keys: np.ndarray, firsts: np.ndarray, lasts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One row per hit and entry the hit's key reports without checks."""
        counts = self._key_count[keys]
        if (counts == 1).all():  # no key with several entries was hit
            return firsts, lasts, self._key_entries[self._key_offset[keys]]
        total = int(counts.sum())
        # Each hit's entries are a run of the flat array: its offset, then +1 per entry.
        run_start = np.cumsum(counts) - counts
        step = np.arange(total) - np.repeat(run_start, counts)
        entries = self._key_entries[np.repeat(self._key_offset[keys], counts) + step]
        return np.repeat(firsts, counts), np.repeat(lasts, counts), entries

    def _entries_at(self, units: list[str], key: int, first: int) -> list[int]:
        """Indices of the entries a hit of `key` at unit `first` really matches."""
        offset = int(self._key_offset[key])
        plain = self._key_entries[offset : offset + int(self._key_count[key])].tolist()
        checked = self._checked.get(key)
        if checked:
            plain += [i for i, checks in checked if self._verify(units, first, checks)]
        return plain

    def _checked_hits(
        self, units: list[str], keys: list[int], firsts: list[int], lasts: list[int]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        out_first, out_last, out_entry = [], [], []
        checked, verify = self._checked, self._verify
        for key, first, last in zip(keys, firsts, lasts):
            for i, checks in checked[key]:
                if verify(units, first, checks):
                    out_first.append(first)
                    out_last.append(last)
                    out_entry.append(i)
        return _arrays(out_first, out_last, out_entry)

    def _find_alternatives(
        self, units: list[str], stream: str
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Matches through words that stand for atoms of two groups ("leaves": leave, leaf).

        The stream holds one code per word, so such a word is written with its first group
        and each other one is tried in a window as wide as the longest term.
        """
        # A snapshot: another thread's find may be adding words to the dict meanwhile.
        alternatives = dict(self._alternatives)
        written = {self._unit_codes[s] for s in alternatives}
        pattern = re.compile("|".join(map(re.escape, written)))
        automaton, span, width = self._automaton, self._longest, self._codes.width
        seen: set[tuple[int, int, int]] = set()
        for m in pattern.finditer(stream):
            p = m.start() // width
            others = alternatives.get(units[p])
            if not others:
                continue
            lo, hi = max(0, p - span + 1), min(len(units), p + span)
            for code in others:
                window = (
                    stream[lo * width : p * width] + code + stream[(p + 1) * width : hi * width]
                )
                for end, key in automaton.iter(window):
                    last = lo + end // width
                    first = last - int(self._key_length[key]) + 1
                    if not first <= p <= last:
                        continue
                    as_written = automaton.get(stream[first * width : (last + 1) * width], -1)
                    already = (
                        set(self._entries_at(units, as_written, first)) if as_written >= 0 else ()
                    )
                    for i in self._entries_at(units, key, first):
                        if i not in already:
                            seen.add((first, last, i))
        return _arrays(*zip(*seen)) if seen else _arrays([], [], [])


# --- Matchers kept between runs -----------------------------------------------------------

# Building the matcher of a 50,000-entry glossary takes about half a second, nearly all of it
# Python work per word and per term, and the app builds the same one every time it opens the
# same glossary. So a large matcher, once built, is stored as plain data (marshal: reading it
# back cannot run code, as unpickling could) beside the user's other caches. A cache file is
# only ever a copy:
# - Its name is a digest of everything a build depends on: the language, every entry's term
#   and forms in order, this module's and reader.lemmas' source, the lemmatizers' versions
#   and Python's. Anything else is another file.
# - Any problem with it (missing folder, no permission, a damaged file) is a miss, and the
#   matcher is built as always. Only the newest few files are kept.
# Where: `$READER_CACHE_DIR`, else `platformdirs.user_cache_dir("reader")`, in `matchers/`.
# `READER_CACHE_DIR=""` turns it off. Small glossaries are not cached: they build in
# milliseconds.
CACHE_MIN_ENTRIES = 5_000
_CACHE_FORMAT = 3
_CACHE_KEEP = 8


def _cache_folder() -> Path | None:
    env = os.environ.get("READER_CACHE_DIR")
    if env is not None:
        return Path(env) / "matchers" if env else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader")) / "matchers"


@cache
def _code_stamp() -> bytes:
    """What a build depends on besides the entries: this code, the lemmatizers, Python."""
    import hashlib
    import importlib.metadata  # here, not at the top: it alone costs 20 ms of start-up

    import reader.lemmas

    parts = [str(_CACHE_FORMAT).encode(), sys.version.encode()]
    for source in (__file__, reader.lemmas.__file__):
        parts.append(Path(source).read_bytes())
    for package in ("lemminflect", "simplemma", "pyahocorasick"):
        try:
            parts.append(importlib.metadata.version(package).encode())
        except importlib.metadata.PackageNotFoundError:
            parts.append(b"?")
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()


class _CachedBuild:
    """Where the build of one matcher is kept, and how it is read back and written."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of(cls, matcher: Matcher) -> _CachedBuild | None:
        if len(matcher.entries) < CACHE_MIN_ENTRIES:
            return None
        import hashlib

        try:
            folder = _cache_folder()
            if folder is None:
                return None
            digest = hashlib.blake2b(_code_stamp(), digest_size=16)
            digest.update(matcher.lang.encode())
            entries = matcher.entries
            digest.update(marshal.dumps(([e.term for e in entries], [e.forms for e in entries])))
        except (OSError, ValueError):
            return None
        return cls(folder / f"{digest.hexdigest()}.marshal")

    def restore(self, matcher: Matcher) -> bool:
        """Take the stored build into `matcher`; False (and nothing taken) on a miss."""
        try:
            data = marshal.loads(self.path.read_bytes())
            (ids, group, negated, unit_codes, keys, length, count, offset, flat, checked) = data
            state = _restored(ids, length, count, offset, flat, keys)
        except Exception:  # noqa: BLE001 - a damaged or foreign file is only a miss
            return False
        m = matcher
        m._codes, m._key_length, m._key_count, m._key_offset, m._key_entries = state
        m._unknown, m._not = m._codes(_UNKNOWN), m._codes(_NOT)
        m._group, m._negated, m._checked = group, negated, checked
        m._unit_codes.update(unit_codes)
        m._key_has_checks = np.zeros(len(keys), dtype=bool)
        m._key_has_checks[list(checked)] = True
        m._one_each = _one_each(m._key_count, checked)
        m._longest = int(m._key_length.max()) if len(keys) else 0
        add_word = m._automaton.add_word
        for k, key in enumerate(keys):
            add_word(key, k)
        if keys:
            m._automaton.make_automaton()
        return True

    def save(self, matcher: Matcher, keys: list[str]) -> None:
        """Store the build of `matcher` (keys in key-number order); nothing if it cannot be."""
        import tempfile

        m = matcher
        data = (
            m._codes.ids,
            m._group,
            m._negated,
            dict(m._unit_codes) if m._unspaced else {},
            keys,
            m._key_length.tolist(),
            m._key_count.tolist(),
            m._key_offset.tolist(),
            m._key_entries.tolist(),
            m._checked,
        )
        try:
            blob = marshal.dumps(data)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
            files = sorted(
                self.path.parent.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in files[_CACHE_KEEP:]:
                old.unlink(missing_ok=True)
        except (OSError, ValueError):
            pass


def _restored(
    ids: int, length: list[int], count: list[int], offset: list[int], flat: list[int], keys: Any
) -> tuple[_Codes, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    if not (len(length) == len(count) == len(offset) == len(keys)):
        raise ValueError("inconsistent cache file")
    return (
        _Codes(ids),
        np.array(length, dtype=np.int64),
        np.array(count, dtype=np.int64),
        np.array(offset, dtype=np.int64),
        np.array(flat, dtype=np.int64),
    )


def _one_each(count: np.ndarray, checked: dict[int, Any]) -> bool:
    return bool((count == 1).all()) and not checked


def _order(start: np.ndarray, end: np.ndarray, entry: np.ndarray) -> np.ndarray:
    """By start, longest first, then in glossary order.

    One sort of a single 64-bit key (start, then 2**16 - 1 - length, then entry) when the
    numbers fit, as they do for any book under 134 million characters: eight times faster
    than sorting by three keys. Hits come nearly in order, which suits a stable sort.
    """
    if not len(start):
        return np.zeros(0, dtype=np.int64)
    length = end - start
    if start.max() < 1 << 27 and length.max() < 1 << 16 and entry.max() < 1 << 20:
        return np.argsort((start << 36) | ((0xFFFF - length) << 20) | entry, kind="stable")
    return np.lexsort((entry, -end, start))


def _arrays(*columns: Iterable[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    first, last, entry = (np.fromiter(c, dtype=np.int64) for c in columns)
    return first, last, entry


# --- Languages without spaces: characters ------------------------------------------------

_MARK = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u3099\u309a]")
_CLUSTER = re.compile(
    r"(?s).[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u3099\u309a]*"
)


@cache
def _fold_char(c: str) -> str:
    if c.isspace():
        return ""
    return c.casefold().translate(_FOLD)


def _fold_chars(text: str) -> tuple[list[str], list[int], list[int]]:
    """The folded characters of `text` and, for each, the span it came from."""
    if not unicodedata.is_normalized("NFC", text) and _MARK.search(text):
        # Rare: decomposed text. Compose base + marks cluster by cluster to keep offsets.
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _CLUSTER.finditer(text):
            piece = "".join(map(_fold_char, unicodedata.normalize("NFC", m.group())))
            chars.extend(piece)
            starts.extend([m.start()] * len(piece))
            ends.extend([m.end()] * len(piece))
        return chars, starts, ends
    pieces = list(map(_fold_char, text))
    if all(len(p) == 1 for p in pieces):  # one for one: the common case
        return pieces, list(range(len(text))), list(range(1, len(text) + 1))
    chars, starts, ends = [], [], []
    for i, piece in enumerate(pieces):
        chars.extend(piece)
        starts.extend([i] * len(piece))
        ends.extend([i + 1] * len(piece))
    return chars, starts, ends
