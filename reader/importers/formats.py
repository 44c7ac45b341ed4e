"""Which importer reads a file: books, subtitles, web pages and PDFs by their format.

`import_by_format` answers for the formats that are not plain text (and for any pair of
files of which one is such a format); `import_file` asks it first and goes on with its
own text importers when it answers None.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.importers.book import Book
from reader.importers.result import ImportResult

# done, total, what is being done: one call per step, the last with done == total.
Progress = Callable[[int, int, str], None]

SUBTITLE_SUFFIXES = frozenset({".srt", ".vtt", ".ass", ".ssa", ".sub"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".mhtml", ".mht"})


def file_format(path: Path) -> str | None:
    """`epub`, `subtitles`, `html` or `pdf`; None for a text file (the text importers' job)."""
    from reader.fsutil import read_head
    from reader.importers.epub import is_epub

    suffix = path.suffix.lower()
    if suffix in SUBTITLE_SUFFIXES:
        return "subtitles"
    if suffix in HTML_SUFFIXES:
        return "html"
    if is_epub(path):
        return "epub"
    head = read_head(path, 1024)
    if suffix == ".pdf" or head.startswith(b"%PDF-"):
        return "pdf"
    if suffix in (".txt", ".md", ""):
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def import_by_format(
    path: str | Path,
    *,
    translation: str | Path | None = None,
    lang: str | None = None,
    to: str | None = None,
    doc_id: str,
    today: str | None = None,
    progress: Progress | None = None,
) -> ImportResult | None:
    path = Path(path)
    kind = file_format(path)
    other = file_format(Path(translation)) if translation is not None else None
    if kind is None and other is None:
        return None
    name = str(path)
    if translation is not None:
        if kind == "subtitles" and other == "subtitles":
            from reader.importers.subtitles import import_subtitle_pair

            return import_subtitle_pair(
                path, Path(translation), doc_id=doc_id, lang=lang, to=to, today=today
            )
        from reader.importers.editions import import_editions

        return import_editions(
            path, Path(translation), doc_id=doc_id, lang=lang, to=to, today=today, progress=progress
        )
    if kind == "subtitles":
        from reader.importers.subtitles import import_subtitles

        return import_subtitles(path, doc_id=doc_id, lang=lang, to=to, today=today)
    from reader.importers.book import book_document

    return book_document(
        read_book(path, kind), name=name, doc_id=doc_id, lang=lang, to=to, today=today
    )


def read_book(path: Path, kind: str | None = None) -> Book:
    """Any supported file as chapters of blocks (a text file by the plain-text rules)."""
    kind = kind if kind is not None else file_format(path)
    if kind == "epub":
        from reader.importers.epub import read_epub

        return read_epub(path)
    if kind == "html":
        from reader.importers.webpage import read_webpage

        return read_webpage(path)
    if kind == "pdf":
        from reader.importers.pdf import read_pdf

        return read_pdf(path)
    if kind == "subtitles":
        from reader.importers.subtitles import read_subtitle_book

        return read_subtitle_book(path)
    from reader.importers.textbook import read_text_book

    return read_text_book(path)
