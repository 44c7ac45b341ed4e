"""The cost of every bead shape at every cell of a band: evidence, lengths and how common it is.

A bead of a source sentences and b target sentences ending at cell (i, j) costs

    prior(a, b) + ((a + b) / 2) ** size * (lexical * (1 - sim) + length * lengths)

where `sim` is the share of both spans' token weight found in the other span (less what
chance alone would find there), smoothed towards one half by pseudo-tokens for each
sentence, and `lengths` is the Gale & Church cost of the spans' lengths. Beads that leave a
sentence unpaired cost their prior and a null cost measured on the text itself (`_null`).
The scale by bead size keeps costs per sentence, so a path of many small beads and one of
a few large beads compare on the same footing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from reader.align.band import Band
from reader.align.dp import Bead
from reader.align.evidence import MAX_SPAN, Weighted, span_hits
from reader.align.lengths import length_cost, span_sums


@dataclass(frozen=True)
class Weights:
    """The scoring constants, tuned on the mac-test and mag development sets only."""

    lexical: float = 14.0  # cost of a bead sharing nothing, against 0 for sharing everything
    length: float = 1.0  # weight of the Gale-Church length cost
    null_share: float = 0.02  # leaving a sentence unpaired costs this quantile of 1-1 beads
    null: float = 8.0  # and this when there are no 1-1 beads to measure
    smoothing: float = 2.0  # pseudo-tokens per sentence pair pulling a bead towards 0.5
    prior: float = 1.0  # weight of the bead priors
    chance: float = 0.5  # multiple of chance hits taken off (0: raw counts)
    size: float = 1.0  # exponent of a bead's sentence count scaling its cost
    doubt: float = 10.0  # evidence cost per sentence at which confidence is 0.5
    doubt_scale: float = 1.5  # how fast confidence falls around that point
    band: int = 30  # half-width of the search band around the first pass
    full_search: int = 250_000  # source x target sentences up to which no band is needed
    first_band: int = 100  # half-width of the first pass around the length diagonal, at first
    refit: float = 50.0  # beads' worth of weight the default priors keep when refitted


WEIGHTS = Weights()


def bead_costs(
    src: Weighted,
    tgt: Weighted,
    s_len: np.ndarray,
    t_len: np.ndarray,
    band: Band,
    priors: dict[Bead, float],
    w: Weights,
) -> dict[Bead, np.ndarray]:
    """Band arrays of bead costs per shape, infinite where a bead cannot end."""
    n, m = band.n, band.m
    cols = band.columns()  # target position of each cell, -1 outside the band
    rows = np.broadcast_to(np.arange(n + 1)[:, None], cols.shape)
    j = np.maximum(cols, 0)
    pairs = [(a, b) for a, b in priors if a and b]
    most_a = max((a for a, _ in pairs), default=1)
    most_b = max((b for _, b in pairs), default=1)
    # Each sentence's hits are kept for the span ends its beads may reach: source sentence
    # k for the ends in rows k+1..k+most_a, target sentence l for columns l+1..l+most_b.
    src_start = band.lo[1:]
    src_width = int((band.hi[np.minimum(np.arange(n) + most_a, n)] - src_start).max(initial=0)) + 1
    first_row, last_row = band.rows_of()
    tgt_start = first_row[1:]
    tgt_width = int((last_row[np.minimum(np.arange(m) + most_b, m)] - tgt_start).max(initial=0)) + 1
    src_hits = span_hits(src, src_start, src_width, {b for _, b in pairs})
    tgt_hits = span_hits(tgt, tgt_start, tgt_width, {a for a, _ in pairs})
    # What each side's spans find, accumulated sentence by sentence away from the cell, so
    # a 3-1 bead adds one gather to the 2-1 bead's sum.
    src_found = _accumulate(src_hits, src, src_start, src_width, rows, j, w.chance, 0, pairs)
    tgt_found = _accumulate(tgt_hits, tgt, tgt_start, tgt_width, j, rows, w.chance, 1, pairs)
    src_total = np.concatenate([[0.0], np.cumsum(src.totals)])
    tgt_total = np.concatenate([[0.0], np.cumsum(tgt.totals)])
    cost: dict[Bead, np.ndarray] = {}
    evidence: dict[Bead, np.ndarray] = {}
    for (a, b), p in sorted(priors.items(), key=lambda item: item[0][0] == 0 or item[0][1] == 0):
        prior = -w.prior * math.log(p)
        ok = (cols >= b) & (rows >= a)
        if a == 0 or b == 0:
            cost[(a, b)] = np.where(ok, prior + _null(evidence.get((1, 1)), w), np.inf)
            continue
        i0, j0 = np.maximum(rows - a, 0), np.maximum(j - b, 0)
        hits = src_found[(a, b)] + tgt_found[(b, a)]
        total = src_total[rows] - src_total[i0] + tgt_total[j] - tgt_total[j0]
        smooth = w.smoothing * (a + b) / 2.0
        sim = (hits + 0.5 * smooth) / (total + smooth)
        lengths = length_cost(
            np.nan_to_num(span_sums(s_len, a)[rows]), np.nan_to_num(span_sums(t_len, b)[j])
        )
        scale = ((a + b) / 2.0) ** w.size
        c = scale * (w.lexical * (1.0 - sim) + w.length * lengths)
        evidence[(a, b)] = np.where(ok, c, np.inf)
        cost[(a, b)] = evidence[(a, b)] + prior
    return cost


def _null(pairs: np.ndarray | None, w: Weights) -> float:
    """What leaving a sentence unpaired costs in this text (Vecalign's deletion knob).

    Evidence is plentiful in a magazine article and scarce in a novel, so no fixed cost
    suits both: a sentence is left unpaired when pairing it would cost more than all but
    the cheapest `null_share` of the 1-1 pairings the search looks at, most of them wrong.
    """
    if pairs is None:
        return w.null
    finite = pairs[np.isfinite(pairs)]
    return float(np.quantile(finite, w.null_share)) if len(finite) else w.null


def _accumulate(
    hits: dict[int, np.ndarray],
    side: Weighted,
    start: np.ndarray,
    width: int,
    here: np.ndarray,
    there: np.ndarray,
    chance: float,
    own: int,
    pairs: list[Bead],
) -> dict[Bead, np.ndarray]:
    """Per cell and shape (own count, other count): what own-side sentences find, less chance.

    `here` is each cell's position on this side, `there` on the other; `own` says which
    element of a shape counts this side's sentences.
    """
    out: dict[Bead, np.ndarray] = {}
    last = len(start) - 1
    for other in sorted({shape[1 - own] for shape in pairs}):
        counts = sorted(shape[own] for shape in pairs if shape[1 - own] == other)
        found = np.zeros(here.shape)
        expected = side.chance[min(other, MAX_SPAN)]
        for d in range(1, counts[-1] + 1):
            k = np.clip(here - d, 0, last)
            col = np.clip(there - start[k], 0, width - 1)
            found += hits[other][k, col] - chance * expected[k]
            if d in counts:
                out[(d, other)] = found.copy()
    return out
