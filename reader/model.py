"""The core types: documents made of segments, and glossary entries.

Everything here is plain, frozen data. Parsing, storage, matching and export live in the
modules beside this one and never in the types themselves, so the reading app, the exporter
and the command line all share one vocabulary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, get_args

# Segment kinds. Anything that is not running text keeps a kind of its own so that nothing
# an author wrote is dropped, and the app can style it differently.
SegmentKind = Literal[
    "title",
    "subtitle",
    "byline",
    "image",
    "caption",
    "heading",
    "paragraph",
    "postscript",
    "note",  # text the importer could not classify; kept verbatim and listed in its report
]
SEGMENT_KINDS: tuple[str, ...] = get_args(SegmentKind)

# Languages written without spaces between words or sentences.
UNSPACED_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def sentence_separator(lang: str | None) -> str:
    """What joins two sentences of `lang` in running text."""
    return "" if (lang or "").split("-")[0] in UNSPACED_LANGS else " "


@dataclass(frozen=True)
class Text:
    """One paragraph of one language, held as its sentences.

    The sentences are the single source of truth: the paragraph text is the sentences joined
    by the language's separator, so sentence spans and character offsets (which term matches
    and reading positions are expressed in) never drift from the stored sentences.
    """

    sentences: tuple[str, ...]
    sep: str = " "

    @classmethod
    def of(cls, sentences: Iterable[str], lang: str | None) -> Text:
        return cls(tuple(sentences), sentence_separator(lang))

    @cached_property
    def text(self) -> str:
        return self.sep.join(self.sentences)

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence in `text`."""
        out: list[tuple[int, int]] = []
        pos = 0
        for s in self.sentences:
            out.append((pos, pos + len(s)))
            pos += len(s) + len(self.sep)
        return tuple(out)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character `offset` (the last one past the end)."""
        for i, (_start, end) in enumerate(self.spans):
            if offset < end + len(self.sep):
                return i
        return max(len(self.sentences) - 1, 0)


@dataclass(frozen=True)
class Link:
    """A bead: source sentence ids <-> target sentence ids (1-1, 1-2, 2-1, 1-0, 0-1, ...).

    `confidence` is the aligner's score in [0, 1] (None when unknown); `manual` marks a link the
    learner repaired by hand, which re-alignment must keep.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float | None = None
    manual: bool = False


@dataclass(frozen=True)
class Ruby:
    """A reading written above characters (`<ruby>漢<rt>かん</rt></ruby>`): characters
    `start`..`end` of the segment's source text are read `reading`."""

    start: int
    end: int
    reading: str


@dataclass(frozen=True)
class Cue:
    """When a subtitle is on screen, in seconds from the start of the film."""

    start: float
    end: float


@dataclass(frozen=True)
class Segment:
    """One paragraph of the original and, when there is one, its translation.

    `id` is stable across re-imports of the same file (derived from kind and source text), so
    reading positions and glossary contexts survive edits elsewhere in the document. `lang`
    overrides the document's source language for a segment written in another one (the
    Chinese postscript of an English article).
    """

    id: str
    kind: str
    source: Text
    target: Text | None = None
    links: tuple[Link, ...] = ()
    lang: str | None = None
    # What books, films and web pages bring; all optional so plain texts stay as they were.
    level: int | None = None  # a heading's depth: 1 for a chapter, 2 for a section ...
    cue: Cue | None = None  # a subtitle's timing
    notes: tuple[str, ...] = ()  # footnotes called from this paragraph, in order
    file: str | None = None  # an image segment's picture (path inside the imported file)
    ruby: tuple[Ruby, ...] = ()  # readings over characters of the source text

    @property
    def bilingual(self) -> bool:
        return self.target is not None and bool(self.target.sentences)

    def links_for_source(self, sentence: int) -> tuple[Link, ...]:
        return tuple(link for link in self.links if sentence in link.source)

    def links_for_target(self, sentence: int) -> tuple[Link, ...]:
        return tuple(link for link in self.links if sentence in link.target)

    def counterparts(self, sentence: int) -> tuple[int, ...]:
        """The target sentences that translate source `sentence`: the one rule for it.

        The reading view highlights these, the add dialog offers them as the context's
        translation and the exporter puts them on the card. Links decide when there are any (a
        sentence in no link has no counterpart). Without links, sentences pair by position
        when both sides have as many, and a side with a single sentence answers every
        sentence of the other; otherwise nothing is claimed.
        """
        target = self.target
        if target is None or not target.sentences:
            return ()
        if self.links:
            return tuple(
                sorted({t for link in self.links_for_source(sentence) for t in link.target})
            )
        return _by_position(sentence, len(self.source.sentences), len(target.sentences))

    def sources_of(self, target_sentence: int) -> tuple[int, ...]:
        """The source sentences that target sentence `target_sentence` translates (see
        `counterparts`, of which this is the inverse)."""
        if self.target is None or not self.target.sentences:
            return ()
        if self.links:
            found = {s for link in self.links_for_target(target_sentence) for s in link.source}
            return tuple(sorted(found))
        return _by_position(target_sentence, len(self.target.sentences), len(self.source.sentences))


