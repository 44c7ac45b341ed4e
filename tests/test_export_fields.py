"""Field HTML: escaping, highlighting, cloze, and finding the gloss in the translation."""

from __future__ import annotations

import pytest

from reader.export.fields import (
    CLOZE_BLANK,
    cloze,
    esc,
    esc_multiline,
    gloss_spans,
    highlight,
    merge_spans,
    split_glosses,
    with_lang,
)


@pytest.mark.parametrize(
    ("raw", "html"),
    [
        ("a < b", "a &lt; b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("cafe\u0301", "caf\u00e9"),  # decomposed é becomes one NFC character
        ("权力集中", "权力集中"),
        ("", ""),
    ],
)
def test_esc_escapes_and_normalises(raw: str, html: str) -> None:
    assert esc(raw) == html


def test_esc_multiline_keeps_line_breaks_as_br() -> None:
    assert esc_multiline("first <1>\nsecond\n") == "first &lt;1&gt;<br>second"


@pytest.mark.parametrize(
    ("text", "spans", "html"),
    [
        ("a level field", [(2, 7)], "a <b>level</b> field"),
        ("a < b and c", [(0, 5)], "<b>a &lt; b</b> and c"),
        ("x<y", [(2, 3)], "x&lt;<b>y</b>"),  # the span is on raw text: no broken entity
        ("abcdef", [(0, 2), (1, 4)], "<b>abcd</b>ef"),  # overlapping spans merge
        ("abcdef", [(0, 2), (2, 4)], "<b>abcd</b>ef"),  # touching spans merge
        ("abcdef", [], "abcdef"),
        ("abc", [(1, 99)], "a<b>bc</b>"),  # clipped to the text
    ],
)
def test_highlight(text: str, spans: list[tuple[int, int]], html: str) -> None:
    assert highlight(text, spans) == html


def test_cloze_blanks_the_occurrence_and_escapes_the_rest() -> None:
    assert cloze("will <stifle> innovation", [(6, 12)]) == f"will &lt;{CLOZE_BLANK}&gt; innovation"


def test_cloze_blanks_every_place_and_shows_a_hint_in_the_first() -> None:
    text = "Meta is druk aan het investeren, druk druk."
    out = cloze(text, [(8, 12), (33, 37)], hint="busy", hint_lang="en")
    assert out == (
        'Meta is <span class="cloze">[<span class="cue" lang="en">busy</span>]</span> aan het '
        f"investeren, {CLOZE_BLANK} druk."
    )


def test_square_brackets_of_user_text_never_become_anki_commands() -> None:
    assert esc("[sound:evil.mp3]") == "&#91;sound:evil.mp3]"
    assert "[" not in esc("[anki:tts lang=en_US]x[/anki:tts]")


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([(5, 7), (0, 2)], [(0, 2), (5, 7)]),
        ([(0, 3), (1, 2)], [(0, 3)]),
        ([(3, 3), (0, 1)], [(0, 1)]),
    ],
)
def test_merge_spans(spans: list[tuple[int, int]], merged: list[tuple[int, int]]) -> None:
    assert merge_spans(spans) == merged


def test_split_glosses_splits_on_both_semicolons() -> None:
    assert split_glosses(["公平竞争的环境；公平的条件；", " a; b "]) == [
        "公平竞争的环境",
        "公平的条件",
        "a",
        "b",
    ]


def _bold(text: str, glosses: list[str]) -> str:
    return highlight(text, gloss_spans(text, glosses))


@pytest.mark.parametrize(
    ("translation", "glosses", "html"),
    [
        # whole gloss found
        (
            "针对已知危害进行监管将扼杀创新。",
            ["扼杀创新"],
            "针对已知危害进行监管将<b>扼杀创新</b>。",
        ),
        # the translator's wording differs: the longest shared parts are bold
        (
            "创造了一个公平的竞争环境。",
            ["公平竞争的环境", "公平的条件", "平等的机会"],
            "创造了一个<b>公平的竞争环境</b>。",
        ),
        # one gloss of several is enough
        ("这是最佳机会。", ["最好的尝试", "最佳机会"], "这是<b>最佳机会</b>。"),
        # a single shared character is not a match
        ("严峻的现实", ["赤裸的"], "严峻的现实"),
        # spaced languages: whole words of four letters or more, case-insensitive
        ("It will Stifle growth.", ["to stifle"], "It will <b>Stifle</b> growth."),
        ("It is thereby done.", ["the"], "It is thereby done."),  # not inside a word
        ("Their best shot.", ["a best shot"], "Their <b>best</b> <b>shot</b>."),
        ("", ["x"], ""),
    ],
)
def test_gloss_found_in_translation(translation: str, glosses: list[str], html: str) -> None:
    assert _bold(translation, glosses) == html


def test_with_lang_wraps_only_when_known() -> None:
    assert with_lang("公平", "zh") == '<span lang="zh">公平</span>'
    assert with_lang("公平", None) == "公平"
    assert with_lang("", "zh") == ""
