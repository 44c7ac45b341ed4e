"""Codes standing for units, and the table of keys a matcher is built from.

The automaton runs over a stream with one fixed-width code per unit (word, or character for
Chinese). pyahocorasick looks up a node's children one by one, so a stream with one
character per word (tens of thousands of distinct characters under the root) is a hundred
times slower than short codes over a small alphabet. Every code starts with the separator,
which appears nowhere else, so matches can only start and end on unit boundaries. The digits
are Latin-1 characters, so the stream takes one byte per character, not two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice, product

from reader.matching.words import Word

SEPARATOR = " "
BASE = 128
UNKNOWN, NOT = 0, 1  # ids of a unit that is in no term, and of `not`
DIGITS = "".join(chr(0x80 + d) for d in range(BASE))
# More auxiliaries than this in one term and only the term as written is matched.
MAX_VARIANTS = 64


class Codes:
    """Unit ids 0..ids-1 as stream codes: the separator and as few digits as will do."""

    def __init__(self, ids: int) -> None:
        # The last digit is kept for the unknown unit, so ids count in base 127 at most.
        digits = 1
        while (BASE - 1) ** digits < ids:
            digits += 1
        self.ids = ids
        self.width = digits + 1  # characters per unit in the stream
        self.codes = [
            SEPARATOR + "".join(d) for d in islice(product(DIGITS[:-1], repeat=digits), ids)
        ]
        # Most words of a text are in no term. Their code starts with a digit no key has, so
        # the automaton drops back to the root at its first digit instead of scanning a
        # node's children (pyahocorasick's search is linear) at every level: a third less
        # time in the automaton for the realistic glossary.
        self.codes[UNKNOWN] = SEPARATOR + DIGITS[-1] * digits

    def __call__(self, n: int) -> str:
        return self.codes[n]


# The automaton maps each key to a key number. Most keys stand for one entry and need no
# checks; their numbers index numpy arrays, so `find` turns hits into matches with array
# operations. The others (several entries, or checks) are looked up one by one. A check is
# (unit offset, allowed atoms, exact): the text word there must share an atom with the
# term word (or, when exact, be spelled like it). Checks are needed only where one code
# stands for more than the term word allows.
Check = tuple[int, frozenset[str], bool]
Item = tuple[int, tuple[Check, ...] | None]  # (entry index, checks)


class KeyTable:
    """The keys of a glossary while the matcher is built: key -> key number, with per key its
    length in units and its entries.

    Nearly every key stands for one entry and no checks; that entry is kept as a plain int
    (`single`), so a 50,000-entry build makes no objects per key for the collector to scan.
    """

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.length: list[int] = []
        self.single: list[int] = []  # the one entry, or -1: see `items`
        self.items: dict[int, list[Item]] = {}  # several entries, or checks

    def add(self, key: str, length: int, entry: int, checks: tuple[Check, ...] | None) -> None:
        k = self.number.get(key)
        if k is None:
            self.number[key] = len(self.length)
            self.length.append(length)
            if checks is None:
                self.single.append(entry)
            else:
                self.single.append(-1)
                self.items[len(self.length) - 1] = [(entry, checks)]
            return
        items = self.items.get(k)
        if items is None:
            if self.single[k] == entry:  # a form that reads like the term
                return
            items = self.items[k] = [(self.single[k], None)]
            self.single[k] = -1
        for n, (e, c) in enumerate(items):
            if e == entry:
                # The same entry through two spellings: keep the one with fewer checks.
                if c is not None and (checks is None or len(checks) < len(c)):
                    items[n] = (entry, checks)
                return
        items.append((entry, checks))


class UnitCodes(dict[str, str]):
    """Text unit -> stream code, filled on first sight of each spelling."""

    def __init__(self, missing: Callable[[str], str]) -> None:
        super().__init__()
        self.missing = missing

    def __missing__(self, unit: str) -> str:
        code = self[unit] = self.missing(unit)
        return code


@dataclass(frozen=True, slots=True)
class TermWord:
    """A distinct word of the glossary's terms, as keys are written with it."""

    code: str
    negated_code: str | None  # an auxiliary: the code of its n't form
    check: frozenset[str] | None  # atoms to verify when its group holds more than these
    word: Word
