"""Glossary terms found in a document, as the reading view and the panels need them.

The vocabulary owns the entries and the matcher finds them; this is the glue that keeps one
matcher per language, rebuilt only when the vocabulary's version changes, and turns matches
into TermMarks for the reading view. Entries that came with a file opened in memory (its
vocabulary notes) are matched too, unless the library already has an entry for the same
term. No Textual here: the library screen's counts, the glossary table and the tests use it
as they are.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from reader.model import Document, Entry, Segment
from reader.normalize import normalize_term

if TYPE_CHECKING:
    from reader.matching import Match, Matcher


T = TypeVar("T")


class EntrySource(Protocol):
    """What the marks read of a vocabulary (`reader.vocabulary.Vocabulary`)."""

    @property
    def version(self) -> int: ...

    def entries(self, lang: str) -> tuple[Entry, ...]: ...

    def languages(self) -> Iterable[str]: ...


class TermMark(NamedTuple):
    """A glossary term found in one side of a segment; `status` picks its style.

    A named tuple rather than a dataclass: a paragraph dense with terms makes a thousand of
    these each time it comes into view, and a tuple is built in C and is half the size.
    """

    start: int
    end: int
    status: str  # "new" | "learning" | "known" | "ignored"
    entry_key: str
    level: int | None = None  # 1-5 while learning: the view grades its colour


# (segment, side) -> marks, side being "source" or "target". Called lazily, only for segments
# that come into view, so a 50,000-entry glossary costs nothing for paragraphs never shown.
MatchProvider = Callable[[Segment, str], Sequence[TermMark]]

# Texts whose matches are kept: the paragraphs on screen and around it, each asked for by
# the view, the notes panel and the status bar on every cursor move.
FOUND_KEPT = 192  # text sides, as matches and as Found


def document_languages(doc: Document) -> list[str]:
    """The languages of a document's text whose glossaries apply to it: the original's,
    any other a paragraph is written in, then the translation's."""
    langs = [doc.source_lang]
    langs += [seg.lang for seg in doc.segments if seg.lang and seg.lang not in langs]
    if doc.target_lang and doc.target_lang not in langs:
        langs.append(doc.target_lang)
    return langs


def entry_key(entry: Entry) -> str:
    """Stable while the app runs: the permanent id once there is one, else language and term."""
    return entry.id or f"{entry.lang}:{entry.term}"


@dataclass(frozen=True, slots=True)
class Found:
    """An entry found in one side of a segment: for the notes panel and the glossary table."""

    side: str  # "source" | "target"
    start: int
    end: int
    entry: Entry


