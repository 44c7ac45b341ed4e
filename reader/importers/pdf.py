"""Text PDFs: the text layer (pypdf), without running headers, footers and page numbers.

A PDF's text layer is its lines in reading order, page by page; what repeats at the top or
bottom of most pages (a running title, the author, "Page 3 of 12") is furniture, not text.
A line at a page's top or bottom edge is dropped when, with its digits blanked, the same line
stands at that edge on at least `_REPEATED` of the pages (and on three or more), or when it
is only a page number. The pages are then joined and read as a plain text, so hard-wrapped
lines, hyphenated words and paragraphs are repaired as for any text file; the PDF's outline
(bookmarks), when it has one, marks the headings and their levels.

A PDF with no text at all is a scan: it needs OCR first, and the error says so.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.fsutil import read_file
from reader.importers.book import Book
from reader.importers.textbook import text_book

_REPEATED = 0.4
_EDGE = 3  # lines looked at, at the top and at the bottom of each page
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:page\s+|p\.\s*|第\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?\s*(?:页)?[\s\-–—|]*$",
    re.IGNORECASE,
)


def read_pdf(path: Path) -> Book:
    name = str(path)
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = read_file(path)  # a FIFO or a device is refused, not read
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf's crypto errors vary by backend
                raise ReaderError(name, "an encrypted PDF: reader cannot open it") from None
        # Layout mode keeps the vertical gaps between paragraphs as blank lines, and puts
        # headers and footers where they stand on the page, at its top and bottom.
        pages = [
            page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True) or ""
            for page in reader.pages
        ]
    except FileNotFoundError:
        raise ReaderError(name, "file not found") from None
    except ReaderError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReaderError(name, f"not a PDF pypdf can read ({exc})") from None
    if not any(p.strip() for p in pages):
        raise ReaderError(
            name,
            "no text layer: a scanned PDF (run OCR on it first, e.g. `ocrmypdf`, "
            "then import the result)",
        )
    lines, removed = strip_furniture([p.split("\n") for p in pages])
    # Layout mode leaves a blank line between paragraphs; a paragraph a page break cut is
    # joined again like any hard-wrapped text broken by a blank line.
    book = text_book(
        "\n".join(lines), path.name, path.stem, _outline(reader), blank_lines_part=True
    )
    report = [f"left out {removed} running headers, footers and page numbers"] if removed else []
    meta: Any = reader.metadata or {}
    title = " ".join(str(meta.get("/Title") or "").split()) or book.title
    author = " ".join(str(meta.get("/Author") or "").split()) or None
    return Book(title, book.chapters, author, book.lang, tuple(report))


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def strip_furniture(pages: list[list[str]]) -> tuple[list[str], int]:
    """The lines of all pages without headers, footers and page numbers (blank lines kept,
    spaces of justified text collapsed); and how many lines went."""
    pages = [[" ".join(line.split()) for line in page] for page in pages]
    texts = [[k for k, line in enumerate(page) if line] for page in pages]
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page, lines in zip(pages, texts):
        tops.update({_edge_key(page[k]) for k in lines[:_EDGE]})
        bottoms.update({_edge_key(page[k]) for k in lines[-_EDGE:]})
    need = max(3, _REPEATED * len(pages))
    out: list[str] = []
    removed = 0
    for page, lines in zip(pages, texts):
        top, bottom = set(lines[:_EDGE]), set(lines[-_EDGE:])
        for k, line in enumerate(page):
            if k in top or k in bottom:
                key = _edge_key(line)
                repeated = (k in top and tops[key] >= need) or (
                    k in bottom and bottoms[key] >= need
                )
                if repeated or _PAGE_NUMBER.match(line):
                    removed += 1
                    continue
            out.append(line)
        out.append("")
    return out, removed


def _outline(reader: Any) -> dict[str, int]:
    """Bookmark titles -> depth (1 for the top level)."""
    levels: dict[str, int] = {}

    def walk(items: Any, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                title = " ".join(str(getattr(item, "title", "") or "").split())
                if title:
                    levels.setdefault(title, depth)

    try:
        walk(reader.outline, 1)
    except Exception:  # noqa: BLE001 - a broken outline costs the headings' levels only
        return {}
    return levels
