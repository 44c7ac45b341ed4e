"""Hard-wrap repair: rejoining the lines of a paragraph, and the words hyphenated across them.

The hyphen rule. A line ending in `word-` followed by a line starting with a letter is either
a compound that happened to break at its own hyphen (`open-` / `source`) or a word a
typesetter split (`tech-` / `nology`). We decide, in this order:

1. the hyphenated form (`open-source`) occurs unbroken elsewhere in the document: keep it;
2. the joined form (`opensource`) occurs elsewhere in the document: join;
3. the joined form is a known word of the language and the second half alone is not
   (`technology` / `nology`): join;
4. otherwise keep the hyphen. A kept hyphen is never a loss (the reader sees what the author
   typed); a wrongly dropped one silently changes a word.

The document is the best dictionary of its own spelling, so it comes first; the word list
(simplemma's lexicons, read from the lemma index: `reader.lemma_tables`) only settles words the
document uses once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from reader.importers.lines import is_cjk
from reader.lemma_tables import is_known

_WORD = re.compile(r"\w+(?:[-‐]\w+)*")
_BROKEN = re.compile(r"(\w+)[-‐]$")
_START = re.compile(r"^(\w+)")


class HyphenRule:
    """Decides, for one document, whether a hyphen at a line break belongs to the word."""

    def __init__(self, document_text: str, lang: str | None) -> None:
        self._text = document_text
        self._lang = (lang or "en").split("-")[0]
        self._words: frozenset[str] | None = None

    def _document_words(self) -> frozenset[str]:
        # Built on first need only: most documents have no broken words at all.
        if self._words is None:
            self._words = frozenset(_WORD.findall(self._text.lower()))
        return self._words

    def keep_hyphen(self, left: str, right: str) -> bool:
        words = self._document_words()
        hyphenated = f"{left}-{right}".lower()
        joined = f"{left}{right}".lower()
        if hyphenated in words:
            return True
        if joined in words:
            return False
        return not (_known(joined, self._lang) and not _known(right.lower(), self._lang))


@lru_cache(maxsize=4096)
def _known(word: str, lang: str) -> bool:
    # The lemma index answers as simplemma.is_known does without decoding the language's
    # whole lexicon (0.6 s for Dutch, 2 s for German) for the few words a text breaks.
    try:
        return is_known(word, lang)
    except ValueError:  # a language simplemma has no lexicon for
        return False


def join_lines(parts: Sequence[str], hyphens: HyphenRule | None = None) -> str:
    """One paragraph from its wrapped lines: spaces between words, none between Chinese
    characters, and line-break hyphens settled by `hyphens` (kept when there is no rule).

    Each line is looked at with its neighbour only, so a paragraph of n lines costs O(n)."""
    out: list[str] = []
    for part in parts:
        part = part.strip(" \t\u3000")
        if not part:
            continue
        if not out:
            out.append(part)
            continue
        last = out[-1]
        broken = _BROKEN.search(last[-80:]) if last[-1] in "-‐" else None
        start = _START.match(part)
        if broken and start and not last.endswith("--"):
            keep = hyphens.keep_hyphen(broken.group(1), start.group(1)) if hyphens else True
            if not keep:
                out[-1] = last[:-1]
        elif not (_wide(last[-1]) or _wide(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _wide(ch: str) -> bool:
    return ch >= "\u3000" and is_cjk(ch)  # the comparison spares most Latin text the call


def wrap_width(lengths: Sequence[int]) -> int | None:
    """The column a text was hard-wrapped at, or None when its lines are not wrapped.

    A wrapped text has no line longer than its width (we allow 2% for a long URL) and most
    of its lines close to it: we call it wrapped when at least 60% of the lines reach 70% of
    that width and the width is one people or PDF pages wrap at (30 to 160 columns).
    """
    if len(lengths) < 4:
        return None
    ordered = sorted(lengths)
    width = ordered[min(len(ordered) - 1, int(0.98 * len(ordered)))]
    if width > 160 or width < 30:
        return None
    long_lines = sum(1 for n in lengths if n >= 0.7 * width)
    return width if long_lines >= 0.6 * len(lengths) else None


def continues(previous: str, following: str, width: int) -> bool:
    """Whether `following` continues the paragraph of `previous` in a text wrapped at `width`:
    the previous line is full, that is the next word would not have fit on it. A line that
    stops short ends its paragraph, whatever its last character (headings have no stop)."""
    following = following.lstrip(" \t\u3000")
    first_word = following[:1] if is_cjk(following[:1] or "a") else following.split(" ", 1)[0]
    # Wrappers differ by a column or two (trailing spaces, a hyphen counted or not).
    return len(previous) + 1 + len(first_word) > width - 2
