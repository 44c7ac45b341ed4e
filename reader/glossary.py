"""Glossary files: hand-editable YAML, read strictly and saved carefully.

A glossary file is a YAML mapping with the entries of one language::

    # Words from the op-ed                  <- comments survive every save
    language: en                            # or taken from a file named en.yaml
    entries:
      stark: 赤裸的；光秃的；明显的              # short form: glosses split on ； or ;
      best shot: [最佳机会]                    # short form with a list of glosses
      nascent:                              # long form
        glosses: [新生的, 初生的]               # a list, or one string split on ；/;
        note: from Latin nasci, to be born
        reading: /ˈnæsənt/
        pos: adj.
        forms: [nascence]                   # extra surface forms matched like the term
        tags: [economist]
        status: learning                    # new (default) | learning | known | ignored
        level: 2                            # 1-5, only while learning
        id: 8c1f0d2a-...                    # permanent id, written on first export
        production: true                    # also make a meaning -> term card
        context: {document: 002_3fb843373e1af618, segment: 1a2b3c4d, sentence: 0}

Each entry becomes a `reader.model.Entry` (term = the key, stripped; lang = the file's
language). Unknown long-form fields are kept in `Entry.extra` and reported as warnings.

Saving never re-dumps the file. `add_entry`, `update_entry` and `remove_entry` splice the
text of one entry in place using the positions the YAML composer reports, so comments,
order, blank lines, quoting, indentation and the style of every other entry stay
byte-identical. The changed entry is written in the shortest form that holds its fields, the
result is parsed back and compared with the intended entries before anything is written,
and the write is atomic with the previous version kept as `<name>.yaml~` beside the file.
A file that changed on disk since it was read is never overwritten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reader.errors import Diagnostic, Location, ReaderError
from reader.fsutil import atomic_write_text
from reader.model import STATUSES, Context, Entry
from reader.yamlsafe import (
    check_duplicate_keys,
    compose,
    construct,
    key_identity,
    mark_position,
    no_gc,
)

__all__ = [
    "BACKUP_SUFFIX",
    "GlossaryFile",
    "add_entries",
    "add_entry",
    "check_glossary",
    "load_glossary",
    "new_glossary",
    "remove_entry",
    "restore_text",
    "split_glosses",
    "term_key",
    "update_entries",
    "update_entry",
]

BACKUP_SUFFIX = "~"  # the previous version of `en.yaml` is kept as `en.yaml~`

_T = "tag:yaml.org,2002:"
_STR, _NULL, _INT, _BOOL = _T + "str", _T + "null", _T + "int", _T + "bool"
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_GLOSS_SEP = re.compile(r"[；;]")
_TOP_FIELDS = ("language", "entries")
_TEXT_FIELDS = ("note", "reading", "pos")
_LIST_FIELDS = ("forms", "tags")
_KNOWN_FIELDS = frozenset(
    ("glosses", *_TEXT_FIELDS, *_LIST_FIELDS, "status", "level", "id", "production", "context")
)


def term_key(lang: str) -> Callable[[str], str]:
    """How two terms of `lang` are compared: as the matcher compares them
    (`reader.matching.normalize_term`), so "Europe’s" and "Europe's" are one term in a
    glossary file, in the vocabulary and in the text alike.

    reader.matching brings numpy and the lemmatizers, so it is imported here, on first use,
    and `import reader.glossary` stays cheap.
    """
    from reader.matching import normalize_term

    return partial(normalize_term, lang=lang)


def split_glosses(text: str) -> tuple[str, ...]:
    """`赤裸的；光秃的；` -> ('赤裸的', '光秃的'): split on ； or ;, strip, drop empties."""
    if ";" not in text and "；" not in text:
        text = text.strip()
        return (text,) if text else ()
    return tuple(g for g in (part.strip() for part in _GLOSS_SEP.split(text)) if g)


@dataclass(frozen=True)
class GlossaryFile:
    """One glossary file as read: its entries and the exact text they came from.

    `text` and `digest` are kept so a save can splice the text and can tell whether someone
    edited the file in the meantime (then it refuses to write instead of losing their work).
    """

    path: Path
    lang: str
    entries: tuple[Entry, ...]
    text: str
    digest: str  # blake2b of the bytes on disk
    mtime_ns: int
    size: int
    warnings: tuple[Diagnostic, ...] = ()

    def find(self, term_or_id: str | Entry) -> Entry | None:
        """The entry with this id, else with this term (normalised); None when absent."""
        i = _index_of(self, term_or_id)
        return None if i is None else self.entries[i]

    def changed_on_disk(self) -> bool:
        """True when the file on disk is no longer the one this was read from."""
        try:
            st = self.path.stat()
        except OSError:
            return True
        if (st.st_mtime_ns, st.st_size) == (self.mtime_ns, self.size):
            return False
        try:
            return _digest(self.path.read_bytes()) != self.digest
        except OSError:
            return True


# --- Reading ------------------------------------------------------------------------------


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _read_source(path: Path) -> tuple[str, bytes]:
    """The file's exact text and bytes.

    Glossaries are UTF-8 by definition (they are YAML this program writes back), and careful
    saving needs the text exactly as on disk, line endings and BOM included, so this reads
    bytes and decodes strictly rather than guessing an encoding.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(path, "no such file") from None
    except IsADirectoryError:
        raise ReaderError(path, "is a folder, not a glossary file") from None
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from None
    if not raw.strip():
        raise ReaderError(path, "empty file: a glossary needs at least `language:`")
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ReaderError(path, "binary file, not a YAML glossary", line)
    try:
        return raw.decode("utf-8"), raw
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ReaderError(path, "not UTF-8 text; save the file as UTF-8", line, column) from None


