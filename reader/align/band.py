"""The cells an alignment search visits: for each source position, a range of target positions.

A cell (i, j) is the point after i source and j target sentences. A full search visits all of
them, which is quadratic in the text's length; a long text is searched only near a first
guess of the path, as hunalign, Bertalign and Vecalign do. Both bounds only ever grow with i,
so the band has no holes and every cell's neighbours up and to the left are found by
offsets alone. Arrays over the band have one row per source position and `width` columns,
column c of row i standing for target position `lo[i] + c`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class Band:
    """Target positions `lo[i]..hi[i]` (inclusive) searched at each source position i."""

    lo: np.ndarray  # (n + 1,) nondecreasing
    hi: np.ndarray  # (n + 1,) nondecreasing, hi >= lo

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @cached_property
    def m(self) -> int:
        return int(self.hi[-1])

    # Asked for at every step of a search: worked out once.
    @cached_property
    def width(self) -> int:
        return int((self.hi - self.lo).max()) + 1

    @cached_property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())

    def columns(self) -> np.ndarray:
        """Target position of every (row, column) of a band array; past `hi` it is -1."""
        j = self.lo[:, None] + np.arange(self.width)[None, :]
        return np.where(j <= self.hi[:, None], j, -1)

    def rows_of(self) -> tuple[np.ndarray, np.ndarray]:
        """For each target position j, the first and last source position whose range holds j."""
        j = np.arange(self.m + 1)
        first = np.searchsorted(self.hi, j, side="left")
        last = np.searchsorted(self.lo, j, side="right") - 1
        return first, last


def full(n: int, m: int) -> Band:
    """Every cell: for texts small enough to search whole."""
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))


def around(centre_lo: np.ndarray, centre_hi: np.ndarray, m: int, margin: int) -> Band:
    """The band `margin` positions either side of a guessed range per source position.

    The guess must run from (0, 0) to (n, m). Bounds are made nondecreasing so the band has
    no holes, whatever the guess does.
    """
    lo = np.maximum.accumulate(np.minimum(np.maximum(np.asarray(centre_lo) - margin, 0), m))
    hi = np.maximum.accumulate(np.minimum(np.maximum(np.asarray(centre_hi) + margin, 0), m))
    lo = np.minimum(lo, hi)
    lo[0], hi[-1] = 0, m
    return Band(lo.astype(np.int64), hi.astype(np.int64))


def diagonal(src_len: np.ndarray, tgt_len: np.ndarray, margin: int) -> Band:
    """The band around the path the lengths alone predict (same share of the text's length)."""
    m = len(tgt_len)
    src_ends = np.concatenate([[0.0], np.cumsum(np.maximum(src_len, 1.0))])
    tgt_ends = np.concatenate([[0.0], np.cumsum(np.maximum(tgt_len, 1.0))])
    guess = np.searchsorted(tgt_ends / tgt_ends[-1], src_ends / src_ends[-1]).clip(0, m)
    guess[0], guess[-1] = 0, m
    return around(guess, guess, m, margin)
