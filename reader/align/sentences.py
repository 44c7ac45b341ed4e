"""align_sentences: which sentences of a translation translate which sentences of the original.

Each possible bead is scored by two signals: shared evidence (dictionary translations,
numbers, names, function words, punctuation and the learner's glossary, from `keys` and
`evidence`) and length agreement (Gale & Church), in `costs`. The dynamic programme in `dp`
picks the cheapest monotone path. A long text is aligned in two passes, as hunalign and
Bertalign do: 1-1, 1-0 and 0-1 beads near the path the lengths predict give a first guess,
and the full search runs in a band around it, so time and memory grow with the text's
length. The search then runs once more with the bead priors refitted to the shapes it
found: a translator who splits every other sentence makes 1-2 beads common in that text,
however rare they are in others.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from reader.align import band as bands
from reader.align.costs import WEIGHTS, Weights, bead_costs
from reader.align.dp import Bead, Path, best_path
from reader.align.evidence import Weighted, centres, sides, weigh
from reader.align.keys import Token, has_dictionary, sentence_tokens
from reader.align.lengths import char_lengths
from reader.model import Entry, Link

__all__ = ["PRIORS", "WEIGHTS", "Weights", "align_sentences", "align_tokens"]

# The bead shapes searched, with their priors: Gale & Church's counts for the classic shapes,
# except that 1-2 and 2-1 are twice as likely (Chinese-English translators split and join
# sentences far more than the parliament proceedings those counts come from). 2-2 exists
# for paraphrase across two sentences; 1-3 up to 1-5 and 2-3 for the long literary
# sentence a translator splits (a Chinese sentence of commas often becomes four English
# ones), with the mirrored shapes for the other direction.
PRIORS: dict[Bead, float] = {
    (1, 1): 0.89,
    (1, 0): 0.005,
    (0, 1): 0.005,
    (1, 2): 0.09,
    (2, 1): 0.09,
    (2, 2): 0.011,
    (1, 3): 0.005,
    (3, 1): 0.005,
    (1, 4): 0.002,
    (4, 1): 0.002,
    (2, 3): 0.002,
    (3, 2): 0.002,
    (1, 5): 0.001,
    (5, 1): 0.001,
}

_FIRST_PASS: dict[Bead, float] = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005}


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
        return [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]
    entries = tuple(glossary)
    s_tok = sentence_tokens(src, src_lang, entries)
    t_tok = sentence_tokens(tgt, tgt_lang, entries)
    unmatched = 1.0 if has_dictionary(src_lang, tgt_lang) else 0.0
    return align_tokens(s_tok, t_tok, char_lengths(src), char_lengths(tgt), unmatched=unmatched)


def align_tokens(
    s_tok: list[list[Token]],
    t_tok: list[list[Token]],
    s_len: np.ndarray,
    t_len: np.ndarray,
    weights: Weights = WEIGHTS,
    priors: dict[Bead, float] = PRIORS,
    unmatched: float = 1.0,
) -> list[Link]:
    """The aligner proper, on tokens and lengths (the benchmark tunes weights through it).

    `priors` gives the bead shapes searched and how common each is; `unmatched` is the
    weight of a token found nowhere on the other side (see `evidence.sides`).
    """
    n, m = len(s_tok), len(t_tok)
    if n == 0 or m == 0:
        return [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]
    # Put both sides on one scale: the text's own length ratio, not a per-language table.
    s_len = np.asarray(s_len, dtype=np.float64)
    t_len = np.asarray(t_len, dtype=np.float64)
    t_len = t_len * (max(float(s_len.sum()), 1.0) / max(float(t_len.sum()), 1.0))
    src_side, tgt_side = sides(s_tok, t_tok, unmatched)
    src = weigh(src_side, centres(s_len, t_len))
    tgt = weigh(tgt_side, centres(t_len, s_len))
    band = bands.full(n, m)
    if n * m > weights.full_search:
        band = _around(_first_pass(src, tgt, s_len, t_len, weights), n, m, weights.band)
    cost = bead_costs(src, tgt, s_len, t_len, band, priors, weights)
    path = best_path(band, cost)
    if weights.refit > 0:
        refitted = _refit(path, priors, weights.refit)
        change = {
            s: weights.prior * (math.log(priors[s]) - math.log(p)) for s, p in refitted.items()
        }
        path = best_path(band, cost, change)
        priors = refitted
    return _links(path, weights, priors)


def _first_pass(
    src: Weighted, tgt: Weighted, s_len: np.ndarray, t_len: np.ndarray, w: Weights
) -> Path:
    """A first guess of the path: 1-1, 1-0 and 0-1 beads near where the lengths put it.

    The search starts `first_band` sentences either side of the length diagonal and widens
    while the path it finds runs along the band's edge, where the band, not the text,
    decided it (a chapter missing from one side pushes the path far off the diagonal).
    """
    n, m = len(s_len), len(t_len)
    margin = w.first_band
    while True:
        band = bands.diagonal(s_len, t_len, margin)
        path = best_path(band, bead_costs(src, tgt, s_len, t_len, band, _FIRST_PASS, w))
        if margin >= max(n, m) or not _hugs_edge(path, band, w.band):
            return path
        margin *= 2


def _hugs_edge(path: Path, band: bands.Band, near: int) -> bool:
    """Whether the path comes within `near` of a band edge that is not the text's own edge."""
    i = np.array([span[1] for span in path.spans])
    j = np.array([span[3] for span in path.spans])
    low = (band.lo[i] > 0) & (j - band.lo[i] < near)
    high = (band.hi[i] < band.m) & (band.hi[i] - j < near)
    return bool(np.any(low | high))


def _refit(path: Path, priors: dict[Bead, float], weight: float) -> dict[Bead, float]:
    """Bead priors from the shapes a path took, with `weight` beads' worth of the defaults."""
    found = Counter((i1 - i0, j1 - j0) for i0, i1, j0, j1 in path.spans)
    beads = sum(found.values())
    return {shape: (found[shape] + weight * p) / (beads + weight) for shape, p in priors.items()}


def _around(path: Path, n: int, m: int, margin: int) -> bands.Band:
    """The band `margin` target positions either side of a first pass's path."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in path.spans:
        lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], j0)
        hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], j1)
    return bands.around(lo, hi, m, margin)


def _links(path: Path, w: Weights, priors: dict[Bead, float]) -> list[Link]:
    links: list[Link] = []
    for (i0, i1, j0, j1), c in zip(path.spans, path.costs):
        a, b = i1 - i0, j1 - j0
        # Confidence from the evidence alone, per sentence: the prior says how common a
        # shape is, not whether this bead is right, and a 1-3 bead should not look three
        # times worse than a 1-1 bead with the same support.
        evidence = (c + w.prior * math.log(priors[(a, b)])) / (((a + b) / 2.0) ** w.size)
        conf = 1.0 / (1.0 + math.exp((evidence - w.doubt) / w.doubt_scale))
        links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), round(conf, 3)))
    return links
