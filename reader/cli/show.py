"""`reader show PATH [--json]`: print a document and the glossary entries found in it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any

from reader.chapters import toc
from reader.cli.common import (
    Resolved,
    add_json_option,
    add_library_option,
    library_from_args,
    print_json,
    resolve_document,
)
from reader.errors import ReaderError
from reader.fsutil import read_file
from reader.model import Document, Entry, Segment
from reader.safetext import visible_line

_SHOWN = 40  # chapters listed in the summary


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "show",
        help="print a document (library document or any importable file)",
        description=(
            "Print a document: a document of the library (by id or by its YAML file) or any "
            "file reader can import (imported in memory; nothing is written). With --json, "
            "print its structure and the glossary entries found in it, with character "
            "offsets into each segment's source text."
        ),
    )
    p.add_argument("path", metavar="PATH", help="document id, document YAML, or a text file")
    add_json_option(p, "print JSON instead of a summary")
    add_library_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    resolved = resolve_document(args.path, library_from_args(args))
    entries, problems = glossary_for(resolved)
    data = document_json(resolved.document, entries)
    if args.json:
        print_json(data)
    else:
        sys.stdout.write(summary(resolved.document, data))
    # A glossary that does not load is not silently left out: its terms are missing above.
    for problem in problems:
        print(f"reader: {visible_line(str(problem))} (glossary not used)", file=sys.stderr)
    return 1 if problems else 0


def glossary_for(resolved: Resolved) -> tuple[list[Entry], list[ReaderError]]:
    """The import's own notes and every entry of the document's languages in its library,
    and the errors of the library's glossaries that could not be read."""
    entries = list(resolved.entries)
    problems: list[ReaderError] = []
    if resolved.library is not None and resolved.library.glossaries_dir.is_dir():
        from reader.vocabulary import Vocabulary

        vocab = Vocabulary(resolved.library.root)
        entries.extend(vocab.entries(resolved.document.source_lang))
        problems = [vocab.errors[path] for path in sorted(vocab.errors)]
        read = {gf.path for gf in vocab.files} | set(vocab.errors)
        for path in resolved.library.glossary_paths():
            if path not in read:  # not a regular file (a folder, a FIFO, a symlink loop)
                try:
                    read_file(path)
                except ReaderError as exc:
                    problems.append(exc)
    return entries, problems


def document_json(doc: Document, entries: Iterable[Entry]) -> dict[str, Any]:
    from reader.matching import Matcher

    segments = []
    for seg in doc.segments:
        segments.append(
            {
                "id": seg.id,
                "kind": seg.kind,
                "source": seg.source.text,
                "target": seg.target.text if seg.target is not None else None,
                "source_sentences": list(seg.source.sentences),
                "target_sentences": list(seg.target.sentences) if seg.target is not None else [],
                "links": [[list(link.source), list(link.target)] for link in seg.links],
                **segment_extras(seg),
            }
        )
    entries = list(entries)
    matchers: dict[str, Matcher] = {}
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(entries))}
    index = {id(e): i for i, e in enumerate(entries)}
    for n, seg in enumerate(doc.segments):
        lang = doc.segment_lang(seg)
        if lang not in matchers:
            matchers[lang] = Matcher([e for e in entries if e.lang == lang], lang)
        for match in matchers[lang].find(seg.source.text):
            i = index.get(id(match.entry))
            if i is not None:
                found[i].append(
                    {"segment": n, "segment_id": seg.id, "start": match.start, "end": match.end}
                )
    glossary = []
    for i, entry in enumerate(entries):
        noted_here = entry.context is not None and entry.context.document == doc.id
        if not found[i] and not noted_here:
            continue
        glossary.append(
            {
                "term": entry.term,
                "lang": entry.lang,
                "gloss": list(entry.glosses),
                "note": entry.note or None,
                "status": entry.status,
                "context": (
                    {
                        "document": entry.context.document,
                        "segment": entry.context.segment,
                        "sentence": entry.context.sentence,
                    }
                    if entry.context
                    else None
                ),
                "occurrences": found[i],
            }
        )
    return {
        "id": doc.id,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "byline": doc.byline,
        "source_lang": doc.source_lang,
        "target_lang": doc.target_lang,
        "origin": doc.origin,
        "imported": doc.imported,
        "toc": [{"title": t.title, "level": t.level, "segment": t.segment} for t in toc(doc)],
        "segments": segments,
        "glossary": glossary,
    }


def segment_extras(seg: Segment) -> dict[str, Any]:
    """What books and subtitles add to a segment, only where present."""
    out: dict[str, Any] = {}
    if seg.level is not None:
        out["level"] = seg.level
    if seg.cue is not None:
        out["start"], out["end"] = seg.cue.start, seg.cue.end
    if seg.notes:
        out["notes"] = list(seg.notes)
    if seg.file:
        out["file"] = seg.file
    if seg.ruby:
        out["ruby"] = [[r.start, r.end, r.reading] for r in seg.ruby]
    return out


def summary(doc: Document, data: dict[str, Any]) -> str:
    kinds: dict[str, int] = {}
    for seg in doc.segments:
        kinds[seg.kind] = kinds.get(seg.kind, 0) + 1
    bilingual = sum(1 for seg in doc.segments if seg.bilingual)
    sentences = sum(len(seg.source.sentences) for seg in doc.segments)
    words = sum(len(seg.source.text.split()) for seg in doc.segments)
    langs = doc.source_lang + (f" → {doc.target_lang}" if doc.target_lang else "")
    lines = [
        doc.title,
        *([doc.subtitle] if doc.subtitle else []),
        "",
        f"  languages  {langs}",
        f"  segments   {len(doc.segments)} ("
        + ", ".join(f"{n} {k}" for k, n in kinds.items())
        + f"); {bilingual} with translation",
        f"  sentences  {sentences} in the original, about {words} words",
        f"  glossary   {len(data['glossary'])} entries found",
    ]
    chapters = toc(doc)
    if chapters:
        lines.append(f"  chapters   {len(chapters)}")
        lines.extend(f"    {'  ' * (t.level - 1)}{t.title}" for t in chapters[:_SHOWN])
        if len(chapters) > _SHOWN:
            lines.append(f"    … {len(chapters) - _SHOWN} more")
    cues = [seg.cue for seg in doc.segments if seg.cue is not None]
    if cues:
        from reader.documents import format_time

        lines.append(
            f"  cues       {len(cues)}, {format_time(cues[0].start)} to "
            f"{format_time(max(c.end for c in cues))}"
        )
    for item in data["glossary"]:
        where = ", ".join(str(o["segment"]) for o in item["occurrences"]) or "not found"
        lines.append(f"    {item['term']}: {'; '.join(item['gloss'])}  (segments {where})")
    return "\n".join(lines) + "\n"
