"""Each sentence as a list of tokens, each token a set of language-neutral keys.

Two tokens on opposite sides are evidence of translation when their key sets meet. Keys are
English lemmas (a Chinese word contributes the lemmas of its CC-CEDICT glosses), numbers as
`#21`, names as toneless pinyin `py:qingyang`, and sentence punctuation that translators keep
(question and exclamation marks, quotations). English is the pivot because the dictionary
is Chinese-English; for other pairs the same keys still find numbers, names and the
learner's glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from reader.align.dictionary import Dictionary, load
from reader.align.english import STOPWORDS, lemmas
from reader.align.numbers import chinese_number, english_number
from reader.model import Entry

Token = frozenset[str]

# Chinese function words: their glosses are grammar, or rare senses of a common character.
ZH_STOPWORDS = frozenset(
    (  # noqa: SIM905 (a word list reads better as text)
        "的 了 着 过 是 在 有 和 与 及 或 而 也 都 就 又 还 才 把 被 给 让 对 向 从 到 以 为 于 之 其 这 那 这个 那个 这些 那些 此 一个 "
        "个 我 你 他 她 它 我们 你们 他们 她们 咱们 自己 吗 呢 吧 啊 呀 嘛 哦 么 说 很 不 没 没有 会 能 要 上 下 里 中 地 得 所 等 但 但是 "
        "因为 所以 如果 虽然 可是 可以 一 这样 那样 什么 怎么 已经 只 最 更 便 却 并 则 乃 即 曰 道 矣 也 焉 乎 者 哉 "
    ).split()
)

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_ZH_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+(?:[.,]\d+)*")

# Punctuation a translator usually carries over, mapped to one key per kind.
_PUNCT = {"?": "?", "？": "?", "!": "!", "！": "!"}
_QUOTES = frozenset('"“”「」『』')


def _punct_tokens(sentence: str) -> list[Token]:
    out = [frozenset({_PUNCT[ch]}) for ch in sentence if ch in _PUNCT]
    if any(ch in _QUOTES for ch in sentence):
        out.append(frozenset({'"'}))
    return out


def _number_key(value: float | None) -> str | None:
    return None if value is None else f"#{value:g}"


@lru_cache(maxsize=100_000)
def _english_token(word: str, capitalised: bool) -> Token:
    low = word.lower().replace("’", "'")
    keys: set[str] = set()
    number = _number_key(english_number(low))
    if number:
        keys.add(number)
    if capitalised and len(low) > 1:
        keys.add("py:" + re.sub(r"[^a-z]", "", low))
    for part in re.split(r"[-']", low):
        if len(part) > 1 and part not in STOPWORDS:
            keys.add(part)
            keys.update(lemmas(part))
    return frozenset(keys)


def english_tokens(sentence: str) -> list[Token]:
    tokens: list[Token] = []
    for k, match in enumerate(_EN_WORD.finditer(sentence)):
        word = match.group()
        if word[0].isdigit():
            key = _number_key(_parse_digits(word))
            if key:
                tokens.append(frozenset({key}))
            continue
        # A capital inside the sentence marks a name, which may be pinyin of the Chinese.
        token = _english_token(word, k > 0 and word[0].isupper())
        if token:
            tokens.append(token)
    return tokens + _punct_tokens(sentence)


_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def _parse_digits(text: str) -> float | None:
    """240,000 and 240.000 (Dutch, German) are both 240000; 3.5 and 3,5 are 3.5."""
    if _THOUSANDS.fullmatch(text):
        return float(re.sub(r"[.,]", "", text))
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _segment(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)
    words: list[str] = jieba.lcut(text, HMM=True)
    return words


def _pinyin_keys(word: str, d: Dictionary) -> set[str]:
    """Toneless pinyin of the word and of its 1-3 character pieces (given and family names)."""
    keys: set[str] = set()
    n = len(word)
    for i in range(n):
        for j in range(i + 1, min(n, i + 3) + 1):
            readings = [""]
            for ch in word[i:j]:
                options = d.pinyin.get(ch, ())[:2]
                if not options:
                    readings = []
                    break
                readings = [r + o for r in readings for o in options]
            keys.update("py:" + r for r in readings)
    return keys


def chinese_tokens(sentence: str, d: Dictionary) -> list[Token]:
    text = d.to_simplified(sentence)
    tokens: list[Token] = []
    # Numbers first: the segmenter would cut 240,000 at its comma.
    for number in _DIGITS.findall(text):
        key = _number_key(_parse_digits(number))
        if key:
            tokens.append(frozenset({key}))
    for word in _segment(_DIGITS.sub(" ", text)):
        if _LATIN.fullmatch(word):
            tokens.append(_english_token(word, True))
            continue
        if not _HAN.fullmatch(word) or word in ZH_STOPWORDS:
            continue
        keys = d.keys(word)
        numeral = _ZH_NUM.match(word)
        if numeral and (numeral.end() == len(word) or not keys):
            tokens.append(frozenset({f"#{chinese_number(word)}"}))
            continue
        if keys:
            tokens.append(frozenset(keys))
            continue
        # Not in the dictionary: likely a name (its pinyin) or a compound the segmenter
        # made up (the glosses of its characters).
        merged: set[str] = _pinyin_keys(word, d) if len(word) <= 4 else set()
        for ch in word:
            if ch not in ZH_STOPWORDS:
                merged.update(d.keys(ch))
        if merged:
            tokens.append(frozenset(merged))
    return tokens + _punct_tokens(sentence)


def has_dictionary(src_lang: str, tgt_lang: str) -> bool:
    """Whether words of this pair can be looked up (Chinese-English, either way)."""
    pair = {src_lang.split("-")[0].lower(), tgt_lang.split("-")[0].lower()}
    return pair == {"zh", "en"}


def sentence_tokens(
    sentences: Sequence[str], lang: str, glossary: Iterable[Entry] = ()
) -> list[list[Token]]:
    """Tokens of each sentence of one side, plus the learner's glossary entries found in it.

    An entry of this side's language is found by its term and forms, an entry of the other
    language by its glosses; both give the key `g:<term>`, so the pair meets across sides.
    """
    base = lang.split("-")[0].lower()
    if base == "zh":
        d = load()
        out = [chinese_tokens(s, d) for s in sentences]
    else:
        out = [english_tokens(s) for s in sentences]
    patterns = _glossary_patterns(glossary, base)
    if patterns:
        for s, tokens in zip(sentences, out):
            tokens.extend(key for pattern, key in patterns if pattern.search(s))
    return out


def _glossary_patterns(glossary: Iterable[Entry], lang: str) -> list[tuple[re.Pattern[str], Token]]:
    out: list[tuple[re.Pattern[str], Token]] = []
    for entry in glossary:
        key = frozenset({f"g:{entry.term.lower()}"})
        same = entry.lang.split("-")[0].lower() == lang
        for text in (entry.term, *entry.forms) if same else entry.glosses:
            text = text.strip()
            if not text:
                continue
            body = re.escape(text)
            # Words of spaced languages must match whole; Chinese has no word boundaries.
            pattern = body if lang == "zh" else rf"(?<!\w){body}(?!\w)"
            out.append((re.compile(pattern, re.IGNORECASE), key))
    return out
