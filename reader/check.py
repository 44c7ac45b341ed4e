"""Validate glossaries and documents: every problem as `file:line:col: message`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from reader.errors import Diagnostic, Location, ReaderError


def classify(path: Path) -> str:
    """'glossary' or 'document', from the folder first and the top-level keys second."""
    if path.parent.name == "glossaries":
        return "glossary"
    if path.parent.name == "documents":
        return "document"
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return "glossary"
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
    for path in yaml_files(paths):
        if not path.exists():
            diagnostics.append(Diagnostic(Location(str(path)), "no such file"))
            continue
        if classify(path) == "document":
            diagnostics.extend(check_document(path))
            continue
        found = check_glossary(path)
        diagnostics.extend(found)
        if any(d.severity == "error" for d in found):
            continue
        gf = load_glossary(path)
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
    from reader.documents import document_from_data

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return [Diagnostic(Location(str(path)), f"not UTF-8 text ({exc.reason})")]
    try:
        from reader.yamlsafe import safe_load

        data = safe_load(text, path)
    except ReaderError as exc:
        return [Diagnostic(exc.location, exc.message)]
    try:
        document_from_data(data, path, path.stem)
    except ReaderError as exc:
        line = _segment_line(text, exc.message)
        return [Diagnostic(Location(str(path), line, 1 if line else None), exc.message)]
    return []


def _segment_line(text: str, message: str) -> int | None:
    """The line of segment N named in a message `segment N: ...` (1-based), if any."""
    if not message.startswith("segment "):
        return None
    try:
        n = int(message.split()[1].rstrip(":"))
        root: Any = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for key, value in root.value:
            if key.value == "segments":
                return int(value.value[n - 1].start_mark.line) + 1
    except (ValueError, IndexError, AttributeError, yaml.YAMLError):
        return None
    return None
