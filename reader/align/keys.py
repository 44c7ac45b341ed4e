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
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from reader.align.dictionary import Dictionary, load
from reader.align.english import STOPWORDS, lemmas
from reader.align.numbers import chinese_number, english_number
from reader.align.segment import segment
from reader.align.words import EN_FUNCTION, META_KEYS, ZH_FUNCTION, ZH_STOPWORDS
from reader.model import Entry

Token = frozenset[str]

# Later-encoded texts write 么 as 幺 (什幺, 怎幺): read them as the words they are.
_YAO = re.compile(r"(?<=[什怎这那多要])幺")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_ZH_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+(?:[.,]\d+)*")

# Punctuation a translator usually carries over, mapped to one key per kind.
_PUNCT = {"?": "?", "？": "?", "!": "!", "！": "!"}
_QUOTES = frozenset('"“”「」『』‘’')
# A straight single quote that opens or closes speech ('Who fired?' he asked), not an
# apostrophe (don't, Xi-feng's).
_SINGLE_QUOTE = re.compile(r"(?:^|(?<=[\s(\[—-]))'|'(?=$|[\s,.;:!?)\]—-])")


_PUNCT_TOKENS = {ch: frozenset({key}) for ch, key in _PUNCT.items()}
_PUNCT_CHARS = re.compile("[" + "".join(_PUNCT) + "]")


def _punct_tokens(sentence: str) -> list[Token]:
    out = [_PUNCT_TOKENS[ch] for ch in _PUNCT_CHARS.findall(sentence)]
    if not _QUOTES.isdisjoint(sentence) or _SINGLE_QUOTE.search(sentence):
        out.append(frozenset({'"'}))
        text = sentence.strip()
        if text[:1] in _QUOTES or text[:1] == "'":
            out.append(frozenset({'"<'}))
        if text[-1:] in _QUOTES or text[-1:] == "'":
            out.append(frozenset({'">'}))
    return out


def _number_key(value: float | None) -> str | None:
    return None if value is None else f"#{value:g}"


# Contractions whose first part is not the word itself (won't = will not).
_NEGATED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "be"}
# Adverb particles of phrasal verbs (give up, come out): Chinese has no word for them.
_PARTICLES = frozenset(
    ["up", "out", "down", "off", "over", "back", "away", "around", "about", "through"]
)
# Titles a translator writes out in full as the dictionary does (先生 -> mister).
_TITLES = {"mr": "mister", "mrs": "madam", "ms": "miss", "dr": "doctor", "st": "saint"}


@lru_cache(maxsize=100_000)
def _english_token(word: str, capitalised: bool) -> Token:
    """The keys of one English word; `capitalised` when it may be a name (then its pinyin)."""
    low = word.lower().replace("’", "'")
    keys: set[str] = set()
    number = _number_key(english_number(low))
    if number:
        keys.add(number)
    if capitalised and len(low) > 1:
        keys.add("py:" + re.sub(r"[^a-z]", "", low))
    if low.endswith("n't"):
        # didn't, couldn't: the verb is a function word and so is the negation.
        low = _NEGATED.get(low[:-3], low[:-3])
    for part in re.split(r"[-']", low):
        part = _TITLES.get(part, part)
        if len(part) > 1 and part not in STOPWORDS and part not in _PARTICLES:
            keys.add(part)
            keys.update(lemmas(part))
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def _known_english(word: str) -> bool:
    """Whether lemminflect knows a lowercase word (names and pinyin it does not), read from
    the lemma index (`reader.lemma_tables`) rather than by loading lemminflect's own table,
    which costs most of a second of a short import."""
    from reader.lemma_tables import english_table

    return bool(english_table().get(word))


def _may_be_name(word: str, first: bool) -> bool:
    """A capitalised word inside a sentence, or one opening it that English does not know."""
    if not word[0].isupper():
        return False
    low = word.lower()
    return not first or (low not in STOPWORDS and not _known_english(low))


def english_tokens(sentence: str, function_words: bool = True) -> list[Token]:
    """Tokens of an English sentence (or of another Latin-script language, without
    `function_words`: the classes of `words.FUNCTION_CLASSES` are English words)."""
    tokens: list[Token] = []
    for k, word in enumerate(_EN_WORD.findall(sentence)):
        tokens.extend(_english_word(word, k == 0, function_words))
    return tokens + _punct_tokens(sentence)


@lru_cache(maxsize=1 << 17)
def _english_word(word: str, first: bool, function_words: bool) -> tuple[Token, ...]:
    """The tokens of one word of an English sentence (`first`: the sentence's first word)."""
    if word[0].isdigit():
        key = _number_key(_parse_digits(word))
        return (frozenset({key}),) if key else ()
    tokens: list[Token] = []
    low = word.lower().replace("’", "'")
    if function_words:
        function = EN_FUNCTION.get(low)
        if function:
            tokens.append(function)
        elif low.endswith("n't"):
            tokens.append(EN_FUNCTION["not"])
    # A name may be the pinyin of the Chinese one (Chen Qingyang, Qingyang laughed).
    token = _english_token(word, _may_be_name(word, first))
    if token:
        tokens.append(token)
    return tuple(tokens)


