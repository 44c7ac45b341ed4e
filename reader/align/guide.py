"""Where the full search of a long text runs: a band around a guess of the path.

Searching every cell is quadratic in the text's length, so a long text is guessed at
twice before the full search, as Vecalign does: first its blocks (runs of a few dozen
sentences, compared whole) are aligned over the whole text, which finds even a chapter
missing from one side; then 1-1, 1-0 and 0-1 beads of sentences are searched near that
block path; the full search runs in a narrow band around the result. Each step costs time
and memory in proportion to the text's length.
"""

from __future__ import annotations

import math

import numpy as np

from reader.align import band as bands
from reader.align.costs import Weights, bead_costs
from reader.align.dp import Bead, best_path
from reader.align.evidence import Side, Weighted, centres, weigh

FIRST_PASS: dict[Bead, float] = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005}
# Blocks rarely meet exactly, so one block may face two of the other side.
BLOCK_PASS: dict[Bead, float] = {
    (1, 1): 0.8,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (1, 2): 0.09,
    (2, 1): 0.09,
}

Spans = list[tuple[int, int, int, int]]


def search_band(
    src: Weighted, tgt: Weighted, s_len: np.ndarray, t_len: np.ndarray, w: Weights
) -> bands.Band:
    """The band for the full search: all of it for a short text, else around a guess."""
    n, m = src.side.n, tgt.side.n
    if n * m <= w.full_search:
        return bands.full(n, m)
    side = math.sqrt(w.full_search)
    src_block, tgt_block = math.ceil(n / side), math.ceil(m / side)
    blocks = block_path(src.side, tgt.side, s_len, t_len, src_block, tgt_block, w)
    near = around(blocks, n, m, 2 * max(src_block, tgt_block) + w.band)
    first = best_path(near, bead_costs(src, tgt, s_len, t_len, near, FIRST_PASS, w))
    return around(list(first.spans), n, m, w.band)


def block_path(
    src_side: Side,
    tgt_side: Side,
    s_len: np.ndarray,
    t_len: np.ndarray,
    src_block: int,
    tgt_block: int,
    w: Weights,
) -> Spans:
    """The path of a full search over blocks, in sentence positions.

    Only what blocks share counts here: a word found nowhere on the other side is missing
    whichever block it faces, and in blocks of dozens of sentences such words would only
    blur the difference between the right block and its neighbours.
    """
    n, m = src_side.n, tgt_side.n
    s_block_len = np.add.reduceat(s_len, np.arange(0, n, src_block))
    t_block_len = np.add.reduceat(t_len, np.arange(0, m, tgt_block))
    src = weigh(src_side.grouped(src_block, tgt_block), centres(s_block_len, t_block_len))
    tgt = weigh(tgt_side.grouped(tgt_block, src_block), centres(t_block_len, s_block_len))
    grid = bands.full(len(s_block_len), len(t_block_len))
    path = best_path(grid, bead_costs(src, tgt, s_block_len, t_block_len, grid, BLOCK_PASS, w))
    return [
        (
            min(i0 * src_block, n),
            min(i1 * src_block, n),
            min(j0 * tgt_block, m),
            min(j1 * tgt_block, m),
        )
        for i0, i1, j0, j1 in path.spans
    ]


def around(spans: Spans, n: int, m: int, margin: int) -> bands.Band:
    """The band `margin` target positions either side of a path given as spans."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in spans:
        lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], j0)
        hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], j1)
    return bands.around(lo, hi, m, margin)
