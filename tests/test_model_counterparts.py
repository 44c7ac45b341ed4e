"""The one rule for which translation sentences answer a source sentence (Segment.counterparts)."""

from __future__ import annotations

import pytest

from reader.model import Link, Segment, Text


def seg(n_source: int, n_target: int | None, links: tuple[Link, ...] = ()) -> Segment:
    source = Text.of([f"S{i}." for i in range(n_source)], "en")
    target = None if n_target is None else Text.of([f"T{i}。" for i in range(n_target)], "zh")
    return Segment("x", "paragraph", source, target, links)


@pytest.mark.parametrize(
    ("segment", "sentence", "expected"),
    [
        (seg(3, None), 0, ()),  # no translation
        (seg(3, 0), 0, ()),  # an empty translation
        (seg(3, 3), 1, (1,)),  # unlinked, as many sentences: by position
        (seg(3, 1), 2, (0,)),  # unlinked, one target sentence answers all
        (seg(1, 3), 0, (0, 1, 2)),  # unlinked, one source sentence: the whole translation
        (seg(3, 2), 0, ()),  # unlinked, uneven: nothing claimed
        (seg(3, 3), 7, ()),  # out of range
        (seg(3, 2, (Link((0, 1), (0,)), Link((2,), (1,)))), 1, (0,)),  # links decide
        (seg(3, 3, (Link((0,), (2, 1)), Link((1,), ()))), 0, (1, 2)),  # sorted
        (seg(3, 3, (Link((0,), (0,)),)), 2, ()),  # in no link: no counterpart, not by position
    ],
)
def test_counterparts(segment: Segment, sentence: int, expected: tuple[int, ...]) -> None:
    assert segment.counterparts(sentence) == expected


@pytest.mark.parametrize(
    ("segment", "target", "expected"),
    [
        (seg(3, 3), 2, (2,)),
        (seg(3, 1), 0, (0, 1, 2)),
        (seg(1, 3), 2, (0,)),
        (seg(3, 2), 1, ()),
        (seg(3, 2, (Link((0, 1), (0,)), Link((2,), (1,)))), 0, (0, 1)),
    ],
)
def test_sources_of_is_the_inverse(
    segment: Segment, target: int, expected: tuple[int, ...]
) -> None:
    assert segment.sources_of(target) == expected
    for s in expected:
        assert target in segment.counterparts(s)
