"""A plain text (or the text layer of a PDF) as a book, for pairing with another edition.

The plain-text rules (`plain.paragraphs`: hard-wrap repair, headings, list items) read the
text; Markdown headings keep their level, other headings count as chapters (level 1), and
the text is one chapter: its headings make the table of contents.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reader.importers.book import Book, Chapter
from reader.importers.html_blocks import Block
from reader.importers.lines import markdown_heading, numbered_lines
from reader.importers.plain import paragraphs
from reader.importers.wrapping import HyphenRule
from reader.languages import detect_language
from reader.textio import read_text


def read_text_book(path: Path) -> Book:
    return text_book(read_text(path), path.name, path.stem)


def text_book(
    text: str,
    name: str,
    fallback_title: str,
    levels: Mapping[str, int] | None = None,
    *,
    blank_lines_part: bool = False,
) -> Book:
    """`levels` gives the depth of headings known from elsewhere (a PDF's outline);
    `blank_lines_part` says blank lines part the paragraphs (see `plain.paragraphs`)."""
    lang = detect_language(text)
    raw_lines = text.split("\n")
    blocks: list[Block] = []
    title = None
    hyphens = HyphenRule(text, lang)
    for para in paragraphs(numbered_lines(text), hyphens, blank_lines_part=blank_lines_part):
        kind = para.kind
        if kind == "title" and title is None:
            title = para.text
        if kind in ("title", "heading", "subtitle"):
            found = markdown_heading(raw_lines[para.line - 1])
            level = found[0] if found else (levels or {}).get(para.text, 1)
            blocks.append(Block("heading", para.text, level=level))
        elif kind == "image":
            continue
        else:
            blocks.append(Block("paragraph", para.text))
    if levels:
        blocks = [
            Block("heading", b.text, level=levels[b.text])
            if b.kind == "paragraph" and b.text in levels
            else b
            for b in blocks
        ]
    return Book(title or fallback_title, split_chapters(blocks, name), lang=lang)


def split_chapters(blocks: list[Block], name: str) -> tuple[Chapter, ...]:
    """Chapters at the top-level headings, so a text pairs chapter by chapter with an EPUB;
    what comes before the first one is front matter."""
    levels = [b.level for b in blocks if b.kind == "heading" and b.level is not None]
    top = min(levels, default=None)
    if top is None or levels.count(top) < 2:
        return (Chapter(name, tuple(blocks)),)
    chapters: list[Chapter] = []
    current: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and block.level == top and current:
            chapters.append(_chapter(current, name, len(chapters)))
            current = []
        current.append(block)
    chapters.append(_chapter(current, name, len(chapters)))
    return tuple(chapters)


def _chapter(blocks: list[Block], name: str, n: int) -> Chapter:
    first = blocks[0]
    if first.kind == "heading":
        return Chapter(f"{name}#{n}", tuple(blocks), None, first.level or 1)
    return Chapter(f"{name}#{n}", tuple(blocks), None, 1, "front")