class _Findings:
    """Collects problems; in strict mode the first error is raised at once."""

    def __init__(self, path: Path, strict: bool) -> None:
        self.path = path
        self.strict = strict
        self.items: list[Diagnostic] = []

    def error(self, message: str, node: Node | None = None) -> None:
        line, column = mark_position(node.start_mark if node is not None else None)
        if self.strict:
            raise ReaderError(self.path, message, line, column)
        self.items.append(Diagnostic(Location(str(self.path), line, column), message))

    def warning(self, message: str, node: Node | None = None) -> None:
        line, column = mark_position(node.start_mark if node is not None else None)
        loc = Location(str(self.path), line, column)
        self.items.append(Diagnostic(loc, message, "warning"))

    def add(self, exc: ReaderError) -> None:
        if self.strict:
            raise exc
        self.items.append(Diagnostic(exc.location, exc.message))

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.items if d.severity == "warning")


@dataclass(frozen=True)
class _Parsed:
    """The nodes a careful save needs, beside the entries they hold."""

    lang: str
    entries: tuple[Entry, ...]
    top: MappingNode | None
    entries_key: Node | None
    entries_node: Node | None
    pairs: tuple[tuple[Node, Node], ...]  # (key, value) per entry, in entry order


def _split_bom(text: str) -> tuple[str, str]:
    # libyaml does not count a BOM in its offsets, so positions are taken in the text after it.
    return ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)


def _reject_aliases(top: Node, path: Path) -> None:
    """Aliases share one value between entries: editing one entry would silently edit
    another, and splicing could cut an anchor out from under its alias. Glossaries are
    written out in full instead."""
    seen: set[int] = set()
    stack = [top]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ReaderError(
                path,
                "a value marked with & is reused with *: aliases are not allowed in a "
                "glossary; write each value out",
                *mark_position(node.start_mark),
            )
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _parse(body: str, path: Path, findings: _Findings, *, entries: bool = True) -> _Parsed:
    """Read a glossary text; with `entries=False` only locate the entry nodes.

    Saving locates entries in a text that was already read and checked (`GlossaryFile.text`),
    so it skips building them again: on a large file that is half the cost of a save.
    """
    top = compose(body, path)
    if top is not None and "*" in body:  # no `*`, no alias: most files skip the walk
        _reject_aliases(top, path)
    if top is not None and not isinstance(top, MappingNode):
        findings.error("a glossary is a mapping with `language:` and `entries:`", top)
        top = None
    lang: str | None = None
    entries_key: Node | None = None
    entries_node: Node | None = None
    if top is not None:
        seen: dict[Any, Node] = {}
        for key, value in top.value:
            ident = key_identity(key)
            if ident in seen:
                findings.error(
                    f"duplicate key {_show(key)} (first at line {_line(seen[ident])})", key
                )
                continue
            seen[ident] = key
            name = key.value if isinstance(key, ScalarNode) else None
            if name == "language":
                if isinstance(value, ScalarNode) and value.tag == _STR and value.value.strip():
                    lang = value.value.strip()
                    if not _LANG_CODE.match(lang):
                        findings.warning(
                            f"language {lang!r} does not look like a code (en, zh, nl-BE)", value
                        )
                else:
                    findings.error("language must be a language code such as en or zh", value)
            elif name == "entries":
                entries_key, entries_node = key, value
            else:
                findings.warning(f"unknown field {_show(key)} (kept as is)", key)
    if lang is None:
        if _LANG_CODE.match(path.stem):
            lang = path.stem
        else:
            findings.error("no `language:` and the file name is not a language code (en.yaml)", top)
            lang = "und"
    if not entries:
        pairs = tuple(entries_node.value) if isinstance(entries_node, MappingNode) else ()
        return _Parsed(lang, (), top, entries_key, entries_node, pairs)
    found, pairs = _parse_entries(entries_node, lang, path, findings)
    return _Parsed(lang, found, top, entries_key, entries_node, pairs)


