"""Loading YAML that a person wrote: safely, completely checked, with errors that point at a line.

PyYAML's safe loader already refuses to build Python objects, but on its own it silently
keeps the last of two equal keys, expands "billion laughs" alias bombs without limit, and
counts lines from 0. Everything in reader that reads hand-editable YAML (documents,
glossaries) goes through here so those rules hold in one place:

- `compose(text, path)` parses one document into PyYAML nodes with libyaml's C composer when
  it is installed (the pure-Python one otherwise), rejects non-standard tags (`!!python/...`,
  `!custom`) and alias expansions beyond a small budget, and turns every parser error into a
  `ReaderError` with a 1-based line and column.
- `check_duplicate_keys(node, path)` finds the first mapping key written twice.
- `safe_load(text, path)` is both of the above followed by PyYAML's safe constructor: the
  drop-in replacement for `yaml.safe_load` with errors a user can act on.

Callers that walk the nodes themselves (the glossary keeps node positions for careful saving)
use `compose` and check keys as they go.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reader.errors import ReaderError
from reader.gcpause import no_gc

__all__ = [
    "STANDARD_TAGS",
    "check_duplicate_keys",
    "compose",
    "construct",
    "key_identity",
    "mark_position",
    "safe_load",
]

_T = "tag:yaml.org,2002:"
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader with a leaner tag resolver.

    libyaml calls back into Python to resolve the tag of every node; for a 50,000-entry
    glossary that is 200,000 calls. This resolver gives the same answers as PyYAML's for the
    safe schema (a test compares them) without its path-resolver bookkeeping, which the safe
    loader never uses.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _resolve(kind, value, implicit)

    # Path resolvers are never registered on the safe loader; these run for every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        # The composer calls these two for each node and ignores what they return; builtins
        # in their place do nothing without a Python frame (7 % of composing a large file).
        self.descend_resolver = {}.get  # type: ignore[method-assign, assignment]
        self.ascend_resolver = int  # type: ignore[method-assign, assignment]
        # Field names, statuses and many glosses repeat thousands of times in a glossary;
        # a cache answers them in C, without a Python call. It must not refer back to the
        # loader: a loader -> cache -> bound method -> loader cycle outlived the load, and
        # the collector then had to scan the cache's ~100,000 key tuples (a fifth of
        # loading a 50,000-entry glossary). Without the cycle, cache and loader are freed
        # as soon as composing ends.
        self.resolve = functools.lru_cache(maxsize=None)(_resolve)  # type: ignore[method-assign]


def _resolve(kind: Any, value: Any, implicit: Any) -> str:
    """The tag PyYAML's safe resolver gives a node (it has no path resolvers)."""
    if kind is ScalarNode:
        if implicit[0]:
            for tag, regexp in Loader.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _T + "str"
    return _T + ("seq" if kind is SequenceNode else "map")


# The tags PyYAML's safe constructor knows. Anything else is either a request to build a
# Python object (`!!python/object`) or an application tag we would not understand.
STANDARD_TAGS = frozenset(
    _T + name
    for name in (
        "null", "bool", "int", "float", "str", "binary", "timestamp",
        "seq", "map", "set", "omap", "pairs", "merge", "value",
    )
)  # fmt: skip

# An alias may repeat a small structure a few times (that is what anchors are for), but a
# document whose expansion is far larger than what is written is an attack or a mistake.
_ALIAS_FACTOR = 10
_ALIAS_SLACK = 10_000


def mark_position(mark: Any) -> tuple[int | None, int | None]:
    """PyYAML's 0-based mark as the 1-based (line, column) editors show."""
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _error(path: str | Path, message: str, mark: Any) -> ReaderError:
    line, column = mark_position(mark)
    return ReaderError(path, message, line, column)


