"""The search machinery under the aligner: bands, span evidence, the banded DP, the guide."""

from __future__ import annotations

import numpy as np
import pytest

from reader.align import band as bands
from reader.align.dp import best_path
from reader.align.evidence import centres, sides, span_hits, weigh


def tok(*keys: str) -> frozenset[str]:
    return frozenset(keys)


def test_band_bounds_never_fall_and_reach_both_corners() -> None:
    band = bands.around(np.array([5, 3, 9, 9, 20]), np.array([5, 4, 12, 10, 20]), 20, 2)
    assert list(band.lo) == [0, 3, 7, 7, 18]
    assert list(band.hi) == [7, 7, 14, 14, 20]
    first, last = band.rows_of()
    # Target position 8 is searched in rows 2 and 3 only.
    assert (first[8], last[8]) == (2, 3)
    cols = band.columns()
    assert cols.shape == (5, band.width)
    assert cols[0, 0] == 0 and cols[4, 0] == 18 and cols[4, 3] == -1


def test_diagonal_follows_the_lengths_not_the_counts() -> None:
    # Two long source sentences, then six short ones; the target is the same length per
    # sentence throughout. Two thirds of the source text end after sentence 2, and two
    # thirds of the target's after sentence 6 (counts would say 2).
    band = bands.diagonal(np.array([30.0, 30, 5, 5, 5, 5, 5, 5]), np.full(8, 12.0), 0)
    assert (band.lo[1], band.lo[2]) == (3, 6)


def test_a_word_found_in_two_sentences_of_a_span_counts_once() -> None:
    src = [[tok("law"), tok("rule")]]
    tgt = [[tok("law")], [tok("law")], [tok("x")]]
    src_side, _ = sides(src, tgt, 1.0)
    w = weigh(src_side, np.array([1]))
    hits = span_hits(w, np.array([0]), 4, [1, 2, 3])
    law = w.weight[0]
    # One sentence: found in the first two (ends 1 and 2), not in the third (end 3).
    assert list(hits[1][0]) == pytest.approx([0, law, law, 0])
    # Two sentences ending at 2 hold "law" twice; it still counts once.
    assert hits[2][0][2] == pytest.approx(law)
    assert hits[3][0][3] == pytest.approx(law)


def test_a_word_found_everywhere_weighs_less_than_a_rare_one() -> None:
    src = [[tok("common"), tok("rare")]] + [[tok("common")] for _ in range(39)]
    tgt = [[tok("common"), tok("rare")]] + [[tok("common")] for _ in range(39)]
    src_side, _ = sides(src, tgt, 1.0)
    w = weigh(src_side, centres(np.ones(40), np.ones(40)))
    common, rare = w.weight[0], w.weight[1]
    assert rare > 0.5 > common


def test_words_without_counterpart_weigh_as_unmatched() -> None:
    src = [[tok("alpha"), tok("beta")]]
    tgt = [[tok("alpha")]]
    with_dictionary, _ = sides(src, tgt, 1.0)
    without, _ = sides(src, tgt, 0.0)
    assert with_dictionary.unmatched[0] == 1.0 and without.unmatched[0] == 0.0
    assert len(with_dictionary.kind) == 1  # only "alpha" can be found


def test_banded_dp_takes_the_cheap_cells_and_reports_bead_costs() -> None:
    band = bands.full(2, 2)
    inf = np.inf
    one = np.array([[inf, inf, inf], [inf, 1.0, 9.0], [inf, 9.0, 1.0]])
    skip = np.array([[inf, 5.0, 5.0], [5.0, 5.0, 5.0], [5.0, 5.0, 5.0]])
    path = best_path(band, {(1, 1): one, (1, 0): skip, (0, 1): skip})
    assert path.spans == ((0, 1, 0, 1), (1, 2, 1, 2))
    assert path.costs == pytest.approx((1.0, 1.0))
    # Making 1-1 beads dearer by a constant turns the path into skips.
    path = best_path(band, {(1, 1): one, (1, 0): skip, (0, 1): skip}, {(1, 1): 20.0})
    assert all(i1 - i0 + j1 - j0 == 1 for i0, i1, j0, j1 in path.spans)


