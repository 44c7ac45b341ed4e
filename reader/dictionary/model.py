"""What a dictionary is to the rest of reader: its description, its entries, one interface."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class DictEntry:
    """One entry as a dictionary gives it, flattened to plain text.

    `definitions` are the senses in the dictionary's order; a format that has one block of
    text per headword (dictd, StarDict) gives one definition holding its lines. `reading` is
    how the headword is said as the dictionary writes it (pinyin with tone marks, IPA, kana);
    `numbered` is CC-CEDICT's pinyin with tone numbers. `forms` are other spellings of the
    same headword (the traditional characters, a synonym the look-up came through).
    """

    headword: str
    definitions: tuple[str, ...]
    reading: str = ""
    numbered: str = ""
    forms: tuple[str, ...] = ()
    pos: str = ""

    @property
    def text(self) -> str:
        """The definitions on one line, as a gloss field would take them."""
        return "; ".join(d.replace("\n", " ") for d in self.definitions)


@dataclass(frozen=True)
class DictionaryInfo:
    """What the learner sees of a dictionary in `reader dict list` and in the app."""

    name: str
    from_lang: str
    to_lang: str
    entries: int
    format: str  # cedict | stardict | dictd | yomitan | ecdict | tsv
    source: str = ""  # where its files are (a folder, a file, "bundled")
    origin: str = "installed"  # installed | system | bundled


@runtime_checkable
class Dictionary(Protocol):
    """Anything that looks words up: every format, the bundled CC-CEDICT, a test double."""

    @property
    def info(self) -> DictionaryInfo: ...

    def lookup(self, word: str) -> list[DictEntry]:
        """Entries whose headword (or a synonym) is `word`, compared as the dictionary's
        language folds words (case, accents of composition, Arabic diacritics...)."""
        ...

    def has_prefix(self, prefix: str) -> bool:
        """Whether some headword starts with `prefix` (longest-match look-up)."""
        ...


@dataclass(frozen=True)
class Hit:
    """Entries of one dictionary for one look-up, and how the word was found there.

    `form` is what was looked up (`stifle` for the text's "stifled", `overnemen` for "nam …
    over"); `how` says why that form: "exact", "lemma", "separable", "clitic", "simplified",
    "longest", "reversed".
    """

    dictionary: DictionaryInfo
    form: str
    how: str
    entries: tuple[DictEntry, ...] = field(default=())
