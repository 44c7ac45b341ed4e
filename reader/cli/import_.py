"""`reader import FILE`: add a file to the library as a document (and its notes as a glossary)."""

from __future__ import annotations

import argparse
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from reader.cli.common import add_library_option, library_from_args
from reader.errors import ReaderError
from reader.library import Library
from reader.model import Context, Document, Entry


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="import a text (and its translation) into the library",
        description=(
            "Import FILE into the library: an annotated bilingual text (原文/学习 notes and "
            "their variants), a plain text in one language, or, with --translation, an "
            "original and its translation as two files. The file is copied into the "
            "library's originals/ so the import can be re-run; vocabulary notes become the "
            "glossary glossaries/<document>.yaml. Prints the path of each document written."
        ),
    )
    p.add_argument("file", metavar="FILE", nargs="+", help="file(s) to import")
    p.add_argument("--translation", metavar="FILE", help="the translation of FILE, as a file")
    p.add_argument("--lang", metavar="L", help="language of the original (default: detected)")
    p.add_argument("--to", metavar="L", help="language of the translation (default: detected)")
    p.add_argument("--id", dest="doc_id", metavar="ID", help="document id (default: from FILE)")
    add_library_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.translation and len(args.file) > 1:
        raise ReaderError(args.translation, "--translation goes with exactly one FILE")
    library = library_from_args(args)
    for name in args.file:
        path = import_into(
            library,
            Path(name),
            translation=Path(args.translation) if args.translation else None,
            lang=args.lang,
            to=args.to,
            doc_id=args.doc_id if len(args.file) == 1 else None,
        )
        print(path)
    return 0


def import_into(
    library: Library,
    path: Path,
    *,
    translation: Path | None = None,
    lang: str | None = None,
    to: str | None = None,
    doc_id: str | None = None,
    today: str | None = None,
) -> Path:
    """Import one file into `library`; returns the document's path.

    Re-importing a file already in the library's originals/ replaces its document under the
    same id, so reading positions and glossary contexts stay valid.
    """
    from reader.importers import import_file

    root = library.root.resolve()
    inside = _is_within(path.resolve(), root / "originals")
    doc_id = doc_id or (library_id_for(library, path) if inside else None)
    doc_id = doc_id or library.new_document_id(path.stem)
    result = import_file(path, translation=translation, lang=lang, to=to, doc_id=doc_id, today=today)
    origin = _keep_original(library, path)
    translation_origin = _keep_original(library, translation) if translation else None
    doc = replace(result.document, id=doc_id, origin=origin, translation_origin=translation_origin)
    written = library.save_document(doc)
    if result.entries:
        _write_notes(library, doc, result.entries)
    return written


def library_id_for(library: Library, original: Path) -> str | None:
    """The id of the library document imported from `original`, if there is one."""
    from reader.library import slugify

    candidate = slugify(original.stem)
    if library.has_document(candidate):
        doc = library.load_document(candidate)
        if doc.origin and Path(doc.origin).name == original.name:
            return candidate
    return None


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _keep_original(library: Library, path: Path) -> str:
    """Copy the source file into originals/ (unless it is there already); library-relative."""
    dest_dir = library.originals_dir
    if _is_within(path.resolve(), dest_dir):
        return path.resolve().relative_to(library.root.resolve()).as_posix()
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / path.name
    n = 1
    while dest.exists() and dest.read_bytes() != path.read_bytes():
        n += 1
        dest = dest_dir / f"{path.stem}-{n}{path.suffix}"
    if not dest.exists():
        shutil.copyfile(path, dest)
    return dest.relative_to(library.root).as_posix()


def _write_notes(library: Library, doc: Document, entries: Sequence[Entry]) -> list[Path]:
    """Add the notes to glossaries/<doc id>.yaml, keeping whatever the learner has there.

    Notes in another language than the original's (rare) go to glossaries/<doc id>.<lang>.yaml.
    """
    from reader.glossary import add_entry, load_glossary, new_glossary
    from reader.matching import normalize_term

    by_lang: dict[str, list[Entry]] = {}
    for entry in entries:
        by_lang.setdefault(entry.lang, []).append(entry)
    written = []
    for lang, group in by_lang.items():
        name = doc.id if lang == doc.source_lang else f"{doc.id}.{lang}"
        path = library.glossaries_dir / f"{name}.yaml"
        if not path.exists():
            new_glossary(path, lang, comment=f"Vocabulary noted in “{doc.title}”")
        gf = load_glossary(path)
        have = {normalize_term(e.term, lang) for e in gf.entries}
        for entry in group:
            key = normalize_term(entry.term, lang)
            if key in have:
                continue
            context = entry.context
            if context is not None and context.document != doc.id:
                context = Context(doc.id, context.segment, context.sentence)
            gf = add_entry(gf, replace(entry, context=context))
            have.add(key)
        written.append(path)
    return written
