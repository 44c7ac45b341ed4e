"""The dynamic programme over beads: the cheapest monotone path through a cost table.

Kept apart from the scoring so that length-only, dictionary and anchored passes all share
one search. Costs are given per bead type as matrices indexed by the bead's end point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Bead = tuple[int, int]  # (source sentences, target sentences) taken by one bead


@dataclass(frozen=True)
class Path:
    """A chosen alignment: each bead as (source start, source end, target start, target end)."""

    spans: tuple[tuple[int, int, int, int], ...]
    costs: tuple[float, ...]


def best_path(
    n: int,
    m: int,
    cost: dict[Bead, np.ndarray],
    band: np.ndarray | None = None,
) -> Path:
    """The cheapest sequence of beads from (0, 0) to (n, m).

    `cost[(a, b)][i, j]` is the cost of a bead covering source i-a..i and target j-b..j,
    for 0 <= i <= n and 0 <= j <= m. `band[i]` = (lo, hi) limits the target positions
    searched at source position i; a band keeps long texts linear in time.
    """
    inf = np.inf
    total = np.full((n + 1, m + 1), inf)
    back = np.full((n + 1, m + 1), -1, dtype=np.int8)
    total[0, 0] = 0.0
    if band is None:
        lo_hi = [(0, m)] * (n + 1)
    else:
        lo_hi = [(int(lo), int(hi)) for lo, hi in band]
    # Beads that stay in the same row (0-b) go last: they extend what the others reached.
    beads = sorted(cost, key=lambda ab: ab[0] == 0)
    for i in range(n + 1):
        lo, hi = lo_hi[i]
        for bi, (a, b) in enumerate(beads):
            if a > i:
                continue
            c = cost[(a, b)][i]
            j0 = max(lo, b)
            if j0 > hi:
                continue
            if a == 0:
                _extend_row(total[i], back[i], c, j0, hi, bi)
                continue
            cand = total[i - a, j0 - b : hi - b + 1] + c[j0 : hi + 1]
            row = total[i, j0 : hi + 1]
            better = cand < row
            row[better] = cand[better]
            back[i, j0 : hi + 1][better] = bi
    if not np.isfinite(total[n, m]):
        raise ValueError("no path through the band")
    spans: list[tuple[int, int, int, int]] = []
    costs: list[float] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = beads[back[i, j]]
        spans.append((i - a, i, j - b, j))
        costs.append(float(total[i, j] - total[i - a, j - b]))
        i, j = i - a, j - b
    spans.reverse()
    costs.reverse()
    return Path(tuple(spans), tuple(costs))


def _extend_row(
    total: np.ndarray, back: np.ndarray, c: np.ndarray, j0: int, hi: int, bi: int
) -> None:
    """Apply a chain of 0-1 beads along one row as a prefix minimum instead of a loop.

    total[j] = min(total[j], total[j-1] + c[j]) unrolls to
    C[j] + min over k <= j of (total[k] - C[k]) with C the running sum of c.
    """
    seg = slice(j0 - 1, hi + 1)
    base = total[seg].copy()
    steps = np.where(np.isfinite(c[seg]), c[seg], 1e9)
    steps[0] = 0.0
    run = np.cumsum(steps)
    best = np.minimum.accumulate(base - run) + run
    improved = best < base - 1e-12
    total[seg][improved] = best[improved]
    back[seg][improved] = bi
