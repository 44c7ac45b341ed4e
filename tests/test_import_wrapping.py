"""Hard-wrap repair: joining lines, the line-break hyphen rule, fixed-width detection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.importers.lines import numbered_lines
from reader.importers.wrapping import HyphenRule, continues, join_lines, wrap_width

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "originals"

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


# Words the hyphen rule asks the word list about: the joined form and the second half of
# line-break hyphens in several languages (rule 3), capitals and accents included.
ASKED = {
    "en": ["technology", "nology", "regulation", "lation", "opensource", "source",
           "riskaverse", "averse", "preemptive", "emptive", "cooperation", "operation",
           "onceinageneration", "generation", "zorblaxquux", "quux", "economicgrowth"],
    "nl": ["ontwikkelaars", "aars", "regelgeving", "geving", "opensource", "gefragmenteerde",
           "menteerde", "kunstmatige", "matige", "ai-modellen", "modellen"],
    "de": ["entwicklung", "wicklung", "regulierung", "rung", "künstliche", "liche"],
    "fr": ["développement", "ppement", "réglementation", "mentation", "intelligence", "gence"],
}  # fmt: skip


def test_the_lemma_index_answers_the_hyphen_rule_as_simplemma_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`reader.lemma_tables.is_known` (the compact index) and `simplemma.is_known` agree on
    every word the rule asks: the table's, and those it asks when each long word of the
    Dutch, English and Arabic seeds is broken in the middle at a line end."""
    import simplemma

    from reader.importers import wrapping
    from reader.lemma_tables import is_known

    asked: list[tuple[str, str]] = []

    def recording(word: str, lang: str) -> bool:
        asked.append((word, lang))
        return is_known(word, lang)

    monkeypatch.setattr(wrapping, "is_known", recording)
    wrapping._known.cache_clear()
    try:
        for lang, words in ASKED.items():
            for word in words:
                wrapping._known(word, lang)
        for name, lang in (("000", "nl"), ("004", "nl"), ("002", "en"), ("003", "en"),
                           ("001", "ar")):  # fmt: skip
            (seed,) = SEEDS.glob(f"{name}_*.txt")
            rule = HyphenRule("", lang)  # no evidence in the document: the word list decides
            for word in sorted(set(re.findall(r"\w{7,}", seed.read_text(encoding="utf-8")))):
                half = len(word) // 2
                rule.keep_hyphen(word[:half], word[half:])
    finally:
        wrapping._known.cache_clear()
    assert len({lang for _, lang in asked}) == 5 and len(asked) > 500
    disagree = [
        (w, lang) for w, lang in asked if is_known(w, lang) != simplemma.is_known(w, lang=lang)
    ]
    assert not disagree
    assert is_known("technology", "en") and not is_known("nology", "en")
