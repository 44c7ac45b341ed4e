"""Repairs of one segment's links: merge, split, move a boundary, re-align the rest."""

from __future__ import annotations

import pytest

from reader.align.repair import merge_with_previous, move_boundary, realign_rest, split_link
from reader.model import Link, Segment, Text

A = Link((0,), (0,), 0.9)
B = Link((1,), (1, 2), 0.4)
C = Link((2, 3), (3,), 0.7)
LINKS = (A, B, C)


def m(source: tuple[int, ...], target: tuple[int, ...]) -> Link:
    return Link(source, target, None, True)


@pytest.mark.parametrize(
    ("i", "expected"),
    [
        (1, (m((0, 1), (0, 1, 2)), C)),
        (2, (A, m((1, 2, 3), (1, 2, 3)))),
    ],
)
def test_merge_with_previous(i: int, expected: tuple[Link, ...]) -> None:
    assert merge_with_previous(LINKS, i) == expected


@pytest.mark.parametrize("i", [0, 3, -1])
def test_merge_refuses_what_cannot_be_merged(i: int) -> None:
    with pytest.raises(ValueError):
        merge_with_previous(LINKS, i)


@pytest.mark.parametrize(
    ("i", "source_at", "target_at", "expected"),
    [
        (1, 1, 1, (A, m((1,), (1,)), m((), (2,)), C)),
        (2, 1, 1, (A, B, m((2,), (3,)), m((3,), ()))),
        (2, 1, 0, (A, B, m((2,), ()), m((3,), (3,)))),
    ],
)
def test_split_link(i: int, source_at: int, target_at: int, expected: tuple[Link, ...]) -> None:
    assert split_link(LINKS, i, source_at, target_at) == expected


@pytest.mark.parametrize(
    ("i", "source_at", "target_at"),
    [(0, 0, 0), (0, 1, 1), (1, 2, 0), (2, 0, 2), (5, 0, 0)],
)
def test_split_refuses_empty_or_impossible_parts(i: int, source_at: int, target_at: int) -> None:
    with pytest.raises(ValueError):
        split_link(LINKS, i, source_at, target_at)


@pytest.mark.parametrize(
    ("i", "side", "delta", "expected"),
    [
        # Target sentence 1 moves from B into A.
        (0, "target", 1, (m((0,), (0, 1)), m((1,), (2,)), C)),
        # B gives its last target sentence to C.
        (1, "target", -1, (A, m((1,), (1,)), m((2, 3), (2, 3)))),
        # C's first source sentence moves into B.
        (1, "source", 1, (A, m((1, 2), (1, 2)), m((3,), (3,)))),
        # A gives away its only source and only target sentence... on one side only, and
        # a link empty on both sides disappears.
        (0, "source", -1, (m((), (0,)), m((0, 1), (1, 2)), C)),
    ],
)
def test_move_boundary(i: int, side: str, delta: int, expected: tuple[Link, ...]) -> None:
    assert move_boundary(LINKS, i, side, delta) == expected  # type: ignore[arg-type]


def test_move_boundary_drops_a_link_left_empty() -> None:
    links = (Link((0,), (0,)), Link((1,), ()), Link((2,), (1,)))
    assert move_boundary(links, 0, "source", 1) == (m((0, 1), (0,)), Link((2,), (1,)))


@pytest.mark.parametrize(
    ("i", "side", "delta"),
    [(2, "source", 1), (0, "target", 3), (0, "target", -2), (0, "middle", 1), (0, "source", 0)],
)
def test_move_boundary_refuses_impossible_moves(i: int, side: str, delta: int) -> None:
    with pytest.raises(ValueError):
        move_boundary(LINKS, i, side, delta)  # type: ignore[arg-type]


EN = (
    "The company will not sign the code.",
    "It cites legal uncertainty.",
    "The law starts in August 2025.",
    "Critics call this a mistake.",
)
ZH = (
    "该公司不会签署这份准则。",
    "它以法律不确定性为理由。",
    "这项法律于2025年8月开始实施。",
    "批评者称这是一个错误。",
)


def segment(links: tuple[Link, ...]) -> Segment:
    return Segment("s1", "paragraph", Text.of(EN, "en"), Text.of(ZH, "zh"), links)


def test_realign_rest_keeps_links_before_and_realigns_after() -> None:
    # A bad alignment after link 0: the learner asks to re-align from link 1.
    bad = (Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.2), Link((3,), (2, 3), 0.2))
    got = realign_rest(segment(bad), 1, "en", "zh")
    assert got[0] == bad[0]
    assert [(link.source, link.target) for link in got[1:]] == [
        ((1,), (1,)),
        ((2,), (2,)),
        ((3,), (3,)),
    ]
    assert all(not link.manual and link.confidence is not None for link in got[1:])


def test_realign_rest_keeps_manual_links_as_anchors() -> None:
    # The learner decided that source 2 has no translation and that 3 <-> 2, 3.
    anchor = m((3,), (2, 3))
    links = (Link((0,), (0,)), Link((1, 2), (1,)), anchor)
    got = realign_rest(segment(links), 0, "en", "zh")
    assert got[-1] == anchor
    covered_src = [i for link in got for i in link.source]
    covered_tgt = [j for link in got for j in link.target]
    assert covered_src == [0, 1, 2, 3] and covered_tgt == [0, 1, 2, 3]


def test_realign_rest_from_the_end_changes_nothing() -> None:
    links = (Link((0, 1), (0, 1)), Link((2, 3), (2, 3)))
    assert realign_rest(segment(links), 2, "en", "zh") == links
