"""Wrapping paragraphs to a width in terminal cells, in logical order.

A line is a `(start, end)` span of the paragraph text, so everything drawn on it (term marks,
the sentence cursor, search hits, a mouse selection) is expressed in the same character
offsets as the document itself. Rules, in the order a reader would notice them missing:

- Width is counted in cells: Chinese and other wide characters take two, combining marks
  none, and a wide character is never split across the edge.
- Closing punctuation (，。、；：？！）」』 ...) never starts a line and opening punctuation never
  ends one (kinsoku): both are glued to their neighbour before lines are filled.
- Latin words break at spaces and after a hyphen (`open-` / `source`), and are cut by cell
  only when a single word is wider than the whole line.

Trailing spaces are left out of a line's span and leading spaces of the next are skipped,
so a line never starts with a space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import cell_len

# East Asian wide and fullwidth blocks, as far as text in these documents goes.
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd"
)
# The same sets written the other way round, which is how the patterns below use them: `re`
# compiles a class character by character, and the 23,000 code points outside `_WIDE` compile
# in 60% of the time of the 42,000 inside it (each class of a pattern costs milliseconds,
# paid before the first frame of a Chinese text). `[^{_NOT_WIDE}]` is `[{_WIDE}]`, and
# `[{_WORD}]` is `[^\s{_WIDE}]`: tests/test_ui_wrap.py checks every code point.
_NOT_WIDE = (
    "\x00-\u10ff\u1160-\u2e7f\u303f-\u3040\u4dc0-\u4dff\ua4d0-\uabff\ud7a4-\uf8ff"
    "\ufb00-\ufe2f\ufe50-\ufeff\uff61-\uffdf\uffe7-\U0001ffff\U0003fffe-\U0010ffff"
)
_WORD = (
    "\x00-\x08\x0e-\x1b\x21-\x84\x86-\x9f\xa1-\u10ff\u1160-\u167f\u1681-\u1fff"
    "\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2e7f\u303f-\u3040\u4dc0-\u4dff"
    "\ua4d0-\uabff\ud7a4-\uf8ff\ufb00-\ufe2f\ufe50-\ufeff\uff61-\uffdf"
    "\uffe7-\U0001ffff\U0003fffe-\U0010ffff"
)
# Never at the start of a line (kinsoku shori, and the Chinese rule it shares).
CLOSING = "，。、；：？！）」』》〉】〕］｝…‥・ー〜ゝゞ々”’%％,.;:!?)]}"
# Never at the end of a line.
OPENING = "（「『《〈【〔［｛“‘"

_close = re.escape(CLOSING)
_open = re.escape(OPENING)


# An atom is what a line break may not cut, with the spaces after it: a word (with any
# opening punctuation before it and closing punctuation after it), one wide character with
# the same glue, or a run of wide characters that may break anywhere (none of them followed
# by closing punctuation), which is filled by arithmetic instead of character by character.
# Combining marks are not wide and not spaces, so they stay in their atom. Compiled on first
# use (a few milliseconds): text of one-cell characters never needs it.
@lru_cache(maxsize=1)
def _atom() -> re.Pattern[str]:
    return re.compile(
        rf"(?:(?P<han>(?:[^{_NOT_WIDE}](?<![{_close}{_open}])(?![{_close}]))+)"
        rf"|(?P<word>[{_open}]*[{_WORD}]+[{_close}]*)"
        rf"|(?P<wide>[{_open}]*[^{_NOT_WIDE}][{_close}]*))"
        rf"(?P<space>\s*)"
    )


_ASCII_CLOSING = re.escape(",.;:!?)]}%…”’")
# Latin, Greek and Cyrillic letters and general punctuation: one cell each, no combining
# marks, no wide characters; the text the fast path in `wrap` handles.
_NARROW = re.compile(r"[\x20-\x7e\u00a0-\u02ff\u0370-\u052f\u2010-\u2027\u2030-\u205e]*\Z")
_WIDE_RUN = re.compile(f"[^{_NOT_WIDE}]+")
_HYPHEN_PIECE = re.compile(r"[^-]*-+(?=[^-])|[^-]+-*$|-+$")


def _width(s: str) -> int:
    return len(s) if s.isascii() else cell_len(s)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Break `text` into lines no wider than `width` cells; at least one line, even if empty."""
    width = max(width, 1)
    if width >= 2 and _NARROW.match(text):
        # Only one-cell characters (most of an English or Dutch book): one regex search per
        # line does what the loop below does per word, at C speed. Tests hold the two to the
        # same lines.
        return [m.span() for m in _ascii_line(width).finditer(text)] or [(0, 0)]
    return wrap_atoms(text, width)


