"""Documents as YAML files a person can read and diff.

One file per document. Each segment stores its sentences as a list, one per line, so a diff
of a corrected sentence or a repaired alignment shows exactly what changed:

    title: Mark Zuckerberg and Daniel Ek on why Europe should embrace open-source AI
    source_lang: en
    target_lang: zh
    segments:
    - id: 5d1c0e8a
      kind: paragraph
      source:
      - THIS IS AN important moment in technology.
      - Artificial intelligence (AI) has the potential to transform the world...
      target:
      - 这是科技的一个重要时刻。人工智能(AI)有潜力改变世界...
      links:
      - [[0, 1], [0], 0.82]

A link is `[source ids, target ids]`, optionally followed by the aligner's confidence and the
word `manual` for a link the learner repaired.

Every field is checked with its type when a file is read (`reader.document_data`); a bad
one is an error naming the file, line and column. Saves go through the file's lock: with
the digest of the version that was read, a save refuses to overwrite a file edited since
(`save_document(..., expected=digest)`). Re-importing a text keeps what the learner added
to its document (`carry_over`): repaired alignments and own translations.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from reader.document_data import (
    FORMAT,
    DocumentError,
    clean_data,
    document_from_data,
    document_to_data,
    format_time,
    parse_time,
)
from reader.errors import ReaderError
from reader.fsutil import (
    atomic_write_bytes,
    atomic_write_text,
    cache_dir,
    digest_of,
    read_file,
    replace_checked,
)
from reader.gcpause import no_gc
from reader.model import Document, Segment
from reader.safetext import CONTROLS

__all__ = [
    "FORMAT",
    "UNCHECKED",
    "carry_over",
    "document_from_data",
    "document_to_data",
    "dump_document",
    "format_time",
    "load_document",
    "parse_time",
    "read_document",
    "save_document",
]

_HEADER = "# A reader document. Edit with care; `reader check` validates it.\n"

# Control characters reach a text written as they are or escaped (`"\e]0;..."`).
_MAY_HOLD_CONTROLS = re.compile(f"[{CONTROLS}\\\\]")


class _Flow(list):  # type: ignore[type-arg]
    """A list written in flow style: `[[0], [0, 1], 0.9]` on one line."""


def _represent_flow(dumper: Any, data: _Flow) -> Any:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


@cache
def _doc_dumper() -> Any:
    # PyYAML is imported when a document is written or parsed, not to open one from the
    # cache: opening a document is on the way to the app's first frame.
    import yaml

    class DocDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    DocDumper.add_representer(_Flow, _represent_flow)
    return DocDumper


def dump_document(doc: Document) -> str:
    import yaml

    # The emitter makes a node and events for every value: for a million-word book the
    # collector, walking them again and again, made the save grow faster than the book.
    with no_gc():
        body: str = yaml.dump(
            document_to_data(doc, _Flow),
            Dumper=_doc_dumper(),
            allow_unicode=True,
            sort_keys=False,
            width=1_000_000,  # one sentence per line, never folded
            default_flow_style=False,
        )
    return _HEADER + body


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED: Any = _Unchecked()


def save_document(doc: Document, path: Path, *, expected: str | None | Any = UNCHECKED) -> str:
    """Write the document (atomically, under its lock, the previous version kept as
    `<name>~`); returns the digest of what was written.

    With `expected` (the digest of the version read, or None for a file that must not exist
    yet), nothing is written when the file changed on disk since: a hand edit is never
    overwritten. Without it (an import replacing its document), the file is replaced.
    """
    text = dump_document(doc)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        raise ReaderError(path, "the document holds a lone surrogate; nothing written") from None
    if expected is UNCHECKED:
        atomic_write_bytes(path, raw, backup=True)
    else:
        replace_checked(path, raw, expected, backup=True)
    digest = digest_of(raw)
    with no_gc():
        _write_cache(path, digest, document_to_data(doc))
    return digest


# Parsing YAML costs about 0.2 s per megabyte even with libyaml, so a 5,000-paragraph book
# would take over a second to open. The parsed form (checked, cleaned of control characters)
# is therefore cached as JSON (which loads some forty times faster), keyed by the exact bytes
# of the YAML file: a hand edit changes the bytes and the file is parsed again; the YAML file
# stays the only source of truth.
_CACHE_FORMAT = 2


def _cache_file(path: Path) -> Path | None:
    import hashlib

    root = cache_dir()
    if root is None:
        return None
    name = str(path.resolve()).encode("utf-8", "surrogatepass")
    key = hashlib.blake2b(name, digest_size=10).hexdigest()
    return root / "documents" / f"{key}.json"


def _read_cache(path: Path, digest: str) -> Any:
    cache = _cache_file(path)
    if cache is None:
        return None
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(cached, dict) or cached.get("format") != _CACHE_FORMAT:
        return None
    if cached.get("digest") != digest:
        return None
    return cached.get("data")


def _write_cache(path: Path, digest: str, data: Any) -> None:
    cache = _cache_file(path)
    if cache is None:
        return
    record = {"format": _CACHE_FORMAT, "digest": digest, "data": data}
    try:
        atomic_write_text(cache, json.dumps(record, ensure_ascii=False, default=str))
    except (OSError, ReaderError, ValueError):
        pass  # a cache that cannot be written only costs speed


def load_document(path: Path, doc_id: str | None = None) -> Document:
    """Read a document file; every problem is a ReaderError naming the file (and the line
    and column of the field at fault)."""
    return read_document(path, doc_id)[0]


def read_document(path: Path, doc_id: str | None = None) -> tuple[Document, str]:
    """The document and the digest of the bytes it was read from (for `save_document`)."""
    path = Path(path)
    doc_id = doc_id or path.stem
    raw = read_file(path)
    digest = digest_of(raw)
    data = _read_cache(path, digest)
    if data is not None:
        try:
            return document_from_data(data, path, doc_id), digest
        except DocumentError:
            pass  # cached by a version that checked less: read the YAML itself
    from reader.yamlsafe import safe_load

    text = _decode(raw, path)
    data = safe_load(text, path)
    if _MAY_HOLD_CONTROLS.search(text):
        data = clean_data(data)
    try:
        doc = document_from_data(data, path, doc_id)
    except DocumentError as exc:
        raise located(exc, text) from None
    _write_cache(path, digest, data)
    return doc, digest


def _decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise ReaderError(path, "empty file: not a reader document")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ReaderError(path, "not UTF-8 text", line, column) from None
    return text.removeprefix("\ufeff")


def located(exc: DocumentError, text: str) -> ReaderError:
    """The error with the line and column of the field it names, found in the YAML text."""
    import yaml

    from reader.yamlsafe import compose

    try:
        node = compose(text, exc.location.path)
    except ReaderError:
        node = None
    found = None
    for step in exc.where:
        if node is None:
            break
        child = None
        value = getattr(node, "value", None)
        if isinstance(step, str) and isinstance(value, list):
            child = next(
                (v for k, v in value if isinstance(k, yaml.ScalarNode) and k.value == step), None
            )
        elif isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
            item = value[step]
            child = item if isinstance(item, yaml.Node) else None
        if child is None:
            break
        node = found = child
    if found is None:
        return ReaderError(exc.location.path, exc.message)
    mark = found.start_mark
    return ReaderError(exc.location.path, exc.message, mark.line + 1, mark.column + 1)


def carry_over(old: Document, new: Document) -> Document:
    """A re-imported document that keeps what the learner added to the old one.

    For each segment of the same id whose text is unchanged: an own translation (the old
    segment has a translation, the new import has none) is kept with its links; repaired
    links (`manual`) are kept, with the links around them, where the translation is the
    same as before. Everything else comes from the new import.
    """
    before = {seg.id: seg for seg in old.segments}
    segments: list[Segment] = []
    carried_translation = False
    for seg in new.segments:
        prev = before.get(seg.id)
        if prev is None or prev.source.sentences != seg.source.sentences:
            segments.append(seg)
            continue
        if not seg.bilingual and prev.bilingual:
            segments.append(replace(seg, target=prev.target, links=prev.links))
            carried_translation = True
        elif (
            prev.target is not None
            and seg.target is not None
            and prev.target.sentences == seg.target.sentences
            and any(link.manual for link in prev.links)
        ):
            segments.append(replace(seg, links=prev.links))
        else:
            segments.append(seg)
    target_lang = new.target_lang
    if target_lang is None and carried_translation:
        target_lang = old.target_lang
    return replace(new, segments=tuple(segments), target_lang=target_lang)