_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def _parse_digits(text: str) -> float | None:
    """240,000 and 240.000 (Dutch, German) are both 240000; 3.5 and 3,5 are 3.5."""
    if _THOUSANDS.fullmatch(text):
        return float(re.sub(r"[.,]", "", text))
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _readings(word: str, d: Dictionary) -> list[str]:
    """Toneless pinyin of a word, each character's first two readings combined."""
    readings = [""]
    for ch in word:
        options = d.pinyin.get(ch, ())[:2]
        if not options:
            return []
        readings = [r + o for r in readings for o in options]
    return readings


def _pinyin_keys(word: str, d: Dictionary) -> set[str]:
    """Toneless pinyin of the word and of its 1-3 character pieces (given and family names)."""
    keys: set[str] = set()
    n = len(word)
    for i in range(n):
        for j in range(i + 1, min(n, i + 3) + 1):
            keys.update("py:" + r for r in _readings(word[i:j], d))
    return keys


def _word_keys(word: str, d: Dictionary) -> tuple[str, ...]:
    return tuple(k for k in d.keys(word) if k not in META_KEYS)


def _pieces(word: str, d: Dictionary) -> list[str]:
    """The word cut into the longest dictionary words from the left (单 characters at worst)."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for j in range(min(len(word), i + d.max_word), i, -1):
            if j == i + 1 or d.keys(word[i:j]):
                out.append(word[i:j])
                i = j
                break
    return out


def _han_token(word: str, d: Dictionary) -> Token | None:
    keys = _word_keys(word, d)
    numeral = _ZH_NUM.match(word)
    if numeral and (numeral.end() == len(word) or not keys):
        # 二十一 is 21; 一个月 is 1 and a month; 两个 is 2 and a classifier.
        rest = word[numeral.end() :]
        return frozenset({f"#{chinese_number(word)}"} | _compound_keys(rest, d))
    if keys:
        # A dictionary word may still be a name a translator spells out (宝玉 -> Bao-yu).
        if 2 <= len(word) <= 3:
            return frozenset(keys) | {"py:" + r for r in _readings(word, d)}
        return frozenset(keys)
    # Not in the dictionary: likely a name (its pinyin) or a compound the segmenter made up
    # (the keys of the dictionary words it is made of: 海老公 -> 海 + 老公).
    merged = _compound_keys(word, d)
    if len(word) <= 4:
        merged |= _pinyin_keys(word, d)
    return frozenset(merged) if merged else None


def _compound_keys(word: str, d: Dictionary) -> set[str]:
    return {
        k for piece in _pieces(word, d) if piece not in ZH_STOPWORDS for k in _word_keys(piece, d)
    }


# The token look-up for the dictionary last asked about.
_TOKENS: list[tuple[Dictionary, Callable[[str], tuple[Token, ...]]]] = []


def _han_tokens(d: Dictionary) -> Callable[[str], tuple[Token, ...]]:
    """`_chinese_word` remembered per word: the same words recur all through a text."""
    if _TOKENS and _TOKENS[0][0] is d:
        return _TOKENS[0][1]

    @lru_cache(maxsize=1 << 17)
    def token(word: str) -> tuple[Token, ...]:
        return _chinese_word(word, d)

    _TOKENS[:] = [(d, token)]
    return token


def chinese_tokens(sentence: str, d: Dictionary) -> list[Token]:
    han = _han_tokens(d)
    text = _YAO.sub("么", d.to_simplified(sentence))
    tokens: list[Token] = []
    # Numbers first: the segmenter would cut 240,000 at its comma.
    for number in _DIGITS.findall(text):
        key = _number_key(_parse_digits(number))
        if key:
            tokens.append(frozenset({key}))
    for word in segment(_DIGITS.sub(" ", text), d):
        tokens.extend(han(word))
    return tokens + _punct_tokens(sentence)


def _chinese_word(word: str, d: Dictionary) -> tuple[Token, ...]:
    """The tokens of one word of a segmented Chinese sentence."""
    if _LATIN.fullmatch(word):
        return (_english_token(word, True),)
    tokens: list[Token] = []
    function = ZH_FUNCTION.get(word)
    if function:
        tokens.append(function)
    if _HAN.fullmatch(word) and word not in ZH_STOPWORDS:
        token = _han_token(word, d)
        if token:
            tokens.append(token)
    return tuple(tokens)


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
        out = [english_tokens(s, base == "en") for s in sentences]
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
