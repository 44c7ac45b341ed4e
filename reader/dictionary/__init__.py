"""Dictionaries: look a word up offline, in every format learners have, with its lemmas.

    from reader.dictionary import Shelf, pinyin

    shelf = Shelf.default()                       # installed, system dictd, CC-CEDICT
    hits = shelf.lookup("stifled", "en")          # Hit(dictionary, form="stifle", how="lemma", entries)
    hits = shelf.lookup("nam", "nl", sentence="Meta nam het bedrijf over.", start=5)  # overnemen
    pinyin("归来")                                 # "guīlái"; syllables() and tones() for colouring

Modules: `model` (DictEntry, DictionaryInfo, the Dictionary protocol, Hit), `index` (the
memory-mapped index every format is read into), `formats/` (dictd, StarDict, Yomitan, ECDICT,
TSV), `cedict` (bundled CC-CEDICT, shared with the aligner), `registry` (installed and system
dictionaries), `forms` (what to look up for a word of running text), `shelf` (look-up across
dictionaries), `chinese` and `pinyin` (segmentation and readings).

Importing this package costs nothing: names below load their module on first use, and no
index is opened until a word is looked up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.dictionary.model import DictEntry, Dictionary, DictionaryInfo, Hit
    from reader.dictionary.pinyin import Syllable, pinyin, readings, syllables, tones
    from reader.dictionary.shelf import Shelf

_WHERE = {
    "DictEntry": "model",
    "Dictionary": "model",
    "DictionaryInfo": "model",
    "Hit": "model",
    "Shelf": "shelf",
    "Syllable": "pinyin",
    "pinyin": "pinyin",
    "readings": "pinyin",
    "syllables": "pinyin",
    "tones": "pinyin",
}

__all__ = [
    "DictEntry",
    "Dictionary",
    "DictionaryInfo",
    "Hit",
    "Shelf",
    "Syllable",
    "pinyin",
    "readings",
    "syllables",
    "tones",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.dictionary' has no attribute {name!r}")
    value = getattr(import_module(f"reader.dictionary.{module}"), name)
    globals()[name] = value
    return value
