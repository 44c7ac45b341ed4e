"""align_paragraphs, and sentence alignment of the model seed: hard-wrapped English beside Chinese."""

from __future__ import annotations

import re

import pytest
from seedfiles import seed_text

from reader.align import align_paragraphs, align_sentences


def seed_blocks() -> list[tuple[list[str], str]]:
    """Each `原文：` block of the seed: its hard-wrapped English lines and its Chinese text."""
    blocks = []
    for chunk in seed_text("002").split("原文：")[1:]:
        chunk = chunk.split("学习：")[0]
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        english = [line for line in lines if not re.search(r"[\u4e00-\u9fff]", line)]
        chinese = [line for line in lines if re.search(r"[\u4e00-\u9fff]", line)]
        if english and len(chinese) == 1:
            blocks.append((english, chinese[0]))
    return blocks


def test_seed_has_blocks() -> None:
    blocks = seed_blocks()
    assert len(blocks) >= 8
    assert any(len(english) >= 5 for english, _ in blocks)


def test_hard_wrapped_lines_gather_under_their_translated_paragraph() -> None:
    blocks = seed_blocks()[:10]
    lines = [line for english, _ in blocks for line in english]
    paragraphs = [chinese for _, chinese in blocks]
    expected = []
    start = 0
    for p, (english, _) in enumerate(blocks):
        expected.append((tuple(range(start, start + len(english))), (p,)))
        start += len(english)
    assert align_paragraphs(lines, paragraphs, "en", "zh") == expected


def test_a_paragraph_split_in_two_is_a_1_2_bead() -> None:
    blocks = seed_blocks()[:6]
    src = [" ".join(english) for english, _ in blocks]
    tgt = [chinese for _, chinese in blocks]
    # The translator split paragraph 2 after its first sentence.
    first, rest = tgt[2].split("。", 1)
    tgt = tgt[:2] + [first + "。", rest] + tgt[3:]
    got = align_paragraphs(src, tgt, "en", "zh")
    assert got == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2, 3)),
        ((3,), (4,)),
        ((4,), (5,)),
        ((5,), (6,)),
    ]


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        ([], [], []),
        (["a"], [], [((0,), ())]),
        ([], ["一"], [((), (0,))]),
    ],
)
def test_empty_sides(src: list[str], tgt: list[str], expected: list[object]) -> None:
    assert align_paragraphs(src, tgt, "en", "zh") == expected


def test_seed_block_sentences_pair_one_to_one() -> None:
    # Block 2 of the seed, hand-checked: four English sentences, four Chinese ones, in order,
    # with the English still hard-wrapped and hyphenated (open- / source) as in the file.
    english, chinese = seed_blocks()[1]
    text = "\n".join(english)
    src = [s.strip() for s in re.split(r"(?<=\.)\s+", text) if s.strip()]
    tgt = [s + "。" for s in chinese.split("。") if s]
    assert len(src) == 4 and len(tgt) == 4
    assert "open-\nsource" in src[2]
    links = align_sentences(src, tgt, "en", "zh")
    assert [(link.source, link.target) for link in links] == [((i,), (i,)) for i in range(4)]
    # The Chinese side is the original when read the other way round.
    back = align_sentences(tgt, src, "zh", "en")
    assert [(link.source, link.target) for link in back] == [((i,), (i,)) for i in range(4)]


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        (
            "the potential to transform the world—increasing human productivity,",
            "Accelerating",
            True,
        ),
        ("That is why a key opportunity is through open-", "source AI", True),
        ("Yet its", "fragmented regulatory structure", True),
        ("economic-growth opportunities.", "Spotify is proud", False),
        ("# A heading without a stop", "The first paragraph.", False),
        ("“Quoted words.”", "and more", False),
        ("", "anything", False),
        ("这是第一行，", "这是第二行。", True),
        ("标题", "正文。", False),
    ],
)
def test_continues(line: str, following: str, expected: bool) -> None:
    from reader.align.paragraphs import continues

    assert continues(line, following) is expected


def test_paragraphs_joined_in_the_translation_are_one_bead() -> None:
    blocks = seed_blocks()[:6]
    src = [" ".join(english) for english, _ in blocks]
    tgt = [chinese for _, chinese in blocks]
    # The translation joins paragraphs 1 and 2, and splits paragraph 4 after its first
    # sentence into the start of a paragraph that also holds paragraph 5.
    first, rest = tgt[4].split("。", 1)
    tgt = [tgt[0], tgt[1] + tgt[2], tgt[3], first + "。", rest + tgt[5]]
    assert align_paragraphs(src, tgt, "en", "zh") == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((3,), (2,)),
        ((4, 5), (3, 4)),
    ]


def test_a_paragraph_left_untranslated_is_a_1_0_bead() -> None:
    blocks = seed_blocks()[:5]
    src = [" ".join(english) for english, _ in blocks]
    tgt = [chinese for _, chinese in blocks]
    del tgt[2]
    got = align_paragraphs(src, tgt, "en", "zh")
    assert ((0,), (0,)) in got and ((1,), (1,)) in got
    assert ((3,), (2,)) in got and ((4,), (3,)) in got
    # Paragraph 2 stands alone or joins a neighbour; it is never paired with another's text.
    assert ((2,), ()) in got or any(2 in s and len(s) > 1 for s, _ in got)


def test_a_bead_across_a_paragraph_break_costs_more() -> None:
    import numpy as np

    from reader.align.keys import sentence_tokens
    from reader.align.lengths import char_lengths
    from reader.align.sentences import align_tokens

    # Source sentence 1 is short and shares nothing: left alone it joins its neighbour.
    # With a paragraph break after sentence 0 it may join sentence 2, not sentence 0.
    src = [
        "The law comes into force in August 2025.",
        "Nobody knows.",
        "Critics in Brussels call the decision a mistake?",
    ]
    tgt = ["这项法律将于2025年8月生效。", "布鲁塞尔的批评者称这一决定是个错误？"]
    s_tok, t_tok = sentence_tokens(src, "en"), sentence_tokens(tgt, "zh")
    s_len, t_len = char_lengths(src), char_lengths(tgt)
    alone = align_tokens(s_tok, t_tok, s_len, t_len)
    assert [(link.source, link.target) for link in alone] == [((0, 1), (0,)), ((2,), (1,))]
    breaks = (np.array([True, False, True]), np.array([True, True]))
    got = align_tokens(s_tok, t_tok, s_len, t_len, breaks=breaks)
    assert [(link.source, link.target) for link in got] == [((0,), (0,)), ((1, 2), (1,))]
