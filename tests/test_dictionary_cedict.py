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


def sample_of_cedict(tmp_path):  # type: ignore[no-untyped-def]
    """The bundled CC-CEDICT's header, its entries of one character and every eighth of the
    others, compressed as it ships."""
    import gzip

    from reader.dictionary import cedict

    lines = gzip.decompress(cedict.data_file().read_bytes()).decode("utf-8").splitlines(True)
    path = tmp_path / "cedict.txt.gz"
    kept = [x for i, x in enumerate(lines) if i < 30 or i % 8 == 0 or len(x.split(" ")[1]) == 1]
    path.write_bytes(gzip.compress("".join(kept).encode("utf-8")))
    return path


def reference_rows(path):  # type: ignore[no-untyped-def]
    """The lines as the builder read them before it streamed: the whole text, one pattern."""
    import gzip
    import re

    line = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\r?$", re.MULTILINE)
    return line.findall(gzip.decompress(path.read_bytes()).decode("utf-8"))


def test_the_index_built_line_by_line_answers_as_one_built_from_every_line_at_once(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import marshal

    from reader.align.dictionary import toneless
    from reader.dictionary import cedict
    from reader.dictionary.index import Index, IndexWriter
    from reader.dictionary.indexed import fold

    path = sample_of_cedict(tmp_path)
    found = reference_rows(path)
    writer = IndexWriter(tmp_path, run_records=1000)  # many runs on disk
    meta = cedict.build(writer, path)
    writer.write(tmp_path / "i.rdx", meta)
    index = Index(tmp_path / "i.rdx")
    assert meta["lines"] == len(found) == len(index) > 10_000
    assert writer.spilled == 0  # used up by write

    head: dict[str, list[int]] = {}
    simplified: dict[str, str] = {}
    readings: dict[str, list[str]] = {}
    own: dict[str, set[str]] = {}
    for n, (trad, simp, py, defs) in enumerate(found):
        assert index.payload(n).decode() == f"{trad}\x1f{simp}\x1f{py}\x1f{defs}"
        for form in dict.fromkeys((simp, trad)):
            head.setdefault(fold(form, "zh"), []).append(n)
        if len(simp) == 1 and len(trad) == 1:
            if trad != simp:
                simplified.setdefault(trad, simp)
            if toneless(py).isalpha() and toneless(py) not in readings.get(simp, []):
                readings.setdefault(simp, []).append(toneless(py))
        if len(simp) == 1 and py[:1].islower():
            for ch in {simp, trad}:
                own.setdefault(ch, set()).add(py.lower())
    assert index.key_count() == len(head)
    for key, entries in head.items():
        assert index.find(key) == entries, key
    pinyin = {c: tuple(p) for c, p in readings.items()}
    assert marshal.loads(index.blob("align") or b"") == (simplified, pinyin)
    # Each character with several readings of its own: the one its words use most.
    # Ties go to the reading first in code point order.
    from collections import Counter

    uses: dict[str, Counter[str]] = {ch: Counter() for ch, r in own.items() if len(r) > 1}
    for trad, simp, py, _defs in found:
        syllables = py.lower().split()
        if len(simp) > 1 and py[:1].islower() and len(syllables) == len(simp) == len(trad):
            for ch_s, ch_t, syllable in zip(simp, trad, syllables, strict=True):
                for ch in {ch_s, ch_t} & uses.keys():
                    if syllable in own[ch]:
                        uses[ch][syllable] += 1
    expected = {
        ch: min(counted, key=lambda s: (-counted[s], s)) for ch, counted in uses.items() if counted
    }
    in_words = marshal.loads(index.blob("in_words") or b"")
    assert in_words == expected and len(in_words) > 50
    index.close()


def test_the_reversed_index_built_line_by_line_ranks_as_one_built_at_once(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import importlib.util
    import math
    from pathlib import Path

    from reader.dictionary import cedict
    from reader.dictionary.index import Index, IndexWriter

    path = sample_of_cedict(tmp_path)
    writer = IndexWriter(tmp_path, run_records=1000)
    writer.write(tmp_path / "r.rdx", cedict.build_reversed(writer, path))
    index = Index(tmp_path / "r.rdx")

    jieba = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"  # type: ignore[union-attr, arg-type]
    parts = jieba.read_text(encoding="utf-8").split()
    freq = dict(zip(parts[0::3], parts[1::3], strict=True))
    keys: dict[bytes, list[tuple[int, int]]] = {}
    for n, (trad, simp, py, defs) in enumerate(reference_rows(path)):
        count = freq.get(simp) or freq.get(trad)
        common = min(999, int(math.log10(int(count) + 1) * 150)) if count else 0
        base = ((1 if py[:1].isupper() else 0) * 1000 + 999 - common) * 10
        for k, definition in enumerate(defs.split("/")):
            for gloss in definition.split(";"):
                clean, words = cedict._clean(gloss)
                if clean:
                    keys.setdefault(clean, []).append((base + min(k, 9), n))
                    for word in words:
                        keys.setdefault(word, []).append(
                            (100_000 * len(words) + base + min(k, 9), n)
                        )
    assert index.key_count("gloss") == len(keys) > 10_000
    for key, ranked in keys.items():
        assert index.find(key.decode(), "gloss") == [n for _r, n in sorted(ranked)], key
    index.close()
