"""How much two spans of sentences share: counts of tokens whose keys meet across sides.

All pairs are scored at once with matrix products over the keys present on both sides, and
a span of several sentences is scored from the pair counts with running sums, so every bead
shape costs the same few array operations whatever the text length.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reader.align.keys import Token

# The widest span a bead may take on one side (paragraph beads absorb hard-wrapped lines).
MAX_SPAN = 12

# The share of sentences a token is found in, before a text says otherwise, and how many
# sentences' worth of weight that guess has.
PRIOR_SHARE = 0.02
PRIOR_SENTENCES = 20.0
# How far around a sentence a token's share is counted, and how many sentences' worth of
# weight the share in the whole text has there.
LOCAL_RADIUS = 30
LOCAL_PRIOR = 10.0


@dataclass(frozen=True)
class PairEvidence:
    """Per sentence pair: tokens of i found in j (`src_hits`), of j found in i (`tgt_hits`)."""

    src_hits: np.ndarray  # (n, m)
    tgt_hits: np.ndarray  # (n, m)
    src_tokens: np.ndarray  # (n,) tokens per source sentence
    tgt_tokens: np.ndarray  # (m,)
    src_chance: np.ndarray  # (MAX_SPAN + 1, n): hits expected by chance in a span of k sentences
    tgt_chance: np.ndarray  # (MAX_SPAN + 1, m)


def _hits(
    side: list[list[Token]],
    other: list[list[Token]],
    index: dict[str, int],
    unmatched: float,
    centre: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each sentence of `side` x sentence of `other`: weight of its tokens found there.

    Also returns each sentence's total token weight. A token's weight falls with the share of
    the other side's sentences it is found in: a word whose glosses meet half the text is
    noise, and counting it would make every longer bead look better than it is. The share is
    taken near where the token's sentence lies (see `_local_share`).
    """
    k = len(index)
    n_side, n_other = len(side), len(other)
    present = np.zeros((n_other, k), dtype=np.float32)
    for j, tokens in enumerate(other):
        for token in tokens:
            for key in token:
                col = index.get(key)
                if col is not None:
                    present[j, col] = 1.0
    types: dict[frozenset[int], int] = {}
    rows: list[int] = []  # sentence of each token occurrence found in the other text
    kinds: list[int] = []  # and its token type
    totals = np.zeros(n_side, dtype=np.float32)
    for i, tokens in enumerate(side):
        for token in tokens:
            cols = frozenset(c for c in (index.get(key) for key in token) if c is not None)
            if cols:
                rows.append(i)
                kinds.append(types.setdefault(cols, len(types)))
            else:
                totals[i] += unmatched  # found nowhere in the other text
    chance = np.zeros((MAX_SPAN + 1, n_side), dtype=np.float32)
    if not types:
        return np.zeros((n_side, n_other), dtype=np.float32), totals, chance
    type_keys = np.zeros((len(types), k), dtype=np.float32)
    for cols, t in types.items():
        type_keys[t, list(cols)] = 1.0
    found = (type_keys @ present.T > 0).astype(np.float32)  # (types, n_other)
    at, kind = np.array(rows), np.array(kinds)
    share = _local_share(found, at, kind, centre[at])
    weight = _specificity(share, n_other + PRIOR_SENTENCES)
    counts = np.zeros((n_side, len(types)), dtype=np.float32)
    np.add.at(counts, (at, kind), weight)
    np.add.at(totals, at, weight)
    # A longer span finds more by chance alone; what it finds beyond that is evidence.
    for width in range(1, MAX_SPAN + 1):
        np.add.at(chance[width], at, weight * (1.0 - (1.0 - share) ** width))
    return counts @ found, totals, chance


def _local_share(
    found: np.ndarray, at: np.ndarray, kind: np.ndarray, centre: np.ndarray
) -> np.ndarray:
    """The share of the other side's sentences each token occurrence is found in.

    Words come in bursts: a term of one article or a character of one scene fills the
    sentences around it and is rare elsewhere, so its chance of meeting a neighbouring
    sentence is what counts. The share is counted among the sentences within `LOCAL_RADIUS`
    of `centre`, where the lengths put the token's sentence on the other side, blended with the share in the
    whole text; in a short text every found token is found "everywhere", so that share in
    turn is pulled towards the share of a typical word in a long one.
    """
    n_types, n_other = found.shape
    whole = (found.sum(axis=1) + PRIOR_SENTENCES * PRIOR_SHARE) / (n_other + PRIOR_SENTENCES)
    running = np.zeros((n_types, n_other + 1), dtype=np.float32)
    np.cumsum(found, axis=1, out=running[:, 1:])
    lo = np.clip(centre - LOCAL_RADIUS, 0, n_other)
    hi = np.clip(centre + LOCAL_RADIUS + 1, 0, n_other)
    near = running[kind, hi] - running[kind, lo]
    return np.asarray((near + LOCAL_PRIOR * whole[kind]) / (hi - lo + LOCAL_PRIOR))


