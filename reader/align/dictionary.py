"""The Chinese-English dictionary the aligner looks words up in, built from CC-CEDICT.

The aligner reads CC-CEDICT through the shared index (`reader.dictionary.cedict`): one compact
file, memory-mapped, built once per data file and cached by content. Opening it maps the file
and unpacks its two small character tables (traditional -> simplified, the readings of each
character). What the aligner keeps of a word, the English lemmas of its glosses
(`gloss_keys`), is worked out the first time the word is met and remembered: a short text
costs a few milliseconds, and no table of all 120,000 entries is derived or loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from reader.align.english import STOPWORDS
from reader.lemmas import lemmas_of

if TYPE_CHECKING:
    from reader.dictionary.index import Index

# A gloss with more keys than this is a grammatical particle or a many-sense character:
# its keys would match nearly any English sentence, so only its first senses are kept.
MAX_KEYS = 12

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_WORD = re.compile(r"[A-Za-z]+")
_SKIP = ("CL:", "variant of", "old variant of", "see ", "see also", "abbr. for", "used in ")


class Dictionary:
    """Look-up tables for one direction: Chinese word -> English keys (used both ways)."""

    def __init__(
        self,
        words: Callable[[str], tuple[str, ...]],
        simplified: dict[str, str],
        pinyin: dict[str, tuple[str, ...]],
        max_word: int,
    ) -> None:
        self._find = words  # a word's keys, worked out on first use
        self.simplified = simplified
        self.pinyin = pinyin
        self.max_word = max_word
        self._keys: dict[str, tuple[str, ...]] = {}
        self._to_simplified = {ord(k): v for k, v in simplified.items() if len(k) == 1}

    def keys(self, word: str) -> tuple[str, ...]:
        found = self._keys.get(word)
        if found is None:
            found = self._keys[word] = self._find(word)
        return found

    def to_simplified(self, text: str) -> str:
        return text.translate(self._to_simplified)


def _word_keys(index: Index, word: str) -> tuple[str, ...]:
    """The keys of every entry of the word (either script), merged in CC-CEDICT's order."""
    from reader.dictionary.cedict import definitions_of
    from reader.dictionary.indexed import fold

    entries = index.find(fold(word, "zh"))
    if not entries:
        return ()
    keys: list[str] = []
    for found in align_keys_for([definitions_of(index, e) for e in entries]):
        keys.extend(k for k in found if k not in keys)
    return tuple(keys[:MAX_KEYS])


def gloss_keys(definitions: list[str]) -> list[str]:
    """English lemmas of a CEDICT entry's definitions, most salient sense first."""
    return align_keys_for([definitions])[0]


# What the words of a definition are, and what keys an English word gives: remembered for the
# process, since the same glosses and words recur across the entries a text meets.
_WORDS_OF: dict[str, list[str]] = {}
_KEYS_OF: dict[str, tuple[str, ...]] = {}
_MAX_REMEMBERED = 1 << 18


def align_keys_for(entries: Sequence[list[str]]) -> list[list[str]]:
    """`gloss_keys` of each entry's definitions."""
    words_of, keys_of = _WORDS_OF, _KEYS_OF
    if len(words_of) > _MAX_REMEMBERED:
        words_of.clear()
        keys_of.clear()
    out: list[list[str]] = []
    for definitions in entries:
        keys: list[str] = []
        for definition in definitions:
            if definition.startswith(_SKIP):
                continue
            words = words_of.get(definition)
            if words is None:
                text = definition.removeprefix("surname ")
                if "(" in text or "[" in text or "{" in text:
                    text = _PARENS.sub(" ", text)
                words = words_of[definition] = [
                    low
                    for low in map(str.lower, _WORD.findall(text))
                    if low not in STOPWORDS and len(low) > 1
                ]
            for low in words:
                found = keys_of.get(low)
                if found is None:
                    found = keys_of[low] = (low, *lemmas_of(low))
                for key in found:
                    if key not in keys:
                        keys.append(key)
            if len(keys) >= MAX_KEYS:
                break  # later senses cannot enter the first MAX_KEYS
        out.append(keys[:MAX_KEYS])
    return out


def toneless(syllable: str) -> str:
    return syllable.rstrip("012345").lower().replace("u:", "v")


@lru_cache(maxsize=1)
def load() -> Dictionary:
    """The dictionary, from the shared CC-CEDICT index (built and cached on first use)."""
    import marshal

    from reader.dictionary.cedict import open_index

    idx = open_index()
    blob = idx.blob("align")
    simplified, pinyin = marshal.loads(blob) if blob else ({}, {})
    return Dictionary(
        partial(_word_keys, idx), simplified, pinyin, int(idx.meta.get("max_word", 1))
    )
