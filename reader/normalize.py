"""When two spellings are the same term: one set of rules for the glossary, the matcher, the
importers and the add dialog.

A glossary refuses a second `Europe’s` beside `Europe's`, the matcher finds one where the other
is written, and the add dialog turns what the learner picked into the term they mean. Each of
them needs the same answer, and none of them should pay for the others' machinery (numpy, the
lemmatisers, an automaton) to get it: this module imports nothing but the standard library.

- Case (Unicode case folding), composition (NFC), the apostrophes ' ’ ‘ ʼ ʹ ＇ and the
  hyphens and dashes - ‐ ‑ ‒ – — ― − ﹣ － and the soft hyphen are ignored.
- Arabic: harakat and tatweel are dropped; أ إ آ ٱ are written ا, ى as ي and ة as ه.
- Runs of whitespace are one space; languages written without spaces (Chinese, Japanese,
  Thai ...) drop whitespace altogether.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.model import UNSPACED_LANGS

__all__ = [
    "APOSTROPHES",
    "FOLD",
    "HYPHENS",
    "base_lang",
    "fold",
    "normalize_pick",
    "normalize_term",
    "unspaced",
]

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
# Applied after case folding: one character in, at most one out (the matcher of languages
# without spaces relies on that to keep character offsets).
FOLD = str.maketrans(
    {
        **{c: "'" for c in APOSTROPHES},
        **{c: "-" for c in HYPHENS},
        **_AR_LETTERS,
        **{chr(c): None for c in _AR_DIACRITICS},
    }
)


def fold(text: str) -> str:
    """`text` with case, composition, apostrophes, hyphens and Arabic variants folded."""
    # ASCII is already NFC and needs no table; skipping both halves the cost of a
    # 50,000-entry duplicate check.
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold().translate(FOLD)


def base_lang(lang: str | None) -> str:
    """`zh-Hant` -> `zh`: the language without its region or script."""
    return (lang or "").split("-")[0].lower()


@lru_cache(maxsize=64)  # glossaries compare tens of thousands of terms of one language
def unspaced(lang: str) -> bool:
    """Whether `lang` is written without spaces between words."""
    return base_lang(lang) in UNSPACED_LANGS


def normalize_term(term: str, lang: str) -> str:
    """The key a term is looked up and compared under (duplicate detection).

    NFC, case-folded, apostrophes as ', hyphens and dashes as -, Arabic normalised as in
    matching, runs of whitespace as one space (none at all for Chinese and other languages
    written without spaces).
    """
    folded = fold(term)
    return ("" if unspaced(lang) else " ").join(folded.split())


# What a picked span may carry that is not part of the term: quotes, brackets, punctuation of
# every script (the Chinese 「」，。 as well as the Latin ones).
_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


def normalize_pick(text: str, lang: str, *, at_sentence_start: bool = False) -> str:
    """The term a learner most likely means by the text they picked.

    Whitespace collapsed (a phrase picked across a line break), punctuation trimmed from both
    ends, NFC. A capital that is only there because the word starts the sentence is lowered
    ("Stark" -> "stark"); other capitals are kept, since names and acronyms (Meta, AI) are
    terms as written.
    """
    term = unicodedata.normalize("NFC", " ".join(text.split()))
    term = _EDGE.sub("", term)
    if lang in ("zh", "ja"):
        term = term.replace(" ", "")
    if at_sentence_start and term[:1].isupper():
        first, _, rest = term.partition(" ")
        if first[1:] == first[1:].lower() and len(first) > 1 or len(first) == 1 and first != "I":
            term = first.lower() + (" " + rest if rest else "")
    return term
