"""Chinese words: where they are in running text, what is read, and their simplified form.

Chinese is written without spaces, so "the word under the cursor" needs segmenting: jieba
gives the word the text most likely means, and CC-CEDICT's longest match from the cursor
gives the longest headword a dictionary has there (成语 and names jieba splits). Look-up
offers both, longest first. Readings use the same words, so a polyphonic character is read as
it is in its word; a character standing alone takes its usual reading (below), else the one
it has in most CC-CEDICT words (雨 yǔ, not the verb yù), else its entry with most senses.
"""

from __future__ import annotations

import marshal
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from reader.dictionary.model import DictEntry
from reader.dictionary.pinyin import Syllable, Word, mark, tone_of

if TYPE_CHECKING:
    from reader.dictionary.cedict import Cedict

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")

# The usual reading of common characters that have several, when one stands as a word of
# its own (as a particle, mostly): CC-CEDICT's order does not say which is common, and these
# few carry most of the running text. In compounds the compound's own reading applies.
USUAL = {
    "了": "le5",
    "的": "de5",
    "地": "de5",
    "得": "de5",
    "着": "zhe5",
    "过": "guo4",
    "么": "me5",
    "还": "hai2",
    "都": "dou1",
    "和": "he2",
    "为": "wei4",
    "长": "chang2",
    "只": "zhi3",
    "没": "mei2",
    "要": "yao4",
    "会": "hui4",
    "便": "bian4",
    "行": "xing2",
    "重": "zhong4",
    "大": "da4",
    "看": "kan4",
    "种": "zhong3",
    "数": "shu4",
    "干": "gan4",
    "相": "xiang1",
    "应": "ying1",
    "分": "fen1",
    "少": "shao3",
    "好": "hao3",
    "当": "dang1",
    "将": "jiang1",
    "中": "zhong1",
    "与": "yu3",
    "发": "fa1",
    "处": "chu4",
    "把": "ba3",
    "们": "men5",
    "个": "ge4",
    "上": "shang4",
    "一": "yi1",
    "不": "bu4",
    "说": "shuo1",
    "觉": "jue2",
    "这": "zhe4",
    "那": "na4",
    "哪": "na3",
    "差": "cha4",
    "乐": "le4",
    "传": "chuan2",
    "调": "diao4",
    "朝": "chao2",
    "藏": "cang2",
    "角": "jiao3",
    "吗": "ma5",
    "呢": "ne5",
    "吧": "ba5",
    "啊": "a5",
    "曾": "ceng2",
    "更": "geng4",
    "子": "zi3",
}
_POINTERS = ("variant of", "old variant of", "see ", "see also", "abbr. for", "used in ")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@cache
def cedict() -> Cedict:
    from reader.dictionary.cedict import Cedict

    return Cedict()


def segment(text: str) -> list[str]:
    """jieba's words of the text (its dictionary loads on first use, about a second)."""
    import jieba

    jieba.setLogLevel(60)
    words: list[str] = jieba.lcut(text, HMM=True)
    return words


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones, one character at a time (CC-CEDICT)."""
    from reader.align.dictionary import load

    return load().to_simplified(text)


def longest_match(text: str, start: int, d: object | None = None) -> int:
    """The end of the longest headword of `d` (CC-CEDICT by default) starting at `start`;
    `start` when there is none."""
    from reader.dictionary.model import Dictionary

    dictionary = d if d is not None else cedict()
    assert isinstance(dictionary, Dictionary)
    best = start
    for end in range(start + 1, len(text) + 1):
        piece = text[start:end]
        if not dictionary.has_prefix(piece):
            break
        if dictionary.lookup(piece):
            best = end
    return best


def words_at(text: str, offset: int) -> list[str]:
    """Words to look up for the character at `offset`: the longest CC-CEDICT headword
    starting there, jieba's word holding it, then shorter headwords and the character."""
    if not 0 <= offset < len(text):
        return []
    out: list[str] = []
    end = longest_match(text, offset)
    if end > offset:
        out.append(text[offset:end])
    pos = 0
    for word in segment(text):
        if pos <= offset < pos + len(word):
            if word.strip() and word not in out:
                out.append(word)
            break
        pos += len(word)
    for stop in range(end - 1, offset, -1):
        piece = text[offset:stop]
        if piece not in out and cedict().lookup(piece):
            out.append(piece)
    if text[offset] not in out:
        out.append(text[offset])
    return out


@cache
def _in_words() -> dict[str, str]:
    """Character -> the reading it has in most CC-CEDICT words, kept in the index."""
    from reader.dictionary.cedict import index

    blob = index().blob("in_words")
    found = marshal.loads(blob) if blob else {}
    return found if isinstance(found, dict) else {}


def best_reading(word: str, entries: list[DictEntry]) -> str | None:
    """The numbered reading of `word` most likely meant: for a character, its usual reading
    when it is a common polyphonic one (traditional 還 as 还), else the reading it has in
    most words; else a common-word entry over a name, else the entry with the most senses
    of its own (pointers to other entries do not count)."""
    if not entries:
        return None
    if len(word) == 1:
        own = {e.numbered.lower(): e.numbered for e in entries}
        for usual in (USUAL.get(word) or USUAL.get(to_simplified(word)), _in_words().get(word)):
            if usual and usual in own:
                return own[usual]

    def score(e: DictEntry) -> tuple[int, int]:
        senses = sum(1 for d in e.definitions if not d.startswith(_POINTERS))
        common = 0 if e.numbered[:1].isupper() else 1
        return common, senses

    return max(entries, key=score).numbered


def _syllables_of(text: str, numbered: str) -> list[Syllable] | None:
    parts = numbered.split()
    if len(parts) != len(text):
        return None
    return [
        Syllable(ch, mark(p), p, tone_of(p)) if has_han(ch) else _plain(ch)
        for ch, p in zip(text, parts)
    ]


def _plain(text: str) -> Syllable:
    return Syllable(text, text, text, 0)


@lru_cache(maxsize=1 << 16)
def read_word(word: str) -> tuple[Word, ...]:
    """One segmented word as read: itself with its own CC-CEDICT reading; else its longest
    known pieces, each a word of its own (一个 is read yī gè, as Hanyu Pinyin writes a
    numeral and its measure word), a character CC-CEDICT lacks left unread."""
    d = cedict()
    whole = best_reading(word, d.lookup(word))
    if whole:
        read = _syllables_of(word, whole)
        if read is not None:
            return (Word(word, tuple(read)),)
    out: list[Word] = []
    pos = 0
    while pos < len(word):
        end = longest_match(word, pos, d)
        if end - pos > 1 and end - pos < len(word):
            out.extend(read_word(word[pos:end]))
            pos = end
            continue
        ch = word[pos]
        reading = best_reading(ch, d.lookup(ch)) if has_han(ch) else None
        if reading:
            out.append(Word(ch, (Syllable(ch, mark(reading), reading, tone_of(reading)),)))
        elif out and not any(s.tone for s in out[-1].syllables):
            text = out[-1].text + ch
            out[-1] = Word(text, (_plain(text),))
        else:
            out.append(Word(ch, (_plain(ch),)))
        pos += 1
    return tuple(out)


def reading_words(text: str) -> tuple[Word, ...]:
    out: list[Word] = []
    for word in segment(text) if has_han(text) else [text]:
        if not has_han(word):
            out.append(Word(word, (_plain(word),)))
        else:
            out.extend(read_word(word))
    return tuple(out)
