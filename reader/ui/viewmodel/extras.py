"""What books and films add around a paragraph, in every layout mode: a subtitle's time above
its cue, ruby readings above the characters they read, footnotes under their paragraph, a
rule under a chapter heading.

All of it is drawn as annotations (`Part.text`): lines of their own that are not part of the
document, so the cursor, a selection, the glossary and a saved position never land in them,
and the words of the text keep their offsets. A mode lays a segment out as it always does;
`dress` then opens rows for these lines and shifts the parts below them.

Ruby is drawn as furigana are printed, a reading line over the base line, each reading
centred over its characters (pushed right when two would touch): writing `漢字(かんじ)`
into the line instead would change the text the glossary matches and the offsets it
points at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rich.cells import cell_len

from reader.model import Cue, Ruby, Segment
from reader.ui.viewmodel.layout import INDENT, Block, Geometry, Lines, Part, finish
from reader.ui.viewmodel.wrap import estimate_rows, wrap

RULE = "━"  # under a chapter (level-1) heading, across its column


def cue_label(cue: Cue) -> str:
    """`0:01:02.5 → 0:01:05.0`: the hour always, tenths because cues are that short."""
    return f"{_clock(cue.start)} → {_clock(cue.end)}"


def _clock(seconds: float) -> str:
    tenths = round(max(seconds, 0.0) * 10)
    whole, tenth = divmod(tenths, 10)
    minutes, secs = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}.{tenth}"


def has_rule(seg: Segment) -> bool:
    """Whether a rule goes under the segment: a chapter's heading (level 1). A heading
    without a level (an article's subheading, imported before levels were kept) is drawn
    bold as before, not ruled off like a chapter."""
    return seg.kind == "heading" and seg.level == 1


def reading_line(text: str, start: int, end: int, ruby: Iterable[Ruby]) -> str:
    """The readings of the characters `start`..`end` of `text` (one drawn line), each
    centred over its base in cells, never touching the one before."""
    out = ""
    for r in sorted(ruby, key=lambda r: r.start):
        if not start <= r.start < end:
            continue
        base = cell_len(text[start : r.start])
        width = cell_len(text[r.start : min(r.end, end)])
        column = base + (width - cell_len(r.reading)) // 2
        used = cell_len(out)
        column = max(column, used + 1 if out else 0, 0)
        out += " " * (column - used) + r.reading
    return out


def _annotation(column: int, top: int, text: str, style: str, indent: int = 0) -> Part:
    return Part(
        "source", column, top, Lines([(0, len(text))]), indent=indent, style=style, text=text
    )


def _with_ruby(part: Part, seg: Segment) -> list[Part]:
    """A source part cut into its lines, each line with readings under a reading line."""
    text = seg.source.text
    out: list[Part] = []
    top = part.top
    for line in part.lines:
        readings = reading_line(text, line[0], line[1], seg.ruby)
        if readings:
            out.append(_annotation(part.column, top, readings, "ruby", part.indent))
            top += 1
        out.append(replace(part, top=top, lines=Lines([line])))
        top += 1
    return out


def dress(block: Block, seg: Segment, geo: Geometry) -> Block:
    """`block` with the cue time, ruby readings, footnotes and chapter rule of `seg`."""
    heading_rule = has_rule(seg)
    if not (seg.cue or seg.ruby or seg.notes or heading_rule):
        return block
    above = 1 if seg.cue is not None else 0
    parts: list[Part] = []
    if seg.cue is not None:
        parts.append(_annotation(0, 0, cue_label(seg.cue), "cue"))
    # Column by column, top to bottom: rows opened for readings push down what follows in
    # the same column; a column beside the original moves down by the reading line over
    # its first line only, so a translation starts beside the text, not beside readings.
    lead = 0
    for column in sorted({p.column for p in block.parts}):
        opened = above
        for part in sorted((p for p in block.parts if p.column == column), key=lambda p: p.top):
            moved = replace(part, top=part.top + opened)
            if seg.ruby and part.side == "source" and not part.annotation and part.lines:
                pieces = _with_ruby(moved, seg)
                opened += len(pieces) - len(part.lines)
                if part.top == 0 and pieces[0].annotation:
                    lead = 1
                parts += pieces
            else:
                parts.append(moved)
    if lead:
        source_columns = {p.column for p in block.parts if p.side == "source"}
        parts = [p if p.column in source_columns else replace(p, top=p.top + lead) for p in parts]
    bottom = max((p.top + len(p.lines) for p in parts), default=0)
    if heading_rule:
        for column in sorted({p.column for p in parts}):
            width = geo.columns[column][1]
            parts.append(_annotation(column, bottom, RULE * width, "heading-rule"))
        bottom += 1
    if seg.notes:
        width = geo.columns[0][1]
        for note in seg.notes:
            lines = Lines(wrap(note, max(width - INDENT, 1)))
            parts.append(
                Part("source", 0, bottom, lines, indent=INDENT, style="footnote", text=note)
            )
            bottom += len(lines)
    return finish(parts)


def extra_rows(seg: Segment, geo: Geometry) -> int:
    """Rows `dress` will probably add, without wrapping."""
    rows = 1 if seg.cue is not None else 0
    if has_rule(seg):
        rows += 1
    width = geo.columns[0][1]
    if seg.ruby:
        rows += min(len(seg.ruby), estimate_rows(seg.source.text, width))
    for note in seg.notes:
        rows += estimate_rows(note, max(width - INDENT, 1))
    return rows
