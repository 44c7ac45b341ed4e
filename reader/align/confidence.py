"""How sure the aligner is of each bead: the weight of all alignments that contain it.

Every path through the band is an alignment, weighted by exp(-cost / TEMPERATURE); a bead's
confidence is the share of that weight held by the paths through it (the forward-backward
algorithm, as hunalign and HMM aligners use). A bead with weak evidence but no rival is
sure; a bead with good evidence that a neighbour could take just as well is not. On the gold
sets the share is close to the chance that the bead is exactly right. Each row is one gather
over all bead shapes, as in `dp`.
"""

from __future__ import annotations

import math

import numpy as np

from reader.align.band import Band
from reader.align.dp import Bead, Path

# Costs are close to -log probabilities already: at 1.0 the shares are calibrated.
TEMPERATURE = 1.0
# A 0-1 bead that cannot be taken, in log weight (-inf would turn running sums into NaN).
_NEVER = -1e9


def bead_confidence(
    band: Band, cost: dict[Bead, np.ndarray], path: Path, extra: dict[Bead, float] | None = None
) -> list[float]:
    """For each bead of `path` (found with the same costs), its share of all alignments."""
    extra = extra or {}
    weight = {shape: -(c + extra.get(shape, 0.0)) / TEMPERATURE for shape, c in cost.items()}
    shapes = [shape for shape in weight if shape[0] > 0]
    forward = _forward(band, weight, shapes)
    backward = _backward(band, weight, shapes)
    total = forward[band.n, band.m - band.lo[band.n]]
    out: list[float] = []
    for i0, i1, j0, j1 in path.spans:
        through = (
            forward[i0, j0 - band.lo[i0]]
            + weight[(i1 - i0, j1 - j0)][i1, j1 - band.lo[i1]]
            + backward[i1, j1 - band.lo[i1]]
        )
        out.append(math.exp(min(0.0, float(through - total))))
    return out


def _insert_runs(band: Band, weight: dict[Bead, np.ndarray]) -> np.ndarray | None:
    """Per row, the running sums of 0-1 bead weights (first column 0), or None."""
    if (0, 1) not in weight:
        return None
    steps = np.where(np.isfinite(weight[(0, 1)]), weight[(0, 1)], _NEVER)
    steps[:, 0] = 0.0
    return np.cumsum(steps, axis=1)


def _forward(band: Band, weight: dict[Bead, np.ndarray], shapes: list[Bead]) -> np.ndarray:
    """log of the summed weight of all partial paths from (0, 0) to each cell."""
    n, lo, hi = band.n, band.lo, band.hi
    a = np.array([s[0] for s in shapes], dtype=np.int64)
    b = np.array([s[1] for s in shapes], dtype=np.int64)
    stacked = np.stack([weight[s] for s in shapes])
    rows = np.arange(n + 1)
    earlier = np.minimum(np.maximum(rows[:, None] - a[None, :], 0), n)
    pad = int(b.max(initial=0))
    shift = lo[:, None] - b[None, :] - lo[earlier] + pad
    right = int((hi[:, None] - lo[earlier]).max(initial=0)) + pad + 1
    # A row of -inf at index -1 stands for rows above 0; `pad` columns of it on the left.
    table = np.full((n + 2, max(right, band.width + pad) + 1), -np.inf)
    source_rows = np.where(rows[:, None] >= a[None, :], rows[:, None] - a[None, :], -1)
    runs = _insert_runs(band, weight)
    table[0, pad] = 0.0
    base = np.arange(band.width)
    for i in range(n + 1):
        size = int(hi[i] - lo[i]) + 1
        row = table[i, pad : pad + size]
        if i > 0:
            cand = table[source_rows[i][:, None], base[None, :size] + shift[i][:, None]]
            cand += stacked[:, i, :size]
            row[:] = np.logaddexp.reduce(cand, axis=0)
        if runs is not None and size > 1:
            run = runs[i, :size]
            row[:] = np.logaddexp.accumulate(row - run) + run
    return table[: n + 1, pad : pad + band.width]


def _backward(band: Band, weight: dict[Bead, np.ndarray], shapes: list[Bead]) -> np.ndarray:
    """log of the summed weight of all partial paths from each cell to (n, m)."""
    n, lo, hi = band.n, band.lo, band.hi
    a = np.array([s[0] for s in shapes], dtype=np.int64)
    b = np.array([s[1] for s in shapes], dtype=np.int64)
    rows = np.arange(n + 1)
    later = np.minimum(rows[:, None] + a[None, :], n)
    # Column c of row i ends its bead at column c + offset of the later row.
    offset = lo[:, None] + b[None, :] - lo[later]
    left = int(max(0, -int(offset.min(initial=0))))
    right = int(b.max(initial=0)) + 1
    width = left + band.width + right
    table = np.full((n + 2, width), -np.inf)
    stacked = np.full((len(shapes), n + 2, width), -np.inf)
    for k, shape in enumerate(shapes):
        stacked[k, : n + 1, left : left + band.width] = weight[shape]
    end_rows = np.where(rows[:, None] + a[None, :] <= n, later, -1)
    kinds = np.arange(len(shapes))[:, None]
    runs = _insert_runs(band, weight)
    base = np.arange(band.width)
    for i in range(n, -1, -1):
        size = int(hi[i] - lo[i]) + 1
        row = table[i, left : left + size]
        ends = base[None, :size] + (offset[i] + left)[:, None]
        there = end_rows[i][:, None]
        cand = table[there, ends] + stacked[kinds, there, ends]
        row[:] = np.logaddexp.reduce(cand, axis=0)
        if i == n:
            row[band.m - lo[n]] = np.logaddexp(row[band.m - lo[n]], 0.0)
        if runs is not None and size > 1:
            # 0-1 beads from column j on to column q weigh run[q] - run[j].
            run = runs[i, :size]
            row[:] = np.logaddexp.accumulate((row + run)[::-1])[::-1] - run
    return table[: n + 1, left : left + band.width]