def compose(text: str, path: str | Path) -> Node | None:
    """Parse one YAML document into nodes; None for a document with no content.

    Raises ReaderError for broken YAML, a second document, a non-standard tag, or aliases
    that expand beyond a small budget. Node marks keep PyYAML's 0-based positions; their
    `index` is a character offset into `text` (libyaml does not count a leading BOM).
    """
    loader = Loader(text)
    try:
        with no_gc():
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or "not valid YAML"
        if exc.context and exc.context.startswith("expected"):
            problem = f"{exc.context}, {problem}"
        elif exc.context:
            problem = f"{problem} ({exc.context})"
        raise _error(path, f"broken YAML: {problem}", exc.problem_mark) from None
    except yaml.reader.ReaderError as exc:  # bad characters: a position, not a mark
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "?")
        raise ReaderError(path, f"broken YAML: {exc.reason} (#x{char:04x})", line, column) from None
    except yaml.YAMLError as exc:
        raise ReaderError(path, f"broken YAML: {exc}") from None
    except RecursionError:  # the pure-Python parser, where libyaml is missing
        raise ReaderError(path, "broken YAML: nested too deeply") from None
    finally:
        loader.dispose()
    if node is None:
        return None
    # Tags and aliases can only be written with `!` and `*`: most files skip both walks.
    if "!" in text:
        _check_tags(node, path)
    if "*" in text:
        _check_alias_budget(node, path)
    return node


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_tags(root: Node, path: str | Path) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in STANDARD_TAGS:
            raise _error(
                path, f"unsafe tag {node.tag!r}: only plain YAML is allowed", node.start_mark
            )
        stack.extend(_children(node))


def _check_alias_budget(root: Node, path: str | Path) -> None:
    """Reject recursive aliases and documents whose expansion dwarfs what is written.

    The composer shares one node object between an anchor and its aliases, so the expanded
    size of each node is computed once (memoised by identity) and the check stays linear.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        if key in on_path:
            raise _error(path, "recursive alias: an anchor refers to itself", node.start_mark)
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise _error(path, "recursive alias: an anchor refers to itself", child.start_mark)
            if id(child) not in size:
                stack.append((child, False))
    expanded = size[id(root)]
    if expanded > _ALIAS_FACTOR * len(size) + _ALIAS_SLACK:
        raise _error(
            path,
            f"aliases expand {len(size)} written nodes to {expanded}: refusing to load",
            root.start_mark,
        )


def key_identity(node: Node) -> Any:
    """What makes two mapping keys equal once constructed (`1` and `0x1` are one key)."""
    if isinstance(node, ScalarNode):
        if node.tag == _T + "str":
            return node.value
        try:
            ident = (node.tag, _Constructor().construct_object(node))
            hash(ident)
            return ident
        except yaml.YAMLError:  # the constructor reports it with its position later
            return (node.tag, node.value)
        except TypeError:  # an unhashable value: compare as written
            return (node.tag, node.value)
    return ("node", id(node))  # complex keys are rare enough to compare by identity


def check_duplicate_keys(root: Node, path: str | Path) -> None:
    """Raise ReaderError at the second occurrence of any mapping key written twice."""
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            first: dict[Any, Node] = {}
            for key, _value in node.value:
                if key.tag == _T + "merge":
                    continue
                ident = key_identity(key)
                try:
                    earlier = first.setdefault(ident, key)
                except TypeError:  # an unhashable constructed key; the constructor will say
                    continue
                if earlier is not key:
                    where = earlier.start_mark.line + 1
                    raise _error(
                        path,
                        f"duplicate key {key.value!r} (first at line {where})"
                        if isinstance(key, ScalarNode)
                        else f"duplicate key (first at line {where})",
                        key.start_mark,
                    )
        stack.extend(_children(node))


class _Constructor(yaml.constructor.SafeConstructor):  # type: ignore[misc]
    """The safe constructor, with a position for values it cannot build.

    PyYAML lets a bad date (`2024-13-45`) or an explicitly tagged value that does not fit its
    tag (`!!bool maybe`, `!!timestamp soon`) escape as a bare ValueError, KeyError or
    AttributeError; here each becomes an error at the node that holds it.
    """

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError, KeyError, AttributeError, IndexError) as exc:
            kind = str(node.tag).rsplit(":", 1)[-1]
            detail = f" ({exc})" if isinstance(exc, ValueError) and str(exc) else ""
            message = f"cannot read {node.value!r} as {kind}{detail}"
            if not isinstance(node, ScalarNode):
                message = f"cannot read this {kind}{detail}"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None


def construct(node: Node, path: str | Path) -> Any:
    """Build plain Python data from checked nodes with PyYAML's safe constructor."""
    constructor = _Constructor()
    try:
        with no_gc():
            return constructor.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _error(path, f"bad value: {exc.problem}", exc.problem_mark) from None
    except RecursionError:
        raise ReaderError(path, "nested too deeply to read") from None


def safe_load(text: str, path: str | Path) -> Any:
    """`yaml.safe_load` for files a person edits: every problem is a one-line ReaderError.

    Broken syntax, duplicate keys, `!!python/...` and other non-standard tags, and alias
    bombs are refused with the file, line and column. An empty document loads as None.
    """
    node = compose(text, path)
    if node is None:
        return None
    check_duplicate_keys(node, path)
    return construct(node, path)
