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


def display_document(document: Document) -> Document:
    """The document as the view draws it: image lines become one-line placeholders.

    Only what is shown changes: the screen keeps and saves the document as written, and the
    segment ids (positions, links, glossary contexts) are the same in both.
    """
    changed = False
    segments: list[Segment] = []
    for seg in document.segments:
        shown = [image_placeholder(s) for s in seg.source.sentences]
        if any(p is not None for p in shown):
            changed = True
            sentences = [p if p is not None else s for p, s in zip(shown, seg.source.sentences)]
            seg = replace(seg, source=Text(tuple(sentences), seg.source.sep))
        segments.append(seg)
    return replace(document, segments=tuple(segments)) if changed else document
