"""Legible colours: the WCAG contrast ratio, and text colours nudged until they reach it.

A theme gives hues ("warning", "success"); what a reader needs is that each word is legible
on whatever it is drawn over: a term on the sentence cursor, a term under the word cursor,
muted translation text on a search hit. Checking every combination by hand in every theme
does not scale, so the view keeps a minimum contrast itself, the way terminal emulators do
(VS Code's `terminal.integrated.minimumContrastRatio`, iTerm2's "minimum contrast"): when a
text colour is too close to its background it is moved toward white or black, keeping its
hue, just far enough.

Colours here are (red, green, blue) tuples of 0-255: no Textual, so it is tested alone.
"""

from __future__ import annotations

import math

RGB = tuple[int, int, int]

# WCAG 2.x level AA for body text.
MIN_CONTRAST = 4.5
BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2.x, sRGB)."""
    r, g, b = rgb
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: RGB, b: RGB) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` of the way to `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def legible(fg: RGB, bg: RGB, minimum: float = MIN_CONTRAST) -> RGB:
    """`fg`, or the colour nearest to it on its way to white or black that reaches
    `minimum` contrast on `bg`.

    It goes toward whichever of white and black contrasts more with the background; any
    background has at least 4.58:1 with one of them, so the search always succeeds.
    """
    if contrast(fg, bg) >= minimum:
        return fg
    target = WHITE if contrast(WHITE, bg) >= contrast(BLACK, bg) else BLACK
    lo, hi = 0.0, 1.0
    for _ in range(12):  # 1/4096 of the way: below one step of a colour channel
        mid = (lo + hi) / 2
        if contrast(mix(fg, target, mid), bg) >= minimum:
            hi = mid
        else:
            lo = mid
    return mix(fg, target, hi)


def _lab(rgb: RGB) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def difference(a: RGB, b: RGB) -> float:
    """How different two colours look: the CIE76 distance in L*a*b* (about 2.3 is the
    smallest difference an eye notices side by side; above 10 they read as different
    colours at a glance)."""
    return math.dist(_lab(a), _lab(b))
