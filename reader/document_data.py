"""A document's YAML data and the `Document` it holds, both ways, every field checked.

`document_from_data` checks each field with its type before anything uses it: a document
edited by hand (or by another program) with `lang: 5`, `links: 5` or a title that is a list
is refused with a `DocumentError` that says which field, instead of failing later in the
app, an export or a `reader show`. The error carries the field's place in the data
(`where`), which `reader.documents` turns into a line and column of the file.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any, TypeGuard

from reader.errors import ReaderError
from reader.model import SEGMENT_KINDS, Cue, Document, Link, Ruby, Segment, Text
from reader.safetext import clean

FORMAT = 1
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

Where = tuple[str | int, ...]  # keys and list indices from the top of the data


class DocumentError(ReaderError):
    """A field of a document that does not hold what it must; `where` is its place in the
    data, to be turned into a line of the file."""

    def __init__(self, path: Any, message: str, where: Where = ()) -> None:
        super().__init__(path, message)
        self.where = where


def _lang_code(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and _LANG_CODE.fullmatch(value) is not None


def document_to_data(doc: Document, flow: type[list[Any]] = list) -> dict[str, Any]:
    """The plain data a document file holds; `flow` marks the lists written on one line."""
    data: dict[str, Any] = {"format": FORMAT, "title": doc.title}
    for key in ("subtitle", "byline"):
        if getattr(doc, key):
            data[key] = getattr(doc, key)
    data["source_lang"] = doc.source_lang
    data["target_lang"] = doc.target_lang
    for key in ("origin", "translation_origin", "imported"):
        if getattr(doc, key):
            data[key] = getattr(doc, key)
    data["segments"] = [_segment_to_data(seg, flow) for seg in doc.segments]
    return data


def _segment_to_data(seg: Segment, flow: type[list[Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": seg.id, "kind": seg.kind}
    if seg.lang:
        out["lang"] = seg.lang
    out["source"] = list(seg.source.sentences)
    if seg.target is not None:
        out["target"] = list(seg.target.sentences)
    if seg.links:
        out["links"] = [_link_to_data(link, flow) for link in seg.links]
    out.update(_extras_to_data(seg, flow))
    return out


# Fields books, subtitles and web pages bring (heading level, cue timing, footnotes, image
# file, ruby readings). Each is written only when set, so other documents are unchanged.


def _extras_to_data(seg: Segment, flow: type[list[Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if seg.level is not None:
        out["level"] = seg.level
    if seg.cue is not None:
        out["cue"] = flow([format_time(seg.cue.start), format_time(seg.cue.end)])
    if seg.notes:
        out["notes"] = list(seg.notes)
    if seg.file:
        out["file"] = seg.file
    if seg.ruby:
        out["ruby"] = [flow([r.start, r.end, r.reading]) for r in seg.ruby]
    return out


def format_time(seconds: float) -> str:
    """`01:02:03.450`: how subtitle editors show a time."""
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    return f"{h:02d}:{m:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def parse_time(value: Any) -> float | None:
    """Seconds from `01:02:03.450` (or a plain number of seconds); None when it is neither."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    parts = value.strip().replace(",", ".").split(":")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3 or any(n < 0 or not math.isfinite(n) for n in numbers):
        return None
    total = 0.0
    for n in numbers:
        total = total * 60 + n
    return total


def _extras(raw: dict[str, Any], text: str, fail: Any, where: str, at: Where) -> dict[str, Any]:
    out: dict[str, Any] = {}
    level = raw.get("level")
    if level is not None:
        if type(level) is not int or not 1 <= level <= 9:
            raise fail(f"{where}: level must be a number from 1 to 9", *at, "level")
        out["level"] = level
    cue = raw.get("cue")
    if cue is not None:
        times = [parse_time(t) for t in cue] if isinstance(cue, list) and len(cue) == 2 else []
        if len(times) != 2 or times[0] is None or times[1] is None or times[1] < times[0]:
            raise fail(f"{where}: cue must be [start, end] times, start first", *at, "cue")
        out["cue"] = Cue(times[0], times[1])
    if raw.get("notes") is not None:
        out["notes"] = _sentences(raw["notes"], f"{where} notes", fail, *at, "notes")
    if raw.get("file") is not None:
        if not isinstance(raw["file"], str):
            raise fail(f"{where}: file must be a path", *at, "file")
        out["file"] = raw["file"]
    ruby_value = raw.get("ruby")
    if ruby_value is not None and not isinstance(ruby_value, list):
        raise fail(f"{where}: ruby must be a list of [start, end, reading]", *at, "ruby")
    ruby = []
    for i, item in enumerate(ruby_value or []):
        ok = isinstance(item, list) and len(item) == 3 and isinstance(item[2], str)
        ok = ok and all(type(k) is int for k in item[:2]) and 0 <= item[0] < item[1] <= len(text)
        if not ok:
            raise fail(f"{where}: bad ruby {item!r} (needs [start, end, reading])", *at, "ruby", i)
        ruby.append(Ruby(item[0], item[1], item[2]))
    if ruby:
        out["ruby"] = tuple(ruby)
    return out


def _link_to_data(link: Link, flow: type[list[Any]]) -> list[Any]:
    item: list[Any] = [flow(link.source), flow(link.target)]
    if link.confidence is not None or link.manual:
        item.append(None if link.confidence is None else round(link.confidence, 3))
    if link.manual:
        item.append("manual")
    return flow(item)


