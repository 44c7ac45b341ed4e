"""Wrapping by display width: wide characters, kinsoku, hyphens, long words."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from reader.ui.viewmodel.wrap import CLOSING, OPENING, estimate_rows, wrap


def lines(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in wrap(text, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("This is an important moment", 10, ["This is an", "important", "moment"]),
        ("one two", 7, ["one two"]),
        ("one two", 6, ["one", "two"]),
        ("  leading spaces", 8, ["leading", "spaces"]),
        ("", 10, [""]),
        # A hyphenated word breaks after its hyphen when the whole does not fit ...
        ("through open-source AI", 14, ["through open-", "source AI"]),
        # ... and stays whole when it does.
        ("open-source AI", 14, ["open-source AI"]),
        # Longer than the line: cut by cell.
        ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
        # Wide characters take two cells.
        ("这是科技的一个重要时刻", 6, ["这是科", "技的一", "个重要", "时刻"]),
        # Kinsoku: a full stop or comma never starts a line; it takes its character along.
        ("一二三四，五", 9, ["一二三", "四，五"]),
        ("一二三四。", 8, ["一二三", "四。"]),
        ("一二三（四五）", 8, ["一二三", "（四五）"]),
        # An odd width never splits a wide character.
        ("一二三", 5, ["一二", "三"]),
        # Latin inside Chinese keeps its letters together.
        ("人工智能(AI)有潜力", 10, ["人工智能", "(AI)有潜力"]),
        # A word cut by cell still keeps its comma.
        ("forward, some", 7, ["forward,", "some"]),
        ("Meta开源了许多", 8, ["Meta开源", "了许多"]),
    ],
)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    assert lines(text, width) == expected


@pytest.mark.parametrize("width", [1, 2, 3, 7, 10, 31, 58])
def test_lines_fit_cover_and_respect_kinsoku(width: int) -> None:
    text = (
        "这是科技的一个重要时刻。人工智能(AI)有潜力改变世界——提高人类生产力，加速科学进步，"
        "为全球经济增加数万亿美元。But, as with every innovative leap forward, some are better "
        "positioned than others to benefit: open-source AI「开源」、『权重』！"
    )
    spans = wrap(text, width)
    rebuilt = "".join(text[s:e] for s, e in spans)
    assert rebuilt.replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing repeated
    for k, (s, e) in enumerate(spans):
        line = text[s:e]
        # A line may run over only by the one character a rule keeps on it (and at widths
        # narrower than a glued group of characters, which no reader uses).
        if width >= 6:
            assert cell_len(line[:-1]) <= width, line
        assert not line.startswith(" ") and not line.endswith(" ")
        if k and width >= 4:
            assert line[0] not in CLOSING, line
        if k + 1 < len(spans) and width >= 4:
            assert line[-1] not in OPENING, line


def test_combining_marks_stay_with_their_letter() -> None:
    text = "مُنعت" * 6
    for s, e in wrap(text, 4):
        assert text[s] != "\u064f"  # damma never starts a line


@pytest.mark.parametrize("width", [10, 40, 80])
def test_estimate_is_close_and_rarely_short(width: int) -> None:
    text = " ".join(["regulation", "open-source", "models", "innovation"] * 40)
    exact = len(wrap(text, width))
    guess = estimate_rows(text, width)
    assert exact * 0.8 <= guess <= exact * 1.4


OPED_ENGLISH = (
    "But, as with every innovative leap forward, some are better positioned than others to "
    "benefit. The gaps between those with access to build with this extraordinary technology "
    "and those without are already beginning to appear. That is why a key opportunity for "
    "European organisations is through open-source AI--models whose weights are released "
    "publicly with a permissive licence (e.g. Llama-3.1-405B, 100%).  This ensures power "
    "isn’t concentrated—really—“among” ‘a few’ déjà-vu Ελλάδα Россия… "
    "isn't concentrated among a few large players -- and, as with the internet before it, "
    "creates a level playing field. Supercalifragilisticexpialidocious, -5 degrees."
)


@pytest.mark.parametrize("width", [2, 3, 5, 8, 13, 20, 37, 40, 58, 80, 200])
def test_fast_path_for_one_cell_text_breaks_like_the_general_rules(width: int) -> None:
    from reader.ui.viewmodel.wrap import wrap_atoms

    assert wrap(OPED_ENGLISH, width) == wrap_atoms(OPED_ENGLISH, width)


def test_the_classes_written_the_other_way_round_hold_the_same_characters() -> None:
    import re

    from reader.ui.viewmodel import wrap as w

    wide = re.compile(f"[{w._WIDE}]")
    not_wide = re.compile(f"[^{w._NOT_WIDE}]")
    word = re.compile(rf"[^\s{w._WIDE}]")
    word_listed = re.compile(f"[{w._WORD}]")
    text = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in not_wide.finditer(text)] == [m.start() for m in wide.finditer(text)]
    assert [m.start() for m in word_listed.finditer(text)] == [
        m.start() for m in word.finditer(text)
    ]
    assert not_wide.match("中") and not not_wide.match("a") and word_listed.match("a")
