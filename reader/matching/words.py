"""What one written word stands for: its folded spelling, its lemmas as a term word and as a
word of running text, and its negation. Computed once per spelling and shared by every
matcher of the process."""

from __future__ import annotations

from itertools import compress, repeat
from operator import is_, itemgetter
from typing import NamedTuple

from reader.lemmas import NEGATIONS, english_words, split_clitics, term_atoms, text_atoms
from reader.normalize import fold


class Word(NamedTuple):
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
ANALYSED: dict[str, dict[str, Word]] = {}
MAX_ANALYSED = 1 << 17


def analysed(lang: str) -> dict[str, Word]:
    return ANALYSED.setdefault(lang, {})


def analyse(surface: str, lang: str) -> Word:
    word = analysed(lang).get(surface)
    return word if word is not None else analyse_all([surface], lang)[0]


def analyse_all(surfaces: list[str], lang: str) -> list[Word]:
    """`analyse` of each spelling: one batch of dictionary look-ups for the tens of
    thousands of distinct words of a large glossary, and C loops (map, zip) around it."""
    known = analysed(lang)
    words: list[Word | None] = list(map(known.get, surfaces))
    new = list(compress(surfaces, map(is_, words, repeat(None))))
    if not new:
        return words  # type: ignore[return-value]
    if len(known) + len(new) >= MAX_ANALYSED:
        known.clear()
    norms = [s.lower() if s.isascii() else fold(s) for s in new]
    if lang == "en":
        bases, negated = norms.copy(), [False] * len(norms)
        # split_clitics only changes words with an apostrophe, and "cannot".
        for i in [i for i, n in enumerate(norms) if "'" in n or n == "cannot"]:
            bases[i], negated[i] = split_clitics(norms[i])
        atoms = english_words(bases)
        terms, texts = map(itemgetter(0), atoms), map(itemgetter(1), atoms)
        negation = map(NEGATIONS.__contains__, bases)
        known.update(zip(new, map(Word, norms, terms, texts, negated, negation)))
    else:
        for s, norm in zip(new, norms):
            known[s] = Word(norm, term_atoms(norm, lang), text_atoms(norm, lang), False, False)
    return [w if w is not None else known[s] for s, w in zip(surfaces, words)]
