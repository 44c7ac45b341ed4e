"""Where a noted term occurs: the segment and sentence an entry's context points at.

The glossary matcher (reader.matching) knows inflections and negations ("power is
concentrated" in "power isn't concentrated"); when it is not importable we fall back to a
case-insensitive whole-word search that treats runs of spaces and hyphen variants alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from reader.importers.lines import is_cjk
from reader.model import Entry, Segment


class Occurrences:
    """First occurrence of each entry's term in each segment, computed once per document."""

    def __init__(self, segments: Sequence[Segment], entries: Sequence[Entry], lang: str) -> None:
        self._segments = segments
        # (segment index, term key) -> sentence index of the first match
        self._found: dict[tuple[int, str], int] = {}
        # A term noted again (the same word in two chapters) is looked for once: the same
        # entry finds the same places, and listing them once per copy made a long book's
        # notes cost the square of its length.
        unique: dict[tuple[str, str, tuple[str, ...], str], Entry] = {}
        for entry in entries:
            unique.setdefault((entry.term, entry.lang, entry.forms, entry.status), entry)
        entries = list(unique.values())
        matcher = _matcher(entries, lang)
        searchable = [
            (i, seg)
            for i, seg in enumerate(segments)
            if seg.lang in (None, lang) and seg.source.sentences
        ]
        if matcher is not None:
            for i, seg in searchable:
                for match in matcher.find(seg.source.text):
                    self._found.setdefault(
                        (i, _key(match.entry.term)), seg.source.sentence_at(match.start)
                    )
        # The plain search is for what the matcher did not find anywhere (or all of it, when
        # there is no matcher): searching every term in every segment twice would cost a
        # long book with many notes seconds for nothing.
        found_terms = {term for _i, term in self._found}
        for entry in entries:
            key = _key(entry.term)
            if key in found_terms:
                continue
            pattern = _pattern(entry.term)
            for i, seg in searchable:
                m = pattern.search(seg.source.text)
                if m:
                    self._found.setdefault((i, key), seg.source.sentence_at(m.start()))

    def sentence_in(self, segment_index: int, term: str) -> int | None:
        """Index of the first sentence of the segment containing `term`, or None."""
        return self._found.get((segment_index, _key(term)))

    def first(self, term: str) -> tuple[int, int] | None:
        """(segment index, sentence index) of the term's first occurrence in the document."""
        key = _key(term)
        for i in range(len(self._segments)):
            sentence = self._found.get((i, key))
            if sentence is not None:
                return i, sentence
        return None


def _key(term: str) -> str:
    return " ".join(term.casefold().split())


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern[str]:
    parts = [re.escape(w) for w in re.split(r"[\s\-‐‑–—]+", term.strip()) if w]
    body = r"[\s\-‐‑–—]+".join(parts)
    # Word boundaries only where the term starts or ends with a word character: Chinese
    # terms sit between other characters.
    term = term.strip()
    lead = r"(?<!\w)" if re.match(r"\w", term) and not is_cjk(term[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", term) and not is_cjk(term[-1]) else ""
    return re.compile(lead + body + tail, re.IGNORECASE)


def _matcher(entries: Sequence[Entry], lang: str):  # type: ignore[no-untyped-def]
    """The glossary matcher over `entries`, or None while reader.matching is not available."""
    try:
        from reader.matching import Matcher
    except ImportError:
        return None
    return Matcher(entries, lang)
