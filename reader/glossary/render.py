"""Writing one entry as YAML: the shortest form that holds its fields, quoted only where YAML
needs it, in block style (`block`) or for a flow mapping (`flow`)."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import Node

from reader.glossary.schema import GLOSS_SEP, LIST_FIELDS, NULL, STR, TEXT_FIELDS, T
from reader.model import Entry


class _FlowList(list):  # type: ignore[type-arg]
    """Written `[a, b]` on one line, even inside a block mapping."""


class _FlowMap(dict):  # type: ignore[type-arg]
    """Written `{document: ..., segment: ...}` on one line."""


# libyaml's emitter writes the same text as PyYAML's pure-Python port of it, four times
# faster: what makes a save of thousands of new ids cost about as much as a save of one.
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _BlockDumper(_SafeDumper):  # type: ignore[misc]
    pass


# Text that YAML 1.2 reads as a number although YAML 1.1 (PyYAML, which quotes what it
# would misread) does not: `763741e3`, `09`, `0o17`, `1_000`. Quoted too, so that every YAML
# reader, including the fast one glossaries are loaded with (`quick`), reads it as text.
_NUMBER_12 = re.compile(
    r"[-+]?(?:0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)\Z"
)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Node:
    # Multi-line notes read best as literal blocks; the emitter falls back to quoting when a
    # block is not possible (trailing spaces and the like).
    style = "|" if "\n" in value.strip("\n") else None
    if style is None and value[:1] in _NUMBER_START and _NUMBER_12.fullmatch(value):
        style = "'"
    return dumper.represent_scalar(STR, value, style=style)


_NUMBER_START = frozenset("+-.0123456789")


_BlockDumper.add_representer(str, _represent_str)
_BlockDumper.add_representer(type(None), lambda d, _v: d.represent_scalar(NULL, ""))
_BlockDumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence(T + "seq", v, flow_style=True)
)
_BlockDumper.add_representer(
    _FlowMap, lambda d, v: d.represent_mapping(T + "map", v, flow_style=True)
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
    if any(GLOSS_SEP.search(g) for g in glosses):
        return _FlowList(glosses)
    # Chinese notes use the full-width ；, as learners write them by hand.
    return ("；" if any(_has_cjk(g) for g in glosses) else "; ").join(glosses)


def _long_value(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if entry.glosses:
        data["glosses"] = _FlowList(entry.glosses)
    for name in TEXT_FIELDS:
        if getattr(entry, name):
            data[name] = getattr(entry, name)
    for name in LIST_FIELDS:
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


def block(entry: Entry, indent: int, step: int, nl: str) -> str:
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


def flow(entry: Entry) -> str:
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
