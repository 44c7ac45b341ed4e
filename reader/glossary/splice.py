"""Where an edit goes in a glossary's text: each change is a splice (start, end, new text)
computed from node positions, and all of a save's splices are applied in one pass."""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reader.errors import ReaderError
from reader.glossary import render
from reader.glossary.parse import Parsed
from reader.model import Entry

# One change to a text: replace body[start:end] with the string. Several are applied in one
# pass (`apply`), so a save of thousands of entries copies the file once, not once each.
Splice = tuple[int, int, str]


def apply(body: str, splices: list[Splice], path: Path) -> str:
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


def newline(body: str) -> str:
    return "\r\n" if "\r\n" in body else "\n"


def own_step(key: Node, value: Node) -> int | None:
    if isinstance(value, MappingNode) and not value.flow_style and value.value:
        step = int(value.value[0][0].start_mark.column - key.start_mark.column)
        if step > 0:
            return step
    return None


def step_of(parsed: Parsed) -> int:
    """The file's own indentation step, read from a long-form entry when there is one."""
    for key, value in parsed.pairs:
        step = own_step(key, value)
        if step is not None:
            return step
    node, key = parsed.entries_node, parsed.entries_key
    if isinstance(node, MappingNode) and key is not None and node.value and not node.flow_style:
        step = int(node.start_mark.column - key.start_mark.column)
        if step > 0:
            return step
    return 2


def splice_add(
    body: str,
    parsed: Parsed,
    entries: list[Entry],
    path: Path,
    nl: str | None = None,
    step: int | None = None,
) -> Splice:
    """New entries after the last one, in the style of the mapping that holds them; `nl`
    and `step` are the file's, found here unless given (`newline`, `step_of`)."""
    nl = nl or newline(body)
    node = parsed.entries_node
    step = step or step_of(parsed)

    def block(indent: int) -> str:
        return "".join(" " * indent + render.block(e, indent, step, nl) + nl for e in entries)

    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        indent = int(node.start_mark.column)
        at = _line_end(body, _content_end(node.value[-1][1], body))
        lead = "" if at == 0 or body[at - 1] == "\n" else nl
        return at, at, lead + block(indent)
    if isinstance(node, MappingNode) and node.value:  # flow style, kept flow
        at = _content_end(node.value[-1][1], body)
        return at, at, "".join(", " + render.flow(e) for e in entries)
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


def splice_update(body: str, parsed: Parsed, i: int, entry: Entry, nl: str, step: int) -> Splice:
    """One entry's new text over its old text; `nl` and `step` are the file's (`newline`,
    `step_of`), found once per save rather than once per entry."""
    key, value = parsed.pairs[i]
    node = parsed.entries_node
    assert isinstance(node, MappingNode)
    start = _pair_start(key, body)
    end = max(_content_end(value, body), int(key.end_mark.index))
    if node.flow_style:
        return start, end, render.flow(entry)
    # An entry keeps its own indentation step when it had one.
    step = own_step(key, value) or step
    text = render.block(entry, int(node.start_mark.column), step, nl)
    # A comment after a one-line entry moves to the key line of its longer form: after the
    # last line it could end up inside a literal block (`note: |`).
    eol = _line_end(body, end)
    while eol > end and body[eol - 1] in "\r\n":
        eol -= 1
    first, sep, others = text.partition(nl)
    if sep and body[end:eol].strip().startswith("#"):
        text, end = first + body[end:eol] + sep + others, eol
    return start, end, text


def splice_remove(body: str, parsed: Parsed, i: int) -> Splice:
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
