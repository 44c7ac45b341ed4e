"""Importing a file into a library: the document, a kept copy of the original, its notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reader.fsutil import copy_file, make_folder, read_file, target_of
from reader.importers.formats import Progress
from reader.importers.result import ImportResult
from reader.library import Library, slugify
from reader.model import Context, Document, Entry


def import_into(
    library: Library,
    path: Path,
    *,
    translation: Path | None = None,
    lang: str | None = None,
    to: str | None = None,
    doc_id: str | None = None,
    today: str | None = None,
    report: list[str] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Import one file into `library`; returns the document's path.

    Re-importing a file already in the library's originals/ replaces its document under the
    same id, so reading positions and glossary contexts stay valid. What the importer could not
    classify (kept as text) is appended to `report`.
    """
    from reader.importers import import_file

    doc_id = choose_id(library, path, doc_id)
    result = import_file(
        path,
        translation=translation,
        lang=lang,
        to=to,
        doc_id=doc_id,
        today=today,
        progress=progress,
    )
    return write_import(library, result, doc_id, path, translation=translation, report=report)


def choose_id(library: Library, path: Path, doc_id: str | None = None) -> str:
    """The id an import of `path` is saved under: `doc_id` if given, the id of the document
    imported from the same original (a re-import), else a fresh one. Refuses an id that is
    not one plain name (`--id ../x`)."""
    root = library.root.resolve()
    inside = _is_within(target_of(path), root / "originals")  # a symlink loop: one line
    doc_id = doc_id or (library_id_for(library, path) if inside else None)
    doc_id = doc_id or library.new_document_id(path.stem)
    library.document_path(doc_id)
    return doc_id


def write_import(
    library: Library,
    result: ImportResult,
    doc_id: str,
    path: Path,
    *,
    translation: Path | None = None,
    report: list[str] | None = None,
) -> Path:
    """Write an import made under `choose_id`'s id: the originals kept, the document saved
    (keeping what the learner added to an earlier import of it), its notes added. Split from
    `import_into` so the app can import in a worker and write only if not cancelled."""
    if report is not None:
        report.extend(result.report)
    origin = _keep_original(library, path)
    translation_origin = _keep_original(library, translation) if translation else None
    doc = replace(result.document, id=doc_id, origin=origin, translation_origin=translation_origin)
    written = library.save_imported(doc)  # keeps repaired links and own translations
    if result.entries:
        _write_notes(library, doc, result.entries)
    return written


def library_id_for(library: Library, original: Path) -> str | None:
    """The id of the library document imported from `original`, if there is one."""
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
    if _is_within(target_of(path), dest_dir):
        return target_of(path).relative_to(library.root.resolve()).as_posix()
    make_folder(dest_dir)
    dest = dest_dir / path.name
    n = 1
    while dest.exists() and read_file(dest) != read_file(path):
        n += 1
        dest = dest_dir / f"{path.stem}-{n}{path.suffix}"
    if not dest.exists():
        copy_file(path, dest)  # atomic: a full disk leaves no empty copy behind
    return dest.relative_to(library.root).as_posix()


def _write_notes(library: Library, doc: Document, entries: Sequence[Entry]) -> list[Path]:
    """Add the notes to glossaries/<doc id>.yaml, keeping whatever the learner has there.

    Notes in another language than the original's (rare) go to glossaries/<doc id>.<lang>.yaml.
    """
    from reader.glossary import add_entries, load_glossary, new_glossary
    from reader.normalize import normalize_term

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
        fresh: list[Entry] = []
        for entry in group:
            key = normalize_term(entry.term, lang)
            if key in have:
                continue
            context = entry.context
            if context is not None and context.document != doc.id:
                context = Context(doc.id, context.segment, context.sentence)
            fresh.append(replace(entry, context=context))
            have.add(key)
        add_entries(gf, fresh)  # one save for all of a document's notes
        written.append(path)
    return written
