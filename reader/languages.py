"""Which language a text is in: the script first, then frequent function words.

Importers need a language for every paragraph (to pick the sentence rules, to pair an
original with its translation, to file glossary entries), usually before the user has
said anything. Most scripts name their language outright; Latin-script languages are told
apart by counting their commonest function words, which needs no model and is reliable on
a paragraph or more. Everything works on a bounded sample, so a book costs what a page does.
"""

from __future__ import annotations

import re
from collections import Counter

DEFAULT_LANGUAGE = "en"

# One alternation, one pass. Alphabetic scripts are counted in words, Han and kana in
# characters: one Hanzi carries about as much as one Latin word, so "Meta开源了Llama" counts
# 3 Han against 2 Latin, and an English paragraph quoting 习近平 stays English.
_SCRIPT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Latin", r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]+"),
    ("Han", r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F]"),
    ("Kana", r"[\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\uFF66-\uFF9D]"),
    ("Hangul", r"[\uAC00-\uD7A3\u1100-\u11FF\u3131-\u318E]+"),
    # Letters, then letters or marks: Arabic punctuation and digits (، ؛ ؟ ٣) are no words.
    (
        "Arabic",
        (
            r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FC\u0750-\u077F\u08A0-\u08C9\uFB50-\uFDFB"
            r"\uFE70-\uFEFC][\u0610-\u061A\u0620-\u065F\u066E-\u06D3\u06D5-\u06DC\u06DF-\u06E8"
            r"\u06EA-\u06FC\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFB\uFE70-\uFEFC]*"
        ),
    ),
    ("Hebrew", r"[\u05D0-\u05EA\uFB1D-\uFB4F][\u0591-\u05C7\u05D0-\u05F2\uFB1D-\uFB4F]*"),
    ("Cyrillic", r"[\u0400-\u0481\u048A-\u052F]+"),
    ("Greek", r"[\u0370-\u0373\u0376-\u03FF\u1F00-\u1FFF]+"),
    ("Thai", r"[\u0E01-\u0E3A\u0E40-\u0E4E]+"),
    ("Devanagari", r"[\u0900-\u0963\u0971-\u097F]+"),
    ("Bengali", r"[\u0980-\u09E3\u09F0-\u09FE]+"),
    ("Tamil", r"[\u0B80-\u0BE5\u0BF0-\u0BFA]+"),
    ("Georgian", r"[\u10A0-\u10FF]+"),
    ("Armenian", r"[\u0531-\u0587]+"),
)
_SCRIPT_RE = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _SCRIPT_PATTERNS))
_HAN_OR_KANA = re.compile(
    r"[\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\u3400-\u4DBF"
    r"\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9D\u3105-\u312F\u31A0-\u31BF\U00020000-\U0003134F]"
)

# Scripts that name their language. Devanagari is also Marathi and Nepali, Cyrillic also
# Bulgarian and Serbian: the most widely read language is the honest default.
_SCRIPT_LANGUAGE = {
    "Han": "zh",
    "Kana": "ja",
    "Hangul": "ko",
    "Arabic": "ar",
    "Hebrew": "he",
    "Cyrillic": "ru",
    "Greek": "el",
    "Thai": "th",
    "Devanagari": "hi",
    "Bengali": "bn",
    "Tamil": "ta",
    "Georgian": "ka",
    "Armenian": "hy",
}

# Japanese is Han plus kana; a Chinese text may quote a Japanese name, but real Japanese
# prose is a third or more kana.
_MIN_KANA_SHARE = 0.1

