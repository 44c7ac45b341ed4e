"""The cost of every bead shape at every cell of a band: evidence, lengths and how common it is.

A bead of a source sentences and b target sentences ending at cell (i, j) costs

    prior(a, b) + ((a + b) / 2) ** size * (lexical * (1 - sim) + length * lengths)

where `sim` is the share of both spans' token weight found in the other span (less what
chance alone would find there), smoothed towards one half by pseudo-tokens for each
sentence, and `lengths` is the Gale & Church cost of the spans' lengths. Beads that leave a
sentence unpaired cost their prior and a cost measured on the text itself (`unpaired_cost`).
The scale by bead size keeps costs per sentence, so a path of many small beads and one of
a few large beads compare on the same footing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from reader.align.band import Band
from reader.align.dp import Bead
from reader.align.evidence import MAX_SPAN, Weighted, centres, span_tables
from reader.align.lengths import length_cost


@dataclass(frozen=True)
class Weights:
    """The scoring constants, tuned on the mac-test and mag development sets only."""

    lexical: float = 14.0  # cost of a bead sharing nothing, against 0 for sharing everything
    length: float = 1.0  # weight of the Gale-Church length cost
    null_share: float = 0.2  # leaving a sentence unpaired costs this quantile of unrelated pairs
    null: float = 8.0  # and this in a text too short to measure
    smoothing: float = 2.0  # pseudo-tokens per sentence pair pulling a bead towards 0.5
    prior: float = 1.0  # weight of the bead priors
    chance: float = 0.5  # multiple of chance hits taken off (0: raw counts)
    size: float = 1.0  # exponent of a bead's sentence count scaling its cost
    band: int = 15  # half-width of the search band around the guessed path
    full_search: int = 250_000  # source x target sentences up to which no band is needed
    crossing: float = 10.0  # cost of a bead running across a paragraph break (paragraphs)
    refit: float = 50.0  # beads' worth of weight the default priors keep when refitted
    doubt: float = 15.5  # evidence cost per sentence at which a bead's support is 0.5
    doubt_scale: float = 3.0  # how fast support falls around that point


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
    """Band arrays of bead costs per shape, infinite where a bead cannot end.

    All paired shapes are costed together, as one array with a shape axis: a paragraph of
    a few sentences costs a fixed number of array operations, however many shapes there are.
    """
    n, m = band.n, band.m
    paired = _shapes(tuple(priors.items()), w)
    pairs = paired.pairs
    most_a = max((a for a, _ in pairs), default=1)
    most_b = max((b for _, b in pairs), default=1)
    # Each sentence's hits are kept for the span ends its beads may reach: source sentence
    # k for the ends in rows k+1..k+most_a, target sentence l for columns l+1..l+most_b.
    src_start = band.lo[1:]
    src_width = int((band.hi[np.minimum(np.arange(n) + most_a, n)] - src_start).max(initial=0)) + 1
    first_row, last_row = band.rows_of()
    tgt_start = first_row[1:]
    tgt_width = int((last_row[np.minimum(np.arange(m) + most_b, m)] - tgt_start).max(initial=0)) + 1
    found = _Found(
        span_tables(src, src_start, src_width, paired.src_sizes),
        span_tables(tgt, tgt_start, tgt_width, paired.tgt_sizes),
        src,
        tgt,
        src_start,
        tgt_start,
        np.concatenate([[0.0], np.cumsum(src.totals)]),
        np.concatenate([[0.0], np.cumsum(tgt.totals)]),
        np.concatenate([[0.0], np.cumsum(s_len)]),
        np.concatenate([[0.0], np.cumsum(t_len)]),
    )
    shapes = [*pairs, *(shape for shape in priors if shape not in pairs)]
    stacked = np.full((len(shapes), n + 1, band.width), np.inf, dtype=np.float32)
    cost = {shape: stacked[k] for k, shape in enumerate(shapes)}
    cols = band.columns()
    if pairs:
        # Rows are costed a few thousand cells at a time, so the temporaries stay small.
        step = max(1, _CHUNK_CELLS // (band.width * len(pairs)))
        for r0 in range(0, n + 1, step):
            r1 = min(n + 1, r0 + step)
            stacked[: len(pairs), r0:r1] = _chunk_costs(found, cols[r0:r1], r0, paired, w)
    null = unpaired_cost(src, tgt, s_len, t_len, w)
    rows = np.arange(n + 1)[:, None]
    for (a, b), p in priors.items():
        if a == 0 or b == 0:
            ok = (cols >= b) & (rows >= a)
            cost[(a, b)][ok] = null - w.prior * math.log(p)
    return cost


# Cells costed at once, over all shapes (each keeps a few arrays of this size).
_CHUNK_CELLS = 1 << 16


@dataclass(frozen=True)
class _Found:
    """What each sentence finds in spans of the other side, and the running weights and
    lengths (`span_tables`, one table per span size of the other side)."""

    src_hits: np.ndarray
    tgt_hits: np.ndarray
    src: Weighted
    tgt: Weighted
    src_start: np.ndarray
    tgt_start: np.ndarray
    src_total: np.ndarray
    tgt_total: np.ndarray
    src_length: np.ndarray
    tgt_length: np.ndarray


@lru_cache(maxsize=16)
def _shapes(priors: tuple[tuple[Bead, float], ...], w: Weights) -> _Shapes:
    """The paired shapes of a set of priors (a few sets are in use: made once each)."""
    return _Shapes([(a, b) for (a, b), _p in priors if a and b], dict(priors), w)


class _Shapes:
    """The paired shapes as columns of numbers, ready to broadcast over (shape, row, col)."""

    def __init__(
        self,
        pairs: list[Bead],
        priors: dict[Bead, float],
        w: Weights,
    ) -> None:
        def column(values: list[float] | list[int]) -> np.ndarray:
            return np.array(values)[:, None, None]

        self.pairs = pairs
        self.a = column([a for a, _ in pairs])
        self.b = column([b for _, b in pairs])
        self.smooth = column([w.smoothing * (a + b) / 2.0 for a, b in pairs])
        self.scale = column([((a + b) / 2.0) ** w.size for a, b in pairs])
        self.prior = column([w.prior * math.log(priors[shape]) for shape in pairs])
        # The other side's span sizes each side keeps a table for, and which table each
        # shape reads.
        self.src_sizes = sorted({b for _, b in pairs})
        self.tgt_sizes = sorted({a for a, _ in pairs})
        self.src_span = [self.src_sizes.index(b) for _, b in pairs]
        self.tgt_span = [self.tgt_sizes.index(a) for a, _ in pairs]
        self.own_src = [a for a, _ in pairs]
        self.own_tgt = [b for _, b in pairs]


def _chunk_costs(f: _Found, cols: np.ndarray, r0: int, shapes: _Shapes, w: Weights) -> np.ndarray:
    """Costs of the paired shapes over rows r0.., one chunk: (shape, row, col)."""
    rows = np.broadcast_to(np.arange(r0, r0 + len(cols))[:, None], cols.shape)
    j = np.maximum(cols, 0)
    a, b = shapes.a, shapes.b
    # What each side's spans find, accumulated sentence by sentence away from the cell, so
    # a 3-1 bead adds one gather to the 2-1 bead's sum.
    src_found = _accumulate(
        f.src_hits,
        shapes.src_sizes,
        f.src,
        f.src_start,
        rows,
        j,
        w.chance,
        shapes.src_span,
        shapes.own_src,
    )
    tgt_found = _accumulate(
        f.tgt_hits,
        shapes.tgt_sizes,
        f.tgt,
        f.tgt_start,
        j,
        rows,
        w.chance,
        shapes.tgt_span,
        shapes.own_tgt,
    )
    ok = (cols >= b) & (rows >= a)
    i0, j0 = np.maximum(rows - a, 0), np.maximum(j - b, 0)
    hits = src_found + tgt_found
    total = f.src_total[rows] - f.src_total[i0] + f.tgt_total[j] - f.tgt_total[j0]
    sim = (hits + 0.5 * shapes.smooth) / (total + shapes.smooth)
    # A span that would start before the text has no length (it is never costed).
    s_span = np.where(rows >= a, f.src_length[rows] - f.src_length[i0], 0.0)
    t_span = np.where(j >= b, f.tgt_length[j] - f.tgt_length[j0], 0.0)
    evidence = w.lexical * (1.0 - sim) + w.length * length_cost(s_span, t_span)
    out: np.ndarray = np.where(ok, shapes.scale * evidence, np.inf) - shapes.prior
    return out


def unpaired_cost(
    src: Weighted, tgt: Weighted, s_len: np.ndarray, t_len: np.ndarray, w: Weights
) -> float:
    """What leaving a sentence unpaired costs in this text (Vecalign's deletion knob).

    Evidence is plentiful in a magazine article and scarce in a novel, so no fixed cost
    suits both. Vecalign measures the text instead: it costs pairs of sentences that cannot
    translate each other, and a sentence is left unpaired when its best pairing looks no
    better than the best `null_share` of those. Here the unrelated pairs are each sentence
    and the one half the text away from it on the other side.
    """
    n, m = src.side.n, tgt.side.n
    if min(n, m) < 3:
        return w.null
    partner = (centres(s_len, t_len) + m // 2) % m  # for each source sentence
    back = np.full(m, -1)
    back[partner] = np.arange(n)  # for each target sentence, one source sentence facing it
    pair = back[partner] == np.arange(n)  # pairs seen from both sides
    i, j = np.flatnonzero(pair), partner[pair]
    if not len(i):
        return w.null
    hits = _facing(src, partner)[i] + _facing(tgt, np.where(back >= 0, back, 0))[j]
    total = src.totals[i] + tgt.totals[j]
    sim = (hits + 0.5 * w.smoothing) / (total + w.smoothing)
    costs = w.lexical * (1.0 - sim) + w.length * length_cost(s_len[i], t_len[j])
    # A pair is two sentences and an unpaired sentence one: it costs half a pair, as the
    # size scale of paired beads has it.
    return 0.5 * quantile(costs.tolist(), w.null_share)


def quantile(values: list[float], q: float) -> float:
    """numpy's `quantile(values, q)` (linear interpolation), to the bit, without its few
    dozen microseconds of set-up: a paragraph's whole alignment takes about a millisecond."""
    ordered = sorted(values)
    at = (len(ordered) - 1) * q
    below = math.floor(at)
    if at >= len(ordered) - 1:
        return ordered[-1]
    a, b = ordered[below], ordered[below + 1]
    t = at - below
    step = b - a
    return b - step * (1 - t) if t >= 0.5 else a + step * t


def _facing(side: Weighted, other: np.ndarray) -> np.ndarray:
    """Per sentence k: the weight of its tokens found in the other side's sentence other[k]."""
    occurrences = np.arange(len(side.side.kind))
    facing = other[side.side.sentence]
    found = side.side.count_between(occurrences, facing, facing + 1) > 0
    return np.bincount(side.side.sentence, side.weight * found, minlength=side.side.n)


def _accumulate(
    tables: np.ndarray,
    sizes: list[int],
    side: Weighted,
    start: np.ndarray,
    here: np.ndarray,
    there: np.ndarray,
    chance: float,
    span: list[int],
    own: list[int],
) -> np.ndarray:
    """Per shape and cell: what its own-side sentences find in its other-side span, less chance.

    `tables` are this side's `span_tables` for the other-side span `sizes`; `here` is each
    cell's position on this side, `there` on the other. Shape k takes `own[k]` sentences of
    this side and reads table `span[k]`. The sentences d = 1, 2, ... before the cell are
    gathered at once and summed as they go, so a 3-1 bead is the 2-1 bead's sum plus one.
    """
    expected = chance * side.chance[np.minimum(sizes, MAX_SPAN)]
    if here.size <= _AT_ONCE:
        # A paragraph: every sentence d before the cell for every table in one gather (some
        # never read), summed along d.
        steps = np.arange(1, max(own) + 1)[:, None, None]
        k = np.minimum(np.maximum(here - steps, 0), len(start) - 1)
        col = np.minimum(np.maximum(there - start[k], 0), tables.shape[2] - 1)
        found = tables[:, k, col] - expected[:, k]
        np.cumsum(found, axis=1, out=found)
        out: np.ndarray = found[span, np.array(own) - 1]
        return out
    # A long text: sentence d is gathered only for the tables a shape of d sentences reads
    # (tables in order of the most sentences read, so those are the first ones).
    most = [max(o for o, t in zip(own, span) if t == table) for table in range(len(sizes))]
    order = sorted(range(len(sizes)), key=lambda table: -most[table])
    place = {table: rank for rank, table in enumerate(order)}
    if order != sorted(order):  # not with the priors in use: no copy
        tables, expected = tables[order], expected[order]
    running = np.zeros((len(sizes), *here.shape))
    out = np.empty((len(span), *here.shape))
    for d in range(1, max(own) + 1):
        reading = sum(1 for table in order if most[table] >= d)
        k = np.minimum(np.maximum(here - d, 0), len(start) - 1)
        col = np.minimum(np.maximum(there - start[k], 0), tables.shape[2] - 1)
        running[:reading] += tables[:reading, k, col] - expected[:reading, k]
        for shape, (o, t) in enumerate(zip(own, span)):
            if o == d:
                out[shape] = running[place[t]]
    return out


# Cells of a chunk up to which `_accumulate` gathers all sentences and tables at once.
_AT_ONCE = 2048
