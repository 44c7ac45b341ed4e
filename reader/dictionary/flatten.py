"""Dictionary markup as plain text: HTML (StarDict `h`, `g`, `x` fields) and Yomitan's
structured content. Blocks and line breaks become new lines, ruby keeps its base text with
the reading in parentheses, images and scripts are dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from reader.html_tags import BLOCK_TAGS

_DROP = frozenset({"script", "style", "img", "rt", "rp", "audio", "video", "object"})
_BLANKS = re.compile(r"[ \t\u00a0]+")


def tidy(text: str) -> str:
    """Blank runs as one space, no empty lines, no spaces at line ends."""
    if "\n" not in text and "  " not in text and "\t" not in text and "\u00a0" not in text:
        return text.strip()
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _BLANKS.sub(" ", text)
    return "\n".join(line for line in map(str.strip, text.split("\n")) if line)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.skip += tag not in ("img",)
        elif tag == "br" or tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP and tag != "img":
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def html_to_text(html: str) -> str:
    """Markup as text; text without any `<` comes back tidied, unparsed."""
    if "<" not in html and "&" not in html:
        return tidy(html)
    parser = _Text()
    parser.feed(html)
    parser.close()
    return tidy("".join(parser.out))


def structured_to_text(node: Any) -> str:
    """Yomitan structured content (strings, lists, {tag, content} objects) as text."""
    out: list[str] = []
    _walk(node, out, 0)
    return tidy("".join(out))


def _walk(node: Any, out: list[str], depth: int) -> None:
    # The hot loop of indexing a Yomitan dictionary: strings, the commonest children, are
    # appended without a call of their own.
    if depth > 64:  # content nested deeper than any real entry: a malicious file
        raise ValueError("structured content nested too deeply")
    kind = type(node)
    if kind is str:
        out.append(node)
    elif kind is list:
        for child in node:
            if type(child) is str:
                out.append(child)
            else:
                _walk(child, out, depth + 1)
    elif kind is dict:
        tag = node.get("tag")
        if tag in ("img", "rt", "rp") or node.get("type") == "image":
            return
        if tag == "br":
            out.append("\n")
            return
        block = tag in BLOCK_TAGS
        if block:
            out.append("\n")
        if tag == "ruby":
            _ruby(node, out, depth)
        else:
            content = node.get("content", "")
            if type(content) is str:
                out.append(content)
            else:
                _walk(content, out, depth + 1)
        if block:
            out.append("\n")


def _ruby(node: dict[str, Any], out: list[str], depth: int) -> None:
    content = node.get("content", "")
    children = content if isinstance(content, list) else [content]
    base: list[str] = []
    reading: list[str] = []
    for child in children:
        if isinstance(child, dict) and child.get("tag") == "rt":
            _walk(child.get("content", ""), reading, depth + 1)
        elif not (isinstance(child, dict) and child.get("tag") == "rp"):
            _walk(child, base, depth + 1)
    out.append("".join(base))
    if reading:
        out.append(f"({''.join(reading)})")
