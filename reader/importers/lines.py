"""Lines of an input file and the small facts about them every importer asks.

Importers work on numbered, non-blank lines so that whatever they cannot classify is reported
with the line it came from, and so that "a blank line between every line" (the hard-wrapped
op-ed) and "no blank lines at all" (one paragraph per line) are both visible to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """A non-blank input line: its 1-based number (for reports) and its text, right-stripped.

    `blank_before` tells whether a blank line separates it from the previous non-blank line:
    the one signal a plain text has for where its paragraphs end.
    """

    number: int
    text: str
    blank_before: bool
    # Not text to read: "comment" (HTML), "front matter" (YAML/TOML header), "code" (a
    # fenced block). Kept as note segments, never used to detect the language.
    markup: str = ""


# Unicode's whitespace plus the ideographic space learners' Chinese notes are full of.
_SPACES = " \t\u3000\u00a0\u200b\ufeff"


def numbered_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, with numbers, blank-line flags and markup kinds."""
    out: list[Line] = []
    blank = False
    raws = text.split("\n")
    markup = _Markup(raws)
    for number, raw in enumerate(raws, start=1):
        stripped = raw.rstrip(_SPACES + "\r")
        if not stripped.strip(_SPACES):
            blank = True
            continue
        kind = markup.kind(stripped, number - 1, not out)
        out.append(Line(number, stripped, blank and bool(out), kind))
        blank = False
    return out


_FRONT_MATTER = {"---": "---", "+++": "+++"}
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


class _Markup:
    """Which lines are markup rather than text, one line at a time (so in linear time):
    HTML comments (which may span lines), front matter opening the file, fenced code.
    What opens a span counts only when what closes it follows within `_REACH` lines: an
    unclosed `<!--` or a `---` rule must not swallow the rest of a file."""

    _REACH = 200

    def __init__(self, raws: list[str]) -> None:
        self._raws = raws
        self._until = ""  # what closes the markup we are in
        self._kind = ""

    def _closes(self, index: int, closing: str, kind: str) -> bool:
        for raw in self._raws[index + 1 : index + 1 + self._REACH]:
            text = raw.strip(_SPACES + "\r")
            if (closing in text) if kind == "comment" else text.startswith(closing):
                return True
        return False

    def kind(self, line: str, index: int, first: bool) -> str:
        text = line.strip(_SPACES)
        if self._until:
            kind = self._kind
            if self._kind == "comment":
                if "-->" in text:
                    self._until = ""
            elif text.startswith(self._until) and (self._kind != "code" or not text.strip("`~")):
                self._until = ""
            return kind
        if first and text in _FRONT_MATTER and self._closes(index, text, "front matter"):
            self._until, self._kind = _FRONT_MATTER[text], "front matter"
            return self._kind
        if text.startswith("<!--"):
            if "-->" not in text:
                if not self._closes(index, "-->", "comment"):
                    return ""
                self._until, self._kind = "-->", "comment"
            elif not text.endswith("-->"):
                return ""  # a comment and text after it on one line: text
            return "comment"
        fence = _FENCE.match(line)
        if fence and self._closes(index, fence.group(1)[:3], "code"):
            self._until, self._kind = fence.group(1)[:3], "code"
            return "code"
        return ""


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines not separated by a blank line."""
    out: list[list[Line]] = []
    for line in lines:
        if line.blank_before or not out:
            out.append([line])
        else:
            out[-1].append(line)
    return out


# What may close a sentence, and what may stand after the stop ("... end." ” ) ■).
_STOPS = ".!?…。！？"
_CLOSERS = "\"'”’»」』）)]】》■ *_"


def ends_sentence(text: str) -> bool:
    """Whether `text` ends like a finished sentence (a stop, maybe inside quotes or brackets)."""
    core = text.rstrip(_SPACES + _CLOSERS)
    return bool(core) and core[-1] in _STOPS


def ends_clause(text: str) -> bool:
    """Like `ends_sentence`, but a colon or semicolon counts: the text goes on after it."""
    core = text.rstrip(_SPACES + _CLOSERS)
    return bool(core) and (core[-1] in _STOPS or core[-1] in ":;：；,，")


def is_cjk(ch: str) -> bool:
    """Han, kana, Hangul and CJK punctuation: characters that join without spaces."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFF60
        or 0x20000 <= code <= 0x2FFFF
    )


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def markdown_heading(text: str) -> tuple[int, str] | None:
    """(level, text) of a `#` heading line, else None."""
    text = text.strip()
    if not text.startswith("#"):  # the common case, without a regex
        return None
    m = _HEADING.match(text)
    if m and m.group(2):
        return len(m.group(1)), m.group(2)
    return None


_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_ITALIC = re.compile(r"^(?:\*(?!\*)(.+?)(?<!\*)\*|_(?!_)(.+?)(?<!_)_)$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")


def is_image(text: str) -> bool:
    text = text.strip()
    return text.startswith("![") and bool(_IMAGE.match(text))


def italic_line(text: str) -> str | None:
    """The text of a line written wholly in `*italics*` (the byline convention), else None."""
    text = text.strip()
    if text[:1] not in ("*", "_") or text[-1:] not in ("*", "_"):
        return None
    m = _ITALIC.match(text)
    if not m:
        return None
    return (m.group(1) or m.group(2)).strip()


def is_rule(text: str) -> bool:
    """A Markdown thematic break (`---`, `***`)."""
    text = text.strip()
    return text[:1] in ("-", "*", "_") and len(text) < 80 and bool(_RULE.match(text))
