"""Every dictionary the learner has, and look-up across them.

`Shelf.default()` gathers them in the learner's order: installed dictionaries (registry
order), the system's dictd databases, then the bundled CC-CEDICT (Chinese -> English) and
CC-CEDICT reversed (English -> Chinese). Nothing is opened until a word is looked up, so
making a shelf costs a directory listing; each index opens (or is built) on first use, which
the app does in a worker.

`lookup(word, lang)` asks every dictionary whose source language is `lang` for each form
`reader.dictionary.forms` proposes (the word, its lemmas, the separable verb of its clause,
its Arabic stem...), and returns one `Hit` per dictionary and form that has entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.dictionary.forms import Form, forms
from reader.dictionary.langcodes import base
from reader.dictionary.model import DictEntry, Dictionary, Hit
from reader.errors import ReaderError

# A reversed look-up of a common English word lists hundreds of Chinese words; the first
# ones, ranked, are the suggestions worth reading.
MAX_ENTRIES = 20
# Words found without a reading before a dictionary is taken to have none.
_READLESS = 50


class Shelf:
    """An ordered set of dictionaries."""

    def __init__(self, dictionaries: Sequence[Dictionary]) -> None:
        self.dictionaries = list(dictionaries)
        # Dictionaries that failed (a file damaged since it was added): one line each. They
        # are left out of later look-ups; the others still answer.
        self.errors: list[ReaderError] = []
        self._broken: set[int] = set()
        # Per dictionary: entries found without a reading so far (-1 once one had one).
        self._readless: dict[int, int] = {}
        self._reading_from: dict[str, list[Dictionary]] = {}

    @classmethod
    def default(cls, *, bundled: bool = True) -> Shelf:
        from reader.dictionary.registry import Registry, open_record

        found: list[Dictionary] = [open_record(r) for r in Registry().records()]
        if bundled:
            from reader.dictionary.cedict import Cedict, CedictReversed

            found += [Cedict(), CedictReversed()]
        return cls(found)

    def for_language(self, lang: str, to: str | None = None) -> list[Dictionary]:
        """Dictionaries from `lang` (and into `to`, when given), in order."""
        want = base(lang)
        into = base(to) if to else None
        return [
            d
            for d in self.dictionaries
            if base(d.info.from_lang) == want and (into is None or base(d.info.to_lang) == into)
        ]

    def languages(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys((d.info.from_lang, d.info.to_lang) for d in self.dictionaries))

    def lookup(
        self,
        word: str,
        lang: str,
        *,
        to: str | None = None,
        sentence: str | None = None,
        start: int | None = None,
        limit: int = MAX_ENTRIES,
    ) -> list[Hit]:
        """Entries for `word` of language `lang`, dictionary by dictionary in the shelf's
        order; within one dictionary, the word as written first, then its other forms.

        `sentence` and `start` (the word's offset in it) let the forms depend on the context:
        Dutch separable verbs, and for Chinese the longest dictionary word at `start`.
        """
        dictionaries = self.for_language(lang, to)
        if not dictionaries:
            return []
        candidates = self.candidates(word, lang, sentence, start)
        hits: list[Hit] = []
        for d in dictionaries:
            if id(d) in self._broken:
                continue
            try:
                hits += self._lookup_one(d, candidates, limit)
            except ReaderError as exc:
                self._broken.add(id(d))
                self.errors.append(exc)
        return hits

    def reading(self, word: str, lang: str) -> str | None:
        """How `word` itself is said, as the first dictionary of `lang` with a reading for
        it writes it (IPA, a phonetic spelling, kana); None when none has one.

        Only the word as written is asked: a lemma's reading is not the word's (stifle is not
        stifled). A dictionary that has given no reading in its first few entries found (WordNet,
        most word lists) is not asked again by this shelf: its format carries none.
        """
        asked = self._reading_from.get(lang)
        if asked is None:
            asked = self._reading_from[lang] = self.for_language(lang)
        word = word.strip()
        for d in list(asked):
            if id(d) in self._broken:
                asked.remove(d)
                continue
            try:
                entries = d.lookup(word)
            except ReaderError as exc:
                self._broken.add(id(d))
                self.errors.append(exc)
                continue
            for e in entries:
                if e.reading.strip():
                    self._readless[id(d)] = -1  # it has readings: always asked
                    return e.reading.strip()
            if entries and self._readless.get(id(d), 0) >= 0:
                self._readless[id(d)] = self._readless.get(id(d), 0) + 1
                if self._readless[id(d)] >= _READLESS:
                    asked.remove(d)
        return None

    def _lookup_one(self, d: Dictionary, candidates: list[Form], limit: int) -> list[Hit]:
        hits: list[Hit] = []
        shown: set[tuple[str, tuple[str, ...]]] = set()
        queue = list(candidates)
        asked: set[str] = set()
        while queue:
            form = queue.pop(0)
            if form.text in asked:
                continue
            asked.add(form.text)
            entries = _unique(d.lookup(form.text), shown)
            if entries:
                hits.append(Hit(d.info, form.text, form.how, tuple(entries[:limit])))
                # Yomitan lists inflected forms as pointers to their lemma: follow them.
                queue[:0] = [Form(t, "form of") for t in _pointers(entries) if t not in asked]
        return hits

    def candidates(
        self, word: str, lang: str, sentence: str | None = None, start: int | None = None
    ) -> list[Form]:
        found = forms(word, lang, sentence, start)
        if base(lang) == "zh" and (sentence is None or start is None):
            # A selection of several words: the words it starts with.
            sentence, start = (word, 0) if len(word) > 1 else (sentence, start)
        if base(lang) == "zh" and sentence is not None and start is not None:
            from reader.dictionary.chinese import words_at

            longer = [Form(w, "longest") for w in words_at(sentence, start)]
            known = {f.text for f in found}
            found = [*(f for f in longer if f.text not in known), *found]
            # The selection itself stays first when the learner chose it.
            found.sort(key=lambda f: f.text != word)
        return found


_POINTER = re.compile(r"→ (.+?)(?: \(.*\))?")


def _pointers(entries: list[DictEntry]) -> list[str]:
    out = []
    for e in entries:
        for d in e.definitions:
            m = _POINTER.fullmatch(d)
            if m:
                out.append(m.group(1))
    return list(dict.fromkeys(out))


def _unique(
    entries: Iterable[DictEntry], shown: set[tuple[str, tuple[str, ...]]]
) -> list[DictEntry]:
    """Entries not already listed for an earlier form of the same dictionary."""
    out = []
    for e in entries:
        key = (e.headword, e.definitions)
        if key not in shown:
            shown.add(key)
            out.append(e)
    return out