def test_banded_dp_stays_inside_its_band() -> None:
    # A band that forbids the diagonal's middle cell forces a detour through skips.
    band = bands.Band(np.array([0, 0, 2]), np.array([1, 1, 2]))
    width = band.width
    ones = np.full((3, width), 1.0)
    path = best_path(band, {(1, 1): ones, (1, 0): ones * 3, (0, 1): ones * 3})
    cells = [(i1, j1) for _, i1, _, j1 in path.spans]
    assert all(band.lo[i] <= j <= band.hi[i] for i, j in cells)
    assert cells[-1] == (2, 2)


def test_a_bead_shape_without_a_source_sentence_must_be_0_1() -> None:
    with pytest.raises(ValueError, match="0-1"):
        best_path(bands.full(1, 2), {(0, 2): np.zeros((2, 3))})


def test_the_block_pass_sees_the_whole_text() -> None:
    from dataclasses import replace

    from reader.align.costs import WEIGHTS
    from reader.align.guide import block_path, search_band

    # 300 numbered sentences; the translation lacks 100 of them in the middle.
    src = [[tok(f"#{k}"), tok("word")] for k in range(300)]
    tgt = [[tok(f"#{k}"), tok("word")] for k in range(300) if not 100 <= k < 200]
    s_len, t_len = np.full(300, 20.0), np.full(200, 30.0)
    narrow = replace(WEIGHTS, full_search=5_000)
    # Blocks of ten sentences: the source blocks of the gap face no target block (within a
    # block either side, as blocks next to the gap may share a bead with it).
    src_side, tgt_side = sides(src, tgt, 1.0)
    blocks = block_path(src_side, tgt_side, s_len, t_len, 10, 10, narrow)
    unpaired = sum(i1 - i0 for i0, i1, j0, j1 in blocks if j0 == j1)
    assert 80 <= unpaired <= 100
    assert all(j0 == j1 for i0, i1, j0, j1 in blocks if 110 <= i0 and i1 <= 190)
    # The band handed to the full search is narrow and holds the true path all along.
    s_w = weigh(src_side, centres(s_len, t_len))
    t_w = weigh(tgt_side, centres(t_len, s_len))
    band = search_band(s_w, t_w, s_len, t_len, narrow)
    assert band.width < 200
    for i in range(301):
        true_j = i if i <= 100 else max(100, i - 100)
        assert band.lo[i] <= true_j <= band.hi[i]


def test_confidence_is_the_share_of_all_alignments_through_a_bead() -> None:
    import math

    from reader.align.confidence import bead_confidence
    from reader.align.dp import Path

    # One sentence a side, three alignments of equal cost 2: the pair, or each unpaired in
    # either order. Each bead lies on one of them and holds a third of the weight.
    inf = math.inf
    band = bands.full(1, 1)
    pair = np.array([[inf, inf], [inf, 2.0]])
    alone = np.array([[inf, 1.0], [1.0, 1.0]])
    cost = {(1, 1): pair, (1, 0): alone, (0, 1): alone}
    assert bead_confidence(band, cost, Path(((0, 1, 0, 1),), (2.0,))) == pytest.approx([1 / 3])
    unpaired = Path(((0, 1, 0, 0), (1, 1, 0, 1)), (1.0, 1.0))
    assert bead_confidence(band, cost, unpaired) == pytest.approx([1 / 3, 1 / 3])
    # A dear pair leaves the unpaired beads nearly all the weight.
    dear = {**cost, (1, 1): pair + 10.0}
    assert bead_confidence(band, dear, Path(((0, 1, 0, 1),), (12.0,)))[0] < 1e-4
