"""Which style each character of a paragraph is drawn in, by name.

Styles come in layers, each a span of one side of a segment and a component name of the
reading view ("term-new", "cursor" ...); the view turns names into colours from the theme.
Static layers change only with the glossary or the layout (headings, the translation style,
terms and their overlaps); dynamic ones follow the learner (cursor, counterpart, search
hits, word cursor, selection) and are drawn above them. A side is cut once into runs of one
static combination, which every line slices; the dynamic layers go on top line by line, so
moving the cursor never recomputes a paragraph dense with terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from reader.marks import TermMark
from reader.model import Segment, Text
from reader.ui.viewmodel.modes import Mode
from reader.ui.viewmodel.navigator import Cursor, TextPick

if TYPE_CHECKING:
    from reader.ui.viewmodel.search import Search

Layer = tuple[int, int, str]  # start, end, component name
Combo = tuple[str, ...]  # component names, lowest first

# A heading's depth as a style: a chapter, a section, and anything deeper (a terminal has
# bold, underline and italic to tell them apart, not sizes).
HEADING_LEVELS = ("heading-1", "heading-2", "heading-3")
LEVELS = 5  # learning levels, 1 to 5
# A learning term is drawn as its level ("term-learning-3"); the view grades the colour
# from "term-learning" toward "term-known". A learning entry without a level is level 1.
LEARNING = tuple(f"term-learning-{n}" for n in range(LEVELS, 0, -1))
# How static layers stack, lowest first: where terms overlap, the least known one shows.
# An unknown word (in no glossary, not known) lies under every glossary term.
STATIC_ORDER = (
    "heading",
    *HEADING_LEVELS,
    "translation",
    "term-unknown",
    "term-known",
    *LEARNING,
    "term-learning",
    "term-new",
    "term-overlap",
)
HEADING_KINDS = frozenset({"title", "subtitle", "heading"})
# Every style name of the reading view's component classes (the levels are drawn from
# "term-learning" and "term-known").
STYLE_NAMES = (
    *(n for n in STATIC_ORDER if n not in LEARNING),
    "cursor",
    "counterpart",
    "word",
    "selection",
    "search",
    "search-current",
    "annotation",
    "ruby",
    "footnote",
    "cue",
    "heading-rule",
    "gutter",
    "low-confidence",
)


def term_style(mark: TermMark) -> str:
    if mark.status == "learning":
        level = mark.level if mark.level is not None and 1 <= mark.level <= LEVELS else 1
        return f"term-learning-{level}"
    return f"term-{mark.status}"


def static_layers(
    seg: Segment, text: Text, marks: Sequence[TermMark], style: str | None = None
) -> list[Layer]:
    """Kind, the part's own style (`Part.style`) and the terms found, with their overlaps."""
    layers: list[Layer] = []
    if seg.kind in HEADING_KINDS:
        layers.append((0, len(text.text), "heading"))
        if seg.kind == "heading":
            depth = min(max(seg.level or 1, 1), len(HEADING_LEVELS))
            layers.append((0, len(text.text), HEADING_LEVELS[depth - 1]))
    if style is not None:
        layers.append((0, len(text.text), style))
    for mark in marks:
        layers.append((mark.start, mark.end, term_style(mark)))
    if len(marks) > 1:
        ordered = sorted(marks, key=lambda m: m.start)
        reach = -1
        for mark in ordered:
            if mark.start < reach:
                layers.append((mark.start, min(mark.end, reach), "term-overlap"))
            reach = max(reach, mark.end)
    return layers


def dynamic_layers(
    index: int,
    seg: Segment,
    side: str,
    cursor: Cursor,
    mode: Mode,
    search: Search | None,
    pick: TextPick | None,
) -> list[Layer]:
    """The layers that follow the learner, lowest first: the sentence cursor (or, on the
    translation, its counterpart), search hits, the word cursor, the selection."""
    text = seg.source if side == "source" else seg.target
    layers: list[Layer] = []
    if text is None:
        return layers
    if cursor.segment == index:
        if side == "source" and cursor.sentence < len(text.spans):
            layers.append((*text.spans[cursor.sentence], "cursor"))
        elif side == "target":
            for t in seg.counterparts(cursor.sentence):
                if t < len(text.spans):
                    layers.append((*text.spans[t], mode.target_cursor))
    if search is not None:
        current = search.index
        for k, hit in search.in_segment(index):
            if hit.side == side:
                name = "search-current" if k == current else "search"
                layers.append((hit.start, hit.end, name))
    if cursor.segment == index and cursor.word is not None and side == cursor.side:
        layers.append((*cursor.word, "word"))
    if pick is not None and pick.side == side and pick.segment_id == seg.id:
        layers.append((pick.start, pick.end, "selection"))
    return layers


def runs(length: int, layers: Sequence[Layer]) -> tuple[list[int], list[Combo]]:
    """A side of `length` characters cut into runs of one static combination:
    `combos[k]` holds from `starts[k]` to `starts[k + 1]` (the last start is `length`).

    Runs that look the same are merged, and the same combination is the same tuple, so a
    caller can key its styles by it.
    """
    bounds = sorted({0, length, *(s for s, _, _ in layers), *(e for _, e, _ in layers)})
    # Coverage per style name by difference arrays summed at C speed, then one bit per
    # name: linear in runs and layers, where stacking layer by layer was quadratic in a
    # paragraph where every word is a term.
    position = {b: i for i, b in enumerate(bounds)}
    diffs: dict[str, list[int]] = {}
    for start, end, name in layers:
        diff = diffs.get(name)
        if diff is None:
            diff = diffs[name] = [0] * len(bounds)
        diff[position[start]] += 1
        diff[position[end]] -= 1
    names = [n for n in STATIC_ORDER if n in diffs]
    names += sorted(n for n in diffs if n not in STATIC_ORDER)  # a mode's own part styles
    masks = [0] * len(bounds)
    for bit, name in enumerate(names):
        flag = 1 << bit
        masks = [m | flag if c > 0 else m for m, c in zip(masks, accumulate(diffs[name]))]
    by_mask: dict[int, Combo] = {}
    combos: list[Combo] = []
    starts: list[int] = []
    for k in range(len(bounds) - 1):
        mask = masks[k]
        combo = by_mask.get(mask)
        if combo is None:
            combo = by_mask[mask] = tuple(n for bit, n in enumerate(names) if mask >> bit & 1)
        if not combos or combos[-1] is not combo:
            combos.append(combo)
            starts.append(bounds[k])
    starts.append(length)
    return starts, combos


def doubtful_starts(seg: Segment, side: str, low_confidence: float) -> tuple[int, ...]:
    """Where the first sentence of each doubtful link of one side of a segment starts: links
    the aligner scored below `low_confidence` that the learner has not repaired."""
    text = seg.source if side == "source" else seg.target
    if text is None:
        return ()
    return tuple(
        text.spans[min(ids)][0]
        for link in seg.links
        if (ids := link.source if side == "source" else link.target)
        and link.confidence is not None
        and link.confidence < low_confidence
        and not link.manual
        and min(ids) < len(text.spans)
    )