def _parse_entries(
    node: Node | None, lang: str, path: Path, findings: _Findings
) -> tuple[tuple[Entry, ...], tuple[tuple[Node, Node], ...]]:
    if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
        return (), ()
    if not isinstance(node, MappingNode):
        findings.error("entries must be a mapping of `term: glosses`", node)
        return (), ()
    entries: list[Entry] = []
    pairs: list[tuple[Node, Node]] = []
    first: dict[str, Node] = {}
    normalize = term_key(lang)
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            findings.error("a term must be text", key)
            continue
        term = key.value.strip()
        if not term:
            findings.error("empty term", key)
            continue
        norm = normalize(term)
        if norm in first:
            findings.error(f"duplicate term {term!r} (first at line {_line(first[norm])})", key)
            continue
        first[norm] = key
        # Most entries are `term: gloss；gloss`; they skip the general path (a third faster).
        if value.__class__ is ScalarNode and value.tag == _STR:
            entry: Entry | None = _short_entry(term, lang, split_glosses(value.value))
        else:
            entry = _parse_entry(term, value, lang, path, findings)
        if entry is not None:
            entries.append(entry)
            pairs.append((key, value))
    return tuple(entries), tuple(pairs)


def _make_short_entry() -> Callable[[str, str, tuple[str, ...]], Entry]:
    """A constructor for `Entry(term, lang, glosses)` that skips the dataclass __init__.

    A frozen dataclass sets each of its 14 fields through object.__setattr__; for 40,000
    short entries that is a sixth of the load time. Copying a template's __dict__ gives an
    equal object. Used only while Entry is a plain dataclass without __post_init__ or slots;
    otherwise the normal constructor.
    """
    if hasattr(Entry, "__post_init__") or not hasattr(Entry("x", "x"), "__dict__"):
        return lambda term, lang, glosses: Entry(term, lang, glosses)
    template = dict(Entry("", "").__dict__)
    new = object.__new__

    def short_entry(term: str, lang: str, glosses: tuple[str, ...]) -> Entry:
        entry: Entry = new(Entry)
        fields = entry.__dict__
        fields.update(template)
        fields["term"], fields["lang"], fields["glosses"] = term, lang, glosses
        return entry

    return short_entry


_short_entry = _make_short_entry()


def _parse_entry(term: str, node: Node, lang: str, path: Path, findings: _Findings) -> Entry | None:
    if isinstance(node, MappingNode):
        return _parse_long(term, node, lang, path, findings)
    glosses = _glosses(node, findings)
    return None if glosses is None else Entry(term, lang, glosses)


def _glosses(node: Node, findings: _Findings) -> tuple[str, ...] | None:
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return split_glosses(node.value)
        if node.tag == _NULL:
            return ()
        findings.error(f"glosses must be text, not {_kind(node)}; quote it: '{node.value}'", node)
        return None
    if isinstance(node, SequenceNode):
        items = _text_list(node, "gloss", findings)
        return None if items is None else tuple(g for g in (s.strip() for s in items) if g)
    findings.error("glosses must be text or a list of text", node)
    return None


def _text_list(node: Node, what: str, findings: _Findings) -> tuple[str, ...] | None:
    """A list of text, or one text as a list of one; None after reporting a problem."""
    if isinstance(node, ScalarNode):
        if node.tag == _NULL:
            return ()
        if node.tag == _STR:
            return (node.value.strip(),) if node.value.strip() else ()
    if isinstance(node, SequenceNode):
        out: list[str] = []
        for item in node.value:
            if not (isinstance(item, ScalarNode) and item.tag == _STR):
                findings.error(f"each {what} must be text; quote it", item)
                return None
            if item.value.strip():
                out.append(item.value.strip())
        return tuple(out)
    findings.error(f"{what}s must be a list of text", node)
    return None


def _parse_long(
    term: str, node: MappingNode, lang: str, path: Path, findings: _Findings
) -> Entry | None:
    fields: dict[str, Any] = {}
    extra: list[tuple[str, Any]] = []
    seen: dict[str, Node] = {}
    level_node: Node | None = None
    ok = True
    before = len(findings.items)
    for key, value in node.value:
        if not (isinstance(key, ScalarNode) and key.tag == _STR):
            findings.error("a field name must be text", key)
            ok = False
            continue
        name = key.value
        if name in seen:
            findings.error(f"duplicate key {name!r} (first at line {_line(seen[name])})", key)
            ok = False
            continue
        seen[name] = key
        if name == "glosses":
            glosses = _glosses(value, findings)
            if glosses is not None:
                fields["glosses"] = glosses
        elif name in _TEXT_FIELDS:
            text = _text(value, name, findings)
            if text is not None:
                fields[name] = text
        elif name in _LIST_FIELDS:
            items = _text_list(value, name[:-1], findings)
            if items is not None:
                fields[name] = items
        elif name == "status":
            if isinstance(value, ScalarNode) and value.value in STATUSES and value.tag == _STR:
                fields["status"] = value.value
            else:
                findings.error(f"status must be one of {', '.join(STATUSES)}", value)
        elif name == "level":
            level_node = value
            level = _whole_number(value)
            if level is not None:
                if 1 <= level <= 5:
                    fields["level"] = level
                else:
                    findings.error("level must be a whole number from 1 to 5", value)
            elif not (isinstance(value, ScalarNode) and value.tag == _NULL):
                findings.error("level must be a whole number from 1 to 5", value)
        elif name == "id":
            if isinstance(value, ScalarNode) and value.tag != _NULL and value.value.strip():
                fields["id"] = value.value.strip()  # ids are text even when they look like numbers
            elif not (isinstance(value, ScalarNode) and value.tag == _NULL):
                findings.error("id must be text", value)
        elif name == "production":
            if isinstance(value, ScalarNode) and value.tag == _BOOL:
                try:
                    fields["production"] = bool(construct(value, path))
                except ReaderError as exc:  # `!!bool maybe`
                    findings.add(exc)
            else:
                findings.error("production must be true or false", value)
        elif name == "context":
            context = _context(value, findings)
            if context is not None:
                fields["context"] = context
        else:
            findings.warning(f"unknown field {name!r} in {term!r} (kept as is)", key)
            try:
                check_duplicate_keys(value, path)
                extra.append((name, construct(value, path)))
            except ReaderError as exc:
                findings.add(exc)
    if not ok or any(d.severity == "error" for d in findings.items[before:]):
        return None
    if level_node is not None and "level" in fields and fields.get("status") != "learning":
        findings.warning("level is only used while the status is learning", level_node)
    return Entry(term, lang, **fields, extra=tuple(extra))


