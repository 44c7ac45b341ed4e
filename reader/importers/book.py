"""A book as chapters of blocks, and the document it becomes.

EPUBs, saved web pages, PDFs and plain texts are all read into a `Book` first, so that one
builder turns any of them into segments, and two books of any formats can be paired as two
editions (`editions`). A heading keeps its level (the table of contents is built from the
headings), a footnote stays with the paragraph that calls it, an image keeps its file, and
ruby readings keep their place over the characters they read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reader.importers.html_blocks import Block
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.languages import detect_language
from reader.model import Ruby, Segment


@dataclass(frozen=True)
class Chapter:
    """One spine item of an EPUB, or one part of another kind of file.

    `role` is `front` (title page, copyright, contents), `body` or `back` (notes,
    acknowledgements), as the file declares it; two editions are paired on their bodies.
    """

    name: str
    blocks: tuple[Block, ...]
    title: str | None = None
    level: int = 1
    role: str = "body"


@dataclass(frozen=True)
class Book:
    title: str | None
    chapters: tuple[Chapter, ...]
    author: str | None = None
    lang: str | None = None  # as the file declares it
    report: tuple[str, ...] = ()

    def sample(self) -> str:
        """Enough of the running text to tell its language."""
        out: list[str] = []
        size = 0
        for chapter in self.chapters:
            for block in chapter.blocks:
                if block.kind == "paragraph":
                    out.append(block.text)
                    size += len(block.text)
                    if size > 200_000:
                        return "\n".join(out)
        return "\n".join(out)


def book_language(book: Book, given: str | None) -> str:
    if given:
        return given
    declared = (book.lang or "").split("-")[0].lower() or "en"
    return detect_language(book.sample(), default=declared)


def chapter_blocks(chapter: Chapter, first: bool, book_title: str | None) -> list[Block]:
    """The chapter's blocks, with a heading from the table of contents when it has none,
    and the book's own title on its title page marked as the title."""
    blocks = list(chapter.blocks)
    if not blocks:
        return blocks
    if chapter.title and not any(b.kind == "heading" for b in blocks):
        blocks.insert(0, Block("heading", chapter.title, level=chapter.level))
    if first and book_title and blocks[0].kind == "heading" and blocks[0].text == book_title:
        blocks[0] = replace(blocks[0], kind="title", level=None)
    return blocks


def add_block(
    builder: DocumentBuilder,
    block: Block,
    lang: str,
    target: Sequence[str] | None = None,
    target_lang: str | None = None,
    links: Sequence[object] = (),
) -> Segment:
    """One block as a segment (its translation, when given, beside it)."""
    kind = block.kind
    if kind == "image":
        # Written as every importer writes a picture (`![alt](file)`), which the reading
        # view shows as `[image: alt]`; the file is also kept apart, in `file`.
        alt = block.text or posixpath.splitext(posixpath.basename(block.file or ""))[0]
        source = [f"![{alt}]({block.file or ''})"]
    else:
        source = sentences_of(block.text, lang, kind)
    extras: dict[str, Any] = {}
    if block.level is not None and kind == "heading":
        extras["level"] = block.level
    if block.notes:
        extras["notes"] = block.notes
    if block.file:
        extras["file"] = block.file
    seg = builder.add(
        kind,
        source,
        target,
        source_lang=lang,
        target_lang=target_lang,
        links=links,  # type: ignore[arg-type]
        **extras,
    )
    if block.ruby:
        seg = replace(seg, ruby=place_ruby(seg.source.text, block.ruby))
        builder.segments[-1] = seg
    return seg


def place_ruby(text: str, pairs: Sequence[tuple[str, str]]) -> tuple[Ruby, ...]:
    """Each (base, reading) found in `text`, in order, as character offsets."""
    out: list[Ruby] = []
    pos = 0
    for base, reading in pairs:
        at = text.find(base, pos)
        if at < 0:
            continue
        out.append(Ruby(at, at + len(base), reading))
        pos = at + len(base)
    return tuple(out)


def book_document(
    book: Book,
    *,
    name: str,
    doc_id: str,
    lang: str | None = None,
    to: str | None = None,
    today: str | None = None,
) -> ImportResult:
    """A book as a document: bilingual when its blocks carry their own translations."""
    from reader.importers.bilingual import bilingual_document

    paired = bilingual_document(book, name=name, doc_id=doc_id, lang=lang, to=to, today=today)
    if paired is not None:
        return paired
    source_lang = book_language(book, lang)
    builder = DocumentBuilder(name)
    builder.report.extend(book.report)
    for n, chapter in enumerate(book.chapters):
        for block in chapter_blocks(chapter, n == 0, book.title):
            add_block(builder, block, source_lang)
    doc = builder.document(
        doc_id=doc_id,
        title=book.title,
        byline=book.author,
        source_lang=source_lang,
        origin=name,
        today=today,
    )
    return ImportResult(doc, (), tuple(builder.report))
