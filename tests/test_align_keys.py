"""What counts as shared evidence: numbers, dictionary words, names, punctuation."""

from __future__ import annotations

import pytest

from reader.align.dictionary import gloss_keys, load
from reader.align.keys import chinese_tokens, english_tokens, has_dictionary
from reader.align.numbers import chinese_number, english_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二十一岁", 21),
        ("十五", 15),
        ("十", 10),
        ("两百", 200),
        ("三千五百万", 35_000_000),
        ("一九九九年", 1999),
        ("二〇二五", 2025),
        ("年", None),
    ],
)
def test_chinese_numbers(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("one", 1),
        ("Fifteen", 15),
        ("twenty-one", 21),
        ("hundred", 100),
        ("twenty-x", None),
        ("tone", None),
    ],
)
def test_english_numbers(word: str, value: int | None) -> None:
    assert english_number(word) == value


def keys_of(tokens: list[frozenset[str]]) -> set[str]:
    return {key for token in tokens for key in token}


@pytest.mark.parametrize(
    ("zh", "en", "shared"),
    [
        ("我二十一岁时在云南。", "At twenty-one, I was in Yunnan.", {"#21", "yunnan"}),
        ("他花了240,000元。", "He spent 240,000 yuan.", {"#240000"}),
        (
            "这项法律将于2025年8月生效。",
            "The law comes into force in August 2025.",
            {"#2025", "law"},
        ),
        ("陈清扬是医生。", "Chen Qingyang was a doctor.", {"chen", "py:qingyang", "doctor"}),
        ("你为什么不来？", "Why didn't you come?", {"?"}),
        ("Meta不会签署。", "Meta will not sign.", {"meta", "sign"}),
        # Traditional characters are read as simplified ones.
        ("這項法律將於2025年生效。", "The law comes into force in 2025.", {"#2025", "law"}),
    ],
)
def test_shared_keys(zh: str, en: str, shared: set[str]) -> None:
    both = keys_of(chinese_tokens(zh, load())) & keys_of(english_tokens(en))
    assert shared <= both


def test_function_words_are_no_dictionary_evidence() -> None:
    assert keys_of(english_tokens("It is the one that was there.")) <= {"one", "#1"}
    assert keys_of(chinese_tokens("的了。是在。", load())) == set()
    # Pronouns, connectives, question words and negation are one class key each, the same on
    # both sides, never the glosses of their characters.
    assert keys_of(chinese_tokens("所以他们为什么不来？", load())) == {
        "f:so",
        "f:they",
        "f:why",
        "f:not",
        "come",
        "?",
    } | keys_of(chinese_tokens("来", load()))
    assert keys_of(english_tokens("So why didn't they come?")) == {
        "f:so",
        "f:why",
        "f:not",
        "f:they",
        "come",
        "?",
    }


@pytest.mark.parametrize(
    ("definitions", "expected_first"),
    [
        (["to eat", "to consume"], ["eat", "consume"]),
        (["surname Chen"], ["chen"]),
        (["CL:個|个[ge4]", "variant of 吃[chi1]", "(literary) cat"], ["cat"]),
    ],
)
def test_gloss_keys(definitions: list[str], expected_first: list[str]) -> None:
    assert gloss_keys(definitions)[: len(expected_first)] == expected_first


def test_dictionary_knows_both_scripts() -> None:
    d = load()
    assert d.to_simplified("紅樓夢") == "红楼梦"
    assert set(d.keys("法律")) & {"law"}
    assert d.keys("法律") == d.keys(d.to_simplified("法律"))
    assert "chen" in d.pinyin["陈"]


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [("zh", "en", True), ("en", "zh-Hant", True), ("nl", "en", False), ("zh", "ar", False)],
)
def test_has_dictionary(src: str, tgt: str, expected: bool) -> None:
    assert has_dictionary(src, tgt) is expected


def test_dictionary_cache_is_rebuilt_when_damaged(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.align import dictionary

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    dictionary.load.cache_clear()
    try:
        expected = dictionary.load().keys("法律")
        (cache,) = tmp_path.glob("dictionaries/cedict-[0-9a-f]*.rdx")
        # Replaced, not overwritten in place: the first index still maps the old file.
        damaged = cache.with_suffix(".tmp")
        damaged.write_bytes(b"RDXI not an index")
        damaged.replace(cache)
        dictionary.load.cache_clear()
        again = dictionary.load()
        assert again.keys("法律") == expected
        assert cache.read_bytes()[:4] == b"RDXI" and cache.stat().st_size > 1_000_000
    finally:
        dictionary.load.cache_clear()


def test_known_english_words_are_lemminflects_without_loading_it() -> None:
    import random

    from lemminflect import getAllLemmas

    from reader.align.keys import _known_english
    from reader.lemma_tables import english_table

    words = [w.lower() for w in random.Random(5).sample(sorted(english_table()), 3000)]
    words += ["qingyang", "zuckerberg", "the", "gates", "xyzzy"]
    for word in words:
        assert _known_english(word) == bool(getAllLemmas(word)), word