def _by_position(i: int, mine: int, theirs: int) -> tuple[int, ...]:
    """Sentence `i` of a side of `mine` sentences, paired by position with `theirs`."""
    if not 0 <= i < mine or theirs == 0:
        return ()
    if mine == theirs:
        return (i,)
    if theirs == 1:
        return (0,)
    if mine == 1:
        return tuple(range(theirs))
    return ()


def _digest(kind: str, source_text: str) -> str:
    return hashlib.blake2b(f"{kind}\0{source_text}".encode(), digest_size=4).hexdigest()


def segment_id(kind: str, source_text: str, taken: set[str]) -> str:
    """A short id from kind and text; repeats of the same text get -2, -3 ... in order."""
    digest = _digest(kind, source_text)
    candidate, n = digest, 1
    while candidate in taken:
        n += 1
        candidate = f"{digest}-{n}"
    taken.add(candidate)
    return candidate


class SegmentIds:
    """Gives the segments of one document their ids, as `segment_id` would, in constant time.

    Probing -2, -3 ... is quadratic in the repeats of one text (a refrain, a repeated
    "* * *"). Only repeats of a text share its digest, so the n-th repeat is `digest-n`:
    counting gives the same ids as probing.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._repeats: dict[str, int] = {}

    def new(self, kind: str, source_text: str) -> str:
        digest = _digest(kind, source_text)
        n = self._repeats.get(digest, 0) + 1
        self._repeats[digest] = n
        candidate = digest if n == 1 else f"{digest}-{n}"
        if candidate in self._taken:  # another text's digest-n: never seen, but be exact
            candidate = segment_id(kind, source_text, self._taken)
        self._taken.add(candidate)
        return candidate


@dataclass(frozen=True)
class Document:
    """A text to read: metadata and ordered segments.

    `id` is the document's name in its library (the stem of its YAML file). `origin` is the
    file it was imported from, relative to the library when it lives there.
    """

    id: str
    title: str
    source_lang: str
    segments: tuple[Segment, ...]
    target_lang: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    origin: str | None = None
    translation_origin: str | None = None
    imported: str | None = None  # ISO date

    @property
    def bilingual(self) -> bool:
        return self.target_lang is not None

    @cached_property
    def segment_index(self) -> dict[str, int]:
        return {seg.id: i for i, seg in enumerate(self.segments)}

    def segment(self, segment_id: str) -> Segment:
        return self.segments[self.segment_index[segment_id]]

    def segment_lang(self, seg: Segment) -> str:
        return seg.lang or self.source_lang

    def with_segment(self, seg: Segment) -> Document:
        """A copy with the segment of the same id replaced."""
        i = self.segment_index[seg.id]
        return replace(self, segments=self.segments[:i] + (seg,) + self.segments[i + 1 :])


# --- Glossary entries -------------------------------------------------------------------

STATUSES: tuple[str, ...] = ("new", "learning", "known", "ignored")


@dataclass(frozen=True)
class Context:
    """Where an entry was noted: a sentence of a segment of a document."""

    document: str
    segment: str
    sentence: int | None = None


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a term of one language and what the learner knows of it.

    `id` is permanent once given (flashcards are keyed on it, never on editable text).
    `forms` are extra surface forms matched like the term itself. `extra` keeps fields this
    version does not know, so saving never loses what a learner or a newer version wrote.
    """

    term: str
    lang: str
    glosses: tuple[str, ...] = ()
    note: str = ""
    reading: str = ""  # IPA, pinyin ...
    pos: str = ""  # part of speech: n., adj. ...
    forms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = "new"
    level: int | None = None  # 1-5 while learning
    id: str | None = None
    context: Context | None = None
    production: bool = False  # also make a meaning -> term card
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def gloss_text(self) -> str:
        return "; ".join(self.glosses)
