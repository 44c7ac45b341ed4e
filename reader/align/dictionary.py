"""The Chinese-English dictionary the aligner looks words up in, built from CC-CEDICT.

The aligner reads the same index as the dictionary layer (`reader.dictionary.cedict`): one
compact, memory-mapped file built once per data file and cached by content. This module says
what the aligner keeps of each entry (the English lemmas of its glosses, `gloss_keys`) and
gives the aligner its small interface: `keys`, `to_simplified`, `pinyin`, `max_word`.
Opening it maps the index and unpacks two small character tables; words are looked up in
the index on demand and remembered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from reader.align.english import STOPWORDS, lemmas

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
        index: object,
        simplified: dict[str, str],
        pinyin: dict[str, tuple[str, ...]],
        max_word: int,
    ) -> None:
        self._index = index
        self.simplified = simplified
        self.pinyin = pinyin
        self.max_word = max_word
        self._keys: dict[str, tuple[str, ...]] = {}

    def keys(self, word: str) -> tuple[str, ...]:
        found = self._keys.get(word)
        if found is None:
            found = self._keys[word] = _word_keys(self._index, word)
        return found

    def to_simplified(self, text: str) -> str:
        return "".join(self.simplified.get(ch, ch) for ch in text)


def _word_keys(index: object, word: str) -> tuple[str, ...]:
    """The keys of every entry of the word (either script), in CC-CEDICT's order."""
    from reader.dictionary.cedict import definitions_of
    from reader.dictionary.index import Index
    from reader.dictionary.indexed import fold

    assert isinstance(index, Index)
    keys: list[str] = []
    entries = index.find(fold(word, "zh"))
    for found in align_keys_for([definitions_of(index, entry) for entry in entries]):
        keys.extend(key for key in found if key not in keys)
    return tuple(keys[:MAX_KEYS])


def gloss_keys(definitions: list[str]) -> list[str]:
    """English lemmas of a CEDICT entry's definitions, most salient sense first."""
    return align_keys_for([definitions])[0]


def align_keys_for(entries: Sequence[list[str]]) -> list[list[str]]:
    """`gloss_keys` of each entry's definitions."""
    words_of: dict[str, list[str]] = {}
    keys_of: dict[str, tuple[str, ...]] = {}
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
                    found = keys_of[low] = (low, *lemmas(low))
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
    return Dictionary(idx, simplified, pinyin, int(idx.meta.get("max_word", 1)))
