"""How Chinese text is cut into words and what more of each sentence counts as evidence."""

from __future__ import annotations

import pytest

from reader.align.dictionary import load
from reader.align.keys import chinese_tokens, english_tokens


def keys_of(tokens: list[frozenset[str]]) -> set[str]:
    return {key for token in tokens for key in token}


@pytest.mark.parametrize(
    ("zh", "en", "shared"),
    [
        # A name opening the English sentence is still a name.
        ("清扬笑了。", "Qingyang laughed.", {"py:qingyang"}),
        # A dictionary word may be a name the translator spells out.
        ("宝玉来了。", "Then Bao-yu came.", {"py:baoyu"}),
        # A compound the dictionary lacks is read as the words it is made of.
        ("海老公来了。", "The eunuch came.", {"eunuch"}),
        # A numeral with a classifier and a noun: the number and the noun both count.
        ("过了一个月。", "A month passed.", {"month"}),
        ("过了两个月。", "Two months passed.", {"#2", "month"}),
        # Mr. is the dictionary's "mister".
        ("程先生来了。", "Mr. Cheng came.", {"mister", "cheng"}),
    ],
)
def test_more_shared_keys(zh: str, en: str, shared: set[str]) -> None:
    both = keys_of(chinese_tokens(zh, load())) & keys_of(english_tokens(en))
    assert shared <= both


def test_yao_written_for_me_is_read_as_me() -> None:
    # 什幺 is 什么 in texts encoded with the wrong character: a question word, not "dice".
    d = load()
    assert keys_of(chinese_tokens("你说什幺？", d)) == keys_of(chinese_tokens("你说什么？", d))
    assert "f:what" in keys_of(chinese_tokens("你说什幺？", d))


def test_contractions_and_particles_are_no_evidence() -> None:
    assert keys_of(english_tokens("He couldn't give up.")) == {"f:he", "f:not", "give"}
    assert keys_of(english_tokens("She won't come out.")) == {"f:she", "f:not", "come"}


def test_dictionary_grammar_notes_are_not_keys() -> None:
    # CC-CEDICT writes "also pr. [...]" and "classifier for ..." inside its glosses.
    keys = keys_of(chinese_tokens("父亲来了。", load()))
    assert "father" in keys
    assert not keys & {"also", "pr", "classifier", "particle"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # The fewest dictionary words; among as few, the longest first (程 / 先生, not 程先).
        ("程先生来了。", ["程", "先生", "来", "了", "。"]),
        # A numeral is one word with its classifier.
        ("我二十一岁时在云南。", ["我", "二十一岁", "时", "在", "云南", "。"]),
        # Lone characters the dictionary has no word for are read as one name.
        ("陈清扬是大夫。", ["陈清扬", "是", "大夫", "。"]),
        # Latin words and digits pass through whole.
        ("Meta不会签署2025年", ["Meta", "不会", "签署", "2025", "年"]),
    ],
)
def test_segmentation(text: str, words: list[str]) -> None:
    from reader.align.segment import segment

    assert segment(text, load()) == words


@pytest.mark.parametrize(
    ("zh", "en", "shared"),
    [
        # Speech in double quotes against single quotes (Hawkes, Minford), opening it.
        ("“你来了？”", "'You've come?'", {'"', '"<', '">', "?"}),
        ("他说：“走吧。”", "He said, 'Let us go.'", {'"', '">'}),
    ],
)
def test_speech_marks_meet_across_quote_styles(zh: str, en: str, shared: set[str]) -> None:
    both = keys_of(chinese_tokens(zh, load())) & keys_of(english_tokens(en))
    assert shared <= both


@pytest.mark.parametrize(
    "en", ["I don't know.", "Xi-feng's hat is red.", "They'd gone, hadn't they?"]
)
def test_apostrophes_are_not_speech_marks(en: str) -> None:
    assert not keys_of(english_tokens(en)) & {'"', '"<', '">'}
