"""align_sentences: which sentences of a translation translate which sentences of the original."""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from reader.align.dp import BEADS, Bead, best_path
from reader.align.lengths import char_lengths, length_cost, span_sums
from reader.model import Entry, Link

# Bead priors: Gale & Church's counts, with the 3-sentence beads made rare but possible.
PRIORS: dict[Bead, float] = {
    (1, 1): 0.89,
    (1, 0): 0.005,
    (0, 1): 0.005,
    (1, 2): 0.045,
    (2, 1): 0.045,
    (2, 2): 0.011,
    (1, 3): 0.005,
    (3, 1): 0.005,
}


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    glossary: Iterable[Entry] = (),
) -> list[Link]:
    """Monotone beads covering every sentence on both sides, each with a confidence in [0, 1]."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]
    s_len = char_lengths(src)
    t_len = char_lengths(tgt)
    # Put both sides on one scale: the text's own length ratio, not a per-language table.
    t_len = t_len * (max(s_len.sum(), 1.0) / max(t_len.sum(), 1.0))
    cost: dict[Bead, np.ndarray] = {}
    for a, b in BEADS:
        s = span_sums(s_len, a) if a else np.zeros(n + 1)
        t = span_sums(t_len, b) if b else np.zeros(m + 1)
        c = length_cost(np.nan_to_num(s, nan=0.0), np.nan_to_num(t, nan=0.0))
        c = c - math.log(PRIORS[(a, b)])
        c[: a, :] = np.inf
        c[:, : b] = np.inf
        cost[(a, b)] = c
    path = best_path(n, m, cost)
    links: list[Link] = []
    for (i0, i1, j0, j1), c in zip(path.spans, path.costs):
        conf = float(math.exp(-max(c, 0.0) / 4.0))
        links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), round(conf, 3)))
    return links
