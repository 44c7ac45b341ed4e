"""The HTML that goes into each field of a note, built from plain user text.

Every piece of user text passes through `esc`, which NFC-normalises and HTML-escapes it, so a
gloss like `a < b` or `<script>` shows as text on the card. Markup is only ever added around
text that has already been escaped, and offsets are applied to the raw text before escaping,
so a highlighted occurrence can never split an entity.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher

CLOZE_BLANK = '<span class="cloze">[…]</span>'
RTL_LANGS: tuple[str, ...] = ("ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "dv")
ARABIC_SCRIPT_LANGS: tuple[str, ...] = ("ar", "fa", "ur", "ps", "sd", "ug")

# Scripts written without spaces: a highlighted part of a gloss may be any run of characters
# there, but only whole words elsewhere (bolding "ing" inside a word helps no one).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_GLOSS_SPLIT = re.compile(r"[;；]")
_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_UNSPACED_PART = 2
_MIN_WORD_PART = 4


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def esc(text: str) -> str:
    """User text as safe HTML: NFC-normalised, `<>&"'` escaped, and `[` as `&#91;`.

    Anki reads `[sound:file]` and `[anki:tts]…[/anki:tts]` in a field as commands (play a file,
    speak, pack media on export); a learner's note quoting one must stay text.
    """
    if not text.isascii():
        text = nfc(text)
    out = html.escape(text, quote=True)
    return out.replace("[", "&#91;") if "[" in out else out


def is_rtl(lang: str | None) -> bool:
    return (lang or "").split("-")[0].lower() in RTL_LANGS


def esc_multiline(text: str) -> str:
    """Like `esc`, keeping the writer's line breaks as `<br>`."""
    return "<br>".join(esc(line) for line in text.strip().splitlines())


def with_lang(body: str, lang: str | None) -> str:
    """Wrap escaped HTML in a `lang` span so CJK text picks the right glyphs.

    Right-to-left text gets a block with `dir="rtl"` instead: only a block sets the direction
    of its paragraph, whatever script its first word is in.
    """
    if not body or not lang:
        return body
    if is_rtl(lang):
        return f'<div lang="{esc(lang)}" dir="rtl">{body}</div>'
    return f'<span lang="{esc(lang)}">{body}</span>'


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` escaped, with each (start, end) span in `<b>`; overlapping spans are merged."""
    return _mark(text, spans, lambda part: f"<b>{esc(part)}</b>")


def cloze(
    text: str, spans: Iterable[tuple[int, int]], hint: str = "", hint_lang: str | None = None
) -> str:
    """`text` escaped, with each span replaced by a blank; `hint` is shown inside the first
    blank, as Anki shows a cloze hint: `[busy]`."""
    blank = CLOZE_BLANK
    if hint:
        lang = f' lang="{esc(hint_lang)}"' if hint_lang else ""
        blank = f'<span class="cloze">[<span class="cue"{lang}>{esc(hint)}</span>]</span>'
    blanks = iter([blank])
    return _mark(text, spans, lambda _part: next(blanks, CLOZE_BLANK))


def _mark(text: str, spans: Iterable[tuple[int, int]], render: Callable[[str], str]) -> str:
    out: list[str] = []
    pos = 0
    for start, end in merge_spans(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(esc(text[pos:start]))
        out.append(render(text[start:end]))
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def split_glosses(glosses: Iterable[str]) -> list[str]:
    """Each gloss, and each `；`-separated part of one, stripped; empty parts dropped."""
    parts: list[str] = []
    for gloss in glosses:
        parts.extend(p.strip() for p in _GLOSS_SPLIT.split(nfc(gloss)))
    return [p for p in parts if p]


def gloss_spans(translation: str, glosses: Iterable[str]) -> list[tuple[int, int]]:
    """Where the glosses, or the longest parts of them, occur in `translation`.

    A translator rarely uses the dictionary form: the gloss 公平竞争的环境 appears as
    公平的竞争环境. So each gloss is looked for whole, then its longest common runs with the
    translation (via difflib) are taken while they are long enough to mean something: two
    characters of an unspaced script, or whole words of at least four letters elsewhere.
    """
    text = nfc(translation)
    folded = text.casefold()
    if len(folded) != len(text):  # casefolding changed lengths (ß -> ss): offsets would drift
        folded = text.lower() if len(text.lower()) == len(text) else text
    spans: list[tuple[int, int]] = []
    for gloss in split_glosses(glosses):
        g = gloss.casefold() if len(gloss.casefold()) == len(gloss) else gloss
        unspaced = bool(_UNSPACED.search(g))
        found = _find_all(folded, g, whole_words=not unspaced)
        if found:
            spans.extend(found)
        elif unspaced:
            spans.extend(_common_runs(folded, g))
        else:
            for word in _WORD.findall(g):
                if len(word) >= _MIN_WORD_PART:
                    spans.extend(_find_all(folded, word, whole_words=True))
    return merge_spans(spans)


def _find_all(text: str, needle: str, whole_words: bool = False) -> list[tuple[int, int]]:
    if not needle:
        return []
    if whole_words:
        pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
        return [m.span() for m in pattern.finditer(text)]
    out, start = [], text.find(needle)
    while start >= 0:
        out.append((start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return out


def _common_runs(text: str, gloss: str) -> list[tuple[int, int]]:
    """Disjoint common runs of at least two characters, longest first."""
    spans: list[tuple[int, int]] = []
    pending = [(0, len(text), 0, len(gloss))]
    while pending:
        t0, t1, g0, g1 = pending.pop()
        match = SequenceMatcher(None, text, gloss, autojunk=False).find_longest_match(
            t0, t1, g0, g1
        )
        if match.size < _MIN_UNSPACED_PART:
            continue
        spans.append((match.a, match.a + match.size))
        pending.append((t0, match.a, g0, match.b))
        pending.append((match.a + match.size, t1, match.b + match.size, g1))
    return spans
