"""Readings of Chinese text: pinyin with tone marks or numbers, and the tone of each syllable.

The one place the app, the Add dialog and the Anki exporter get pinyin from:

    pinyin("归来")                 -> "guīlái"
    pinyin("我们归来了", numbers=True) -> "wo3 men5 gui1 lai2 le5"
    syllables("归来")              -> (Syllable("归", "guī", "gui1", 1), Syllable("来", "lái", "lai2", 2))
    tones("归来。")                -> (1, 2, 0)      one per character, 0 where nothing is read

Readings come from CC-CEDICT word by word: the text is segmented (jieba), each word read as
CC-CEDICT has it (so 行 is háng in 银行 and xíng in 行走), and a word CC-CEDICT does not know is
read by its longest known pieces, then character by character. Tone marks follow the standard
placement (a or e takes the mark, then the o of ou, else the last vowel); syllables of one word
are written together, with an apostrophe before a, o or e (Xī'ān), as Hanyu Pinyin spells words.
Tone sandhi (一, 不, third tones) is not applied: dictionaries and textbooks print the citation
tone and so do we.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}
# Combining marks for syllables without a vowel (m2 呣, ng2 嗯).
_COMBINING = ("\u0304", "\u0301", "\u030c", "\u0300")
_NUMBERED = re.compile(r"([A-Za-zÜü:]+?)([1-5])")


@dataclass(frozen=True)
class Syllable:
    """One read syllable: the character(s) it is read from and its reading.

    `tone` is 1-4, 5 for the neutral tone, and 0 for text that is not read as Chinese (Latin
    letters, digits, punctuation), whose `marked` and `numbered` are the text itself.
    """

    text: str
    marked: str
    numbered: str
    tone: int


@dataclass(frozen=True)
class Word:
    """A word of the text and its syllables, as segmented for reading."""

    text: str
    syllables: tuple[Syllable, ...]

    @property
    def marked(self) -> str:
        return join_marked([s.marked for s in self.syllables if s.tone])


def mark(numbered: str) -> str:
    """One CC-CEDICT syllable with its tone number as a tone mark: gui1 -> guī, lu:4 -> lǜ,
    Bei3 -> Běi, r5 -> r. Anything else (`·`, `A`) comes back unchanged."""
    m = _NUMBERED.fullmatch(numbered)
    if m is None:
        return numbered.replace("u:", "ü").replace("U:", "Ü")
    body = m.group(1).replace("u:", "ü").replace("U:", "Ü")
    tone = int(m.group(2))
    if tone == 5:
        return body
    low = body.lower()
    if "a" in low:
        i = low.index("a")
    elif "e" in low:
        i = low.index("e")
    elif "ou" in low:
        i = low.index("o")
    else:
        i = max(low.rfind(v) for v in "iouü")
    if i < 0:  # m, n, ng: the mark goes on the first letter (ḿ, ň where Unicode has one)
        return unicodedata.normalize("NFC", body[0] + _COMBINING[tone - 1] + body[1:])
    marked = _MARKS[low[i]][tone - 1]
    if body[i].isupper():
        marked = marked.upper()
    return body[:i] + marked + body[i + 1 :]


def tone_of(numbered: str) -> int:
    """The tone number of a CC-CEDICT syllable (5 for neutral; `nu:3` is 3), 0 if it has
    none."""
    body = numbered[:-1].replace(":", "")
    return int(numbered[-1]) if numbered[-1:] in "12345" and body.isalpha() else 0


def marked_syllables(numbered: str) -> str:
    """A CC-CEDICT reading with tone marks, syllables apart as CC-CEDICT writes them:
    `gui1 lai2` -> `guī lái`."""
    return " ".join(mark(s) for s in numbered.split())


def spelled(marked: list[str]) -> list[str]:
    """Each syllable of one word as it is written inside the word: with an apostrophe where
    a syllable starting with a, o or e would otherwise run into the one before it (Xī'ān)."""
    return [
        "'" + s if i and s[:1].lower() in "aāáǎàoōóǒòeēéěè" else s for i, s in enumerate(marked)
    ]


def join_marked(marked: list[str]) -> str:
    """Syllables of one word written together: `Xī`, `ān` -> `Xī'ān`, `jī`, `è` -> `jī'è`."""
    return "".join(spelled(marked))


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[Word, ...]:
    """The text as words, each with the syllables it is read as (non-Chinese runs as one
    word whose single syllable has tone 0). Remembered: a deck reads a sentence once per
    term it holds."""
    from reader.dictionary.chinese import reading_words

    return reading_words(text)


def syllables(text: str) -> tuple[Syllable, ...]:
    """Every syllable of the text in order, for colouring by tone."""
    return tuple(s for word in readings(text) for s in word.syllables)


def pinyin(text: str, *, numbers: bool = False) -> str:
    """The pinyin of a word or a sentence.

    With tone marks (the default) each word's syllables are written together and words are
    separated by spaces: 我们归来了 -> `wǒmen guīlái le`. With `numbers=True`, syllables are
    separated as CC-CEDICT writes them: `wo3 men5 gui1 lai2 le5`. Text that is not Chinese
    (punctuation, Latin words, digits) is kept as it is.
    """
    parts: list[str] = []
    for word in readings(text):
        read = [s for s in word.syllables if s.tone]
        if not read:
            text_part = word.text.strip()
            if text_part:
                parts.append(text_part)
            continue
        if numbers:
            parts.extend(s.numbered for s in read)
        else:
            parts.append(word.marked)
    return punctuate(" ".join(parts))


_SPACE_BEFORE = re.compile(r" ([,.;:!?)\]”’…])")
_SPACE_AFTER = re.compile(r"([(\[“‘]) ")
# Pinyin is written with Latin punctuation.
_PUNCTUATION = {
    "，": ",",
    "。": ".",
    "！": "!",
    "？": "?",
    "；": ";",
    "：": ":",
    "、": ",",
    "（": "(",
    "）": ")",
    "「": "“",
    "」": "”",
    "『": "‘",
    "』": "’",
    "《": "“",
    "》": "”",
}
# A pattern finds the few marks in C; str.translate would look every character up in Python.
_CHINESE_MARK = re.compile("|".join(_PUNCTUATION))


def punctuate(text: str) -> str:
    """Words of a reading joined by spaces, punctuated as pinyin is written: Chinese marks
    as Latin ones, no space before a closing mark or after an opening one."""
    text = _CHINESE_MARK.sub(lambda m: _PUNCTUATION[m.group()], text)
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def tones(text: str) -> tuple[int, ...]:
    """The tone of each character of `text` (1-4, 5 neutral, 0 for characters not read)."""
    out: list[int] = []
    for word in readings(text):
        spread = [0] * len(word.text)
        pos = 0
        for s in word.syllables:
            if s.tone and s.text:
                at = word.text.find(s.text, pos)
                if at >= 0:
                    for k in range(at, at + len(s.text)):
                        spread[k] = s.tone
                    pos = at + len(s.text)
        out.extend(spread)
    return tuple(out)