# Letters only Ukrainian, Persian or Urdu use among their script's languages.
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_PERSIAN = frozenset("پچژگکی")  # ک and ی replace Arabic ك and ي
_ARABIC_ONLY = frozenset("ةكيى")
_URDU = frozenset("ٹڈڑںےھ")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The commonest function words of each Latin-script language. Words shared between
# languages ("de", "in", "die") count for each; the words only one language has decide.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to a in is that it for on with as was are be by this have from or at not"
        " but which has its will they their his her he she we you an were been would can who"
        " more also than our these there what about into should only because out"
    ),
    "nl": _words(
        "de het een en van in is dat op te zijn voor met die niet aan er om ook als bij maar"
        " door naar dan wordt worden nog ze hij zij we wij dit deze wel tot uit over of hun"
        " hebben heeft werd kan zal al meer zo omdat"
    ),
    "de": _words(
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an"
        " werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über so zum"
        " kann nur oder aber vor zur bis mehr durch man"
    ),
    "fr": _words(
        "le la les de des et est un une du en que qui dans pour pas sur au par plus ne ce il"
        " elle se sont avec son sa ses aux mais ou nous vous leur été cette être comme fait"
        " lui tout ont"
    ),
    "es": _words(
        "el la los las de del y que en un una es por con no para se su sus al lo como más"
        " pero este esta ha son fue o entre también sobre muy ya sin hay le era todo desde"
        " está"
    ),
    "it": _words(
        "il la lo gli le di del della e che è un una per in non con si da dei delle al alla"
        " sono come ma più anche ha nel nella questo questa essere stato o se tra sua suo"
        " loro"
    ),
    "pt": _words(
        "o a os as de do da dos das e que em um uma é para com não no na por se mais como"
        " mas ao foi ser são sua seu também ou está pelo pela nos já muito isso entre"
    ),
}

# A megabyte is judged on a few evenly spread slices: enough words for a clear vote.
_SAMPLE_SLICES = 4
_SLICE_CHARS = 4000


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_SLICES * _SLICE_CHARS:
        return text
    step = (len(text) - _SLICE_CHARS) // (_SAMPLE_SLICES - 1)
    return "\n".join(text[i * step : i * step + _SLICE_CHARS] for i in range(_SAMPLE_SLICES))


def _script_counts(sample: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for m in _SCRIPT_RE.finditer(sample):
        counts[m.lastgroup or ""] += 1
    return counts


def script_of(text: str) -> str:
    """The script of the first letter in `text` ("Latin", "Han", "Arabic" ...), or "Common"."""
    m = _SCRIPT_RE.search(text)
    return (m.lastgroup or "Common") if m else "Common"


def dominant_script(text: str) -> str:
    """The script most of `text` is written in, or "Common" when it has no letters."""
    counts = _script_counts(_sample(text))
    return counts.most_common(1)[0][0] if counts else "Common"


def is_cjk_char(ch: str) -> bool:
    """True for Han, kana and bopomofo: characters written without spaces between words."""
    return bool(_HAN_OR_KANA.match(ch))


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The ISO 639-1 code of the language `text` is mostly written in.

    `default` is returned when nothing decides it: no letters at all, or Latin-script text
    without a single known function word (a bare headline of names).
    """
    sample = _sample(text)
    counts = _script_counts(sample)
    if not counts:
        return default
    cjk = counts["Han"] + counts["Kana"]
    script, top = counts.most_common(1)[0]
    if cjk >= top:
        return "ja" if counts["Kana"] >= _MIN_KANA_SHARE * cjk else "zh"
    if script == "Latin":
        return _latin_language(sample, default)
    if script == "Cyrillic":
        return "uk" if any(ch in _UKRAINIAN for ch in sample) else "ru"
    if script == "Arabic":
        return _arabic_script_language(sample)
    return _SCRIPT_LANGUAGE.get(script, default)


def _latin_language(sample: str, default: str) -> str:
    votes: Counter[str] = Counter()
    for m in _SCRIPT_RE.finditer(sample):
        if m.lastgroup == "Latin":
            word = m.group().lower()
            for lang, words in _STOP_WORDS.items():
                if word in words:
                    votes[lang] += 1
    if not votes:
        return default
    # Ties go to the order of _STOP_WORDS (English first), the likelier language here.
    best = max(votes.values())
    return next(lang for lang in _STOP_WORDS if votes[lang] == best)


def _arabic_script_language(sample: str) -> str:
    letters = Counter(ch for ch in sample if ch in _PERSIAN or ch in _ARABIC_ONLY or ch in _URDU)
    arabic = sum(letters[ch] for ch in _ARABIC_ONLY)
    persian = sum(letters[ch] for ch in _PERSIAN)
    if persian <= arabic:
        return "ar"
    return "ur" if sum(letters[ch] for ch in _URDU) > 0.05 * persian else "fa"