def _text(node: Node, name: str, findings: _Findings) -> str | None:
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return str(node.value).strip()
        if node.tag == _NULL:
            return ""
        findings.error(f"{name} must be text, not {_kind(node)}; quote it: '{node.value}'", node)
        return None
    findings.error(f"{name} must be text", node)
    return None


def _context(node: Node, findings: _Findings) -> Context | None:
    if isinstance(node, ScalarNode) and node.tag == _NULL:
        return None
    if not isinstance(node, MappingNode):
        findings.error(
            "context must be a mapping: {document: ..., segment: ..., sentence: 0}", node
        )
        return None
    values: dict[str, Any] = {}
    seen: dict[str, Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, ScalarNode) else None
        if name is not None and name in seen:
            findings.error(f"duplicate key {name!r} (first at line {_line(seen[name])})", key)
            return None
        if name is not None:
            seen[name] = key
        if name in ("document", "segment"):
            if isinstance(value, ScalarNode) and value.tag != _NULL and value.value.strip():
                values[name] = value.value.strip()
            else:
                findings.error(f"context {name} must be an id", value)
                return None
        elif name == "sentence":
            number = _whole_number(value)
            if number is not None and number >= 0:
                values["sentence"] = number
            elif not (isinstance(value, ScalarNode) and value.tag == _NULL):
                findings.error("context sentence must be a whole number from 0", value)
                return None
        else:
            findings.warning(f"unknown context field {_show(key)} (ignored)", key)
    for name in ("document", "segment"):
        if name not in values:
            findings.error(f"context needs a {name}", node)
            return None
    return Context(values["document"], values["segment"], values.get("sentence"))


def _whole_number(node: Node) -> int | None:
    if isinstance(node, ScalarNode) and node.tag == _INT:
        try:
            return int(yaml.constructor.SafeConstructor().construct_yaml_int(node))
        except ValueError:  # `!!int lots`: an explicit tag on a value that is not a number
            return None
    return None


def _kind(node: ScalarNode) -> str:
    return {
        _INT: "a number",
        _T + "float": "a number",
        _BOOL: "true/false",
        _T + "timestamp": "a date",
    }.get(node.tag, "text of another type")


def _show(node: Node) -> str:
    return repr(node.value) if isinstance(node, ScalarNode) else "(complex key)"


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _entries_of(body: str, path: Path, findings: _Findings) -> tuple[str, tuple[Entry, ...]]:
    """Language and entries of a glossary text, without keeping its nodes.

    The node tree is dropped while the collector is still paused: it is a few hundred
    thousand objects for a large glossary, and a collection over them would cost as much as
    the parse itself.
    """
    with no_gc():
        parsed = _parse(body, path, findings)
        result = parsed.lang, parsed.entries
        del parsed
    return result


def _read(path: Path, findings: _Findings) -> tuple[str, tuple[Entry, ...], str, bytes]:
    text, raw = _read_source(path)
    _bom, body = _split_bom(text)
    return (*_entries_of(body, path, findings), text, raw)


def load_glossary(path: str | Path) -> GlossaryFile:
    """Read a glossary file strictly: the first problem raises ReaderError(path, msg, line, col).

    Warnings (unknown fields, a level outside learning) do not stop loading; they are kept
    in `GlossaryFile.warnings`.
    """
    path = Path(path)
    findings = _Findings(path, strict=True)
    lang, entries, text, raw = _read(path, findings)
    st = path.stat()
    return GlossaryFile(
        path=path,
        lang=lang,
        entries=entries,
        text=text,
        digest=_digest(raw),
        mtime_ns=st.st_mtime_ns,
        size=st.st_size,
        warnings=findings.warnings,
    )