@lru_cache(maxsize=256)
def _ascii_line(width: int) -> re.Pattern[str]:
    # The longest run of at most `width` characters from a non-space that ends before a
    # space (or the end), or just after a hyphen inside a word; else a too-long word cut at
    # `width`, keeping closing punctuation with it.
    return re.compile(
        rf"\S(?:.{{0,{width - 2}}}\S)?(?:(?=\s|$)|(?:(?<=[^\s-]-)|(?<=[^\s-]--))(?=[^\s-]))"
        rf"|\S{{{width}}}[{_ASCII_CLOSING}]*"
        rf"|\S+"
    )


def wrap_atoms(text: str, width: int) -> list[tuple[int, int]]:
    """`wrap` for any script, atom by atom (see the module docstring for the rules)."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    line_start = -1  # -1: no visible atom on the current line yet
    line_end = 0
    used = 0  # cells of the current line up to line_end
    pending = 0  # cells of the spaces after line_end, counted only if a word follows

    for m in _atom().finditer(text):
        if m.group("han") is not None:
            start, end = m.span("han")
            pos = start
            while pos < end:
                room = width - used - pending if line_start >= 0 else width
                take = min(end - pos, room // 2)
                if take > 0:
                    if line_start < 0:
                        line_start, used, pending = pos, 0, 0
                    used += pending + 2 * take
                    pending = 0
                    pos += take
                    line_end = pos
                    continue
                if line_start >= 0:
                    lines.append((line_start, line_end))
                    line_start, used, pending = -1, 0, 0
                elif width < 2:  # narrower than one character: one per line, overflowing
                    lines.append((pos, pos + 1))
                    pos += 1
        else:
            group = "word" if m.group("word") is not None else "wide"
            start, end = m.span(group)
            atom = m.group(group)
            w = _width(atom)
            if line_start >= 0 and used + pending + w <= width:
                used += pending + w
                line_end = end
                pending = 0
            else:
                # The atom does not fit on this line (or the line is empty).
                pieces = (
                    _split_long(atom, start, width) if w > width or "-" in atom else [(start, end)]
                )
                for p_start, p_end in pieces:
                    pw = _width(text[p_start:p_end])
                    if line_start >= 0 and used + pending + pw <= width:
                        used += pending + pw
                        line_end = p_end
                        pending = 0
                        continue
                    if line_start >= 0:
                        lines.append((line_start, line_end))
                    line_start, line_end, used, pending = p_start, p_end, pw, 0
        space = m.group("space")
        if space and line_start >= 0:
            pending = len(space)
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def _split_long(atom: str, offset: int, width: int) -> list[tuple[int, int]]:
    """Pieces of a word that may go on separate lines: after hyphens, then by cell if needed."""
    pieces: list[tuple[int, int]] = []
    if "-" in atom and not atom.startswith("-"):
        bounds = [(m.start(), m.end()) for m in _HYPHEN_PIECE.finditer(atom) if m.end() > m.start()]
    else:
        bounds = [(0, len(atom))]
    for b_start, b_end in bounds:
        piece = atom[b_start:b_end]
        if _width(piece) <= width:
            pieces.append((offset + b_start, offset + b_end))
            continue
        pieces.extend((offset + b_start + s, offset + b_start + e) for s, e in _cut(piece, width))
    return pieces


def _cut(piece: str, width: int) -> list[tuple[int, int]]:
    """Cut a too-long word by cells, never before a combining mark or closing punctuation
    (the line then runs over by that one character rather than break a rule a reader sees)."""
    out: list[tuple[int, int]] = []
    start, used = 0, 0
    for i, ch in enumerate(piece):
        w = cell_len(ch)
        if used + w > width and i > start and not unicodedata.combining(ch) and ch not in CLOSING:
            out.append((start, i))
            start, used = i, 0
        used += w
    out.append((start, len(piece)))
    return out


def estimate_rows(text: str, width: int) -> int:
    """A quick guess at `len(wrap(text, width))`, for layouts drawn before wrapping finishes.

    Rounded up by a tenth so that an estimated paragraph rarely loses its last line while the
    exact layout is still being built.
    """
    # Wide characters counted by a C-speed regex: this runs over a whole book at once.
    cells = len(text) if text.isascii() else len(text) + sum(map(len, _WIDE_RUN.findall(text)))
    return max(1, -(-cells * 11 // (max(width, 1) * 10)))
