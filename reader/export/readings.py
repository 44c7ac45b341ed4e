"""Readings on the cards: pinyin for Chinese, a phonetic spelling for other languages.

The exporter asks a `Readings` object; where the readings come from is a hook:

- `pinyin(text) -> [Word, ...]`: the text as words, each with its syllables
  (`reader.dictionary.pinyin.Word`); by default `reader.dictionary.pinyin.readings`, the
  readings the app shows: jieba's words read as CC-CEDICT reads them, from the shared
  memory-mapped index (nothing is parsed per export).
- `phonetic(term, lang) -> str | None`: an IPA or dictionary spelling of a term; by default
  `DictionaryPhonetics`, from the learner's installed dictionaries.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.dictionary.pinyin import Word, punctuate, readings, spelled

if TYPE_CHECKING:
    from reader.dictionary.shelf import Shelf

PinyinFn = Callable[[str], Sequence[Word]]
PhoneticFn = Callable[[str, str], "str | None"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


class DictionaryPhonetics:
    """Phonetic spellings from the installed dictionaries (ECDICT's phonetic column, a
    StarDict or Yomitan reading, a FreeDict `/…/` line), through the dictionary shelf.

    The shelf is made on the first term that needs a reading, so an export without one
    lists no dictionaries; answers are remembered for the export."""

    def __init__(self, shelf: Shelf | None = None) -> None:
        self._shelf = shelf
        self._found: dict[tuple[str, str], str | None] = {}

    def __call__(self, term: str, lang: str) -> str | None:
        key = (term, lang)
        if key not in self._found:
            if self._shelf is None:
                from reader.dictionary.shelf import Shelf

                # CC-CEDICT is left out: its readings are pinyin, which `pinyin` gives.
                self._shelf = Shelf.default(bundled=False)
            self._found[key] = self._shelf.reading(term, lang)
        return self._found[key]


@dataclass(frozen=True)
class Readings:
    """Where readings come from: `pinyin` for Chinese, `phonetic` for any language."""

    pinyin: PinyinFn | None = readings
    phonetic: PhoneticFn | None = field(default_factory=DictionaryPhonetics)

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


def pinyin_html(words: Sequence[Word], bold: tuple[tuple[int, int], ...] = ()) -> str:
    """Words joined by spaces, each syllable in a `toneN` span, punctuated as pinyin is
    (`reader.dictionary.pinyin.punctuate`); a read word over a span of `bold` in bold."""
    out: list[str] = []
    pos = 0
    for word in words:
        start, pos = pos, pos + len(word.text)
        if not any(s.tone for s in word.syllables):
            if word.text.strip():
                out.append(_esc(word.text.strip()))
            continue
        parts = zip(word.syllables, spelled([s.marked for s in word.syllables]), strict=True)
        text = "".join(
            f'<span class="tone{s.tone}">{_esc(written)}</span>' if s.tone else _esc(s.text)
            for s, written in parts
        )
        if any(a < pos and start < b for a, b in bold):
            text = f"<b>{text}</b>"
        out.append(text)
    return punctuate(" ".join(out))
