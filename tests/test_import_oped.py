"""The annotated op-ed seed (原文 / translation / 学习 notes / 后记) imports as designed."""

from __future__ import annotations

import pytest
from seedfiles import OPED, seed_path

from reader.importers import ImportResult, import_file, import_text
from reader.model import Document

seed = seed_path


@pytest.fixture(scope="module")
def oped() -> ImportResult:
    return import_file(seed(OPED), today="2025-01-02")


@pytest.fixture(scope="module")
def doc(oped: ImportResult) -> Document:
    return oped.document


def test_metadata(doc: Document) -> None:
    assert doc.id == "002_3fb843373e1af618"
    assert doc.title == "Mark Zuckerberg and Daniel Ek on why Europe should embrace open-source AI"
    assert doc.subtitle == (
        "It risks falling behind because of incoherent and complex regulation, "
        "say the two tech CEOs"
    )
    assert doc.byline is not None and doc.byline.startswith("Mark Zuckerberg is the founder")
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    assert doc.imported == "2025-01-02"
    assert doc.origin == str(seed(OPED))


def test_segment_kinds_in_order(doc: Document) -> None:
    kinds = [seg.kind for seg in doc.segments]
    assert kinds == (
        ["title", "subtitle", "image", "byline"] + ["paragraph"] * 13 + ["heading", "postscript"]
    )


def test_every_paragraph_is_bilingual_with_links(doc: Document) -> None:
    paragraphs = [seg for seg in doc.segments if seg.kind == "paragraph"]
    for seg in paragraphs:
        assert seg.bilingual
        assert seg.links, seg.id
        covered_src = sorted(i for link in seg.links for i in link.source)
        covered_tgt = sorted(j for link in seg.links for j in link.target)
        assert covered_src == list(range(len(seg.source.sentences)))
        assert covered_tgt == list(range(len(seg.target.sentences)))  # type: ignore[union-attr]
        assert all(link.confidence is not None for link in seg.links)
        assert "原文" not in seg.source.text and "学习" not in seg.target.text  # type: ignore[union-attr]


def test_hard_wrapped_lines_rejoin_into_one_paragraph(doc: Document) -> None:
    first = doc.segments[4]
    assert first.source.text == (
        "THIS IS AN important moment in technology. Artificial intelligence (AI) has the "
        "potential to transform the world—increasing human productivity, accelerating "
        "scientific progress and adding trillions of dollars to the global economy."
    )
    assert first.target is not None and first.target.text.startswith("这是科技的一个重要时刻。")


@pytest.mark.parametrize(
    "word",
    [
        "open-source AI—models",
        "pre-emptive",
        "risk-averse",
        "economic-growth",
        "once-in-a-generation",
    ],
)
def test_hyphenated_words_are_intact(doc: Document, word: str) -> None:
    text = " ".join(seg.source.text for seg in doc.segments)
    assert word in text
    assert "opensource" not in text and "open- source" not in text


def test_end_mark_and_dashes_are_kept(doc: Document) -> None:
    last = [seg for seg in doc.segments if seg.kind == "paragraph"][-1]
    assert last.source.text.endswith("is time. ■")
    assert last.target is not None and last.target.text.endswith("■")


def test_postscript_is_chinese(doc: Document) -> None:
    heading, post = doc.segments[-2], doc.segments[-1]
    assert heading.source.text == "后记" and heading.lang == "zh"
    assert post.source.text == "2024年8月25日15点58分于上海。" and post.lang == "zh"
    assert doc.segment_lang(post) == "zh"


EXPECTED_NOTES = [
    # term, glosses, a phrase of the paragraph it was noted under
    ("power is concentrated", ("权力集中",), "level playing field"),
    ("level", ("公平的",), "level playing field"),
    ("a level playing field", ("公平竞争的环境", "公平的条件", "平等的机会"), "level playing"),
    ("best shot", ("最佳机会",), "best shot"),
    ("riddled with", ("泛滥的", "充斥的"), "riddled with"),
    ("pre-emptive", ("先发制人的", "预防性的"), "pre-emptive"),
    ("nascent", ("新生的", "初生的"), "nascent"),
    ("stifle innovation", ("扼杀创新",), "stifle"),
    ("risk-averse", ("厌恶风险",), "risk-averse"),
    ("directive", ("指示", "命令", "指令", "指导方针", "规章"), "directive"),
    ("stark", ("赤裸的", "光秃的", "明显的"), "stark reality"),
    ("stark reality", ("赤裸裸的现实", "残酷的现实"), "stark reality"),
    ("technology moves swiftly", ("技术发展迅速",), "moves swiftly"),
    ("once-in-a-generation opportunity", ("一代人一次的机会",), "once-in-a-generation"),
]


def test_fourteen_entries_with_split_glosses(oped: ImportResult) -> None:
    got = [(e.term, e.glosses) for e in oped.entries]
    assert got == [(term, glosses) for term, glosses, _ in EXPECTED_NOTES]
    assert all(e.lang == "en" for e in oped.entries)


@pytest.mark.parametrize(("term", "glosses", "phrase"), EXPECTED_NOTES)
def test_each_entry_is_located_in_its_segment(
    oped: ImportResult, term: str, glosses: tuple[str, ...], phrase: str
) -> None:
    entry = next(e for e in oped.entries if e.term == term)
    assert entry.context is not None
    assert entry.context.document == oped.document.id
    seg = oped.document.segment(entry.context.segment)
    assert phrase in seg.source.text.replace("\n", " ")
    if entry.context.sentence is not None:
        sentence = seg.source.sentences[entry.context.sentence]
        assert term.split()[-1].lower() in sentence.lower()


def test_found_terms_point_at_their_sentence(oped: ImportResult) -> None:
    # Every term written as-is in its paragraph gets the sentence index, not None.
    for entry in oped.entries:
        assert entry.context is not None
        seg = oped.document.segment(entry.context.segment)
        if entry.term.lower() in seg.source.text.lower():
            assert entry.context.sentence is not None, entry.term
            assert entry.term.lower() in seg.source.sentences[entry.context.sentence].lower()


def test_the_matcher_finds_inflected_and_negated_terms(oped: ImportResult) -> None:
    # "power is concentrated" is written "power isn’t concentrated" in the text.
    entry = next(e for e in oped.entries if e.term == "power is concentrated")
    assert entry.context is not None and entry.context.sentence is not None
    seg = oped.document.segment(entry.context.segment)
    assert "power isn’t concentrated" in seg.source.sentences[entry.context.sentence]
    assert all(e.context is not None and e.context.sentence is not None for e in oped.entries)


def test_nothing_unclassified(oped: ImportResult) -> None:
    assert oped.report == ()


def test_reimport_gives_the_same_ids(doc: Document) -> None:
    again = import_file(seed(OPED), today="2025-01-02").document
    assert [s.id for s in again.segments] == [s.id for s in doc.segments]


def test_the_same_file_without_labels_imports_the_same(doc: Document, oped: ImportResult) -> None:
    # Alternation of the two languages is enough to tell original from translation.
    text = seed(OPED).read_text(encoding="utf-8")
    unlabelled = "\n".join(line for line in text.split("\n") if line.strip() != "原文：")
    assert "原文" not in unlabelled
    again = import_text(unlabelled, name="oped.md")
    assert [(s.kind, s.source.sentences, s.target) for s in again.document.segments] == [
        (s.kind, s.source.sentences, s.target) for s in doc.segments
    ]
    assert [(e.term, e.context.segment) for e in again.entries] == [  # type: ignore[union-attr]
        (e.term, e.context.segment)
        for e in oped.entries  # type: ignore[union-attr]
    ]
