"""The document as the reading view draws it: what a terminal cannot show, shown as words."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reader.model import Document, Segment, Text

# A sentence that is nothing but Markdown images: `![alt](./assets/name.png)`, one or more.
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_ONLY_IMAGES = re.compile(rf"\s*(?:{_IMAGE.pattern}\s*)+")


def image_placeholder(sentence: str) -> str | None:
    """`[image: name]` for a sentence made only of Markdown images, else None.

    A terminal cannot show the picture, and the Markdown around its file name is noise in
    the middle of an article; the name is what tells the learner which picture it was.
    """
    if "![" not in sentence or not _ONLY_IMAGES.fullmatch(sentence):
        return None
    names = []
    for m in _IMAGE.finditer(sentence):
        alt, target = m.group(1).strip(), m.group(2)
        names.append(alt or Path(target).stem or "image")
    return " ".join(f"[image: {name}]" for name in names)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def note_mark(number: int) -> str:
    """A footnote's call as a book prints it: `¹`, `¹²`."""
    return str(number).translate(_SUPERSCRIPT)


def with_note_marks(seg: Segment, first: int) -> Segment:
    """The paragraph with its footnotes numbered from `first`: the marks after its last
    sentence and each note led by its number.

    The importer keeps where a note was called only as "in this paragraph", so the marks go
    at its end, where they shift no offset the glossary, the cursor or a saved position
    points at.
    """
    numbers = range(first, first + len(seg.notes))
    sentences = list(seg.source.sentences)
    sentences[-1] += "".join(note_mark(n) for n in numbers)
    notes = tuple(f"{note_mark(n)} {note}" for n, note in zip(numbers, seg.notes))
    return replace(seg, source=Text(tuple(sentences), seg.source.sep), notes=notes)


def display_document(document: Document) -> Document:
    """The document as the view draws it: image lines become one-line placeholders, and
    footnotes are numbered through the document, their marks at the end of their paragraph.

    Only what is shown changes: the screen keeps and saves the document as written, and the
    segment ids (positions, links, glossary contexts) are the same in both.
    """
    changed = False
    segments: list[Segment] = []
    notes = 0
    for seg in document.segments:
        shown = [image_placeholder(s) for s in seg.source.sentences]
        if any(p is not None for p in shown):
            changed = True
            sentences = [p if p is not None else s for p, s in zip(shown, seg.source.sentences)]
            seg = replace(seg, source=Text(tuple(sentences), seg.source.sep))
        if seg.notes and seg.source.sentences:
            changed = True
            seg = with_note_marks(seg, notes + 1)
            notes += len(seg.notes)
        segments.append(seg)
    return replace(document, segments=tuple(segments)) if changed else document