def _specificity(share: np.ndarray, sentences: float) -> np.ndarray:
    """1 for a token found in one sentence of the other side, 0 for one found in all."""
    if sentences <= 1:
        return np.ones_like(share)
    spread = np.log(np.maximum(share * sentences, 1.0)) / np.log(sentences)
    return np.asarray(np.clip(1.0 - spread, 0.0, 1.0))


def across(lengths: np.ndarray, other: np.ndarray) -> np.ndarray:
    """For each sentence, the sentence of the other side at the same share of the text's length.

    Lengths follow a translation far more closely than sentence counts do (Gale & Church):
    a chapter a translator split into many short sentences shifts the sentence count, not
    the length.
    """
    ends = np.cumsum(np.maximum(lengths, 1.0))
    middles = (ends - 0.5 * np.maximum(lengths, 1.0)) / ends[-1]
    other_ends = np.cumsum(np.maximum(other, 1.0)) / max(float(np.sum(np.maximum(other, 1.0))), 1.0)
    return np.searchsorted(other_ends, middles).astype(np.int64)


def pair_evidence(
    src: list[list[Token]],
    tgt: list[list[Token]],
    unmatched: float = 1.0,
    src_len: np.ndarray | None = None,
    tgt_len: np.ndarray | None = None,
) -> PairEvidence:
    """Evidence for every sentence pair.

    `unmatched` weighs a token whose keys occur nowhere in the other text. With a
    dictionary for the pair it is a word that was not translated there, evidence against
    any pairing (1.0). Without one (Dutch-English) most words cannot match at all, and
    counting them would drown the few numbers and names that do (0.0). The sentence lengths
    place each sentence on the other side (see `_local_share`); without them, counts do.
    """
    src_keys = {key for tokens in src for token in tokens for key in token}
    tgt_keys = {key for tokens in tgt for token in tokens for key in token}
    index = {key: n for n, key in enumerate(sorted(src_keys & tgt_keys))}
    if src_len is None or tgt_len is None:
        src_len, tgt_len = np.ones(len(src)), np.ones(len(tgt))
    src_hits, src_tokens, src_chance = _hits(src, tgt, index, unmatched, across(src_len, tgt_len))
    tgt_hits, tgt_tokens, tgt_chance = _hits(tgt, src, index, unmatched, across(tgt_len, src_len))
    return PairEvidence(src_hits, tgt_hits.T, src_tokens, tgt_tokens, src_chance, tgt_chance)


def _window(values: np.ndarray, width: int, axis: int) -> np.ndarray:
    """out[..., e] = sum of the `width` entries ending before e along `axis` (e = 0..len)."""
    v = np.moveaxis(values, axis, -1)
    prefix = np.concatenate(
        [np.zeros(v.shape[:-1] + (1,), dtype=v.dtype), np.cumsum(v, axis=-1)], axis=-1
    )
    out = np.zeros_like(prefix)
    if width >= prefix.shape[-1]:
        return np.moveaxis(np.full_like(prefix, np.nan), -1, axis)
    if width == 0:
        return np.moveaxis(out, -1, axis)
    out[..., width:] = prefix[..., width:] - prefix[..., :-width]
    out[..., :width] = np.nan
    return np.moveaxis(out, -1, axis)


def span_similarity(
    ev: PairEvidence, a: int, b: int, chance: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """(shared tokens, all tokens) of every a-sentence x b-sentence span, by end point.

    Each sentence's hits are capped at its token count, so a word found in two sentences of
    the other side is not counted twice.
    """
    n, m = ev.src_hits.shape
    if a == 0 or b == 0:
        hits = np.zeros((n + 1, m + 1), dtype=np.float32)
    else:
        s = np.minimum(_window(ev.src_hits, b, axis=1), ev.src_tokens[:, None])  # (n, m+1)
        t = np.minimum(_window(ev.tgt_hits, a, axis=0), ev.tgt_tokens[None, :])  # (n+1, m)
        s = s - chance * ev.src_chance[min(b, MAX_SPAN)][:, None]
        t = t - chance * ev.tgt_chance[min(a, MAX_SPAN)][None, :]
        hits = _window(s, a, axis=0) + _window(t, b, axis=1)
    total = _window(ev.src_tokens, a, axis=0)[:, None] + _window(ev.tgt_tokens, b, axis=0)[None, :]
    return hits, total
