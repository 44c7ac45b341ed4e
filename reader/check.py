"""Validate glossaries and documents: every problem as `file:line:col: message`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from reader.errors import Diagnostic, Location, ReaderError
from reader.fsutil import read_file
from reader.library import Library


def classify(path: Path) -> str:
    """'glossary' or 'document', from the folder first and the top-level keys second."""
    if path.parent.name == "glossaries":
        return "glossary"
    if path.parent.name == "documents":
        return "document"
    try:
        head = read_file(path).decode("utf-8", errors="replace")[:20000]
    except ReaderError:
        return "glossary"  # the glossary reader reports why it cannot be read
    for line in head.splitlines():
        if line.startswith(("segments:", "source_lang:")):
            return "document"
        if line.startswith(("entries:", "language:")):
            return "glossary"
    return "glossary"


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            subdirs = [path / "documents", path / "glossaries"]
            if any(d.is_dir() for d in subdirs):
                for d in subdirs:
                    if d.is_dir():
                        out.extend(sorted(d.glob("*.yaml")))
            else:
                out.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
        else:
            out.append(path)
    return out


def check_paths(paths: Iterable[Path]) -> list[Diagnostic]:
    from reader.glossary import check_glossary, load_glossary
    from reader.normalize import normalize_term

    diagnostics: list[Diagnostic] = []
    seen_terms: dict[tuple[str, str], Path] = {}
    for path in paths:
        if path.is_dir() and (path / "library.yaml").exists():
            problem = Library(path).settings_problem()
            if problem is not None:
                diagnostics.append(Diagnostic(problem.location, problem.message))
    for path in yaml_files(paths):
        if not os.path.lexists(path):
            diagnostics.append(Diagnostic(Location(str(path)), "no such file"))
            continue
        if classify(path) == "document":
            diagnostics.extend(check_document(path))
            continue
        found = check_glossary(path)
        diagnostics.extend(found)
        if any(d.severity == "error" for d in found):
            continue
        try:
            gf = load_glossary(path)
        except ReaderError as exc:  # changed or removed since it was checked
            diagnostics.append(Diagnostic(exc.location, exc.message))
            continue
        for entry in gf.entries:
            key = (gf.lang, normalize_term(entry.term, gf.lang))
            if key in seen_terms and seen_terms[key] != path:
                diagnostics.append(
                    Diagnostic(
                        Location(str(path)),
                        f"term {entry.term!r} is also in {seen_terms[key]}",
                        "warning",
                    )
                )
            seen_terms.setdefault(key, path)
    return diagnostics


def check_document(path: Path) -> list[Diagnostic]:
    """The first problem of a document file, with its line and column; [] when it loads."""
    from reader.documents import read_document

    try:
        read_document(path)
    except ReaderError as exc:
        return [Diagnostic(exc.location, exc.message)]
    return []
