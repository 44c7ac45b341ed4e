"""The Vecalign strict/lax metric and the bead file format.

That the scorer reproduces the published figures of the gold data set is checked by
`bench/check_scorer.py`: the gold data is for evaluation only and not part of the project.
"""

from __future__ import annotations

import pytest

from reader.align.scoring import format_bead, parse_beads, score


@pytest.mark.parametrize(
    ("text", "beads"),
    [
        ("[0]:[0]\n", [((0,), (0,))]),
        ("[8, 9]:[8]\n[10]:[9, 10]\n", [((8, 9), (8,)), ((10,), (9, 10))]),
        ("[12]:[]\n[]:[13]\n", [((12,), ()), ((), (13,))]),
        ("\n[1]:[2]\n\n", [((1,), (2,))]),
    ],
)
def test_parse_beads(text: str, beads: list[object]) -> None:
    assert parse_beads(text) == beads


def test_format_is_what_parse_reads() -> None:
    assert format_bead((0, 1), (2,)) == "[0, 1]:[2]"
    assert format_bead((), (3,)) == "[]:[3]"
    assert parse_beads(format_bead((4, 5), ()) + "\n") == [((4, 5), ())]


@pytest.mark.parametrize("bad", ["[0]-[1]", "[0]:[x]", "[0]:[1]:[2]"])
def test_malformed_bead_names_its_line(bad: str) -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_beads("[0]:[0]\n" + bad + "\n")


G = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))]


@pytest.mark.parametrize(
    ("test", "strict_p", "strict_r", "lax_p", "lax_r"),
    [
        (G, 1.0, 1.0, 1.0, 1.0),
        # 2-1 split into 1-1 + 1-0: one strict miss; the 1-1 overlaps gold (lax hit), the
        # 1-0 has no target to overlap with (lax miss).
        ([((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2, 3))], 2 / 4, 2 / 3, 3 / 4, 3 / 3),
        # Everything in one bead: lax hit only.
        ([((0, 1, 2, 3), (0, 1, 2, 3))], 0.0, 0.0, 1.0, 1.0),
        # Wrong pairing with no overlap at all.
        ([((0,), (1,)), ((1, 2), (0,)), ((3,), (2, 3))], 1 / 3, 1 / 3, 1 / 3, 1 / 3),
    ],
)
def test_strict_and_lax(
    test: list[object], strict_p: float, strict_r: float, lax_p: float, lax_r: float
) -> None:
    s = score([(G, test)])  # type: ignore[list-item]
    assert (s.strict_p, s.strict_r, s.lax_p, s.lax_r) == pytest.approx(
        (strict_p, strict_r, lax_p, lax_r)
    )


def test_null_gold_beads_do_not_count_for_recall() -> None:
    gold = [((0,), (0,)), ((1,), ())]
    s = score([(gold, [((0,), (0,)), ((1,), ())])])
    assert s.strict_r == 1.0 and s.strict_p == 1.0
    s = score([(gold, [((0, 1), (0,))])])
    assert s.strict_r == 0.0 and s.lax_r == 1.0


def test_counts_are_pooled_over_files_not_averaged() -> None:
    one = ([((0,), (0,))], [((0,), (0,))])
    ten = ([((i,), (i,)) for i in range(10)], [((i,), (9 - i,)) for i in range(10)])
    # Averaging per file would give 0.5; pooling 1 right of 11 gives 1/11.
    assert score([one, ten]).strict_p == pytest.approx(1 / 11)
