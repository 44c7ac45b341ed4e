"""How much two spans of sentences share: the weight of tokens whose keys meet across sides.

A token of one side is *found* in a sentence of the other when one of its keys is there. The
evidence for a bead is the weight of the tokens of each side found anywhere in the other
side's span: a word found in two sentences of a span counts once, or a span would look
better the more it repeats the same words. Found positions are kept per token type as
sorted lists and turned into span counts by runs, so the work grows with the number of
(token, sentence) meetings near the path, never with the square of the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np

from reader.align.keys import Token

# The widest span whose chance hits are tabled; a wider bead uses the widest row.
MAX_SPAN = 8

# The share of sentences a token is found in, before a text says otherwise, and how many
# sentences' worth of weight that guess has.
PRIOR_SHARE = 0.02
PRIOR_SENTENCES = 20.0
# How far around a sentence a token's share is counted, and how many sentences' worth of
# weight the share in the whole text has there.
LOCAL_RADIUS = 30
LOCAL_PRIOR = 10.0
# A token weighing less than this is found nearly everywhere: it is left out, and so is the
# cost of listing where it is found.
LEAST_WEIGHT = 0.02


@dataclass(frozen=True)
class Side:
    """One side's tokens, and where on the other side each kind of token is found.

    Only tokens found somewhere on the other side are listed; the others only add to the
    sentence's weight (`unmatched`). `found_key` holds, type by type in order, the other
    side's sentences where the type is found, as `type * (n_other + 1) + sentence`, so one
    sorted search finds a type's sentences in any range.
    """

    sentence: np.ndarray  # (occurrences,) the sentence of each token found on the other side
    kind: np.ndarray  # (occurrences,) its token type
    found_key: np.ndarray  # (meetings,) sorted
    found_count: np.ndarray  # (types,) sentences of the other side each type is found in
    unmatched: np.ndarray  # (sentences,) weight of tokens found nowhere on the other side
    n_other: int

    @property
    def n(self) -> int:
        return len(self.unmatched)

    def found_between(
        self, which: np.ndarray, lo: np.ndarray, hi: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every (occurrence, other-side sentence p) with the token found at p, lo <= p < hi.

        `which` are the occurrences asked about, `lo` and `hi` their bounds; pairs come
        grouped by occurrence, p ascending.
        """
        first, last = self._postings(which, lo, hi)
        counts = np.maximum(last - first, 0)
        occurrence = np.repeat(which, counts)
        starts = np.repeat(first - np.cumsum(counts) + counts, counts)
        positions = self.found_key[starts + np.arange(len(occurrence))] % (self.n_other + 1)
        return occurrence, positions

    def grouped(self, own: int, other: int) -> Side:
        """The same tokens seen as blocks of `own` sentences facing blocks of `other`.

        Blocks keep every token but none of the unmatched weight (see `guide`).
        """
        stride, n_other = self.n_other + 1, -(-self.n_other // other)
        kind, sentence = self.found_key // stride, self.found_key % stride
        found_key = np.unique(kind * (n_other + 1) + sentence // other)
        found_count = np.bincount(found_key // (n_other + 1), minlength=len(self.found_count))
        n = -(-self.n // own)
        return Side(self.sentence // own, self.kind, found_key, found_count, np.zeros(n), n_other)

    def count_between(self, which: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Per occurrence asked about: the other side's sentences in lo <= p < hi it is found in."""
        first, last = self._postings(which, lo, hi)
        counts: np.ndarray = np.maximum(last - first, 0)
        return counts

    def _postings(
        self, which: np.ndarray, lo: np.ndarray, hi: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Where in `found_key` each occurrence's sentences lo <= p < hi begin and end."""
        base = self.kind[which] * (self.n_other + 1)
        first = np.searchsorted(self.found_key, base + np.minimum(np.maximum(lo, 0), self.n_other))
        last = np.searchsorted(self.found_key, base + np.minimum(np.maximum(hi, 0), self.n_other))
        return first, last


def sides(src: list[list[Token]], tgt: list[list[Token]], unmatched: float) -> tuple[Side, Side]:
    """Both sides' token tables.

    `unmatched` weighs a token whose keys occur nowhere in the other text. With a
    dictionary for the pair it is a word that was not translated there, evidence against
    any pairing (1.0). Without one (Dutch-English) most words cannot match at all, and
    counting them would drown the few numbers and names that do (0.0).
    """
    # Tokens repeat (a name, a pronoun, a common word): each distinct one is looked at once.
    src_tokens = dict.fromkeys(chain.from_iterable(src))
    tgt_tokens = dict.fromkeys(chain.from_iterable(tgt))
    shared = set().union(*src_tokens) & set().union(*tgt_tokens)
    index = {key: k for k, key in enumerate(sorted(shared))}
    src_cols = _columns(src_tokens, index, shared)
    tgt_cols = _columns(tgt_tokens, index, shared)
    return (
        _side(src, tgt, src_cols, tgt_cols, len(index), unmatched),
        _side(tgt, src, tgt_cols, src_cols, len(index), unmatched),
    )


def _columns(
    tokens: dict[Token, None], index: dict[str, int], shared: set[str]
) -> dict[Token, frozenset[int]]:
    """Each distinct token's shared keys, as their numbers, in the order tokens are met."""
    number = index.__getitem__
    return {token: frozenset(map(number, token & shared)) for token in tokens}


def _side(
    side: list[list[Token]],
    other: list[list[Token]],
    cols_of: dict[Token, frozenset[int]],
    other_cols: dict[Token, frozenset[int]],
    keys: int,
    unmatched: float,
) -> Side:
    # A token's type is the set of shared keys it holds (numbered as first met); a token
    # holding none is found nowhere and only weighs on its sentence.
    types: dict[frozenset[int], int] = {}
    kind_of = {
        token: types.setdefault(cols, len(types)) if cols else -1 for token, cols in cols_of.items()
    }
    at: list[int] = []
    kinds: list[int] = []
    lost: list[float] = []
    for i, tokens in enumerate(side):
        found = [k for k in map(kind_of.__getitem__, tokens) if k >= 0]
        kinds += found
        at += [i] * len(found)
        lost.append(_repeated(unmatched, len(tokens) - len(found)))
    found_key, found_count = _found(other, other_cols, types, keys)
    return Side(
        np.array(at, dtype=np.int64),
        np.array(kinds, dtype=np.int64),
        found_key,
        found_count,
        np.array(lost, dtype=np.float64),
        len(other),
    )


def _found(
    other: list[list[Token]],
    other_cols: dict[Token, frozenset[int]],
    types: dict[frozenset[int], int],
    keys: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Where on the other side each token type is found (`Side.found_key`), and in how many
    sentences (`Side.found_count`)."""
    stride = len(other) + 1
    # Where each shared key is on the other side (key * stride + sentence, sorted) ...
    held: list[int] = []
    for j, tokens in enumerate(other):
        held += [c * stride + j for c in set().union(*map(other_cols.__getitem__, tokens))]
    postings = np.unique(np.array(held, dtype=np.int64))
    key_first = np.searchsorted(postings, np.arange(keys + 1) * stride)
    # ... and a type is found wherever any of its keys is.
    type_key = np.array([(t, c) for cols, t in types.items() for c in cols], dtype=np.int64)
    if len(type_key):
        of_type, key = type_key[:, 0], type_key[:, 1]
        counts = key_first[key + 1] - key_first[key]
        starts = np.repeat(key_first[key] - np.cumsum(counts) + counts, counts)
        sentences = postings[starts + np.arange(int(counts.sum()))] % stride
        found_key = np.unique(np.repeat(of_type, counts) * stride + sentences)
    else:
        found_key = np.zeros(0, dtype=np.int64)
    found_count = np.bincount(found_key // stride, minlength=len(types)).astype(np.int64)
    return found_key, found_count


def _repeated(value: float, times: int) -> float:
    """`value` added up `times` times, one at a time (what a running sum of it holds)."""
    if value in (0.0, 1.0):
        return value * times  # exact for these two
    total = 0.0
    for _ in range(times):
        total += value
    return total


@dataclass(frozen=True)
class Weighted:
    """One side's tokens with their weights, and what each sentence is expected to find."""

    side: Side
    weight: np.ndarray  # (occurrences,)
    totals: np.ndarray  # (sentences,) all token weight of the sentence, unmatched included
    chance: np.ndarray  # (MAX_SPAN + 1, sentences): weight found by chance in k sentences


def weigh(side: Side, centre: np.ndarray) -> Weighted:
    """Weights of one side's tokens, each taken near `centre[sentence]` on the other side.

    A token's weight falls with the share of the other side's sentences it is found in: a
    word whose glosses meet half the text is noise, and counting it would make every longer
    bead look better than it is. Words come in bursts, though: a term of one article or a
    character of one scene fills the sentences around it and is rare elsewhere, so the
    share that counts is the one among the sentences within `LOCAL_RADIUS` of where the
    token's sentence lies, blended with the share in the whole text; in a short text every
    found token is found "everywhere", so that share in turn is pulled towards the share
    of a typical word in a long one.
    """
    n_other = side.n_other
    whole = (side.found_count + PRIOR_SENTENCES * PRIOR_SHARE) / (n_other + PRIOR_SENTENCES)
    where = centre[side.sentence]
    lo = np.minimum(np.maximum(where - LOCAL_RADIUS, 0), n_other)
    hi = np.minimum(np.maximum(where + LOCAL_RADIUS + 1, 0), n_other)
    near = side.count_between(np.arange(len(side.kind)), lo, hi)
    share = (near + LOCAL_PRIOR * whole[side.kind]) / (hi - lo + LOCAL_PRIOR)
    weight = _specificity(share, n_other + PRIOR_SENTENCES)
    weight[weight < LEAST_WEIGHT] = 0.0
    totals = side.unmatched + np.bincount(side.sentence, weight, minlength=side.n)
    # The chance that a span of `width` random sentences holds the token at least once,
    # for every width at once (a row each; row 0 stays empty), summed per sentence.
    missed = 1.0 - share
    held = np.empty((MAX_SPAN, len(share)))
    held[0] = missed**1
    held[1] = missed**2
    held[2:] = missed**_WIDTHS
    expected = weight * (1.0 - held)
    rows = (_ROWS * side.n + side.sentence).ravel()
    chance = np.bincount(rows, expected.ravel(), minlength=(MAX_SPAN + 1) * side.n)
    return Weighted(side, weight, totals, chance.reshape(MAX_SPAN + 1, side.n))


# The span widths past 2 (numpy squares and copies for ** 2 and ** 1, so those are taken
# apart to keep the same numbers), and the row of `chance` each width fills.
_WIDTHS = np.arange(3, MAX_SPAN + 1, dtype=np.float64)[:, None]
_ROWS = np.arange(1, MAX_SPAN + 1)[:, None]


def _specificity(share: np.ndarray, sentences: float) -> np.ndarray:
    """1 for a token found in one sentence of the other side, 0 for one found in all."""
    if sentences <= 1:
        return np.ones_like(share)
    spread = np.log(np.maximum(share * sentences, 1.0)) / np.log(sentences)
    return np.asarray(np.minimum(np.maximum(1.0 - spread, 0.0), 1.0))


def centres(lengths: np.ndarray, other: np.ndarray) -> np.ndarray:
    """For each sentence, the sentence of the other side at the same share of the text's length.

    Lengths follow a translation far more closely than sentence counts do (Gale & Church):
    a chapter a translator split into many short sentences shifts the sentence count, not
    the length.
    """
    lengths, other = np.maximum(lengths, 1.0), np.maximum(other, 1.0)
    ends = np.cumsum(lengths)
    middles = (ends - 0.5 * lengths) / ends[-1]
    other_ends = np.cumsum(other) / float(np.sum(other))
    at: np.ndarray = np.searchsorted(other_ends, middles).astype(np.int64)
    return at


def span_hits(
    w: Weighted, start: np.ndarray, width: int, spans: Iterable[int]
) -> dict[int, np.ndarray]:
    """Weight of each sentence's tokens found in a span of the other side, for every span end.

    `hits[b][k, c]` is for sentence k and the b other-side sentences ending before position
    `start[k] + c` (c < width). A token found at p covers the ends p+1..p+b; its runs of
    overlapping covers are counted once, as the union they are.
    """
    spans = sorted(set(spans))
    tables = span_tables(w, start, width, spans)
    return {b: tables[k] for k, b in enumerate(spans)}


def span_tables(w: Weighted, start: np.ndarray, width: int, spans: list[int]) -> np.ndarray:
    """`span_hits` as one array, `[k]` for the k-th of `spans` (ascending, distinct).

    All span sizes are marked and summed together: a short paragraph's cost is the number
    of array operations, not their size.
    """
    side = w.side
    stride = width + 1
    # Row by row, each row's span sizes side by side: a part of the meetings touches only
    # the rows of its own sentences, a slice of the whole.
    diffs = np.zeros((side.n, len(spans), stride), dtype=np.float32)
    if not spans:
        return diffs.transpose(1, 0, 2)[:, :, :width]
    # A token found nearly everywhere weighs nothing: skip it before listing where it is.
    kept = np.flatnonzero(w.weight > 0.0)
    lo = start[side.sentence[kept]] - spans[-1]
    hi = start[side.sentence[kept]] + width - 1
    # Listed a bounded number of (token, sentence) meetings at a time, each marked for every
    # span size at once (a short text has too few to count them first).
    bound = max(1, _MEETINGS // len(spans))
    parts = [np.arange(len(kept))]
    if len(kept) * side.n_other > bound:
        meetings = np.cumsum(side.count_between(kept, lo, hi))
        cuts = np.searchsorted(meetings, np.arange(bound, int(meetings[-1]), bound))
        parts = np.split(parts[0], cuts)
    flat = diffs.reshape(-1)
    sizes = np.array(spans, dtype=np.int64)[:, None]
    for part in parts:
        occurrence, p = side.found_between(kept[part], lo[part], hi[part])
        row = side.sentence[occurrence]
        offset = p - start[row]  # the cover of p starts at end p+1, column offset+1
        _add_runs(flat, occurrence, row, offset, w.weight[occurrence], sizes, width)
    np.cumsum(diffs, axis=2, out=diffs)
    return diffs.transpose(1, 0, 2)[:, :, :width]


# (token, sentence) meetings, times span sizes, listed at once by `span_tables`.
_MEETINGS = 1 << 19


def _add_runs(
    diff: np.ndarray,
    occurrence: np.ndarray,
    row: np.ndarray,
    offset: np.ndarray,
    weight: np.ndarray,
    sizes: np.ndarray,
    width: int,
) -> None:
    """Mark, in a difference array of (row, span size, column), the span ends each
    occurrence's runs cover (for every size in `sizes`)."""
    count = len(offset)
    if not count:
        return
    # A run breaks at a new occurrence or where the next found sentence is more than b on.
    gap = np.empty_like(offset)
    gap[0] = 0  # the first occurrence starts a run anyway
    np.subtract(offset[1:], offset[:-1], out=gap[1:])
    new = np.empty(count, dtype=bool)
    new[0] = True
    np.not_equal(occurrence[1:], occurrence[:-1], out=new[1:])
    flat = np.flatnonzero(new | (gap > sizes))  # (size, position) of every run's head
    size, heads = np.divmod(flat, count)
    # Each size's first head is its first occurrence, so the next head less one is the
    # last of a run, across sizes too.
    last = offset[(np.concatenate((flat[1:], [len(sizes) * count])) - 1) % count]
    first = offset[heads]
    lo = np.minimum(np.maximum(first + 1, 0), width)
    hi = np.minimum(np.maximum(last + sizes[size, 0] + 1, 0), width)  # exclusive
    good = hi > lo
    block = len(sizes) * (width + 1)  # one row's cells
    base = row[heads] * block + size * (width + 1)
    weights = weight[heads][good]
    start, end = int(row[0]) * block, (int(row[-1]) + 1) * block  # rows ascend
    touched = diff[start:end]
    touched += np.bincount(base[good] + lo[good] - start, weights, minlength=end - start)
    touched -= np.bincount(base[good] + hi[good] - start, weights, minlength=end - start)
