"""Length agreement (Gale & Church 1993): translated sentences keep proportional lengths.

Lengths are counted in characters without spaces, and the target side is rescaled by the
text's own overall ratio, so English against Chinese (about 3 characters to 1) needs no table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

# Gale & Church's variance of the length difference per character.
VARIANCE = 6.8


def char_lengths(sentences: Sequence[str]) -> np.ndarray:
    return np.array([len("".join(s.split())) for s in sentences], dtype=float)


def span_sums(lengths: np.ndarray, k: int) -> np.ndarray:
    """sums[i] = total length of the k items ending at i (index i = items before i)."""
    prefix = np.concatenate([[0.0], np.cumsum(lengths)])
    out = np.full(len(prefix), np.nan)
    if k >= len(prefix):
        return out
    out[k:] = prefix[k:] - prefix[: len(prefix) - k]
    return out


def length_cost(src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray:
    """-log P(match | lengths) of span lengths, element by element (numpy broadcasting).

    The two-sided tail probability of the normalised difference, as in Gale & Church, with
    a floor so one wild pair cannot dominate a path.
    """
    s = np.asarray(src_len)
    t = np.asarray(tgt_len)
    mean = (s + t) / 2.0
    delta = (t - s) / np.sqrt(np.maximum(mean, 1.0) * VARIANCE)
    p = _two_sided_tail(np.abs(delta))
    return np.asarray(-np.log(np.maximum(p, 1e-12)))


def _two_sided_tail(z: np.ndarray) -> np.ndarray:
    """2 * (1 - Phi(z)), from the Abramowitz-Stegun approximation Gale & Church used."""
    t = 1.0 / (1.0 + 0.2316419 * z)
    poly = t * (
        0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429)))
    )
    return np.asarray(2.0 * (1.0 / math.sqrt(2 * math.pi)) * np.exp(-z * z / 2.0) * poly)
