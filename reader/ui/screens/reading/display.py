"""The document as the reading view draws it: what a terminal cannot show, shown as words."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reader.model import Document, Segment, Text
from reader.safetext import has_controls, visible

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


def _displayed(sentence: str) -> str:
    placeholder = image_placeholder(sentence)
    if placeholder is not None:
        return placeholder
    # Documents are cleaned when read, but one built in memory (or a future reader) must
    # still never send a control sequence to the terminal: shown, never obeyed.
    return visible(sentence) if has_controls(sentence) else sentence


def _displayed_text(text: Text) -> Text:
    sentences = tuple(_displayed(s) for s in text.sentences)
    if sentences == text.sentences:
        return text
    return Text(sentences, text.sep)


def display_document(document: Document) -> Document:
    """The document as the view draws it: image lines become one-line placeholders, and
    footnotes are numbered through the document, their marks at the end of their paragraph,
    and control characters become visible stand-ins.

    Only what is shown changes: the screen keeps and saves the document as written, and the
    segment ids (positions, links, glossary contexts) are the same in both.
    """
    changed = False
    segments: list[Segment] = []
    notes = 0
    for seg in document.segments:
        source = _displayed_text(seg.source)
        target = _displayed_text(seg.target) if seg.target is not None else None
        if source is not seg.source or target is not seg.target:
            changed = True
            seg = replace(seg, source=source, target=target)
        if seg.notes and seg.source.sentences:
            changed = True
            seg = with_note_marks(seg, notes + 1)
            notes += len(seg.notes)
        segments.append(seg)
    title = visible(document.title)
    if title != document.title:
        changed = True
    if not changed:
        return document
    return replace(document, title=title, segments=tuple(segments))
