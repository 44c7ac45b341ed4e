"""Finding glossary terms in text.

`Matcher(entries, lang).find(text)` reports every place a glossary term (or one of its
`forms`) occurs, nested and overlapping ones included, as character offsets into the text
exactly as given. What counts as "the same":

- Case, Unicode composition (NFC), the apostrophes ' ’ ‘ ʼ and the hyphens/dashes
  - ‐ ‑ – — and the soft hyphen are ignored. Hyphens, dashes and soft hyphens separate words
  like spaces do, so `risk-averse` is also found as "risk averse" and across a line break.
- Languages written with spaces match whole words only. A term word and a text word are the
  same when they share a dictionary lemma (`reader.lemmas`): `stifle innovation` is found in
  "stifled innovation", and `level` in "levelling" because the lemmatizer calls it a form of
  the verb. Words the dictionary does not know must match as written.
- English auxiliaries (be, have, do and the modals) may carry `not`/`n't` inside a phrase:
  `power is concentrated` is found in "power isn’t concentrated" and "power was not
  concentrated". A term that itself says `not` still needs the negation in the text.
- Arabic ignores harakat and tatweel, writes أ إ آ ٱ as ا, ى as ي and ة as ه (so ة and ه
  are interchangeable), and lets the first word of a term carry attached prefixes
  (و ف ب ك ل ال and their combinations such as وال بال لل). Later words match as written.
- Chinese (and the other languages written without spaces) match on characters, with no
  word boundaries: 公平 is found in 公平的; whitespace inside the text is ignored.
- Entries with status "ignored" are never reported: the learner asked not to see them.

Cost: the matcher is built once per glossary. Text is tokenised with numpy and each distinct
word is analysed once (cached), the token stream is written as one character per token, and
a single Aho-Corasick automaton (pyahocorasick) runs over it. Find time per character does
not depend on the glossary's size, only on how many matches there are to report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import product
from operator import attrgetter

import ahocorasick
import numpy as np

from reader.lemmas import (
    AUXILIARIES,
    NEGATIONS,
    arabic_stems,
    lemma_set,
    split_clitics,
)
from reader.model import UNSPACED_LANGS, Entry

__all__ = ["Match", "Matcher", "normalize_term"]


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
    if _base_lang(lang) in UNSPACED_LANGS:
        return "".join(folded.split())
    return " ".join(folded.split())


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
    if not text:
        return [], [], []
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    classes = _char_classes()[codes]
    word = classes == _WORD
    inner = np.flatnonzero(classes == _APOS)
    if inner.size:
        inner = inner[(inner > 0) & (inner < len(codes) - 1)]
        word[inner[word[inner - 1] & word[inner + 1]]] = True
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1).tolist()
    ends = np.flatnonzero(edges == -1).tolist()
    spaced = codes.copy()
    spaced[~word] = 32
    tokens = spaced.tobytes().decode("utf-32-le").split()
    return tokens, starts, ends


@dataclass(frozen=True, slots=True)
class _Word:
    """What one written word stands for; computed once per distinct spelling."""

    norm: str  # folded spelling
    atoms: frozenset[str]  # as a term word: itself and its lemmas
    text_atoms: frozenset[str]  # as a word of running text: also with Arabic prefixes off
    negated: bool  # carried n't (English)
    negation: bool  # is itself `not`


def _analyse(surface: str, lang: str) -> _Word:
    norm = _fold(surface)
    base, negated = split_clitics(norm) if lang == "en" else (norm, False)
    atoms = lemma_set(base, lang)
    text_atoms = atoms | arabic_stems(base) if lang == "ar" else atoms
    return _Word(norm, atoms, text_atoms, negated, lang == "en" and base in NEGATIONS)


# --- Characters standing for tokens -------------------------------------------------------

_UNKNOWN = "\x01"  # a text word that is in no term
_NOT = "\x02"
_FIRST_CODE = 0x100


def _code_char(n: int) -> str:
    code = _FIRST_CODE + n
    if code >= 0xD800:  # surrogates cannot be string characters
        code += 0x800
    return chr(code)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        parent = self.parent
        root = parent.setdefault(a, a)
        while parent[root] != root:
            root = parent[root]
        while parent[a] != root:  # path compression
            parent[a], a = root, parent[a]
        return root

    def union(self, atoms: Iterable[str]) -> None:
        it = iter(atoms)
        first = self.find(next(it))
        for a in it:
            root = self.find(a)
            if root != first:
                self.parent[root] = first


# A value in the automaton: (number of tokens, ((entry, checks or None), ...)). A check is
# (token offset, allowed atoms, exact): the text word there must share an atom with the
# term word (or, when exact, be spelled like it). Checks are needed only where one
# character stands for more than the term word allows.
_Check = tuple[int, frozenset[str], bool]
_Item = tuple[Entry, tuple[_Check, ...] | None]

# More auxiliaries than this in one term and only the term as written is matched.
_MAX_VARIANTS = 64


class _TokenChars(dict[str, str]):
    """Surface -> stream character, filled on first sight of each spelling."""

    def __init__(self, matcher: Matcher) -> None:
        super().__init__()
        self.matcher = matcher

    def __missing__(self, surface: str) -> str:
        char = self[surface] = self.matcher._text_char(surface)
        return char


class Matcher:
    """Every glossary term of one language, ready to be found in text.

    Build it once per glossary version (it holds an Aho-Corasick automaton) and call
    `find` for each text. Entries of other languages and ignored entries are left out.
    """

    def __init__(self, entries: Iterable[Entry], lang: str) -> None:
        self.lang = _base_lang(lang)
        self.entries = tuple(
            e for e in entries if e.status != "ignored" and _base_lang(e.lang) == self.lang
        )
        self._unspaced = self.lang in UNSPACED_LANGS
        self._automaton = ahocorasick.Automaton()
        self._words: dict[str, _Word] = {}
        self._group_char: dict[str, str] = {}  # atom -> character of its group
        self._group_atoms: dict[str, frozenset[str]] = {}  # character -> atoms
        self._negated_char: dict[str, str] = {}  # auxiliary's character -> negated form
        self._alternatives: dict[str, tuple[str, ...]] = {}  # ambiguous surface -> others
        self._chars = _TokenChars(self)
        self._longest = 0
        keys = self._char_keys() if self._unspaced else self._token_keys()
        for key, (length, items) in keys.items():
            self._automaton.add_word(key, (length, tuple(items)))
            self._longest = max(self._longest, length)
        if keys:
            self._automaton.make_automaton()

    # --- building ---

    def _spellings(self) -> list[tuple[Entry, str]]:
        out = []
        for entry in self.entries:
            seen = set()
            for spelling in (entry.term, *entry.forms):
                key = normalize_term(spelling, self.lang)
                if key and key not in seen:
                    seen.add(key)
                    out.append((entry, spelling))
        return out

    def _char_keys(self) -> dict[str, tuple[int, list[_Item]]]:
        keys: dict[str, tuple[int, list[_Item]]] = {}
        for entry, spelling in self._spellings():
            key, _ = _fold_chars(unicodedata.normalize("NFC", spelling))
            if key:
                _add(keys, key, len(key), entry, None)
        return keys

    def _word(self, surface: str) -> _Word:
        word = self._words.get(surface)
        if word is None:
            word = self._words[surface] = _analyse(surface, self.lang)
        return word

    def _token_keys(self) -> dict[str, tuple[int, list[_Item]]]:
        spellings = self._spellings()
        # One tokenizer run over all spellings, so terms split exactly like text does.
        joined = "\n".join(s for _, s in spellings)
        tokens, starts, _ = tokenize(joined)
        bounds = np.cumsum([0] + [len(s) + 1 for _, s in spellings])
        first = np.searchsorted(np.asarray(starts, dtype=np.int64), bounds).tolist()
        terms: list[tuple[Entry, list[_Word]]] = []
        groups = _UnionFind()
        for i, (entry, _) in enumerate(spellings):
            words = [self._word(t) for t in tokens[first[i] : first[i + 1]]]
            if not words:
                continue
            terms.append((entry, words))
            for w in words:
                if not w.negation:
                    groups.union(w.atoms)
        roots: dict[str, str] = {}
        members: dict[str, set[str]] = {}
        for atom in groups.parent:
            root = groups.find(atom)
            char = roots.get(root)
            if char is None:
                char = roots[root] = _code_char(len(roots))
                members[char] = set()
            self._group_char[atom] = char
            members[char].add(atom)
        self._group_atoms = {c: frozenset(a) for c, a in members.items()}
        if self.lang == "en":
            for char, atoms in self._group_atoms.items():
                if atoms & AUXILIARIES:
                    self._negated_char[char] = _code_char(len(roots) + len(self._negated_char))
        keys: dict[str, tuple[int, list[_Item]]] = {}
        for entry, words in terms:
            for key, positions in self._variants(words):
                checks = self._checks(words, positions)
                _add(keys, key, len(key), entry, checks)
        return keys

    def _variants(self, words: list[_Word]) -> list[tuple[str, list[int]]]:
        """Keys for a term (auxiliaries with and without negation) and, for each, the token
        offset of every word (-1 for a `not` merged into its auxiliary)."""
        options: list[list[tuple[str, list[int]]]] = []
        i = 0
        while i < len(words):
            w = words[i]
            char = _NOT if w.negation else self._group_char[next(iter(w.atoms))]
            negated = self._negated_char.get(char)
            if negated is None:
                options.append([(char, [i])])
                i += 1
            elif w.negated:  # isn't = is not
                options.append([(negated, [i]), (char + _NOT, [i])])
                i += 1
            elif i + 1 < len(words) and words[i + 1].negation:  # is not = isn't
                options.append([(char + _NOT, [i, i + 1]), (negated, [i, -1])])
                i += 2
            else:  # is = is not = isn't
                options.append([(char, [i]), (char + _NOT, [i]), (negated, [i])])
                i += 1
        combos = 1
        for o in options:
            combos *= len(o)
        if combos > _MAX_VARIANTS:
            options = [o[:1] for o in options]
        out = []
        for combo in product(*options):
            key = "".join(c for c, _ in combo)
            positions = [-1] * len(words)
            offset = 0
            for chars, idx in combo:
                for k, word_index in enumerate(idx):
                    if word_index >= 0:
                        positions[word_index] = offset + k
                offset += len(chars)
            out.append((key, positions))
        return out

    def _checks(self, words: list[_Word], positions: list[int]) -> tuple[_Check, ...] | None:
        checks: list[_Check] = []
        for i, (w, pos) in enumerate(zip(words, positions)):
            if w.negation or pos < 0:
                continue
            if self.lang == "ar" and i > 0:
                # Only the first word may carry a prefix.
                checks.append((pos, frozenset((w.norm,)), True))
            elif self._group_atoms[self._group_char[next(iter(w.atoms))]] != w.atoms:
                # Its group was merged with other terms' words (leaf, leaves, leave): make
                # sure the text word really shares a lemma with this one.
                checks.append((pos, w.atoms, False))
        return tuple(checks) or None

    # --- finding ---

    def _text_char(self, surface: str) -> str:
        w = self._word(surface)
        if w.negation:
            return _NOT
        chars = list(dict.fromkeys(c for a in w.text_atoms if (c := self._group_char.get(a))))
        if not chars:
            return _UNKNOWN
        own = self._group_char.get(w.norm)
        if own in chars and chars[0] != own:
            chars.remove(own)
            chars.insert(0, own)
        if w.negated:
            chars = [self._negated_char.get(c, c) for c in chars]
        if len(chars) > 1:
            self._alternatives[surface] = tuple(chars[1:])
        return chars[0]

    def _verify(self, tokens: list[str], start: int, checks: tuple[_Check, ...]) -> bool:
        words = self._words
        for offset, allowed, exact in checks:
            w = words[tokens[start + offset]]
            if exact:
                if w.norm not in allowed:
                    return False
            elif not (w.text_atoms & allowed):
                return False
        return True

    def find(self, text: str) -> list[Match]:
        """Every occurrence of every entry, sorted by (start, -end)."""
        if not self._longest or not text:
            return []
        if self._unspaced:
            return self._find_chars(text)
        tokens, starts, ends = tokenize(text)
        stream = "".join(map(self._chars.__getitem__, tokens))
        out: list[Match] = []
        append = out.append
        verify = self._verify
        for last, (length, items) in self._automaton.iter(stream):
            first = last - length + 1
            for entry, checks in items:
                if checks is None or verify(tokens, first, checks):
                    append(Match(starts[first], ends[last], entry))
        if self._alternatives:
            self._find_alternatives(tokens, starts, ends, stream, out)
        # Two stable sorts on C-level keys beat one sort on a Python tuple key.
        out.sort(key=attrgetter("end"), reverse=True)
        out.sort(key=attrgetter("start"))
        return out

    def _find_alternatives(
        self,
        tokens: list[str],
        starts: list[int],
        ends: list[int],
        stream: str,
        out: list[Match],
    ) -> None:
        """Matches through words that stand for atoms of two groups ("leaves": leave, leaf).

        The stream holds one character per word, so such a word is written with its first
        group and each other one is tried in a window as long as the longest term.
        """
        alternatives = self._alternatives
        main = {self._chars[s] for s in alternatives}
        pattern = re.compile("[" + re.escape("".join(main)) + "]")
        automaton, span = self._automaton, self._longest
        seen: set[tuple[int, int, int]] = set()
        for m in pattern.finditer(stream):
            p = m.start()
            others = alternatives.get(tokens[p])
            if not others:
                continue
            lo, hi = max(0, p - span + 1), min(len(stream), p + span)
            for char in others:
                window = stream[lo:p] + char + stream[p + 1 : hi]
                for last_w, (length, items) in automaton.iter(window):
                    last = lo + last_w
                    first = last - length + 1
                    if not first <= p <= last:
                        continue
                    written = automaton.get(stream[first : last + 1], None)
                    already = (
                        {
                            id(e)
                            for e, c in written[1]
                            if c is None or self._verify(tokens, first, c)
                        }
                        if written
                        else set()
                    )
                    for entry, checks in items:
                        key = (first, last, id(entry))
                        if id(entry) in already or key in seen:
                            continue
                        if checks is None or self._verify(tokens, first, checks):
                            seen.add(key)
                            out.append(Match(starts[first], ends[last], entry))

    def _find_chars(self, text: str) -> list[Match]:
        folded, origin = _fold_chars(text)
        out = [
            Match(origin[last - length + 1], origin[last] + 1, entry)
            for last, (length, items) in self._automaton.iter(folded)
            for entry, _ in items
        ]
        out.sort(key=attrgetter("end"), reverse=True)
        out.sort(key=attrgetter("start"))
        return out


def _add(
    keys: dict[str, tuple[int, list[_Item]]],
    key: str,
    length: int,
    entry: Entry,
    checks: tuple[_Check, ...] | None,
) -> None:
    slot = keys.get(key)
    if slot is None:
        keys[key] = (length, [(entry, checks)])
        return
    items = slot[1]
    for k, (e, c) in enumerate(items):
        if e is entry:
            if c is not None and (checks is None or len(checks) < len(c)):
                items[k] = (entry, checks)
            return
    items.append((entry, checks))


# --- Languages without spaces: characters ------------------------------------------------

_MARK = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u3099\u309a]")


@cache
def _fold_char(c: str) -> str:
    if c.isspace():
        return ""
    return c.casefold().translate(_FOLD)


def _fold_chars(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset it came from."""
    if not unicodedata.is_normalized("NFC", text) and _MARK.search(text):
        # Rare: decomposed text. Compose base + marks cluster by cluster to keep offsets.
        pieces, origin_of = [], []
        for m in re.finditer(r"(?s).[\u0300-\u036f\u3099\u309a]*", text):
            piece = "".join(map(_fold_char, unicodedata.normalize("NFC", m.group())))
            pieces.append(piece)
            origin_of.extend([m.start()] * len(piece))
        return "".join(pieces), origin_of
    pieces = list(map(_fold_char, text))
    folded = "".join(pieces)
    if len(folded) == len(text) and all(map(len, pieces)):  # one for one
        return folded, list(range(len(text)))
    origin: list[int] = []
    for i, piece in enumerate(pieces):
        origin.extend([i] * len(piece))
    return folded, origin
