"""How one glossary's words are written in the automaton's stream: the codebook a matcher
is built with and finds with.

Words whose lemmas meet share a group, and a group has one code, so "was" in the text is
written like "is" in a term. A word of running text is written with the code of the group
its own lemmas fall in; the few that fall in two groups ("leaves": leave, leaf) are noted as
alternatives, tried by the matcher one window at a time.
"""

from __future__ import annotations

from reader.matching.codes import NOT, UNKNOWN, Codes, UnitCodes
from reader.matching.words import Word, analyse
from reader.normalize import unspaced


class Codebook:
    """The codes of one matcher: per group of atoms, and per text unit seen so far."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.unspaced = unspaced(lang)
        self.words: dict[str, Word] = {}
        self.group: dict[str, int] = {}  # atom -> id of its group
        self.negated: dict[int, int] = {}  # auxiliary's group id -> id of its n't form
        self.alternatives: dict[str, tuple[str, ...]] = {}  # ambiguous word -> other codes
        self.codes = Codes(2)
        self.unknown = self.codes(UNKNOWN)
        self.not_ = self.codes(NOT)
        self.unit_codes = UnitCodes(self.char_code if self.unspaced else self.word_code)

    def use(self, codes: Codes) -> None:
        """Write units with `codes` from now on (set once per build, before any text)."""
        self.codes = codes
        self.unknown, self.not_ = codes(UNKNOWN), codes(NOT)

    def word(self, surface: str) -> Word:
        word = self.words.get(surface)
        if word is None:
            word = self.words[surface] = analyse(surface, self.lang)
        return word

    def char_code(self, char: str) -> str:
        # Every character of a term has its code from the build: any other is in no term.
        return self.unknown

    def word_code(self, surface: str) -> str:
        w = self.word(surface)
        if w.negation:
            return self.not_
        gids = list(dict.fromkeys(g for a in w.text_atoms if (g := self.group.get(a))))
        if not gids:
            return self.unknown
        own = self.group.get(w.norm)
        if own is not None and gids[0] != own:
            gids.remove(own)
            gids.insert(0, own)
        if w.negated:
            gids = [self.negated.get(g, g) for g in gids]
        codes = [self.codes(g) for g in gids]
        if len(codes) > 1:
            self.alternatives[surface] = tuple(codes[1:])
        return codes[0]