class Marks:
    """Matchers per language over the library's vocabulary plus in-memory extras.

    Building a matcher can take a while (the lemmatiser's tables load on first use, and a
    50,000-entry glossary is a big automaton), so the UI thread never waits for one: with
    `wait=False` it gets the matcher it had (or none) and `on_stale` is told which languages
    to build in the background; the app re-marks the text when they are ready.
    """

    def __init__(self, vocabulary: EntrySource, extra_entries: Iterable[Entry] = ()) -> None:
        self.vocabulary = vocabulary
        self.extra_entries = tuple(extra_entries)
        self._matchers: dict[str, tuple[int, Matcher]] = {}
        self._ignored: dict[str, tuple[int, tuple[Entry, ...]]] = {}
        self._lock = threading.Lock()
        self.on_stale: Callable[[str], None] | None = None
        # What was found in the texts around the reading position, asked for again by the
        # view, the notes panel and the status bar on every cursor move.
        self._found = _Kept()

    @property
    def version(self) -> int:
        return self.vocabulary.version

    def set_extra_entries(self, entries: Iterable[Entry]) -> None:
        """The notes of a file read outside the library, known only once it is imported
        (in a worker, after the first frame): matchers built without them are dropped."""
        with self._lock:
            self.extra_entries = tuple(entries)
            self._matchers.clear()
            self._ignored.clear()
            self._found = _Kept()

    def entries(self, lang: str) -> tuple[Entry, ...]:
        own = tuple(self.vocabulary.entries(lang))
        if not self.extra_entries:
            return own
        taken = {normalize_term(e.term, lang) for e in own}
        extra = tuple(
            e
            for e in self.extra_entries
            if e.lang == lang and normalize_term(e.term, lang) not in taken
        )
        return own + extra

    def ignored(self, lang: str) -> tuple[Entry, ...]:
        """The language's ignored entries, which its matcher leaves out: what coverage
        counts as covered besides the matcher's finds (kept until the glossary changes)."""
        kept = self._ignored.get(lang)
        if kept is not None and kept[0] == self.version:
            return kept[1]
        version = self.version
        found = tuple(e for e in self.entries(lang) if e.status == "ignored")
        self._ignored[lang] = (version, found)
        return found

    def languages(self) -> set[str]:
        return set(self.vocabulary.languages()) | {e.lang for e in self.extra_entries}

    def ready(self, lang: str) -> bool:
        cached = self._matchers.get(lang)
        return cached is not None and cached[0] == self.version

    def matcher(self, lang: str, *, wait: bool = True) -> Matcher | None:
        cached = self._matchers.get(lang)
        if cached is not None and cached[0] == self.version:
            return cached[1]
        if not wait:
            if self.on_stale is not None:
                self.on_stale(lang)
            return cached[1] if cached is not None else None
        with self._lock:
            cached = self._matchers.get(lang)
            version = self.version
            if cached is not None and cached[0] == version:
                return cached[1]
            from reader.matching import Matcher

            matcher = Matcher(self.entries(lang), lang)
            self._matchers[lang] = (version, matcher)
            return matcher

    def find(self, text: str, lang: str | None, *, wait: bool = True) -> list[Match]:
        if not lang or not text:
            return []
        matcher = self.matcher(lang, wait=wait)
        if matcher is None:
            return []
        return list(self._matches(matcher, lang, text))

    def _matches(self, matcher: Matcher, lang: str, text: str) -> tuple[Match, ...]:
        key = ("match", lang, text)
        found = self._found.get(key, matcher)
        if found is None:
            found = self._found.put(key, matcher, tuple(matcher.find(text)))
        return found

    def in_segment(self, document: Document, segment: Segment, *, wait: bool = True) -> list[Found]:
        """Entries found in both sides of a segment, original first."""
        found = self._in_text("source", segment.source.text, document.segment_lang(segment), wait)
        if segment.target is not None:
            found += self._in_text("target", segment.target.text, document.target_lang, wait)
        return found

    def _in_text(self, side: str, text: str, lang: str | None, wait: bool) -> list[Found]:
        if not lang or not text:
            return []
        matcher = self.matcher(lang, wait=wait)
        if matcher is None:
            return []
        key = (side, lang, text)
        found = self._found.get(key, matcher)
        if found is None:
            matches = self._matches(matcher, lang, text)
            found = tuple(Found(side, m.start, m.end, m.entry) for m in matches)
            self._found.put(key, matcher, found)
        return list(found)

    def provider(self, document: Document) -> MatchProviderFn:
        """The view's MatchProvider for `document` (reads the document at call time)."""
        return MatchProviderFn(self, document)


class _Kept:
    """A small thread-safe LRU of what a matcher found in a text (matches, or Found).

    Values are stored with the matcher that made them and served only to the same matcher,
    so a glossary change (a new matcher) never shows what the old glossary found.
    """

    def __init__(self, size: int = FOUND_KEPT) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], tuple[Matcher, tuple[Any, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], matcher: Matcher) -> tuple[Any, ...] | None:
        with self._lock:
            kept = self._items.get(key)
            if kept is None or kept[0] is not matcher:
                return None
            self._items.move_to_end(key)
            return kept[1]

    def put(self, key: tuple[str, ...], matcher: Matcher, value: tuple[T, ...]) -> tuple[T, ...]:
        with self._lock:
            self._items[key] = (matcher, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class MatchProviderFn:
    """A callable object rather than a closure so the screen can swap its document."""

    def __init__(self, marks: Marks, document: Document) -> None:
        self.marks = marks
        self.document = document

    def __call__(self, segment: Segment, side: str) -> Sequence[TermMark]:
        if side == "target":
            text = segment.target.text if segment.target is not None else ""
            lang = self.document.target_lang
        else:
            text = segment.source.text
            lang = self.document.segment_lang(segment)
        return [
            TermMark(m.start, m.end, m.entry.status, entry_key(m.entry), m.entry.level)
            for m in self.marks.find(text, lang, wait=False)
            if m.entry.status != "ignored"
        ]
