"""Text as the matcher reads it: word tokens for languages written with spaces, folded
characters for the others. Both keep the character offsets of the text as given."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import numpy as np

from reader.normalize import APOSTROPHES, FOLD

# Token classes per code point for the numpy tokenizer.
_SEP, _WORD, _APOS = 0, 1, 2


@cache
def char_classes() -> np.ndarray:
    """A word character is a letter, digit or combining mark (as `\\w`, minus `_`, plus marks).

    Built once, lazily (about 20 ms). Outside the Basic Multilingual Plane everything counts
    as a letter except the emoji and symbol blocks, which keeps the table cheap to build.
    """
    table = np.zeros(0x110000, dtype=np.uint8)
    table[0x10000:] = _WORD
    table[0x1F000:0x1FB00] = _SEP
    for i in range(0x10000):
        c = chr(i)
        if c.isalnum() or unicodedata.category(c)[0] == "M":
            table[i] = _WORD
    table[ord("_")] = _SEP
    for c in APOSTROPHES:
        table[ord(c)] = _APOS
    return table


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """(tokens, starts, ends): runs of word characters; an apostrophe between two word
    characters belongs to the word ("isn't", "Europe's")."""
    tokens, starts, ends = tokenize_arrays(text)
    return tokens, starts.tolist(), ends.tolist()


def tokenize_arrays(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """`tokenize` with the offsets as numpy arrays."""
    # Offsets stay numpy arrays: `find` needs them only for the words it matched, and a
    # million Python ints cost more than the look-ups.
    if not text:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64)
    # surrogatepass: a lone surrogate (from a lenient decoder) is a separator, not an error.
    # Text without characters beyond the Basic Multilingual Plane (nearly all) is read as
    # UTF-16, one 2-byte unit per character: a third faster than UTF-32.
    raw = text.encode("utf-16-le", "surrogatepass")
    if len(raw) == 2 * len(text):
        encoding, codes = "utf-16-le", np.frombuffer(raw, dtype="<u2")
        classes = char_classes()[:0x10000][codes]
    else:
        raw = text.encode("utf-32-le", "surrogatepass")
        encoding, codes = "utf-32-le", np.frombuffer(raw, dtype="<u4")
        classes = char_classes()[codes]
    word = classes == _WORD
    inner = np.flatnonzero(classes == _APOS)
    if inner.size:
        inner = inner[(inner > 0) & (inner < len(codes) - 1)]
        word[inner[word[inner - 1] & word[inner + 1]]] = True
    # True where a word starts or has just ended (np.diff with prepend/append copies the text
    # twice more). A boolean array: np.flatnonzero is three times faster on it than on int8.
    change = np.empty(len(word) + 1, dtype=bool)
    change[0], change[-1] = word[0], word[-1]
    np.not_equal(word[1:], word[:-1], out=change[1:-1])
    edges = np.flatnonzero(change)
    spaced = np.where(word, codes, codes.dtype.type(32))
    tokens = spaced.tobytes().decode(encoding, "surrogatepass").split()
    return tokens, edges[0::2], edges[1::2]  # word edges alternate: start, end, start ...


# --- Languages without spaces: characters ------------------------------------------------

_MARK = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u3099\u309a]")
_CLUSTER = re.compile(
    r"(?s).[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u3099\u309a]*"
)


@cache
def fold_char(c: str) -> str:
    if c.isspace():
        return ""
    return c.casefold().translate(FOLD)


def fold_chars(text: str) -> tuple[list[str], list[int], list[int]]:
    """The folded characters of `text` and, for each, the span it came from."""
    if not unicodedata.is_normalized("NFC", text) and _MARK.search(text):
        # Rare: decomposed text. Compose base + marks cluster by cluster to keep offsets.
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _CLUSTER.finditer(text):
            piece = "".join(map(fold_char, unicodedata.normalize("NFC", m.group())))
            chars.extend(piece)
            starts.extend([m.start()] * len(piece))
            ends.extend([m.end()] * len(piece))
        return chars, starts, ends
    pieces = list(map(fold_char, text))
    if all(len(p) == 1 for p in pieces):  # one for one: the common case
        return pieces, list(range(len(text))), list(range(1, len(text) + 1))
    chars, starts, ends = [], [], []
    for i, piece in enumerate(pieces):
        chars.extend(piece)
        starts.extend([i] * len(piece))
        ends.extend([i + 1] * len(piece))
    return chars, starts, ends
