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
from reader.align.dp import SMALL, Bead, Path

# Costs are close to -log probabilities already: at 1.0 the shares are calibrated.
TEMPERATURE = 1.0
# A 0-1 bead that cannot be taken, in log weight (-inf would turn running sums into NaN).
_NEVER = -1e9


def bead_confidence(
    band: Band, cost: dict[Bead, np.ndarray], path: Path, extra: dict[Bead, float] | None = None
) -> list[float]:
    """For each bead of `path` (found with the same costs), its share of all alignments."""
    extra = extra or {}
    if band.cells <= SMALL:
        return _small_shares(band, cost, extra, path)
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


def _small_shares(
    band: Band, cost: dict[Bead, np.ndarray], extra: dict[Bead, float], path: Path
) -> list[float]:
    """`bead_confidence` cell by cell, for a band of at most `dp.SMALL` cells.

    The same sums in the same order as the array version: numpy's logaddexp is
    log1p(exp(-|x - y|)) plus the larger, which `_logaddexp` repeats, and adding a
    weight of nothing (-inf) to a log sum leaves it as it is, to the bit.
    """
    lo, hi = band.lo.tolist(), band.hi.tolist()
    n = len(lo) - 1
    shapes = list(cost)
    # The weights as the array version has them: float32, negated costs plus extras.
    added = np.array([extra.get(shape, 0.0) for shape in shapes], dtype=np.float32)
    stacked = -(np.stack([cost[shape] for shape in shapes]) + added[:, None, None]) / TEMPERATURE
    weight = dict(zip(shapes, stacked.tolist()))
    beads = [(a, b, weight[(a, b)]) for a, b in shapes if a > 0]
    run = None
    if (0, 1) in cost:
        steps = np.where(
            np.isfinite(stacked[shapes.index((0, 1))]), stacked[shapes.index((0, 1))], _NEVER
        )
        steps[:, 0] = 0.0
        run = np.cumsum(steps, axis=1).tolist()
    never = -math.inf
    forward: list[list[float]] = []
    for i in range(n + 1):
        first, size = lo[i], hi[i] - lo[i] + 1
        row = [never] * size
        if i == 0:
            row[0] = 0.0
        else:
            ending = [(i - a, b, w[i]) for a, b, w in beads if a <= i]
            for c in range(size):
                j = first + c
                acc = never
                for i0, b, here in ending:
                    j0 = j - b
                    if lo[i0] <= j0 <= hi[i0]:
                        value = forward[i0][j0 - lo[i0]] + here[c]
                        if value != never:
                            acc = value if acc == never else _logaddexp(acc, value)
                row[c] = acc
        if run is not None and size > 1:
            steps_row = run[i]
            acc = row[0] - steps_row[0]
            out_row = [acc + steps_row[0]]
            for c in range(1, size):
                acc = _logaddexp(acc, row[c] - steps_row[c])
                out_row.append(acc + steps_row[c])
            row = out_row
        forward.append(row)
    backward: list[list[float]] = [[]] * (n + 1)
    for i in range(n, -1, -1):
        first, size = lo[i], hi[i] - lo[i] + 1
        row = [never] * size
        starting = [(i + a, b, w[i + a]) for a, b, w in beads if i + a <= n]
        for c in range(size):
            j = first + c
            acc = never
            for i1, b, there in starting:
                j1 = j + b
                if lo[i1] <= j1 <= hi[i1]:
                    value = backward[i1][j1 - lo[i1]] + there[j1 - lo[i1]]
                    if value != never:
                        acc = value if acc == never else _logaddexp(acc, value)
            row[c] = acc
        if i == n:
            row[hi[n] - lo[n]] = _logaddexp(row[hi[n] - lo[n]], 0.0)
        if run is not None and size > 1:
            steps_row = run[i]
            acc = row[size - 1] + steps_row[size - 1]
            out_row = [acc - steps_row[size - 1]]
            for c in range(size - 2, -1, -1):
                acc = _logaddexp(acc, row[c] + steps_row[c])
                out_row.append(acc - steps_row[c])
            row = out_row[::-1]
        backward[i] = row
    total = forward[n][hi[n] - lo[n]]
    out: list[float] = []
    for i0, i1, j0, j1 in path.spans:
        w = weight[(i1 - i0, j1 - j0)]
        through = forward[i0][j0 - lo[i0]] + w[i1][j1 - lo[i1]] + backward[i1][j1 - lo[i1]]
        out.append(math.exp(min(0.0, through - total)))
    return out


_LOG2 = math.log(2.0)


def _logaddexp(x: float, y: float) -> float:
    """numpy's logaddexp of two floats, to the bit."""
    if x == y:
        return x + _LOG2
    gap = x - y
    if gap > 0:
        return x + math.log1p(math.exp(-gap))
    if gap <= 0:
        return y + math.log1p(math.exp(gap))
    return gap  # NaN


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