def check_glossary(path: str | Path) -> list[Diagnostic]:
    """Every problem in a glossary file, errors and warnings, each with line and column.

    Broken YAML stops the check at the first syntax error (nothing after it can be trusted);
    otherwise every entry is checked.
    """
    path = Path(path)
    findings = _Findings(path, strict=False)
    try:
        _read(path, findings)
    except ReaderError as exc:
        findings.items.append(Diagnostic(exc.location, exc.message))
    return findings.items


def new_glossary(path: str | Path, lang: str, comment: str | None = None) -> GlossaryFile:
    """Create an empty glossary file; an existing file is never overwritten."""
    path = Path(path)
    if not _LANG_CODE.match(lang):
        raise ReaderError(path, f"{lang!r} is not a language code (en, zh, nl-BE)")
    lines = [f"# {line}".rstrip() for line in comment.splitlines()] if comment else []
    text = "\n".join([*lines, f"language: {lang}", "entries:", ""])
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except FileExistsError:
        raise ReaderError(path, "already exists; not overwriting it") from None
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from None
    return load_glossary(path)


# --- Rendering one entry --------------------------------------------------------------------


class _FlowList(list):  # type: ignore[type-arg]
    """Written `[a, b]` on one line, even inside a block mapping."""


class _FlowMap(dict):  # type: ignore[type-arg]
    """Written `{document: ..., segment: ...}` on one line."""


# libyaml's emitter writes the same text as PyYAML's pure-Python port of it, four times
# faster: what makes a save of thousands of new ids cost about as much as a save of one.
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _BlockDumper(_SafeDumper):  # type: ignore[misc]
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Node:
    # Multi-line notes read best as literal blocks; the emitter falls back to quoting when a
    # block is not possible (trailing spaces and the like).
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar(_STR, value, style=style)


_BlockDumper.add_representer(str, _represent_str)
_BlockDumper.add_representer(type(None), lambda d, _v: d.represent_scalar(_NULL, ""))
_BlockDumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence(_T + "seq", v, flow_style=True)
)
_BlockDumper.add_representer(
    _FlowMap, lambda d, v: d.represent_mapping(_T + "map", v, flow_style=True)
)


def _has_cjk(text: str) -> bool:
    return any(
        "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef"
        for ch in text
    )


def _is_short(entry: Entry) -> bool:
    return entry == Entry(entry.term, entry.lang, entry.glosses) and not entry.extra


def _short_value(glosses: tuple[str, ...]) -> str | list[str] | None:
    if not glosses:
        return None
    if any(_GLOSS_SEP.search(g) for g in glosses):
        return _FlowList(glosses)
    # Chinese notes use the full-width ；, as learners write them by hand.
    return ("；" if any(_has_cjk(g) for g in glosses) else "; ").join(glosses)


