"""The contrast arithmetic of the reading view's palette, on known values."""

from __future__ import annotations

import pytest

from reader.ui.viewmodel.contrast import contrast, difference, legible, luminance


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ((0, 0, 0), (255, 255, 255), 21.0),
        ((255, 255, 255), (255, 255, 255), 1.0),
        # The defect of textual-light: its foreground on the primary colour.
        ((0x1F, 0x1F, 0x1F), (0x00, 0x45, 0x78), 1.7),
        # WCAG's own example pair: #767676 on white is the lightest grey that passes AA.
        ((0x76, 0x76, 0x76), (255, 255, 255), 4.54),
    ],
)
def test_contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int], ratio: float) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.05)
    assert contrast(b, a) == contrast(a, b)


def test_luminance_runs_from_black_to_white() -> None:
    assert luminance((0, 0, 0)) == 0.0
    assert luminance((255, 255, 255)) == pytest.approx(1.0)
    assert luminance((0, 255, 0)) > luminance((255, 0, 0)) > luminance((0, 0, 255))


@pytest.mark.parametrize(
    ("fg", "bg"),
    [
        ((0xFE, 0xA6, 0x2B), (0xFE, 0xA6, 0x2B)),  # the hidden word: orange on orange
        ((0x1F, 0x1F, 0x1F), (0x00, 0x45, 0x78)),
        ((0xD8, 0xD8, 0xD8), (0xE0, 0xE0, 0xE0)),
        ((0x80, 0x80, 0x80), (0x77, 0x77, 0x77)),  # a mid-grey background: the worst case
    ],
)
def test_legible_reaches_the_minimum_and_moves_no_further(
    fg: tuple[int, int, int], bg: tuple[int, int, int]
) -> None:
    fixed = legible(fg, bg)
    assert contrast(fixed, bg) >= 4.5
    assert contrast(fixed, bg) < 4.8  # just far enough: the hue is kept where it can be


def test_a_legible_colour_is_left_alone() -> None:
    assert legible((0xE0, 0xE0, 0xE0), (0x1E, 0x1E, 0x1E)) == (0xE0, 0xE0, 0xE0)


def test_difference_tells_near_from_far() -> None:
    assert difference((10, 10, 10), (10, 10, 10)) == 0
    assert difference((255, 0, 0), (0, 128, 0)) > 100
    assert difference((100, 100, 100), (101, 100, 100)) < 1
