"""Which language a text is in: the script first, then a language identifier.

Importers need a language for every paragraph (to pick the sentence rules, to pair an
original with its translation, to file glossary entries), usually before the user has
said anything. Many scripts name their language outright (Han, kana, Hangul, Greek ...),
and Chinese text quoting a Latin name must stay Chinese, so the script is counted first.
Scripts shared by many languages (Latin, Cyrillic, Arabic) are handed to py3langid, a
trained n-gram identifier, restricted to the languages written in that script.
Everything works on a bounded sample, so a book costs what a page does.

Only the running text should be passed in: `running_text` removes what is not prose
(Markdown markup, HTML comments, front matter, URLs) before a file is judged as a whole.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

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

    `default` is returned when nothing decides it: no letters at all, or a few words the
    identifier cannot place (a bare headline of names).
    """
    sample = _sample(text)
    counts = _script_counts(sample)
    if not counts:
        return default
    cjk = counts["Han"] + counts["Kana"]
    script, top = counts.most_common(1)[0]
    if cjk >= top:
        return "ja" if counts["Kana"] >= _MIN_KANA_SHARE * cjk else "zh"
    if script in _SHARED_SCRIPTS:
        return _identify(_letters_of(sample, script), script) or default
    return _SCRIPT_LANGUAGE.get(script, default)


# Scripts written by several languages, and what the identifier may answer for each. For
# Latin: any language it knows except those with no Latin orthography (names and short
# lines in Latin letters must not come out as Russian or Hindi).
_SHARED_SCRIPTS = ("Latin", "Cyrillic", "Arabic")


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_LATIN = _codes(
    "am ar as ba be bg bn dz el fa gu he hi hy ja ka km kn ko ky lo mk ml mn mr my ne or pa"
    " ps ru sa si ta te tg th tt ug uk ur yi zh"
)
_CYRILLIC = _codes("ru uk bg be mk sr kk ky mn tg tt ba")
_ARABIC = _codes("ar fa ur ps ku ug sd")


def _allowed(lang: str, script: str) -> bool:
    if len(lang) != 2:  # ISO 639-1 codes only: the identifier also knows "pcm", "zxx" ...
        return False
    if script == "Cyrillic":
        return lang in _CYRILLIC
    if script == "Arabic":
        return lang in _ARABIC
    return lang not in _NOT_LATIN


def _letters_of(sample: str, script: str) -> str:
    """The words of `sample` in `script`, in order: a Chinese name in an English sentence
    or a URL's punctuation tells the identifier nothing about the running text."""
    return " ".join(m.group() for m in _SCRIPT_RE.finditer(sample) if m.lastgroup == script)


# Nigerian Pidgin is English-lexified: short English headlines often score as "pcm".
_ALIASES = {"pcm": "en"}
# Below this probability the identifier is guessing (a headline of names, "meta llama
# opensource"): the caller's default is the better answer.
_MIN_PROBABILITY = 0.25


def _identify(text: str, script: str) -> str | None:
    totals: dict[str, float] = {}
    for lang, probability in _identifier().rank(text):
        lang = _ALIASES.get(lang, lang)
        if _allowed(lang, script):
            totals[lang] = totals.get(lang, 0.0) + float(probability)
    if not totals:
        return None
    best = max(totals, key=totals.__getitem__)
    return best if totals[best] >= _MIN_PROBABILITY else None


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier, loaded on first use, so commands that never meet Latin-script
    text never pay for it; memory-mapped from the cache (`reader.langid_model`)."""
    from reader.langid_model import load_identifier

    return load_identifier()