def _long_value(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if entry.glosses:
        data["glosses"] = _FlowList(entry.glosses)
    for name in _TEXT_FIELDS:
        if getattr(entry, name):
            data[name] = getattr(entry, name)
    for name in _LIST_FIELDS:
        if getattr(entry, name):
            data[name] = _FlowList(getattr(entry, name))
    if entry.status != "new":
        data["status"] = entry.status
    if entry.level is not None:
        data["level"] = entry.level
    if entry.id:
        data["id"] = entry.id
    if entry.production:
        data["production"] = True
    if entry.context is not None:
        ctx = _FlowMap(document=entry.context.document, segment=entry.context.segment)
        if entry.context.sentence is not None:
            ctx["sentence"] = entry.context.sentence
        data["context"] = ctx
    for name, value in entry.extra:
        data.setdefault(name, value)
    return data


def _render_block(entry: Entry, indent: int, step: int, nl: str) -> str:
    """The entry as block YAML; the first line unindented, later lines at `indent`."""
    value: Any = _short_value(entry.glosses) if _is_short(entry) else _long_value(entry)
    text: str = yaml.dump(
        {entry.term: value},
        Dumper=_BlockDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        indent=max(step, 2),
        width=1 << 30,  # never fold: one gloss, one line, one diff line
    )
    lines = text.rstrip("\n").split("\n")
    pad = " " * indent
    return nl.join([lines[0], *(pad + line if line else line for line in lines[1:])])


def _render_flow(entry: Entry) -> str:
    """The entry as `term: value` for a flow mapping (`entries: {a: b, c: d}`)."""
    value: Any = _short_value(entry.glosses) if _is_short(entry) else _long_value(entry)
    if value is None:
        value = []  # `{a: }` is legal but easy to misread; an empty list says "no glosses"
    text: str = yaml.dump(
        {entry.term: _plain(value)},
        Dumper=_SafeDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=True,
        width=1 << 30,
    )
    return text.strip()[1:-1].strip()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- Careful saving -------------------------------------------------------------------------

# One change to a text: replace body[start:end] with the string. Several are applied in one
# pass (`_apply`), so a save of thousands of entries copies the file once, not once each.
_Splice = tuple[int, int, str]


class _Lookup:
    """Where entries are, by id and by normalised term: built once per save, so a batch of
    thousands of changes does not scan the file's entries once for each."""

    def __init__(self, gf: GlossaryFile) -> None:
        self.ids: dict[str, int] = {}
        self.terms: dict[str, int] = {}
        self.normalize = term_key(gf.lang)
        for i, entry in enumerate(gf.entries):
            if entry.id is not None:
                self.ids.setdefault(entry.id, i)
            self.terms.setdefault(self.normalize(entry.term), i)

    def index(self, term_or_id: str | Entry) -> int | None:
        if isinstance(term_or_id, Entry):
            if term_or_id.id and term_or_id.id in self.ids:
                return self.ids[term_or_id.id]
            term_or_id = term_or_id.term
        found = self.ids.get(term_or_id)
        return found if found is not None else self.terms.get(self.normalize(term_or_id))


def _index_of(gf: GlossaryFile, term_or_id: str | Entry) -> int | None:
    return _Lookup(gf).index(term_or_id)


def _prepared(gf: GlossaryFile, entry: Entry) -> Entry:
    """The entry as it will read back, after checks that it can be written at all.

    Whether its term is free is checked over the whole result, by `_unique`.
    """
    if entry.lang != gf.lang:
        raise ReaderError(
            gf.path, f"entry {entry.term!r} is {entry.lang}, the glossary is {gf.lang}"
        )
    term = entry.term.strip()
    if not term:
        raise ReaderError(gf.path, "empty term")
    if entry.status not in STATUSES:
        raise ReaderError(gf.path, f"status must be one of {', '.join(STATUSES)}")
    if entry.level is not None and not 1 <= entry.level <= 5:
        raise ReaderError(gf.path, "level must be a whole number from 1 to 5")
    clashing = [name for name, _ in entry.extra if name in _KNOWN_FIELDS]
    if clashing:
        raise ReaderError(gf.path, f"extra field {clashing[0]!r} is a known field")
    context = entry.context
    if context is not None:
        context = replace(
            context, document=context.document.strip(), segment=context.segment.strip()
        )
        if not context.document or not context.segment:
            raise ReaderError(gf.path, "a context needs a document and a segment")
        if context.sentence is not None and context.sentence < 0:
            raise ReaderError(gf.path, "a context sentence is a whole number from 0")
    return replace(
        entry,
        term=term,
        glosses=tuple(g for g in (s.strip() for s in entry.glosses) if g),
        note=entry.note.strip(),
        reading=entry.reading.strip(),
        pos=entry.pos.strip(),
        forms=tuple(f for f in (s.strip() for s in entry.forms) if f),
        tags=tuple(t for t in (s.strip() for s in entry.tags) if t),
        id=entry.id.strip() if entry.id and entry.id.strip() else None,
        context=context,
    )


def _unique(gf: GlossaryFile, updates: dict[int, Entry], added: list[Entry]) -> None:
    """Refuse a result in which two entries share a term (after all changes, so a batch may
    swap two terms)."""
    normalize = term_key(gf.lang)
    taken = {normalize(entry.term) for i, entry in enumerate(gf.entries) if i not in updates}
    for entry in (*(updates[i] for i in sorted(updates)), *added):
        norm = normalize(entry.term)
        if norm in taken:
            raise ReaderError(gf.path, f"{entry.term!r} is already in this glossary")
        taken.add(norm)


def _edit(
    gf: GlossaryFile,
    splices: Callable[[str, _Parsed], list[_Splice]],
    expected: tuple[Entry, ...],
) -> GlossaryFile:
    """Splice the file's text with the node positions of one fresh parse, then commit it."""
    bom, body = _split_bom(gf.text)
    with no_gc():  # see _entries_of: the nodes are dropped before collection resumes
        parsed = _parse(body, gf.path, _Findings(gf.path, strict=True), entries=False)
        if len(parsed.pairs) != len(gf.entries):  # cannot happen for a text that loaded
            raise ReaderError(gf.path, "entries could not be located; reload first")
        spliced = _apply(body, splices(body, parsed), gf.path)
        del parsed
    return _commit(gf, bom, spliced, expected)


def _apply(body: str, splices: list[_Splice], path: Path) -> str:
    """All splices in one pass over the text (they never overlap: each is one entry's own
    text, or the place after the last entry)."""
    out: list[str] = []
    at = 0
    for start, end, text in sorted(splices, key=lambda s: (s[0], s[1])):
        if start < at:  # a bug, not a user error: refuse rather than write a mangled file
            raise ReaderError(path, "edits overlap; nothing written")
        out += (body[at:start], text)
        at = end
    out.append(body[at:])
    return "".join(out)


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    """Just past the line break of the line holding offset i (the end of text on the last)."""
    j = text.find("\n", i)
    return len(text) if j < 0 else j + 1


def _content_end(node: Node, body: str) -> int:
    """Where a value's own text ends, before the blank lines and comments libyaml counts in."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = int(node.end_mark.index)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and body[end - 1] in " \t\r\n":
            end -= 1
    return end


def _pair_start(key: Node, body: str) -> int:
    start = int(key.start_mark.index)
    # A long key is written `? key` (in block and flow style): the marker goes with it.
    before = start
    while before > 0 and body[before - 1] in " \t":
        before -= 1
    if before > 0 and body[before - 1] == "?" and (before == 1 or body[before - 2] in " \t\r\n{,"):
        return before - 1
    return start


def _newline(body: str) -> str:
    return "\r\n" if "\r\n" in body else "\n"


def _own_step(key: Node, value: Node) -> int | None:
    if isinstance(value, MappingNode) and not value.flow_style and value.value:
        step = int(value.value[0][0].start_mark.column - key.start_mark.column)
        if step > 0:
            return step
    return None


def _step(parsed: _Parsed) -> int:
    """The file's own indentation step, read from a long-form entry when there is one."""
    for key, value in parsed.pairs:
        step = _own_step(key, value)
        if step is not None:
            return step
    node, key = parsed.entries_node, parsed.entries_key
    if isinstance(node, MappingNode) and key is not None and node.value and not node.flow_style:
        step = int(node.start_mark.column - key.start_mark.column)
        if step > 0:
            return step
    return 2


def _splice_add(body: str, parsed: _Parsed, entries: list[Entry], path: Path) -> _Splice:
    """New entries after the last one, in the style of the mapping that holds them."""
    nl = _newline(body)
    node = parsed.entries_node
    step = _step(parsed)

    def block(indent: int) -> str:
        return "".join(" " * indent + _render_block(e, indent, step, nl) + nl for e in entries)

    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        indent = int(node.start_mark.column)
        at = _line_end(body, _content_end(node.value[-1][1], body))
        lead = "" if at == 0 or body[at - 1] == "\n" else nl
        return at, at, lead + block(indent)
    if isinstance(node, MappingNode) and node.value:  # flow style, kept flow
        at = _content_end(node.value[-1][1], body)
        return at, at, "".join(", " + _render_flow(e) for e in entries)
    key = parsed.entries_key
    if key is None or node is None:
        # No `entries:` yet: start the section at the end of the file.
        if parsed.top is not None and parsed.top.flow_style:
            raise ReaderError(path, "cannot add entries to a glossary written on one line")
        lead = "" if not body or body.endswith("\n") else nl
        return len(body), len(body), lead + "entries:" + nl + block(step)
    # `entries:`, `entries: ~` or `entries: {}`: drop the placeholder, start a block below.
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    while start > key.end_mark.index and body[start - 1] in " \t":
        start -= 1
    end = max(start, end)
    rest = body[end : _line_end(body, end)]  # what stays of the key's line, with its break
    before = rest[-1:] or body[start - 1 : start]
    lead = "" if before in ("\n", "") else nl
    indent = int(key.start_mark.column) + step
    return start, end + len(rest), rest + lead + block(indent)


def _splice_update(body: str, parsed: _Parsed, i: int, entry: Entry, nl: str, step: int) -> _Splice:
    """One entry's new text over its old text; `nl` and `step` are the file's (`_newline`,
    `_step`), found once per save rather than once per entry."""
    key, value = parsed.pairs[i]
    node = parsed.entries_node
    assert isinstance(node, MappingNode)
    start = _pair_start(key, body)
    end = max(_content_end(value, body), int(key.end_mark.index))
    if node.flow_style:
        return start, end, _render_flow(entry)
    # An entry keeps its own indentation step when it had one.
    step = _own_step(key, value) or step
    text = _render_block(entry, int(node.start_mark.column), step, nl)
    # A comment after a one-line entry moves to the key line of its longer form: after the
    # last line it could end up inside a literal block (`note: |`).
    eol = _line_end(body, end)
    while eol > end and body[eol - 1] in "\r\n":
        eol -= 1
    first, sep, others = text.partition(nl)
    if sep and body[end:eol].strip().startswith("#"):
        text, end = first + body[end:eol] + sep + others, eol
    return start, end, text


def _splice_remove(body: str, parsed: _Parsed, i: int) -> _Splice:
    key, value = parsed.pairs[i]
    node = parsed.entries_node
    assert isinstance(node, MappingNode)
    start = _pair_start(key, body)
    end = max(_content_end(value, body), int(key.end_mark.index))
    if not node.flow_style:
        # Whole lines: the entry and any comment on its last line; comments above it stay.
        return _line_start(body, start), _line_end(body, end), ""
    after = re.match(r"\s*,\s*", body[end:])
    if after and i + 1 < len(parsed.pairs):
        return start, end + after.end(), ""
    before = re.search(r",\s*\Z", body[:start])
    if before:
        return before.start(), end, ""
    return start, end, ""


def _same(a: tuple[Entry, ...], b: tuple[Entry, ...]) -> bool:
    return a == b and all(x.extra == y.extra for x, y in zip(a, b))


def _commit(gf: GlossaryFile, bom: str, body: str, expected: tuple[Entry, ...]) -> GlossaryFile:
    """Verify the new text reads back as intended, then write it unless the file moved on."""
    findings = _Findings(gf.path, strict=True)
    try:
        lang, entries = _entries_of(body, gf.path, findings)
    except ReaderError as exc:
        raise ReaderError(
            gf.path, f"edit would break the file ({exc.message}); nothing written"
        ) from None
    if lang != gf.lang or not _same(entries, expected):
        raise ReaderError(gf.path, "edit would not read back as intended; nothing written")
    return _write(gf, bom + body, entries, findings.warnings)


def _write(
    gf: GlossaryFile, text: str, entries: tuple[Entry, ...], warnings: tuple[Diagnostic, ...]
) -> GlossaryFile:
    """Write verified text over the file, unless it changed on disk since `gf` was read."""
    try:
        on_disk = gf.path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(gf.path, "removed since it was read; nothing written") from None
    except OSError as exc:
        raise ReaderError(gf.path, exc.strerror or str(exc)) from None
    if _digest(on_disk) != gf.digest:
        raise ReaderError(gf.path, "changed on disk since it was read; reload first")
    try:
        mode = gf.path.stat().st_mode & 0o7777
        atomic_write_text(gf.path, text, backup=True)
        gf.path.chmod(mode)  # the temp file it renames over is created private (0600)
        st = gf.path.stat()
    except OSError as exc:
        raise ReaderError(gf.path, f"could not save: {exc.strerror or exc}") from None
    return replace(
        gf,
        entries=entries,
        text=text,
        digest=_digest(text.encode("utf-8")),
        mtime_ns=st.st_mtime_ns,
        size=st.st_size,
        warnings=warnings,
    )


def restore_text(gf: GlossaryFile, text: str) -> GlossaryFile:
    """Put back an earlier text of this file (undo), with the same checks as any save.

    The text must read as a valid glossary of the same language, and the file must not
    have changed on disk since `gf` was read.
    """
    _bom, body = _split_bom(text)
    findings = _Findings(gf.path, strict=True)
    lang, entries = _entries_of(body, gf.path, findings)
    if lang != gf.lang:
        raise ReaderError(gf.path, f"the earlier text is a {lang} glossary, not {gf.lang}")
    return _write(gf, text, entries, findings.warnings)


def add_entries(gf: GlossaryFile, entries: Iterable[Entry]) -> GlossaryFile:
    """Append entries, in order, at the end of `entries:` (creating the section when absent).

    One save for all of them: the file is located once, verified once and written once (one
    backup). Nothing is written when any entry is refused; no entries, no write.
    """
    new = [_prepared(gf, entry) for entry in entries]
    if not new:
        return gf
    _unique(gf, {}, new)
    return _edit(gf, lambda body, p: [_splice_add(body, p, new, gf.path)], (*gf.entries, *new))


def update_entries(gf: GlossaryFile, changes: Iterable[tuple[str | Entry, Entry]]) -> GlossaryFile:
    """Replace several entries in place, each found by term, id or entry as in `update_entry`.

    One save for all of them, with the same guarantees as one `update_entry`: only the
    changed entries' text differs, the result is verified before the single write, and
    nothing is written when any change is refused. An entry may be changed once per batch.
    """
    lookup: _Lookup | None = None
    updates: dict[int, Entry] = {}
    for term_or_id, entry in changes:
        lookup = lookup or _Lookup(gf)
        i = lookup.index(term_or_id)
        if i is None:
            raise ReaderError(gf.path, f"no entry {_name(term_or_id)!r} in this glossary")
        if i in updates:
            raise ReaderError(gf.path, f"entry {gf.entries[i].term!r} is changed twice")
        updates[i] = _prepared(gf, entry)
    if not updates:
        return gf
    _unique(gf, updates, [])
    expected = tuple(updates.get(i, old) for i, old in enumerate(gf.entries))

    def splices(body: str, parsed: _Parsed) -> list[_Splice]:
        nl, step = _newline(body), _step(parsed)
        return [_splice_update(body, parsed, i, e, nl, step) for i, e in updates.items()]

    return _edit(gf, splices, expected)


def add_entry(gf: GlossaryFile, entry: Entry) -> GlossaryFile:
    """Append an entry at the end of `entries:` (creating the section when absent)."""
    return add_entries(gf, [entry])


def update_entry(gf: GlossaryFile, term_or_id: str | Entry, entry: Entry) -> GlossaryFile:
    """Replace one entry in place (a new term keeps the entry where it was)."""
    return update_entries(gf, [(term_or_id, entry)])


def remove_entry(gf: GlossaryFile, term_or_id: str | Entry) -> GlossaryFile:
    """Remove one entry with its lines; the comments above it stay."""
    i = _index_of(gf, term_or_id)
    if i is None:
        raise ReaderError(gf.path, f"no entry {_name(term_or_id)!r} in this glossary")
    expected = (*gf.entries[:i], *gf.entries[i + 1 :])
    return _edit(gf, lambda body, p: [_splice_remove(body, p, i)], expected)


def _name(term_or_id: str | Entry) -> str:
    return term_or_id.term if isinstance(term_or_id, Entry) else term_or_id
