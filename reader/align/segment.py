"""Chinese text cut into words with the aligner's own dictionary.

The dictionary the aligner looks words up in is its segmenter too: no second lexicon to load
(jieba's took seconds per process) and no word the look-up cannot find. Each run of Chinese
characters becomes the fewest dictionary words that cover it, the longest first among as
few; numerals are words with their classifier; a run of lone characters that are not
function words is read as one unknown word, most often a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reader.align.dictionary import Dictionary
from reader.align.words import ZH_FUNCTION, ZH_STOPWORDS

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
# A numeral is one word, with the classifier or unit after it (二十一岁, 三个, 五百元).
_NUMERAL_WORD = re.compile(
    r"[零〇一二两三四五六七八九十百千万亿]{2,}|"
    r"[零〇一二两三四五六七八九十百千万亿]+[个岁年月日天次本只条张位名元块米里斤号点分秒周层件头匹把句声]"
)
_PIECE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*|\S")
# The longest word the segmenter tries (idioms are four characters; every try is a look-up,
# and longer entries, mostly names and set phrases, changed nothing on the gold sets), and
# the longest run of lone characters it reads as one unknown word (a name: 陈清扬, 王琦瑶).
_LONGEST_WORD = 4
_LONGEST_NAME = 3


def segment(text: str, d: Dictionary) -> list[str]:
    """Words of a Chinese text: the fewest dictionary words that cover each run of characters.

    The dictionary the aligner looks words up in is its segmenter too, so aligning needs
    no second lexicon in memory (jieba's takes seconds to load). A word it does not know
    comes out as lone characters; a run of them that are not function words is read as
    one unknown word, most often a name, whose pinyin and parts `keys` then tries.
    """
    out: list[str] = []
    for match in _PIECE.finditer(text):
        run = match.group()
        if _HAN.fullmatch(run):
            out.extend(_names(_fewest_words(run, d)))
        else:
            out.append(run)
    return out


def _fewest_words(run: str, d: Dictionary) -> list[str]:
    """The fewest known words covering the run; among as few, the longest words first."""
    known = _known(d)
    n = len(run)
    words_from = [0] * (n + 1)  # fewest words covering run[i:]
    word_end = [0] * n  # where the word chosen at i ends
    for i in range(n - 1, -1, -1):
        # Known words from i, longest first, then the lone character (always a word); a
        # longer word wins a tie.
        best, end_at = words_from[i + 1], i + 1
        for end in range(min(n, i + _LONGEST_WORD), i + 1, -1):
            count = words_from[end]
            if (count < best or (count == best and end_at == i + 1)) and known(run[i:end]):
                best, end_at = count, end
        words_from[i] = best + 1
        word_end[i] = end_at
    words: list[str] = []
    i = 0
    while i < n:
        words.append(run[i : word_end[i]])
        i = word_end[i]
    return words


# The look-up for the dictionary last asked about (its index is loaded once per process).
_KNOWN: list[tuple[Dictionary, Callable[[str], bool]]] = []


def _known(d: Dictionary) -> Callable[[str], bool]:
    """Whether a string is a word the segmenter may cut, remembered per word."""
    if _KNOWN and _KNOWN[0][0] is d:
        return _KNOWN[0][1]

    @lru_cache(maxsize=1 << 18)
    def known(word: str) -> bool:
        return (
            word in ZH_STOPWORDS
            or word in ZH_FUNCTION
            or bool(d.keys(word))
            or (word[0] in _NUMERALS and bool(_NUMERAL_WORD.fullmatch(word)))
        )

    _KNOWN[:] = [(d, known)]
    return known


def _names(words: list[str]) -> list[str]:
    out: list[str] = []
    joining = False
    for word in words:
        lone = len(word) == 1 and word not in ZH_STOPWORDS and word not in ZH_FUNCTION
        if lone and joining and len(out[-1]) < _LONGEST_NAME:
            out[-1] += word
        else:
            out.append(word)
        joining = lone
    return out
