"""Keeping control characters out of the terminal.

A text a learner imports (or a document or glossary edited by someone else) may hold bytes
a terminal obeys rather than shows: OSC 52 sets the clipboard, OSC 0 the window title, CSI 6n
makes the terminal type into the program, C1 controls do the same in one byte, and bidi
overrides make text read differently from what it is. Two lines of defence:

- `clean(text)` for what comes in: imported files, documents and glossaries read from disk,
  entries typed in the app. Controls are removed (a vertical tab, form feed or NEL, which
  separate lines in the texts that use them, become a line break); a lone surrogate, which
  is not a character, becomes U+FFFD.
- `visible(text)` for what goes out: every display and output path, error lines included.
  Each control is shown as a visible stand-in (`␛` for ESC, `<U+202E>` for a bidi
  override), so nothing is hidden and nothing is obeyed. `visible_line` also shows line
  breaks, for text that must stay on one line (an error message naming a file).

What counts as a control: C0 except tab and line feed, DEL, C1, the bidi embedding,
override and isolate controls (U+202A-U+202E, U+2066-U+2069), and lone surrogates. Marks
that only steer neighbouring characters (LRM, RLM, ALM, ZWJ) are ordinary text.
"""

from __future__ import annotations

import re

__all__ = ["CONTROLS", "clean", "has_controls", "visible", "visible_line"]

CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(f"[{CONTROLS}]")
_CONTROL_OR_BREAK = re.compile(f"[{CONTROLS}\n]")
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\r": "\n"}


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def _cleaned(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return _LINE_BREAKS.get(char, "")


def clean(text: str) -> str:
    """`text` without control characters (see the module doc); unchanged when it has none."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_cleaned, text.replace("\r\n", "\n"))


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ … ␛ …
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control shown instead of obeyed; tabs and line breaks kept."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_shown, text)


def visible_line(text: str) -> str:
    """`visible`, and line breaks shown too: the text stays on one line."""
    if _CONTROL_OR_BREAK.search(text) is None:
        return text
    return _CONTROL_OR_BREAK.sub(_shown, text)
