"""The dynamic programme over beads: the cheapest monotone path through a band of cells.

Kept apart from the scoring so that the first pass, the full pass and paragraph alignment
all share one search. Costs are given per bead shape as band arrays (see `band`): entry
[i, c] is the cost of a bead of that shape ending at source position i and target position
`lo[i] + c`. Each row is filled with one gather over all shapes that take a source
sentence, then the 0-1 beads extend it along the row, so a row costs a handful of array
operations whatever the number of shapes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from reader.align.band import Band

Bead = tuple[int, int]  # (source sentences, target sentences) taken by one bead


@dataclass(frozen=True)
class Path:
    """A chosen alignment: each bead as (source start, source end, target start, target end)."""

    spans: tuple[tuple[int, int, int, int], ...]
    costs: tuple[float, ...]


def best_path(
    band: Band, cost: dict[Bead, np.ndarray], extra: dict[Bead, float] | None = None
) -> Path:
    """The cheapest sequence of beads from (0, 0) to (n, m) inside the band.

    `extra` adds a constant to every bead of a shape (a refitted prior) without copying the
    cost arrays. Beads that take no source sentence must be 0-1 (a translator's addition).
    """
    n, lo, hi = band.n, band.lo, band.hi
    shapes = [shape for shape in cost if shape[0] > 0]
    rows_only = [shape for shape in cost if shape[0] == 0]
    if any(shape != (0, 1) for shape in rows_only):
        raise ValueError("the only bead without a source sentence is 0-1")
    extra = extra or {}
    if band.cells <= SMALL:
        return _small_path(band, cost, extra, [*shapes, *rows_only])
    a = np.array([s[0] for s in shapes], dtype=np.int64)
    b = np.array([s[1] for s in shapes], dtype=np.int64)
    if shapes:
        stacked = np.stack([cost[s] + extra.get(s, 0.0) for s in shapes])
    else:
        stacked = np.zeros((0, n + 1, band.width))
    # The running sums of 0-1 bead costs along each row (see `_extend_row`).
    insert = cost.get((0, 1))
    run = None
    if insert is not None:
        steps = np.where(np.isfinite(insert), insert + extra.get((0, 1), 0.0), 1e9)
        steps[:, 0] = 0.0
        run = np.cumsum(steps, axis=1)
    # `total` keeps `pad` columns of infinity on the left (a bead may start left of an earlier
    # row's band) and enough on the right, plus one row of infinity at index -1 for beads
    # that would start above row 0.
    pad = int(b.max(initial=0))
    rows = np.arange(n + 1)
    earlier = np.minimum(np.maximum(rows[:, None] - a[None, :], 0), n)
    shift = lo[:, None] - b[None, :] - lo[earlier] + pad  # column offset into the earlier row
    right = int((hi[:, None] - lo[earlier]).max(initial=0)) + pad + 1
    total = np.full((n + 2, max(right, band.width + pad) + 1), np.inf)
    back = np.full((n + 1, band.width), -1, dtype=np.int16)
    source_rows = np.where(rows[:, None] >= a[None, :], rows[:, None] - a[None, :], -1)
    total[0, pad] = 0.0
    base = np.arange(band.width)
    for i in range(n + 1):
        size = int(hi[i] - lo[i]) + 1
        row = total[i, pad : pad + size]
        row_back = back[i, :size]
        if i > 0 and len(shapes):
            # Every bead into row i > 0 takes a source sentence, so the row starts empty.
            cand = total[source_rows[i][:, None], base[None, :size] + shift[i][:, None]]
            cand += stacked[:, i, :size]
            k = np.argmin(cand, axis=0)
            row[:] = np.take_along_axis(cand, k[None, :], axis=0)[0]
            row_back[:] = k
        if run is not None and size > 1:
            _extend_row(row, row_back, run[i, :size], len(shapes))
    end = int(band.m - lo[n])
    if not np.isfinite(total[n, pad + end]):
        raise ValueError("no path through the band")
    every = [*shapes, *rows_only]
    spans: list[tuple[int, int, int, int]] = []
    costs: list[float] = []
    i, j = n, band.m
    while i > 0 or j > 0:
        da, db = every[back[i, j - lo[i]]]
        here = total[i, pad + j - lo[i]]
        there = total[i - da, pad + j - db - lo[i - da]]
        spans.append((i - da, i, j - db, j))
        costs.append(float(here - there))
        i, j = i - da, j - db
    spans.reverse()
    costs.reverse()
    return Path(tuple(spans), tuple(costs))


# Bands of up to this many cells (a paragraph of a few sentences a side) are searched cell
# by cell in plain Python: there a loop over a few dozen cells costs less than the array
# calls of the row-by-row search. Both give the same path and costs, to the bit.
SMALL = 100


def _small_path(
    band: Band, cost: dict[Bead, np.ndarray], extra: dict[Bead, float], every: list[Bead]
) -> Path:
    """`best_path` cell by cell, with the same arithmetic (float32 costs, float64 sums)."""
    lo, hi = band.lo.tolist(), band.hi.tolist()
    n = len(lo) - 1
    inf = math.inf
    # The costs as the array search reads them: float32, with the extra added in float32.
    paired = [shape for shape in every if shape[0]]
    added = np.array([extra.get(shape, 0.0) for shape in paired], dtype=np.float32)
    costs_of = (np.stack([cost[shape] for shape in paired]) + added[:, None, None]).tolist()
    run = None
    if (0, 1) in cost:
        insert = cost[(0, 1)]
        steps = np.where(np.isfinite(insert), insert + extra.get((0, 1), 0.0), 1e9)
        steps[:, 0] = 0.0
        run = np.cumsum(steps, axis=1).tolist()
    inserting = len(paired)  # the 0-1 bead's place in `every`
    total: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        first, size = lo[i], hi[i] - lo[i] + 1
        row = [inf] * size
        row_back = [0] * size  # the first shape where no bead can end, as argmin has it
        if i == 0:
            row[0] = 0.0
        else:
            # The shapes whose beads can end in this row, with their costs here; the first
            # of the cheapest wins, as with argmin.
            ending = [(k, i - a, b, costs_of[k][i]) for k, (a, b) in enumerate(paired) if a <= i]
            for c in range(size):
                j = first + c
                best = inf
                for k, i0, b, here in ending:
                    j0 = j - b
                    if lo[i0] <= j0 <= hi[i0]:
                        value = total[i0][j0 - lo[i0]] + here[c]
                        if value < best:
                            best = value
                            row_back[c] = k
                row[c] = best
        if run is not None and size > 1:
            # The prefix minimum of `_extend_row`, cell by cell.
            steps_row = run[i]
            least = inf
            for c in range(size):
                least = min(least, row[c] - steps_row[c])
                value = least + steps_row[c]
                if value < row[c] - 1e-9:
                    row[c], row_back[c] = value, inserting
        total.append(row)
        back.append(row_back)
    m = hi[n]
    if not math.isfinite(total[n][m - lo[n]]):
        raise ValueError("no path through the band")
    spans: list[tuple[int, int, int, int]] = []
    costs: list[float] = []
    i, j = n, m
    while i > 0 or j > 0:
        da, db = every[back[i][j - lo[i]]]
        here_total = total[i][j - lo[i]]
        there = total[i - da][j - db - lo[i - da]]
        spans.append((i - da, i, j - db, j))
        costs.append(here_total - there)
        i, j = i - da, j - db
    spans.reverse()
    costs.reverse()
    return Path(tuple(spans), tuple(costs))


def _extend_row(total: np.ndarray, back: np.ndarray, run: np.ndarray, k: int) -> None:
    """Apply a chain of 0-1 beads along one row as a prefix minimum instead of a loop.

    total[j] = min(total[j], total[j-1] + c[j]) unrolls to
    C[j] + min over q <= j of (total[q] - C[q]) with C = `run`, the running sum of c.
    """
    best = np.minimum.accumulate(total - run) + run
    improved = best < total - 1e-9
    np.copyto(total, best, where=improved)
    np.copyto(back, k, where=improved)
