"""align_sentences: which sentences of a translation translate which sentences of the original.

Each possible bead is scored by two signals: shared evidence (dictionary translations,
numbers, names, punctuation and the learner's glossary, from `keys` and `evidence`) and
length agreement (Gale & Church). The dynamic programme in `dp` picks the cheapest monotone
path. Long texts are aligned twice: a coarse 1-1 pass finds the path, and the full pass
searches only a band around it, as hunalign and Bertalign do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from reader.align.dp import Bead, Path, best_path
from reader.align.evidence import PairEvidence, pair_evidence, span_similarity
from reader.align.keys import Token, has_dictionary, sentence_tokens
from reader.align.lengths import char_lengths, length_cost, span_sums
from reader.model import Entry, Link


@dataclass(frozen=True)
class Weights:
    """The scoring constants, tuned on the mac-test and mag development sets only."""

    lexical: float = 10.0  # cost of a bead sharing nothing, against 0 for sharing everything
    length: float = 1.0  # weight of the Gale-Church length cost
    null: float = 6.0  # cost of leaving a sentence unpaired
    smoothing: float = 2.0  # pseudo-tokens pulling a bead with little evidence towards 0.5
    prior: float = 1.0  # weight of the bead priors
    chance: float = 2.0  # multiple of chance hits taken off (0: raw counts)
    size: float = 1.0  # exponent of a bead's sentence count scaling its cost
    doubt: float = 10.0  # evidence cost per sentence at which confidence is 0.5
    doubt_scale: float = 1.5  # how fast confidence falls around that point
    band: int = 30  # half-width of the search band around the first pass
    full_search: int = 250_000  # n*m up to which no band is needed
    window_search: int = 2_000_000  # n*m beyond which a text is aligned in windows
    window: int = 600  # source sentences per window


WEIGHTS = Weights()

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
) -> list[Link]:
    """The aligner proper, on tokens and lengths (the benchmark tunes weights through it).

    `priors` gives the bead shapes searched and how common each is; `unmatched` is the
    weight of a token found nowhere on the other side (see `evidence.pair_evidence`).
    """
    n, m = len(s_tok), len(t_tok)
    # Put both sides on one scale: the text's own length ratio, not a per-language table.
    t_len = t_len * (max(float(s_len.sum()), 1.0) / max(float(t_len.sum()), 1.0))
    if n * m > weights.window_search:
        return _align_in_windows(s_tok, t_tok, s_len, t_len, weights, priors, unmatched)
    ev = pair_evidence(s_tok, t_tok, unmatched, s_len, t_len)
    band = None
    if n * m > weights.full_search:
        simple = {shape: priors[shape] for shape in ((1, 1), (1, 0), (0, 1))}
        coarse = best_path(n, m, _costs(ev, s_len, t_len, weights, simple))
        band = _band_around(coarse, n, m, weights.band)
    path = best_path(n, m, _costs(ev, s_len, t_len, weights, priors), band)
    return _links(path, weights, priors)


def _align_in_windows(
    s_tok: list[list[Token]],
    t_tok: list[list[Token]],
    s_len: np.ndarray,
    t_len: np.ndarray,
    w: Weights,
    priors: dict[Bead, float],
    unmatched: float,
) -> list[Link]:
    """A book, aligned window by window so memory and time stay linear in its length.

    Each window of `w.window` source sentences is aligned against the target stretch the
    length ratio predicts, with a margin; only the beads of its first two thirds are kept,
    and the next window starts where the last kept bead ends. A window's forced end is
    wrong more often than not, so it is thrown away rather than trusted.
    """
    n, m = len(s_tok), len(t_tok)
    ratio = m / n
    links: list[Link] = []
    i0 = j0 = 0
    while i0 < n or j0 < m:
        i1 = min(n, i0 + w.window)
        j1 = min(m, j0 + round((i1 - i0) * ratio) + w.window // 4)
        last = i1 == n or j1 == m or (i1 - i0) * (j1 - j0) <= w.full_search
        if last:
            i1, j1 = n, m
        sub = align_tokens(
            s_tok[i0:i1],
            t_tok[j0:j1],
            s_len[i0:i1],
            t_len[j0:j1],
            replace(w, window_search=max(w.window_search, (i1 - i0) * (j1 - j0))),
            priors,
            unmatched,
        )
        if not last:
            keep_until = (2 * w.window) // 3
            prefix: list[Link] = []
            for link in sub:
                if link.source and link.source[-1] >= keep_until:
                    break
                prefix.append(link)
            sub = prefix or sub[:1]
        for link in sub:
            links.append(
                Link(
                    tuple(k + i0 for k in link.source),
                    tuple(k + j0 for k in link.target),
                    link.confidence,
                )
            )
        i0 += sum(len(link.source) for link in sub)
        j0 += sum(len(link.target) for link in sub)
        if last:
            break
    return links


def _costs(
    ev: PairEvidence,
    s_len: np.ndarray,
    t_len: np.ndarray,
    w: Weights,
    priors: dict[Bead, float],
) -> dict[Bead, np.ndarray]:
    n, m = ev.src_hits.shape
    cost: dict[Bead, np.ndarray] = {}
    for (a, b), p in priors.items():
        prior = -w.prior * math.log(p)
        if a == 0 or b == 0:
            c = np.full((n + 1, m + 1), prior + w.null, dtype=np.float64)
        else:
            hits, total = span_similarity(ev, a, b, w.chance)
            sim = (hits + 0.5 * w.smoothing) / (total + w.smoothing)
            s = span_sums(s_len, a)
            t = span_sums(t_len, b)
            lengths = length_cost(np.nan_to_num(s), np.nan_to_num(t))
            scale = ((a + b) / 2.0) ** w.size
            c = prior + scale * (w.lexical * (1.0 - sim) + w.length * lengths)
        c[:a, :] = np.inf
        c[:, :b] = np.inf
        cost[(a, b)] = np.nan_to_num(c, nan=np.inf)
    return cost


def _band_around(path: Path, n: int, m: int, width: int) -> np.ndarray:
    """Target ranges per source position: the coarse path widened by `width` both ways."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in path.spans:
        for i in range(i0, i1 + 1):
            lo[i] = min(lo[i], j0)
            hi[i] = max(hi[i], j1)
    lo = np.maximum(lo - width, 0)
    hi = np.minimum(hi + width, m)
    return np.stack([lo, hi], axis=1)


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
