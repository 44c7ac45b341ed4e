"""The matcher: one Aho-Corasick automaton over the codes of a glossary's terms, run over the
codes of a text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

import ahocorasick
import numpy as np

from reader.gcpause import no_gc
from reader.matching.build import char_keys, word_keys
from reader.matching.codebook import Codebook
from reader.matching.codes import Check, KeyTable
from reader.matching.tokens import fold_chars, tokenize_arrays
from reader.model import Entry
from reader.normalize import base_lang


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of an entry: `text[start:end]` in the text given to `find`."""

    start: int
    end: int
    entry: Entry


class Matcher:
    """Every glossary term of one language, ready to be found in text.

    Build it once per glossary version (it holds an Aho-Corasick automaton) and call
    `find` for each text. Entries of other languages and ignored entries are left out.
    """

    def __init__(self, entries: Iterable[Entry], lang: str) -> None:
        from reader.matching.cache import CachedBuild

        self.lang = lang = base_lang(lang)
        # A list first: a tuple built from a generator is a third slower for 50,000 entries.
        self.entries = tuple(
            [
                e
                for e in entries
                if e.status != "ignored" and (e.lang == lang or base_lang(e.lang) == lang)
            ]
        )
        self._book = Codebook(lang)
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._entry_array = np.empty(len(self.entries), dtype=object)
        self._entry_array[:] = self.entries
        with no_gc():
            cached = CachedBuild.of(self)
            if cached is not None and cached.restore(self):
                return
            build = char_keys if self._book.unspaced else word_keys
            keys = build(self._book, self.entries)
            self._store(keys)
        if keys.number:
            self._automaton.make_automaton()
        if cached is not None:
            cached.save(self, list(keys.number))

    def _store(self, keys: KeyTable) -> None:
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
        checked: dict[int, tuple[tuple[int, tuple[Check, ...]], ...]] = {}
        for k, items in keys.items.items():
            with_checks = tuple((i, c) for i, c in items if c is not None)
            if with_checks:
                checked[k] = with_checks
        self._set_keys(np.array(keys.length, dtype=np.int64), count, offset, flat, checked)

    def _set_keys(
        self,
        length: np.ndarray,
        count: np.ndarray,
        offset: np.ndarray,
        flat: np.ndarray,
        checked: dict[int, Any],
    ) -> None:
        """Take the key arrays of a build (made here, or read back from the cache)."""
        self._checked = checked
        self._key_length = length
        self._key_count, self._key_offset, self._key_entries = count, offset, flat
        self._key_has_checks = np.zeros(len(length), dtype=bool)
        self._key_has_checks[list(checked)] = True
        self._one_each = bool((count == 1).all()) and not checked
        self._longest = int(length.max()) if len(length) else 0  # in units

    # --- finding ---

    def _verify(self, units: list[str], start: int, checks: tuple[Check, ...]) -> bool:
        words = self._book.words
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
        book = self._book
        if book.unspaced:
            units, starts_list, ends_list = fold_chars(text)
            starts, ends = np.asarray(starts_list), np.asarray(ends_list)
        else:
            units, starts, ends = tokenize_arrays(text)
        stream = "".join(map(book.unit_codes.__getitem__, units))
        width = book.codes.width
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
        if book.alternatives:
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
        plain: list[int] = self._key_entries[offset : offset + int(self._key_count[key])].tolist()
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
        book = self._book
        # A snapshot: another thread's find may be adding words to the dict meanwhile.
        alternatives = dict(book.alternatives)
        written = {book.unit_codes[s] for s in alternatives}
        pattern = re.compile("|".join(map(re.escape, written)))
        automaton, span, width = self._automaton, self._longest, book.codes.width
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
