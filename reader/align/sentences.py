"""align_sentences: which sentences of a translation translate which sentences of the original.

Each possible bead is scored by two signals: shared evidence (dictionary translations,
numbers, names, function words, punctuation and the learner's glossary, from `keys` and
`evidence`) and length agreement (Gale & Church), in `costs`. The dynamic programme in `dp`
picks the cheapest monotone path. A long text is searched only in a band around a guess
of its path (`guide`), so time and memory grow with the text's length. The search then
runs once more with the bead priors refitted to the shapes it found: a translator who
splits every other sentence makes 1-2 beads common in that text, however rare they are
in others.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from reader.align import band as bands
from reader.align.confidence import bead_confidence
from reader.align.costs import WEIGHTS, Weights, bead_costs
from reader.align.dp import Bead, Path, best_path
from reader.align.evidence import centres, sides, weigh
from reader.align.guide import search_band
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
    breaks: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[Link]:
    """The aligner proper, on tokens and lengths (the benchmark tunes weights through it).

    `priors` gives the bead shapes searched and how common each is; `unmatched` is the
    weight of a token found nowhere on the other side (see `evidence.sides`). `breaks`
    marks, per side, the sentences after which a paragraph ends: a bead that runs across
    one costs `weights.crossing` per break.
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
    band = search_band(src, tgt, s_len, t_len, weights)
    cost = bead_costs(src, tgt, s_len, t_len, band, priors, weights)
    if breaks is not None:
        _charge_crossings(cost, band, breaks, weights.crossing)
    path = best_path(band, cost)
    change: dict[Bead, float] = {}
    if weights.refit > 0:
        refitted = _refit(path, priors, weights.refit)
        change = {
            s: weights.prior * (math.log(priors[s]) - math.log(p)) for s, p in refitted.items()
        }
        path = best_path(band, cost, change)
        priors = refitted
    return _links(path, bead_confidence(band, cost, path, change), priors, weights)


def _charge_crossings(
    cost: dict[Bead, np.ndarray],
    band: bands.Band,
    breaks: tuple[np.ndarray, np.ndarray],
    crossing: float,
) -> None:
    """Add `crossing` per paragraph break inside a bead (between two of its sentences)."""
    # before[x]: the breaks after sentences 0..x-1, so a bead over sentences k0..k1-1
    # crosses before[k1 - 1] - before[k0] of them.
    src_before = np.concatenate([[0], np.cumsum(breaks[0])])
    tgt_before = np.concatenate([[0], np.cumsum(breaks[1])])
    rows = np.arange(band.n + 1)[:, None]
    cols = np.maximum(band.columns(), 0)
    for (a, b), c in cost.items():
        if a > 1:
            inside = src_before[np.maximum(rows - 1, 0)] - src_before[np.maximum(rows - a, 0)]
            c += crossing * np.maximum(inside, 0)
        if b > 1:
            inside = tgt_before[np.maximum(cols - 1, 0)] - tgt_before[np.maximum(cols - b, 0)]
            c += crossing * np.maximum(inside, 0)


def _refit(path: Path, priors: dict[Bead, float], weight: float) -> dict[Bead, float]:
    """Bead priors from the shapes a path took, with `weight` beads' worth of the defaults."""
    found = Counter((i1 - i0, j1 - j0) for i0, i1, j0, j1 in path.spans)
    beads = sum(found.values())
    return {shape: (found[shape] + weight * p) / (beads + weight) for shape, p in priors.items()}


def _links(path: Path, share: list[float], priors: dict[Bead, float], w: Weights) -> list[Link]:
    """The beads as links; each as sure as the weaker of two signals.

    `share` says whether another alignment competes with the bead (`confidence`); its
    support says whether its sentences share enough to translate each other at all, which
    a bead with no rival may still lack (a lone pair of titles, a sentence replaced by an
    unrelated one). Support is the bead's evidence cost per sentence, without its prior
    (which says how common the shape is, not whether this bead is right), on a logistic
    scale fitted to the development sets.
    """
    links: list[Link] = []
    for (i0, i1, j0, j1), c, sure in zip(path.spans, path.costs, share):
        a, b = i1 - i0, j1 - j0
        evidence = (c + w.prior * math.log(priors[(a, b)])) / (((a + b) / 2.0) ** w.size)
        support = 1.0 / (1.0 + math.exp((evidence - w.doubt) / w.doubt_scale))
        links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), round(min(sure, support), 3)))
    return links
