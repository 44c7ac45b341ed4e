"""The Chinese-English dictionary the aligner looks words up in, built from CC-CEDICT.

The aligner reads CC-CEDICT through the shared index (`reader.dictionary.cedict`): the
traditional -> simplified table and the readings of each character come from its `align`
blob. What the aligner keeps of each word, the English lemmas of its glosses (`gloss_keys`),
needs lemminflect for 45,000 English words, so it is derived once into an index of its own
(`cedict-align`, cached by content like the main one, about a second to build) the first time
the aligner runs, not when CC-CEDICT is first opened for a look-up. Loading it unpacks one
table (word -> keys as text, about a tenth of a second); a word's keys are split on first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from reader.align.english import STOPWORDS

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
        words: dict[str, str],
        simplified: dict[str, str],
        pinyin: dict[str, tuple[str, ...]],
        max_word: int,
    ) -> None:
        self._words = words  # word -> its keys joined by spaces, split on first use
        self.simplified = simplified
        self.pinyin = pinyin
        self.max_word = max_word
        self._keys: dict[str, tuple[str, ...]] = {}

    def keys(self, word: str) -> tuple[str, ...]:
        found = self._keys.get(word)
        if found is None:
            text = self._words.get(word)
            found = self._keys[word] = tuple(text.split(" ")) if text else ()
        return found

    def to_simplified(self, text: str) -> str:
        return "".join(self.simplified.get(ch, ch) for ch in text)


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
                    found = keys_of[low] = (low, *_lemmas(low))
                for key in found:
                    if key not in keys:
                        keys.append(key)
            if len(keys) >= MAX_KEYS:
                break  # later senses cannot enter the first MAX_KEYS
        out.append(keys[:MAX_KEYS])
    return out


def _lemmas(word: str) -> tuple[str, ...]:
    """`reader.align.english.lemmas` of a lowercase word, read from lemminflect's tables
    the way `reader.lemmas` reads them: getAllLemmas deep-copies its answer, which made
    deriving the keys of all CC-CEDICT take seconds."""
    from reader.lemmas import _lemma_items

    found: list[str] = []
    for _upos, forms in _lemma_items(word):
        for form in forms:
            low = form.lower()
            if low not in found:
                found.append(low)
    return tuple(found) or (word,)


def toneless(syllable: str) -> str:
    return syllable.rstrip("012345").lower().replace("u:", "v")


def build_keys(writer: object, data: object) -> dict[str, object]:
    """The `cedict-align` index: one blob, word (simplified and traditional) -> its keys,
    merged over the word's entries in CC-CEDICT's order as `gloss_keys` gives them."""
    import marshal
    from pathlib import Path

    from reader.dictionary.cedict import rows
    from reader.dictionary.index import IndexWriter

    assert isinstance(writer, IndexWriter) and isinstance(data, Path)
    found = rows(data)
    keys_of = align_keys_for([d.split("/") for *_, d in found])
    merged: dict[str, list[str]] = {}
    for (trad, simp, _py, _defs), keys in zip(found, keys_of):
        for form in (simp, trad) if simp != trad else (simp,):
            known = merged.setdefault(form, [])
            known.extend(k for k in keys if k not in known)
    words = {w: " ".join(k[:MAX_KEYS]) for w, k in merged.items() if k}
    writer.add_blob("words", marshal.dumps(words))
    return {"words": len(words)}


@lru_cache(maxsize=1)
def load() -> Dictionary:
    """The dictionary, from the shared CC-CEDICT indexes (built and cached on first use)."""
    import marshal

    from reader.dictionary.cedict import data_digest, data_file, open_index
    from reader.dictionary.indexed import open_or_build

    idx = open_index()
    blob = idx.blob("align")
    simplified, pinyin = marshal.loads(blob) if blob else ({}, {})
    table = open_or_build("cedict-align", data_digest(), lambda w: build_keys(w, data_file()))
    words = marshal.loads(table.blob("words") or marshal.dumps({}))
    max_word = int(idx.meta.get("max_word", 1))
    idx.close()
    table.close()
    return Dictionary(words, simplified, pinyin, max_word)
