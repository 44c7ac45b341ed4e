"""Reading a glossary text: the top-level mapping, its language, and its entries in order.

The nodes of the entries are kept beside them (`Parsed.pairs`) when a save needs their
positions; loading drops them at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reader.errors import ReaderError
from reader.gcpause import no_gc
from reader.glossary.fields import Findings, clean_entry, line_of, parse_entry, short_entry, show
from reader.glossary.schema import LANG_CODE, NULL, STR, split_glosses, term_keys
from reader.model import Entry
from reader.safetext import CONTROLS, clean
from reader.yamlsafe import compose, key_identity, mark_position

# Control characters reach a value written as they are, or escaped in a double-quoted
# scalar (`"\e]52;..."`): only a text with one or the other is cleaned entry by entry.
_MAY_HOLD_CONTROLS = re.compile(f"[{CONTROLS}\\\\]")


@dataclass(frozen=True)
class Parsed:
    """The nodes a careful save needs, beside the entries they hold."""

    lang: str
    entries: tuple[Entry, ...]
    top: MappingNode | None
    entries_key: Node | None
    entries_node: Node | None
    pairs: tuple[tuple[Node, Node], ...]  # (key, value) per entry, in entry order


def split_bom(text: str) -> tuple[str, str]:
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


def parse(
    body: str, path: Path, findings: Findings, *, entries: bool = True, nodes: bool = True
) -> Parsed:
    """Read a glossary text; with `entries=False` only locate the entry nodes.

    Saving locates entries in a text that was already read and checked (`GlossaryFile.text`),
    so it skips building them again: on a large file that is half the cost of a save.
    Loading needs no nodes (`nodes=False`): `pairs` is then empty.
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
                    f"duplicate key {show(key)} (first at line {line_of(seen[ident])})", key
                )
                continue
            seen[ident] = key
            name = key.value if isinstance(key, ScalarNode) else None
            if name == "language":
                if isinstance(value, ScalarNode) and value.tag == STR and value.value.strip():
                    lang = value.value.strip()
                    if not LANG_CODE.match(lang):
                        findings.warning(
                            f"language {lang!r} does not look like a code (en, zh, nl-BE)", value
                        )
                else:
                    findings.error("language must be a language code such as en or zh", value)
            elif name == "entries":
                entries_key, entries_node = key, value
            else:
                findings.warning(f"unknown field {show(key)} (kept as is)", key)
    if lang is None:
        if LANG_CODE.match(path.stem):
            lang = path.stem
        else:
            findings.error("no `language:` and the file name is not a language code (en.yaml)", top)
            lang = "und"
    if not entries:
        pairs = tuple(entries_node.value) if isinstance(entries_node, MappingNode) else ()
        return Parsed(lang, (), top, entries_key, entries_node, pairs)
    dirty = _MAY_HOLD_CONTROLS.search(body) is not None
    found, pairs = _parse_entries(entries_node, lang, path, findings, nodes, dirty)
    return Parsed(lang, found, top, entries_key, entries_node, pairs)


def _parse_entries(
    node: Node | None,
    lang: str,
    path: Path,
    findings: Findings,
    nodes: bool = True,
    dirty: bool = False,
) -> tuple[tuple[Entry, ...], tuple[tuple[Node, Node], ...]]:
    """The entries of the `entries:` mapping; with `dirty` (the text may hold control
    characters, written or escaped), each is cleaned of them, with a warning."""
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL):
        return (), ()
    if not isinstance(node, MappingNode):
        findings.error("entries must be a mapping of `term: glosses`", node)
        return (), ()
    entries: list[Entry] = []
    pairs: list[tuple[Node, Node]] = []
    first: dict[str, Node] = {}
    terms = [key.value.strip() if isinstance(key, ScalarNode) else "" for key, _ in node.value]
    if dirty:
        terms = [clean(term).strip() for term in terms]
    # Names bound once: this loop runs once per entry, 50,000 times for a large glossary.
    add, pair = entries.append, (pairs.append if nodes else None)
    short, split, scalar = short_entry, split_glosses, ScalarNode
    for (key, value), term, norm in zip(node.value, terms, term_keys(terms, lang)):
        if not isinstance(key, ScalarNode):
            findings.error("a term must be text", key)
            continue
        if not term:
            findings.error("empty term", key)
            continue
        if norm in first:
            findings.error(f"duplicate term {term!r} (first at line {line_of(first[norm])})", key)
            continue
        first[norm] = key
        # Most entries are `term: gloss；gloss`; they skip the general path (a third faster).
        if value.__class__ is scalar and value.tag == STR and not dirty:
            add(short(term, lang, split(value.value)))
            if pair is not None:
                pair((key, value))
            continue
        entry = parse_entry(term, value, lang, path, findings)
        if entry is not None:
            if dirty:
                cleaned = clean_entry(entry)
                if cleaned != entry or cleaned.extra != entry.extra or term != key.value.strip():
                    findings.warning(f"control characters removed from entry {term!r}", key)
                entry = cleaned
            add(entry)
            if pair is not None:
                pair((key, value))
    return tuple(entries), tuple(pairs)


def entries_of(body: str, path: Path, findings: Findings) -> tuple[str, tuple[Entry, ...]]:
    """Language and entries of a glossary text, without keeping its nodes.

    The node tree is dropped while the collector is still paused: it is a few hundred
    thousand objects for a large glossary, and a collection over them would cost as much as
    the parse itself.
    """
    with no_gc():
        parsed = parse(body, path, findings, nodes=False)
        result = parsed.lang, parsed.entries
        del parsed
    return result
