"""From a dictionary entry to glossary glosses, and to where a gloss shows in a translation.

Each sense of an entry is a gloss a learner may pick. CC-CEDICT gives one sense per
definition; dictd and StarDict give one block of text per headword, which WordNet numbers
(`n 1: …`, `2: …`): those numbers cut it into senses. An entry of a reversed dictionary
(English -> Chinese from CC-CEDICT) is a Chinese word whose definitions are English: the
gloss is the Chinese word itself.

`in_translation` reads the aligned translation the other way: the words of the translation
whose dictionary entries (translation language -> the text's) give the word looked up. The
translator chose that word, so it is the gloss most worth offering, ranked or not among a
reversed dictionary's first suggestions (科技 for "technology", which CC-CEDICT's reverse
ranks far behind 技术).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.dictionary.model import DictEntry, DictionaryInfo, Hit

if TYPE_CHECKING:
    from reader.dictionary.shelf import Shelf

_SENSE = re.compile(r"^\s*(?:(?:n|v|adj|adv|a|r|s)\s+)?\d+\s*[:.)]\s*", re.MULTILINE)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
# A sense this long is a paragraph of explanation, not a gloss to learn.
GLOSS_CHARS = 160


IN_TRANSLATION = "in the translation"  # the `how` of a hit found by `in_translation`
# Words of a translation looked up for one word: a long sentence has a hundred.
WORDS_READ = 120


def is_reversed(info: DictionaryInfo) -> bool:
    """Whether the dictionary's entries are words of the other language (CC-CEDICT read
    from English, or a dictionary read backwards by `in_translation`)."""
    if info.format == "reversed":
        return True
    return info.format == "cedict" and info.from_lang.split("-")[0] != "zh"


def in_translation(
    shelf: Shelf, translation: str, lang: str, to: str, forms: Iterable[str]
) -> list[Hit]:
    """Words of `translation` (language `to`) that a dictionary from `to` into `lang`
    glosses with one of `forms` (the word looked up and its lemmas), one hit per
    dictionary. Their entries are the translation's words, as a reversed dictionary's are."""
    wanted = [f for f in dict.fromkeys(f.strip() for f in forms) if len(f) > 1]
    dictionaries = shelf.for_language(to, lang)
    if not translation or not wanted or not dictionaries:
        return []
    folded = {f.casefold() for f in wanted}
    words = list(dict.fromkeys(_words(translation, to)))[:WORDS_READ]
    hits: list[Hit] = []
    for d in dictionaries:
        found = []
        for word in words:
            for entry in d.lookup(word):
                if any(_glosses_as(d, folded) for d in entry.definitions):
                    found.append(entry)
                    break
        if found:
            info = replace(d.info, from_lang=lang, to_lang=to, format="reversed")
            info = replace(info, name=f"{d.info.name}, {IN_TRANSLATION}")
            hits.append(Hit(info, wanted[0], IN_TRANSLATION, tuple(found)))
    return hits


def _glosses_as(definition: str, forms: set[str]) -> bool:
    """Whether a definition gives one of `forms` as a sense: the whole sense ("to stifle"),
    or one word of a short one ("science and technology"); never a word of an explanation
    or of a parenthesis ("(in both hands facing up)" does not gloss "up")."""
    for sense in _candidates(definition):
        words = sense.casefold().split()
        if sense.casefold() in forms or (len(words) <= 3 and forms & set(words)):
            return True
    return False


def _words(text: str, lang: str) -> list[str]:
    if lang.split("-")[0] in ("zh", "ja"):
        from reader.dictionary.chinese import segment

        return [w for w in segment(text) if any(c.isalpha() for c in w)]
    return re.findall(r"\w+(?:[-'’]\w+)*", text)


def senses(entry: DictEntry) -> list[str]:
    """The entry's senses, one line each, in the dictionary's order."""
    out: list[str] = []
    for definition in entry.definitions:
        parts = _SENSE.split(definition) if _SENSE.search(definition) else [definition]
        for part in parts:
            line = " ".join(part.split())
            if line:
                out.append(line)
    return out


def glosses_for(info: DictionaryInfo, entry: DictEntry, sense: int | None = None) -> list[str]:
    """What Add is prefilled with: the chosen sense, or the first few senses."""
    if is_reversed(info):
        return [entry.headword]
    found = senses(entry)
    chosen = [found[sense]] if sense is not None and sense < len(found) else found[:4]
    return [_short(g) for g in chosen]


def _short(gloss: str) -> str:
    # WordNet's senses carry examples and synonyms: `conceal or hide; "smother a yawn"…`.
    gloss = gloss.split(' "')[0].split(" [syn:")[0].rstrip(" ;")
    return gloss if len(gloss) <= GLOSS_CHARS else gloss[: GLOSS_CHARS - 1] + "…"


def counterpart(translation: str, glosses: list[str], lang: str | None) -> tuple[int, int] | None:
    """Where one of `glosses` shows in the aligned `translation` (the longest found), as a
    span; None when none does. English glosses are found by their head words ("to return"
    finds "returned"); Chinese and Japanese by their characters."""
    if not translation:
        return None
    unspaced = (lang or "").split("-")[0] in ("zh", "ja")
    best: tuple[int, int] | None = None
    for gloss in glosses:
        for candidate in _candidates(gloss):
            if unspaced:
                at = translation.find(candidate)
                span = (at, at + len(candidate)) if at >= 0 else None
            else:
                pattern = r"(?<!\w)" + re.escape(candidate) + r"\w*"
                m = re.search(pattern, translation, re.IGNORECASE)
                span = m.span() if m else None
            if span is not None and (best is None or span[1] - span[0] > best[1] - best[0]):
                best = span
    return best


def _candidates(gloss: str) -> list[str]:
    out = []
    for piece in re.split(r"[;,/]", _PAREN.sub(" ", gloss)):
        words = piece.split()
        if words and words[0].lower() in ("to", "a", "an", "the"):
            words = words[1:]
        text = " ".join(words)
        if len(text) >= 2:
            out.append(text)
    return out
