"""Right-to-left lines: shaping, reordering, and the offsets that keep marks on their words."""

from __future__ import annotations

import unicodedata

import pytest

from reader.ui.viewmodel.bidi import is_rtl, shape, visual_line
from reader.ui.viewmodel.wrap import wrap

ARABIC = "تتعاون Meta وSpotify مرة أخرى – هذه المرة، فيما يتعلق بمسألة الذكاء الاصطناعي"


def base_letters(s: str) -> str:
    """Letters with presentation forms folded back (what a reader sees, ignoring shape)."""
    return unicodedata.normalize("NFKC", s)


@pytest.mark.parametrize(
    ("text", "lang", "rtl"),
    [
        (ARABIC, None, True),
        ("Meta وSpotify", None, False),  # first strong letter is Latin
        ("Meta وSpotify", "ar", True),  # the language says otherwise
        ("这是科技", None, False),
        (ARABIC, "en", False),  # a stated language wins
        ("", "ar", True),
        ("", None, False),
    ],
)
def test_is_rtl(text: str, lang: str | None, rtl: bool) -> None:
    assert is_rtl(text, lang) is rtl


def test_shape_gives_contextual_forms_one_for_one() -> None:
    shaped, index = shape("مرة")
    assert shaped == "\ufee3\ufeae\ufe93"  # initial mim, final ra, final ta marbuta
    assert index == (0, 1, 2)


@pytest.mark.parametrize(
    ("word", "ligature"),
    [("لا", "\ufefb"), ("الا", "\ufefb"), ("بلا", "\ufefc"), ("لأ", "\ufef7"), ("بلآ", "\ufef6")],
)
def test_lam_alef_ligature_maps_to_the_lam(word: str, ligature: str) -> None:
    shaped, index = shape(word)
    assert ligature in shaped
    lam = word.index("ل")
    assert index[shaped.index(ligature)] == lam
    assert len(shaped) == len(word) - 1


def test_visual_line_reverses_arabic_and_keeps_latin_readable() -> None:
    display, index = visual_line(ARABIC)
    # Every logical character appears once (lam-alef merges two into one).
    assert len(set(index)) == len(index)
    assert "Meta" in display and "Spotify" in display
    # The line's first word is drawn at the right end: the reader starts there.
    first = ARABIC.split()[0]
    assert base_letters(display.rstrip()).endswith(first[::-1])
    assert index[-1] == 0
    # Latin runs keep their order and map back to where they are in the text.
    at = display.index("Meta")
    assert [ARABIC[i] for i in index[at : at + 4]] == list("Meta")


def test_visual_line_mirrors_brackets_and_keeps_marks_after_letters() -> None:
    display, index = visual_line("مُنعت (هذه)")
    assert display.startswith("(") and display.endswith("\ufee3\u064f")  # initial mim, damma
    # The damma (U+064F) follows its letter in display order, as terminals expect.
    damma = display.index("\u064f")
    assert index[damma - 1] == index[damma] - 1


def test_ltr_line_is_unchanged_without_shaping() -> None:
    assert visual_line("open-source AI", rtl=False, shaping=False) == (
        "open-source AI",
        tuple(range(14)),
    )


def test_first_visual_line_holds_the_first_words() -> None:
    """Wrapping happens in logical order; reordering after it, line by line."""
    s, e = wrap(ARABIC, 30)[0]
    display, index = visual_line(ARABIC[s:e])
    assert min(index) == 0 and s == 0
    assert "Meta" in display
    assert "الاصطناعي" not in ARABIC[s:e]
