"""The words of a text a learner does not know yet, for marking them in the reading view.

A running word is unknown when it is neither a known word (`reader.known`) nor inside a
glossary term (`reader.coverage` decides, the same way a document's coverage is counted).
`UnknownWords` keeps each language's known words as read from their file, finds the unknown
words of one paragraph at a time (cached: the view asks on every repaint) and saves words
marked known through the known-words file's careful save.

Nothing here waits on the UI thread's behalf: `ready(lang)` says whether a paragraph can be
analysed at once (the known-words file read, the glossary's matcher built, jieba's
dictionary loaded for Chinese); until it is, `marks` returns nothing and `on_stale` is told
which language to prepare (`warm`) in the background. No Textual here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.marks import Marks, MatchProvider, TermMark
from reader.model import Document, Segment

if TYPE_CHECKING:
    from reader.coverage import Coverage, Word
    from reader.known import KnownWords

# Paragraphs whose words are kept: those on screen and around them, asked for by the view
# on every repaint and by the status bar on every cursor move.
KEPT = 256
UNKNOWN = "unknown"  # the TermMark status, drawn as the "term-unknown" style


def base(lang: str) -> str:
    return lang.split("-")[0].lower()


class UnknownWords:
    """Known words per language, and the unknown words of a paragraph."""

    def __init__(self, library_root: Path, marks: Marks) -> None:
        self.root = Path(library_root)
        self.marks = marks
        self.on_stale: Callable[[str], None] | None = None
        self._known: dict[str, KnownWords] = {}
        self._warm: set[str] = set()
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple[object, ...], list[Word]] = OrderedDict()
        self.version = 0  # goes up whenever a known-words file is saved or read again

    # --- getting ready ----------------------------------------------------------------

    def ready(self, lang: str) -> bool:
        code = base(lang)
        return code in self._warm and code in self._known and self._matcher_ready(code)

    def _matcher_ready(self, code: str) -> bool:
        return self.marks.ready(code) or not self.marks.entries(code)

    def warm(self, lang: str) -> None:
        """Read the known words, build the glossary's matcher and load the segmenter: the
        slow parts, for a worker thread."""
        code = base(lang)
        self.known(code)
        if self.marks.entries(code):
            self.marks.matcher(code)
        if code == "zh":
            from reader.dictionary.chinese import segment

            segment("热身")  # jieba reads its dictionary on first use
        with self._lock:
            self._warm.add(code)

    def known(self, lang: str) -> KnownWords:
        """The language's known words (read from their file on first use)."""
        code = base(lang)
        kw = self._known.get(code)
        if kw is None:
            from reader.known import load_known

            with self._lock:
                kw = self._known.get(code)
                if kw is None:
                    kw = self._known[code] = load_known(self.root, code)
        return kw

    # --- one paragraph --------------------------------------------------------------------

    def words(self, text: str, lang: str) -> list[Word] | None:
        """The running words of `text`, each covered or not; None when not ready yet."""
        code = base(lang)
        if not text.strip():
            return []
        if not self.ready(code):
            if self.on_stale is not None:
                self.on_stale(code)
            return None
        matcher = self.marks.matcher(code, wait=False) if self.marks.entries(code) else None
        key = (code, text, self.version, id(matcher))
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        from reader.coverage import words_of

        # Ignored entries count as covered; the matcher leaves them out, so they go along.
        found = words_of([text], code, self._known[code], self.marks.ignored(code), matcher)[0]
        with self._lock:
            self._kept[key] = found
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return found

    def marks_in(self, text: str, lang: str) -> tuple[TermMark, ...]:
        words = self.words(text, lang)
        if not words:
            return ()
        return tuple(TermMark(w.start, w.end, UNKNOWN, "") for w in words if not w.covered)

    def coverage(self, text: str, lang: str) -> Coverage | None:
        """Running words, covered ones and distinct unknown ones; None when not ready."""
        words = self.words(text, lang)
        if words is None:
            return None
        from reader.coverage import Coverage

        unknown = tuple(dict.fromkeys(w.key for w in words if not w.covered))
        return Coverage(len(words), sum(w.covered for w in words), len(unknown), unknown)

    def unknown_in(self, text: str, lang: str) -> list[str]:
        """The distinct unknown words of a paragraph, in order ("mark the paragraph known")."""
        self.warm(lang)
        words = self.words(text, lang) or []
        return list(dict.fromkeys(w.key for w in words if not w.covered))

    # --- saving ---------------------------------------------------------------------------

    def add(self, lang: str, words: Iterable[str]) -> list[str]:
        """Save `words` as known; returns those that were new (folded), in order."""
        kw = self.known(lang)
        before = set(kw.keys)
        saved = kw.add(words)
        self._replace(lang, saved)
        return [w for w in saved.words if w not in before]

    def remove(self, lang: str, words: Iterable[str]) -> None:
        """Save the file without `words` (taking back a mark)."""
        self._replace(lang, self.known(lang).remove(words))

    def _replace(self, lang: str, kw: KnownWords) -> None:
        with self._lock:
            self._known[base(lang)] = kw
            self.version += 1
            self._kept.clear()


class WithUnknown:
    """A MatchProvider: the glossary's marks, and on the original side the unknown words
    (when `enabled`). Reads the document from the glossary provider, so a new version of
    the document (a repair) is followed."""

    def __init__(self, terms: MatchProvider, unknown: UnknownWords, document: Document) -> None:
        self.terms = terms
        self.unknown = unknown
        self._document = document
        self.enabled = False

    @property
    def document(self) -> Document:
        return getattr(self.terms, "document", self._document)

    def __call__(self, segment: Segment, side: str) -> Sequence[TermMark]:
        found = self.terms(segment, side)
        # Headings are drawn in their level's style, underlined for a section: an underline
        # for unknown words there would say nothing, so they are left plain.
        if not self.enabled or side != "source" or segment.kind == "heading":
            return found
        lang = self.document.segment_lang(segment)
        extra = self.unknown.marks_in(segment.source.text, lang)
        return [*found, *extra] if extra else found


def has_own_glossary(document: Document, library_root: Path, marks: Marks) -> bool:
    """Whether a document came with vocabulary notes: the glossary its import wrote
    (`glossaries/<id>.yaml`), or notes read with a file opened outside the library. Words a
    learner adds go to the language's glossary, so adding some does not change the answer."""
    if (Path(library_root) / "glossaries" / f"{document.id}.yaml").is_file():
        return True
    return any(
        e.context is not None and e.context.document == document.id for e in marks.extra_entries
    )
