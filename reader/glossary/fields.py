"""Reading one entry: the short form (`term: gloss；gloss`) and every field of the long form,
each problem reported with the position of the value that holds it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reader.errors import Diagnostic, Location, ReaderError
from reader.glossary.schema import BOOL, INT, LIST_FIELDS, NULL, STR, TEXT_FIELDS, T, split_glosses
from reader.model import STATUSES, Context, Entry
from reader.safetext import clean
from reader.yamlsafe import check_duplicate_keys, construct, mark_position


class Findings:
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


def _make_builders() -> tuple[
    Callable[[str, str, tuple[str, ...]], Entry], Callable[[str, str, dict[str, Any]], Entry]
]:
    """Constructors for `Entry(term, lang, glosses)` and `Entry(term, lang, **fields)` that
    skip the dataclass __init__.

    A frozen dataclass sets each of its 14 fields through object.__setattr__; for 50,000
    entries that is a sixth of the load time. Copying a template's __dict__ gives an equal
    object. Used only while Entry is a plain dataclass without __post_init__ or slots;
    otherwise the normal constructor.
    """
    if hasattr(Entry, "__post_init__") or not hasattr(Entry("x", "x"), "__dict__"):
        return (
            lambda term, lang, glosses: Entry(term, lang, glosses),
            lambda term, lang, fields: Entry(term, lang, **fields),
        )
    template = dict(Entry("", "").__dict__)
    new = object.__new__

    def short_entry(term: str, lang: str, glosses: tuple[str, ...]) -> Entry:
        entry: Entry = new(Entry)
        fields = entry.__dict__
        fields.update(template)
        fields["term"], fields["lang"], fields["glosses"] = term, lang, glosses
        return entry

    def long_entry(term: str, lang: str, values: dict[str, Any]) -> Entry:
        entry: Entry = new(Entry)
        fields = entry.__dict__
        fields.update(template)
        fields.update(values)  # only Entry's own field names, set by _parse_long
        fields["term"], fields["lang"] = term, lang
        return entry

    return short_entry, long_entry


short_entry, long_entry = _make_builders()


def clean_entry(entry: Entry) -> Entry:
    """The entry with control characters removed from every text it holds
    (`reader.safetext.clean`): a glossary note must not command the terminal it is shown on."""
    context = entry.context
    if context is not None:
        context = Context(clean(context.document), clean(context.segment), context.sentence)
    return replace(
        entry,
        term=clean(entry.term),
        glosses=_cleaned_all(entry.glosses),
        note=clean(entry.note),
        reading=clean(entry.reading),
        pos=clean(entry.pos),
        forms=_cleaned_all(entry.forms),
        tags=_cleaned_all(entry.tags),
        id=None if entry.id is None else clean(entry.id),
        context=context,
        extra=tuple((clean(name), _cleaned_value(value)) for name, value in entry.extra),
    )


def _cleaned_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(filter(None, (clean(text).strip() for text in texts)))


def _cleaned_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_cleaned_value(item) for item in value]
    if isinstance(value, dict):
        return {_cleaned_value(k): _cleaned_value(v) for k, v in value.items()}
    return value


def parse_entry(term: str, node: Node, lang: str, path: Path, findings: Findings) -> Entry | None:
    if isinstance(node, MappingNode):
        return _parse_long(term, node, lang, path, findings)
    glosses = _glosses(node, findings)
    return None if glosses is None else Entry(term, lang, glosses)


def _glosses(node: Node, findings: Findings) -> tuple[str, ...] | None:
    if isinstance(node, ScalarNode):
        if node.tag == STR:
            return split_glosses(node.value)
        if node.tag == NULL:
            return ()
        findings.error(f"glosses must be text, not {_kind(node)}; quote it: '{node.value}'", node)
        return None
    if isinstance(node, SequenceNode):
        return _text_list(node, "gloss", findings)  # stripped, without empty items
    findings.error("glosses must be text or a list of text", node)
    return None


def _text_list(node: Node, what: str, findings: Findings) -> tuple[str, ...] | None:
    """A list of text, or one text as a list of one; None after reporting a problem."""
    if isinstance(node, ScalarNode):
        if node.tag == NULL:
            return ()
        if node.tag == STR:
            return (node.value.strip(),) if node.value.strip() else ()
    if isinstance(node, SequenceNode):
        for item in node.value:
            if not (isinstance(item, ScalarNode) and item.tag == STR):
                findings.error(f"each {what} must be text; quote it", item)
                return None
        return tuple(filter(None, [item.value.strip() for item in node.value]))
    findings.error(f"{what}s must be a list of text", node)
    return None


def _parse_long(
    term: str, node: MappingNode, lang: str, path: Path, findings: Findings
) -> Entry | None:
    fields: dict[str, Any] = {}
    extra: list[tuple[str, Any]] = []
    seen: dict[str, Node] = {}
    level_node: Node | None = None
    ok = True
    before = len(findings.items)
    for key, value in node.value:
        if not (isinstance(key, ScalarNode) and key.tag == STR):
            findings.error("a field name must be text", key)
            ok = False
            continue
        name = key.value
        if name in seen:
            findings.error(f"duplicate key {name!r} (first at line {line_of(seen[name])})", key)
            ok = False
            continue
        seen[name] = key
        if name == "glosses":
            glosses = _glosses(value, findings)
            if glosses is not None:
                fields["glosses"] = glosses
        elif name in TEXT_FIELDS:
            text = _text(value, name, findings)
            if text is not None:
                fields[name] = text
        elif name in LIST_FIELDS:
            items = _text_list(value, name[:-1], findings)
            if items is not None:
                fields[name] = items
        elif name == "status":
            if isinstance(value, ScalarNode) and value.value in STATUSES and value.tag == STR:
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
            elif not (isinstance(value, ScalarNode) and value.tag == NULL):
                findings.error("level must be a whole number from 1 to 5", value)
        elif name == "id":
            if isinstance(value, ScalarNode) and value.tag != NULL and value.value.strip():
                fields["id"] = value.value.strip()  # ids are text even when they look like numbers
            elif not (isinstance(value, ScalarNode) and value.tag == NULL):
                findings.error("id must be text", value)
        elif name == "production":
            if isinstance(value, ScalarNode) and value.tag == BOOL:
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
    # Nearly every entry adds no finding: the slice and its scan are only paid when one did.
    if not ok or (
        len(findings.items) > before and any(d.severity == "error" for d in findings.items[before:])
    ):
        return None
    if level_node is not None and "level" in fields and fields.get("status") != "learning":
        findings.warning("level is only used while the status is learning", level_node)
    if extra:
        fields["extra"] = tuple(extra)
    return long_entry(term, lang, fields)


def _text(node: Node, name: str, findings: Findings) -> str | None:
    if isinstance(node, ScalarNode):
        if node.tag == STR:
            return str(node.value).strip()
        if node.tag == NULL:
            return ""
        findings.error(f"{name} must be text, not {_kind(node)}; quote it: '{node.value}'", node)
        return None
    findings.error(f"{name} must be text", node)
    return None


def _context(node: Node, findings: Findings) -> Context | None:
    if isinstance(node, ScalarNode) and node.tag == NULL:
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
            findings.error(f"duplicate key {name!r} (first at line {line_of(seen[name])})", key)
            return None
        if name is not None:
            seen[name] = key
        if name in ("document", "segment"):
            if isinstance(value, ScalarNode) and value.tag != NULL and value.value.strip():
                values[name] = value.value.strip()
            else:
                findings.error(f"context {name} must be an id", value)
                return None
        elif name == "sentence":
            number = _whole_number(value)
            if number is not None and number >= 0:
                values["sentence"] = number
            elif not (isinstance(value, ScalarNode) and value.tag == NULL):
                findings.error("context sentence must be a whole number from 0", value)
                return None
        else:
            findings.warning(f"unknown context field {show(key)} (ignored)", key)
    for name in ("document", "segment"):
        if name not in values:
            findings.error(f"context needs a {name}", node)
            return None
    return Context(values["document"], values["segment"], values.get("sentence"))


def _whole_number(node: Node) -> int | None:
    if isinstance(node, ScalarNode) and node.tag == INT:
        value = node.value
        # `2` is read directly; YAML 1.1 has other spellings (`0x1f`, `017` octal, `1_000`)
        # that only PyYAML's constructor reads right.
        if value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)
        try:
            return int(yaml.constructor.SafeConstructor().construct_yaml_int(node))
        except ValueError:  # `!!int lots`: an explicit tag on a value that is not a number
            return None
    return None


def _kind(node: ScalarNode) -> str:
    return {
        INT: "a number",
        T + "float": "a number",
        BOOL: "true/false",
        T + "timestamp": "a date",
    }.get(node.tag, "text of another type")


def show(node: Node) -> str:
    return repr(node.value) if isinstance(node, ScalarNode) else "(complex key)"


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1
