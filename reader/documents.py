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
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.fsutil import atomic_write_text, cache_dir
from reader.model import SEGMENT_KINDS, Document, Link, Segment, Text
from reader.yamlsafe import safe_load

FORMAT = 1
_HEADER = "# A reader document. Edit with care; `reader check` validates it.\n"

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Flow(list):  # type: ignore[type-arg]
    """A list written in flow style: `[[0], [0, 1], 0.9]` on one line."""


def _represent_flow(dumper: Any, data: _Flow) -> Any:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


class _DocDumper(_Dumper):  # type: ignore[misc,valid-type]
    pass


_DocDumper.add_representer(_Flow, _represent_flow)


def document_to_data(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "title": doc.title}
    for key in ("subtitle", "byline"):
        if getattr(doc, key):
            data[key] = getattr(doc, key)
    data["source_lang"] = doc.source_lang
    data["target_lang"] = doc.target_lang
    for key in ("origin", "translation_origin", "imported"):
        if getattr(doc, key):
            data[key] = getattr(doc, key)
    data["segments"] = [_segment_to_data(seg) for seg in doc.segments]
    return data


def _segment_to_data(seg: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"id": seg.id, "kind": seg.kind}
    if seg.lang:
        out["lang"] = seg.lang
    out["source"] = list(seg.source.sentences)
    if seg.target is not None:
        out["target"] = list(seg.target.sentences)
    if seg.links:
        out["links"] = [_link_to_data(link) for link in seg.links]
    return out


def _link_to_data(link: Link) -> _Flow:
    item: list[Any] = [_Flow(link.source), _Flow(link.target)]
    if link.confidence is not None or link.manual:
        item.append(None if link.confidence is None else round(link.confidence, 3))
    if link.manual:
        item.append("manual")
    return _Flow(item)


def dump_document(doc: Document) -> str:
    body = yaml.dump(
        document_to_data(doc),
        Dumper=_DocDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,  # one sentence per line, never folded
        default_flow_style=False,
    )
    return _HEADER + body


def save_document(doc: Document, path: Path) -> None:
    text = dump_document(doc)
    atomic_write_text(path, text, backup=path.exists())
    _write_cache(path, text.encode("utf-8"), document_to_data(doc))


# Parsing YAML costs about 0.2 s per megabyte even with libyaml, so a 5,000-paragraph book
# would take over a second to open. The parsed form is therefore cached as JSON (which loads
# some forty times faster), keyed by the exact bytes of the YAML file: a hand edit changes
# the bytes and the file is parsed again; the YAML file stays the only source of truth.


def _cache_file(path: Path) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    key = hashlib.blake2b(str(path.resolve()).encode(), digest_size=10).hexdigest()
    return root / "documents" / f"{key}.json"


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _read_cache(path: Path, raw: bytes) -> Any:
    cache = _cache_file(path)
    if cache is None:
        return None
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(cached, dict) or cached.get("digest") != _digest(raw):
        return None
    return cached.get("data")


def _write_cache(path: Path, raw: bytes, data: Any) -> None:
    cache = _cache_file(path)
    if cache is None:
        return
    try:
        atomic_write_text(
            cache,
            json.dumps({"digest": _digest(raw), "data": data}, ensure_ascii=False, default=str),
        )
    except OSError:
        pass  # a cache that cannot be written only costs speed


def load_document(path: Path, doc_id: str | None = None) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(path, "no such file") from None
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from None
    data = _read_cache(path, raw)
    if data is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReaderError(path, f"not UTF-8 text ({exc.reason})") from None
        data = safe_load(text, path)
        doc = document_from_data(data, path, doc_id or path.stem)
        _write_cache(path, raw, data)
        return doc
    return document_from_data(data, path, doc_id or path.stem)


def document_from_data(data: Any, path: Path, doc_id: str) -> Document:
    """Build a Document, with an error naming the file and the segment for each problem."""
    if not isinstance(data, dict):
        raise ReaderError(path, "not a reader document (expected a mapping at the top)")
    title = data.get("title")
    source_lang = data.get("source_lang")
    if not isinstance(title, str) or not title.strip():
        raise ReaderError(path, "document has no title")
    if not isinstance(source_lang, str) or not source_lang:
        raise ReaderError(path, "document has no source_lang")
    target_lang = data.get("target_lang")
    if target_lang is not None and not isinstance(target_lang, str):
        raise ReaderError(path, "target_lang must be a language code or null")
    raw_segments = data.get("segments") or []
    if not isinstance(raw_segments, list):
        raise ReaderError(path, "segments must be a list")
    segments = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_segments, 1):
        seg = _segment_from_data(raw, path, n, source_lang, target_lang)
        if seg.id in seen:
            raise ReaderError(path, f"segment {n}: duplicate id {seg.id!r}")
        seen.add(seg.id)
        segments.append(seg)
    return Document(
        id=doc_id,
        title=title.strip(),
        subtitle=_opt_str(data.get("subtitle")),
        byline=_opt_str(data.get("byline")),
        source_lang=source_lang,
        target_lang=target_lang,
        origin=_opt_str(data.get("origin")),
        translation_origin=_opt_str(data.get("translation_origin")),
        imported=_opt_str(data.get("imported")),
        segments=tuple(segments),
    )


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _sentences(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ReaderError(path, f"{where} must be a list of sentences")
    return tuple(value)


def _segment_from_data(
    raw: Any, path: Path, n: int, source_lang: str, target_lang: str | None
) -> Segment:
    where = f"segment {n}"
    if not isinstance(raw, dict):
        raise ReaderError(path, f"{where} must be a mapping")
    seg_id = raw.get("id")
    kind = raw.get("kind", "paragraph")
    if not isinstance(seg_id, (str, int)) or not str(seg_id):
        raise ReaderError(path, f"{where} has no id")
    if kind not in SEGMENT_KINDS:
        raise ReaderError(path, f"{where}: unknown kind {kind!r}")
    lang = raw.get("lang")
    source = Text.of(
        _sentences(raw.get("source", []), path, f"{where} source"), lang or source_lang
    )
    target = None
    if raw.get("target") is not None:
        target = Text.of(_sentences(raw["target"], path, f"{where} target"), target_lang)
    links = tuple(
        _link_from_data(item, path, where, len(source.sentences), target)
        for item in raw.get("links") or []
    )
    return Segment(id=str(seg_id), kind=kind, source=source, target=target, links=links, lang=lang)


def _link_from_data(item: Any, path: Path, where: str, n_source: int, target: Text | None) -> Link:
    n_target = len(target.sentences) if target else 0
    ok = isinstance(item, list) and len(item) >= 2 and all(isinstance(s, list) for s in item[:2])
    if ok:
        src, tgt = item[0], item[1]
        ok = all(isinstance(i, int) and 0 <= i < n_source for i in src) and all(
            isinstance(i, int) and 0 <= i < n_target for i in tgt
        )
    if not ok:
        raise ReaderError(path, f"{where}: bad link {item!r} (sentence ids out of range?)")
    confidence = item[2] if len(item) > 2 and isinstance(item[2], (int, float)) else None
    manual = "manual" in item[2:]
    return Link(tuple(src), tuple(tgt), None if confidence is None else float(confidence), manual)