def clean_data(data: Any) -> Any:
    """`data` with control characters removed from every text in it (`reader.safetext`)."""
    if isinstance(data, str):
        return clean(data)
    if isinstance(data, list):
        return [clean_data(item) for item in data]
    if isinstance(data, dict):
        return {clean_data(k): clean_data(v) for k, v in data.items()}
    return data


def document_from_data(data: Any, path: Any, doc_id: str) -> Document:
    """Build a Document; a DocumentError naming the field for the first problem."""

    def fail(message: str, *where: str | int) -> DocumentError:
        return DocumentError(path, message, where)

    if not isinstance(data, dict):
        raise fail("not a reader document (expected a mapping at the top)")
    version = data.get("format", FORMAT)
    if type(version) is not int or version < 1:
        raise fail("format must be a whole number", "format")
    if version > FORMAT:
        raise fail(f"written by a newer reader (format {version}); update reader", "format")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("document has no title (a text)", "title")
    source_lang = data.get("source_lang")
    if not _lang_code(source_lang):
        raise fail("source_lang must be a language code such as en or zh", "source_lang")
    target_lang = data.get("target_lang")
    if target_lang is not None and not _lang_code(target_lang):
        raise fail("target_lang must be a language code such as en or zh, or null", "target_lang")
    optional = {
        key: _optional_text(data, key, fail)
        for key in ("subtitle", "byline", "origin", "translation_origin", "imported")
    }
    raw_segments = data.get("segments")
    if raw_segments is None:
        raw_segments = []
    if not isinstance(raw_segments, list):
        raise fail("segments must be a list", "segments")
    segments = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_segments):
        seg = _segment(raw, n, source_lang, target_lang, fail)
        if seg.id in seen:
            raise fail(f"segment {n + 1}: duplicate id {seg.id!r}", "segments", n, "id")
        seen.add(seg.id)
        segments.append(seg)
    return Document(
        id=doc_id,
        title=title.strip(),
        source_lang=source_lang,
        target_lang=target_lang,
        segments=tuple(segments),
        **optional,
    )


def _optional_text(data: dict[str, Any], key: str, fail: Any) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    if key == "imported" and isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()  # an unquoted date, as YAML reads it
    raise fail(f"{key} must be a text", key)


def _sentences(value: Any, what: str, fail: Any, *where: str | int) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise fail(f"{what} must be a list of sentences", *where)
    for i, sentence in enumerate(value):
        if not isinstance(sentence, str):
            raise fail(f"{what}: sentence {i + 1} must be a text", *where, i)
    return tuple(value)


def _segment(raw: Any, n: int, source_lang: str, target_lang: str | None, fail: Any) -> Segment:
    where = f"segment {n + 1}"
    at = ("segments", n)
    if not isinstance(raw, dict):
        raise fail(f"{where} must be a mapping", *at)
    seg_id = raw.get("id")
    if type(seg_id) not in (str, int) or not str(seg_id).strip():
        raise fail(f"{where} has no id (a text)", *at, *(("id",) if "id" in raw else ()))
    kind = raw.get("kind", "paragraph")
    if not isinstance(kind, str) or kind not in SEGMENT_KINDS:
        raise fail(f"{where}: unknown kind {kind!r} ({', '.join(SEGMENT_KINDS)})", *at, "kind")
    lang = raw.get("lang")
    if lang is not None and not _lang_code(lang):
        raise fail(f"{where}: lang must be a language code such as en or zh", *at, "lang")
    source_value = raw.get("source")
    source = Text.of(
        ()
        if source_value is None
        else _sentences(source_value, f"{where} source", fail, *at, "source"),
        lang or source_lang,
    )
    target = None
    if raw.get("target") is not None:
        sentences = _sentences(raw["target"], f"{where} target", fail, *at, "target")
        target = Text.of(sentences, target_lang)
    raw_links = raw.get("links")
    if raw_links is None:
        raw_links = []
    if not isinstance(raw_links, list):
        raise fail(f"{where}: links must be a list of links", *at, "links")
    n_source = len(source.sentences)
    n_target = len(target.sentences) if target else 0
    links = tuple(
        _link(item, n_source, n_target, fail, where, (*at, "links", i))
        for i, item in enumerate(raw_links)
    )
    extras = _extras(raw, source.text, fail, where, at)
    return Segment(
        id=str(seg_id), kind=kind, source=source, target=target, links=links, lang=lang, **extras
    )


def _link(item: Any, n_source: int, n_target: int, fail: Any, where: str, at: Where) -> Link:
    def bad(why: str) -> DocumentError:
        error: DocumentError = fail(f"{where}: bad link {item!r} ({why})", *at)
        return error

    if not isinstance(item, list) or not 2 <= len(item) <= 4:
        raise bad("a link is [source sentences, target sentences, confidence, manual]")
    sides = []
    for side, count in zip(item[:2], (n_source, n_target)):
        if not isinstance(side, list) or not all(type(i) is int for i in side):
            raise bad("sentence ids are lists of whole numbers")
        if not all(0 <= i < count for i in side):
            raise bad("sentence ids out of range")
        sides.append(tuple(side))
    rest = list(item[2:])
    confidence = None
    manual = False
    if rest and rest[0] != "manual":
        value = rest.pop(0)
        if value is not None:
            if type(value) not in (int, float) or not math.isfinite(value):
                raise bad("the confidence is a number from 0 to 1")
            confidence = float(value)
    if rest:
        if rest != ["manual"]:
            raise bad("only the word manual may follow the confidence")
        manual = True
    return Link(sides[0], sides[1], confidence, manual)
