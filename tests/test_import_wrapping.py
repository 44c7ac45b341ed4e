"""Hard-wrap repair: joining lines, the line-break hyphen rule, fixed-width detection."""

from __future__ import annotations

import pytest

from reader.importers.lines import numbered_lines
from reader.importers.wrapping import HyphenRule, continues, join_lines, wrap_width

HYPHENS = [
    # document text (for the rule), left, right, expected join
    # 1. the hyphenated form appears unbroken elsewhere: keep
    ("Most of it runs on open-source code.", "open", "source", "open-source"),
    ("A pre-emptive strike.", "pre", "emptive", "pre-emptive"),
    # 2. the joined form appears elsewhere: join
    ("Cooperation matters.", "co", "operation", "cooperation"),
    # 3. a known word whose second half is not a word: join
    ("", "tech", "nology", "technology"),
    ("", "regu", "lation", "regulation"),
    # 4. both halves are words, nothing else known: keep
    ("", "open", "source", "open-source"),
    ("", "risk", "averse", "risk-averse"),
    ("", "economic", "growth", "economic-growth"),
    ("", "once-in-a", "generation", "once-in-a-generation"),
    ("", "Zorblax", "Quux", "Zorblax-Quux"),
]


@pytest.mark.parametrize(("document", "left", "right", "joined"), HYPHENS)
def test_hyphen_rule(document: str, left: str, right: str, joined: str) -> None:
    rule = HyphenRule(document, "en")
    assert join_lines([f"the {left}-", f"{right} thing"], rule) == f"the {joined} thing"


def test_document_evidence_beats_the_word_list() -> None:
    # "preemptive" is a dictionary word, but this document spells it with a hyphen.
    rule = HyphenRule("Their pre-emptive move.", "en")
    assert rule.keep_hyphen("pre", "emptive")
    rule = HyphenRule("A preemptive move.", "en")
    assert not rule.keep_hyphen("pre", "emptive")


JOINS = [
    (["THIS IS AN important moment. AI has", "the potential"],
     "THIS IS AN important moment. AI has the potential"),
    (["这是科技的一个重要时刻。人工智能", "有潜力改变世界。"], "这是科技的一个重要时刻。人工智能有潜力改变世界。"),
    (["Meta开源了", "Llama模型"], "Meta开源了Llama模型"),
    (["the world—increasing", "productivity"], "the world—increasing productivity"),
    (["ends with a dash --", "next"], "ends with a dash -- next"),
    (["  indented  ", "\u3000全角空格"], "indented全角空格"),
    (["one"], "one"),
]  # fmt: skip


@pytest.mark.parametrize(("parts", "joined"), JOINS)
def test_join_lines(parts: list[str], joined: str) -> None:
    assert join_lines(parts) == joined


def test_wrap_width_detects_fixed_width_text() -> None:
    words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do " * 30).split()
    lines, line = [], ""
    for word in words:
        if len(line) + 1 + len(word) > 60:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    width = wrap_width([len(x) for x in lines])
    assert width is not None and 55 <= width <= 60


@pytest.mark.parametrize(
    "lengths",
    [
        [300, 120, 45, 500, 80, 220],  # web text, one paragraph per line
        [60, 58],  # too few lines to tell
        [20, 25, 22, 21, 24, 20],  # a list of short lines: narrower than anyone wraps
    ],
)
def test_wrap_width_rejects_unwrapped_text(lengths: list[int]) -> None:
    assert wrap_width(lengths) is None


def test_continues_only_when_the_line_was_full() -> None:
    assert continues("x" * 57, "word and more", 60)
    assert not continues("A short heading", "Then text", 60)
    assert continues("中" * 39, "文", 40)


def test_numbered_lines_keep_numbers_and_blank_flags() -> None:
    lines = numbered_lines("a\n\n  \nb\nc  \n\u3000\nd")
    assert [(x.number, x.text, x.blank_before) for x in lines] == [
        (1, "a", False),
        (4, "b", True),
        (5, "c", False),
        (7, "d", True),
    ]
