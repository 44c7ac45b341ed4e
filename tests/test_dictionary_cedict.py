"""CC-CEDICT, bundled: Chinese -> English, English -> Chinese ranked, pinyin readings, and
the index the aligner shares."""

from __future__ import annotations

import pytest

from reader.dictionary.cedict import Cedict, CedictReversed
from reader.dictionary.chinese import longest_match, words_at
from reader.dictionary.pinyin import mark, pinyin, syllables, tones
from reader.dictionary.shelf import Shelf


@pytest.mark.parametrize(
    ("word", "head", "reading", "numbered", "traditional", "phrase"),
    [
        ("归来", "归来", "guī lái", "gui1 lai2", "歸來", "to return"),
        ("歸來", "归来", "guī lái", "gui1 lai2", "歸來", "to come back"),
        ("法律", "法律", "fǎ lǜ", "fa3 lu:4", "", "law"),
        (
            "人工智能",
            "人工智能",
            "rén gōng zhì néng",
            "ren2 gong1 zhi4 neng2",
            "",
            "artificial intelligence",
        ),
    ],
)
def test_chinese_to_english(
    word: str, head: str, reading: str, numbered: str, traditional: str, phrase: str
) -> None:
    entries = Cedict().lookup(word)
    assert entries
    e = entries[0]
    assert (e.headword, e.reading, e.numbered) == (head, reading, numbered)
    assert e.forms == ((traditional,) if traditional else ())
    assert any(phrase in d for d in e.definitions)


@pytest.mark.parametrize(
    ("english", "first"),
    [("dog", "狗"), ("to eat", "吃"), ("eat", "吃"), ("law", "法律"), ("innovation", "创新")],
)
def test_reversed_puts_an_exact_common_gloss_first(english: str, first: str) -> None:
    entries = CedictReversed().lookup(english)
    assert entries[0].headword == first


def test_reversed_ranks_exact_glosses_before_words_of_longer_glosses() -> None:
    heads = [e.headword for e in CedictReversed().lookup("computer")]
    assert {"计算机", "电脑"} <= set(heads[:3])  # glossed "computer" exactly
    assert heads.index("电脑") < heads.index("电脑病毒")  # "computer virus": a longer gloss


def test_shelf_looks_english_up_with_its_lemma_in_the_reversed_dictionary() -> None:
    hits = Shelf([CedictReversed()]).lookup("stifled", "en")
    forms = [(h.form, h.how) for h in hits]
    assert ("stifle", "lemma") in forms
    stifle = next(h for h in hits if h.form == "stifle")
    assert "窒息" in [e.headword for e in stifle.entries]


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("gui1", "guī"),
        ("lai2", "lái"),
        ("nu:3", "nǚ"),
        ("lu:e4", "lüè"),
        ("Bei3", "Běi"),
        ("xiu1", "xiū"),
        ("gou3", "gǒu"),
        ("le5", "le"),
        ("r5", "r"),
        ("m2", "ḿ"),
        ("·", "·"),
    ],
)
def test_tone_marks(numbered: str, marked: str) -> None:
    assert mark(numbered) == marked


@pytest.mark.parametrize(
    ("text", "marks", "numbers"),
    [
        ("归来", "guīlái", "gui1 lai2"),
        ("我们归来了。", "wǒmen guīlái le.", "wo3 men5 gui1 lai2 le5."),
        ("银行", "yínháng", "yin2 hang2"),
        ("行走", "xíngzǒu", "xing2 zou3"),
        ("西安", "Xī'ān", "Xi1 an1"),
        ("Meta表示", "Meta biǎoshì", "Meta biao3 shi4"),
        ("女儿", "nǚ'ér", "nu:3 er2"),  # ü syllables keep their tone
        ("一个人", "yī gè rén", "yi1 ge4 ren2"),  # a word CC-CEDICT lacks: its pieces
        ("雨很大", "yǔ hěn dà", "yu3 hen3 da4"),  # alone: its reading in words, not yù
        ("你好吗？", "nǐhǎo ma?", "ni3 hao3 ma5?"),
        (
            "他说：“你好。”（真的）",
            "tā shuō: “nǐhǎo.” (zhēnde)",
            "ta1 shuo1: “ni3 hao3.” (zhen1 de5)",
        ),
    ],
)
def test_pinyin_of_words_and_sentences(text: str, marks: str, numbers: str) -> None:
    assert pinyin(text) == marks
    assert pinyin(text, numbers=True) == numbers


def test_tones_one_per_character_for_colouring() -> None:
    assert tones("归来。") == (1, 2, 0)
    assert tones("我们") == (3, 5)
    read = syllables("银行")
    assert [(s.text, s.marked, s.numbered, s.tone) for s in read] == [
        ("银", "yín", "yin2", 2),
        ("行", "háng", "hang2", 2),
    ]


def test_longest_match_and_words_at_a_cursor() -> None:
    text = "人工智能有潜力改变世界"
    assert longest_match(text, 0) == 4
    assert words_at(text, 0)[:2] == ["人工智能", "人工"]
    assert words_at(text, 5)[0] == "潜力"
    assert words_at(text, 99) == []


def test_aligner_dictionary_comes_from_the_shared_index() -> None:
    from reader.align.dictionary import gloss_keys, load
    from reader.dictionary.cedict import index

    d = load()
    assert d.max_word == index().meta["max_word"] >= 10
    assert d.keys("法律") == ("law",)
    assert d.keys("法規") == d.keys("法规") == tuple(gloss_keys(["legislation", "statute"]))
    assert d.keys("不存在的词语") == ()
    assert d.to_simplified("歸來") == "归来"


def test_a_chinese_selection_is_looked_up_by_the_words_it_starts_with() -> None:
    from reader.dictionary.cedict import Cedict

    d = Cedict()
    hits = Shelf([d]).lookup("人工智能有潜力", "zh")
    assert [(h.form, h.how) for h in hits][:2] == [("人工智能", "longest"), ("人工", "longest")]
    assert d.info.entries == len(d.index) > 100_000  # counted once the index is open
