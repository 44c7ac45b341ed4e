"""Turning files into documents: annotated bilingual Markdown, plain text, or two files.

`import_file` picks the importer. With `translation`, the two files are paired paragraph by
paragraph (`parallel`). Otherwise a file with bilingual structure (original/translation
labels such as 原文/译文/学习, or paragraphs alternating between two languages) is read as an
annotated study file (`annotated`); anything else is a plain text in one language (`plain`).
"""

from __future__ import annotations

from pathlib import Path

from reader.importers.annotated import import_annotated
from reader.importers.formats import Progress, import_by_format
from reader.importers.labels import has_bilingual_structure
from reader.importers.parallel import import_parallel
from reader.importers.plain import import_plain
from reader.importers.result import ImportResult
from reader.library import slugify
from reader.textio import read_text

__all__ = ["ImportResult", "import_file", "import_text"]


def import_file(
    path: str | Path,
    *,
    translation: str | Path | None = None,
    lang: str | None = None,
    to: str | None = None,
    doc_id: str | None = None,
    today: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import one file (and its translation, when given) into a document.

    Raises ReaderError for a missing, empty, binary or undecodable file, and for a file in
    which no text is left after import. The document's `origin` is `path` as given.
    """
    doc_id = doc_id or slugify(Path(path).stem)
    other_format = import_by_format(  # EPUB, HTML, PDF, subtitles: formats.py
        path,
        translation=translation,
        lang=lang,
        to=to,
        doc_id=doc_id,
        today=today,
        progress=progress,
    )
    if other_format is not None:
        return other_format
    text = read_text(path)
    if translation is not None:
        return import_parallel(
            text,
            read_text(translation),
            name=str(path),
            translation_name=str(translation),
            doc_id=doc_id,
            lang=lang,
            to=to,
            today=today,
        )
    return import_text(text, name=str(path), lang=lang, to=to, doc_id=doc_id, today=today)


def import_text(
    text: str,
    *,
    name: str,
    lang: str | None = None,
    to: str | None = None,
    doc_id: str | None = None,
    today: str | None = None,
) -> ImportResult:
    """Import text held in memory; `name` stands for the file in errors and as the origin."""
    doc_id = doc_id or slugify(Path(name).stem)
    if has_bilingual_structure(text):
        return import_annotated(text, name=name, doc_id=doc_id, lang=lang, to=to, today=today)
    return import_plain(text, name=name, doc_id=doc_id, lang=lang, today=today)
