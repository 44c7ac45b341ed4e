"""Variants of annotated bilingual files learners write, each as a small hand-made fixture."""

from __future__ import annotations

import random
import re

import pytest

from reader.errors import ReaderError
from reader.importers import ImportResult, import_text
from reader.importers.labels import has_bilingual_structure, label_of
from reader.model import Entry, Segment


def imported(text: str, **kw: str) -> ImportResult:
    return import_text(text, name="orchard.md", today="2025-03-01", **kw)


def paragraphs(result: ImportResult) -> list[Segment]:
    return [seg for seg in result.document.segments if seg.kind == "paragraph"]


def entry(result: ImportResult, term: str) -> Entry:
    return next(e for e in result.entries if e.term == term)


def segment_of(result: ImportResult, term: str) -> Segment:
    ctx = entry(result, term).context
    assert ctx is not None
    return result.document.segment(ctx.segment)


LABELS = [
    ("原文：", ("source", "")),
    ("原文:", ("source", "")),
    ("原文", ("source", "")),
    ("**原文：**", ("source", "")),
    ("【译文】", ("target", "")),
    ("翻译：这是一个句子。", ("target", "这是一个句子。")),
    ("参考译文：", ("target", "")),
    ("学习：", ("notes", "")),
    ("词汇:", ("notes", "")),
    ("生词：", ("notes", "")),
    ("重点词汇：", ("notes", "")),
    ("Original: The orchard was old.", ("source", "The orchard was old.")),
    ("translation:", ("target", "")),
    ("Vocabulary:", ("notes", "")),
    ("## Notes", ("notes", "")),
    ("Notes: orchard: 果园", ("notes", "orchard: 果园")),
    ("New words and expressions 生词和短语", ("notes", "")),  # one label in both languages
    ("生词和短语 New words", ("notes", "")),
    ("Hello 你好", None),
    ("New Words 原文", None),  # two labels of different roles
    ("Originally, the orchard was small.", None),
    ("The original plan failed.", None),
]


@pytest.mark.parametrize(("line", "expected"), LABELS)
def test_labels(line: str, expected: tuple[str, str] | None) -> None:
    assert label_of(line) == expected


# --- English labels with text on the label line; notes after the translation ------------

ORCHARD_EN_LABELS = """\
# The Glass Orchard

Original: The orchard behind the old school was planted in 1952. Its glass
greenhouses, long abandoned, are now being restored by volunteers.

Translation: 老学校后面的果园种植于1952年。它那些荒废已久的玻璃温室，如今正由志愿者修复。

Vocabulary: restore: v. 修复；恢复
abandoned: adj. 废弃的

Original:
Every Saturday the volunteers replace broken panes
and sweep out the leaves.

Translation:
每个星期六，志愿者们更换破碎的玻璃，扫出落叶。

Notes:
pane: 窗玻璃
"""


def test_english_labels_text_on_label_line() -> None:
    result = imported(ORCHARD_EN_LABELS)
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    assert doc.title == "The Glass Orchard"
    paras = paragraphs(result)
    assert len(paras) == 2
    assert paras[0].source.sentences == (
        "The orchard behind the old school was planted in 1952.",
        "Its glass greenhouses, long abandoned, are now being restored by volunteers.",
    )
    assert paras[0].target is not None
    assert paras[0].target.text.startswith("老学校后面的果园")
    assert paras[1].source.text == (
        "Every Saturday the volunteers replace broken panes and sweep out the leaves."
    )
    assert [e.term for e in result.entries] == ["restore", "abandoned", "pane"]
    assert entry(result, "restore").glosses == ("修复", "恢复")
    assert entry(result, "restore").pos == "v."
    assert segment_of(result, "restore") is paras[0]
    assert segment_of(result, "pane") is paras[1]
    assert entry(result, "abandoned").context.sentence == 1  # type: ignore[union-attr]
    # "pane" is written "panes": the glossary matcher knows the plural.
    assert entry(result, "pane").context.sentence == 0  # type: ignore[union-attr]
    assert result.report == ()


# --- Notes between the original and an explicitly labelled translation -----------------

NOTES_BETWEEN = """\
原文：

The ferry leaves at dawn, when the harbour is still

quiet and the gulls have not yet woken.

学习：

- dawn — 黎明

- gull — 海鸥

译文：

渡轮在黎明时分出发，那时港口还很安静，海鸥还没有醒来。

原文：

By noon it reaches the island.

译文：

中午时分，它抵达小岛。
"""


def test_notes_between_original_and_translation() -> None:
    result = imported(NOTES_BETWEEN)
    paras = paragraphs(result)
    assert len(paras) == 2
    assert paras[0].source.text == (
        "The ferry leaves at dawn, when the harbour is still quiet and the gulls have not "
        "yet woken."
    )
    assert paras[0].target is not None and paras[0].target.text.startswith("渡轮在黎明")
    assert [(e.term, e.glosses) for e in result.entries] == [
        ("dawn", ("黎明",)),
        ("gull", ("海鸥",)),
    ]
    assert segment_of(result, "dawn") is paras[0]
    assert segment_of(result, "gull") is paras[0]
    assert result.report == ()


# --- No labels at all: paragraphs alternate; notes collected at the end -----------------

ALTERNATING = """\
# The Night Market

Every evening the car park behind the station turns into a market.

每天晚上，车站后面的停车场都会变成一个集市。

Stalls sell noodles, lanterns and second-hand books until midnight.

摊位出售面条、灯笼和二手书，一直到午夜。

The lanterns are what most visitors remember.

灯笼是大多数游客记住的东西。

词汇：

lantern：灯笼

stall：摊位

car park：停车场
"""


def test_alternating_paragraphs_without_labels() -> None:
    assert has_bilingual_structure(ALTERNATING)
    result = imported(ALTERNATING)
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    paras = paragraphs(result)
    assert [p.source.text for p in paras] == [
        "Every evening the car park behind the station turns into a market.",
        "Stalls sell noodles, lanterns and second-hand books until midnight.",
        "The lanterns are what most visitors remember.",
    ]
    assert all(p.target is not None for p in paras)
    assert paras[2].target.text == "灯笼是大多数游客记住的东西。"  # type: ignore[union-attr]


def test_notes_collected_at_the_end_go_to_the_first_occurrence() -> None:
    result = imported(ALTERNATING)
    paras = paragraphs(result)
    assert segment_of(result, "car park") is paras[0]
    assert segment_of(result, "stall") is paras[1]  # "Stalls": found by the matcher or not at all
    assert segment_of(result, "lantern") is paras[1]


# --- Marks in the text: [n] refs to numbered notes, bold and ★ ------------------------------

MARKED = """\
原文：
The **harbourmaster** keeps a ledger[1] of every boat that enters, and a ★tally of
the fish they land.
这位港务长记录着每一艘进港船只的账簿，以及它们卸下的鱼的数量。

原文：
Nobody has checked the ledger since 1998.
自1998年以来，没有人检查过这本账簿。

学习：
1. ledger: 账簿；分类账
2) tally：记录；计数
"""


def test_markers_place_notes_and_are_stripped() -> None:
    result = imported(MARKED)
    paras = paragraphs(result)
    text = " ".join(p.source.text for p in paras)
    assert "**" not in text and "★" not in text and "[1]" not in text
    assert paras[0].source.text.startswith("The harbourmaster keeps a ledger of every boat")
    # The [1] mark puts note 1 in the first paragraph even though the notes follow the second.
    assert segment_of(result, "ledger") is paras[0]
    assert segment_of(result, "tally") is paras[0]
    # A bold term without a note becomes an entry without gloss, and is reported.
    assert entry(result, "harbourmaster").glosses == ()
    assert segment_of(result, "harbourmaster") is paras[0]
    assert entry(result, "harbourmaster").context.sentence == 0  # type: ignore[union-attr]
    assert any("harbourmaster" in line for line in result.report)
    assert len(result.report) == 1


def test_bold_in_the_translation_is_stripped_too() -> None:
    result = imported("原文：\nThe **ledger** is old.\n\n译文：\n这本**账簿**很旧。\n")
    seg = paragraphs(result)[0]
    assert seg.source.text == "The ledger is old."
    assert seg.target is not None and seg.target.text == "这本账簿很旧。"


# --- Blockquote notes with IPA ------------------------------------------------------------

BLOCKQUOTE = """\
原文：

Salt marshes absorb the tide like a sponge.

盐沼像海绵一样吸收潮水。

> marsh[mɑːʃ] n. 沼泽；湿地

> absorb /əbˈzɔːb/ vt. 吸收
"""


def test_blockquote_notes_with_readings() -> None:
    result = imported(BLOCKQUOTE)
    marsh, absorb = result.entries
    assert (marsh.term, marsh.reading, marsh.pos, marsh.glosses) == (
        "marsh",
        "mɑːʃ",
        "n.",
        ("沼泽", "湿地"),
    )
    assert (absorb.term, absorb.reading, absorb.pos) == ("absorb", "əbˈzɔːb", "vt.")
    assert segment_of(result, "absorb") is paragraphs(result)[0]


# --- Chinese original with an English translation -----------------------------------------

CHINESE_ORIGINAL = """\
# 夜航船

原文：
船在夜里出发。河面上只有一盏灯。
The boat sets out at night. There is only one lamp on the river.

学习：
夜航：night voyage
一盏灯：a single lamp

原文：
天亮时，我们已经到了镇上。
By daybreak we had reached the town.
"""


def test_chinese_original_english_translation() -> None:
    result = imported(CHINESE_ORIGINAL)
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("zh", "en")
    paras = paragraphs(result)
    assert paras[0].source.sentences == ("船在夜里出发。", "河面上只有一盏灯。")
    assert paras[0].target is not None
    assert paras[0].target.sentences == (
        "The boat sets out at night.",
        "There is only one lamp on the river.",
    )
    assert [link.source for link in paras[0].links] == [(0,), (1,)]
    assert [(e.term, e.lang, e.glosses) for e in result.entries] == [
        ("夜航", "zh", ("night voyage",)),
        ("一盏灯", "zh", ("a single lamp",)),
    ]
    assert segment_of(result, "一盏灯") is paras[0]
    assert entry(result, "一盏灯").context.sentence == 1  # type: ignore[union-attr]


def test_lang_and_to_name_the_languages_without_changing_the_reading() -> None:
    result = imported(CHINESE_ORIGINAL, lang="zh-Hans", to="en-US")
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("zh-Hans", "en-US")
    plain = imported(CHINESE_ORIGINAL).document
    assert [(s.kind, s.source, s.target, s.lang) for s in doc.segments] == [
        (s.kind, s.source, s.target, s.lang) for s in plain.segments
    ]
    assert {e.lang for e in result.entries} == {"zh-Hans"}


# --- Nothing is dropped silently ------------------------------------------------------------

UNCLASSIFIABLE = """\
原文：
The mill closed in spring.
磨坊在春天关闭了。

学习：
mill：磨坊
(see also page 12 of the workbook)
spring：春天

---

原文：
Its wheel still turns.
它的水车仍在转动。
"""


def test_unclassifiable_lines_are_kept_as_notes_and_reported() -> None:
    result = imported(UNCLASSIFIABLE)
    notes = [seg for seg in result.document.segments if seg.kind == "note"]
    assert [seg.source.text for seg in notes] == ["(see also page 12 of the workbook)", "---"]
    assert len(result.report) == 2
    assert result.report[0].startswith("line 7: kept as text: (see also page 12")
    assert result.report[1].startswith("line 10: kept as text: ---")
    # The notes go on after the line that was not one.
    assert [e.term for e in result.entries] == ["mill", "spring"]
    assert result.entries[1].context.segment == paragraphs(result)[0].id  # type: ignore[union-attr]
    assert len(paragraphs(result)) == 2


def test_plain_text_is_not_bilingual() -> None:
    assert not has_bilingual_structure("Just one language.\n\nAnother paragraph here.\n")
    assert not has_bilingual_structure(
        "Keert Meta zijn kar?\n\nmeta llama opensource\n\nlees ook\n\nEen lange Nederlandse "
        "zin met genoeg woorden om de taal te kennen.\n"
    )


def test_uneven_unlabelled_runs_are_paired_by_the_paragraph_aligner() -> None:
    text = (
        "The first paragraph is long enough to count as one.\n\n"
        "The second paragraph continues the story.\n\n"
        "第一段和第二段被译成了一段中文，内容相当长，几乎和原文一样长。\n\n"
        "A third paragraph stands alone.\n\n"
        "第三段。\n"
    )
    result = imported(text)
    paras = paragraphs(result)
    joined_targets = "".join(p.target.text for p in paras if p.target)
    assert "第一段和第二段" in joined_targets and "第三段。" in joined_targets
    sources = " ".join(p.source.text for p in paras)
    assert "first paragraph" in sources and "third paragraph" in sources
    assert paras[-1].target is not None and paras[-1].target.text == "第三段。"


NOTES_THEN_TRANSLATION_WITH_COLON = """\
原文：
The rule is simple: nobody fishes in May.

学习：
rule：规则
禁渔期：closed fishing season

规则很简单：五月份谁也不许捕鱼。
"""


def test_translation_line_with_a_colon_after_notes_stays_a_translation() -> None:
    result = imported(NOTES_THEN_TRANSLATION_WITH_COLON)
    (seg,) = paragraphs(result)
    assert seg.source.text == "The rule is simple: nobody fishes in May."
    assert seg.target is not None and seg.target.text == "规则很简单：五月份谁也不许捕鱼。"
    assert [(e.term, e.lang) for e in result.entries] == [("rule", "en"), ("禁渔期", "zh")]
    assert all(e.context is not None and e.context.segment == seg.id for e in result.entries)


DUTCH_ENGLISH_LABELLED = """\
Original: De veerboot vertrekt om zes uur.
Ja.
Translation: The ferry leaves at six o'clock.
Yes.

Original: Niemand weet waarom.
Translation: Nobody knows why.
"""


def test_labels_decide_between_two_languages_of_one_script() -> None:
    result = imported(DUTCH_ENGLISH_LABELLED)
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("nl", "en")
    paras = paragraphs(result)
    assert [p.source.sentences for p in paras] == [
        ("De veerboot vertrekt om zes uur.", "Ja."),
        ("Niemand weet waarom.",),
    ]
    assert [p.target.sentences for p in paras if p.target] == [
        ("The ferry leaves at six o'clock.", "Yes."),
        ("Nobody knows why.",),
    ]


def test_a_forgotten_translation_label_in_two_scripts() -> None:
    text = (
        "原文：\nThe tide is out.\n译文：\n潮水退了。\n\n"
        "原文：\nThe boats lie on the mud.\n船躺在泥滩上。\n"
    )
    paras = paragraphs(imported(text))
    assert [(p.source.text, p.target.text if p.target else None) for p in paras] == [
        ("The tide is out.", "潮水退了。"),
        ("The boats lie on the mud.", "船躺在泥滩上。"),
    ]


def test_a_title_followed_by_its_translation() -> None:
    result = imported("# The Night Ferry\n\n夜渡\n\n原文：\nIt leaves at ten.\n\n它十点出发。\n")
    title = result.document.segments[0]
    assert (title.kind, title.source.text) == ("title", "The Night Ferry")
    assert title.target is not None and title.target.text == "夜渡"
    assert result.document.title == "The Night Ferry"
    assert [s.kind for s in result.document.segments] == ["title", "paragraph"]


# --- Nothing is lost, whatever the mix -------------------------------------------------------

PIECES = [
    "原文：", "译文：", "学习：", "Original:", "Notes:", "# Tee", "## 后记", "## Head", "![a](b)",
    "*by xx*", "---", "- alpha — 甲乙", "1. beta: 乙丙", "> gamma[k] n. 丙丁", "**bold** word",
    "★star", "xx[1] yy", "The cat sat.", "猫坐着。", "", "", "", "Ja.", "Der Hund.",
    "هذا نص عربي.", "Translation: Hello there.", "词汇：delta：戊己", "Plain words here",
    "这是中文句子。", "tech-", "nology",
]  # fmt: skip
LABEL_WORDS = {"Original", "Notes", "Translation", "原文", "译文", "学习", "词汇", "后记"}
WORDS = re.compile(r"[A-Za-z]{3,}|[\u4e00-\u9fff]+|[\u0600-\u06ff]+")


@pytest.mark.parametrize("seed", range(4))
def test_no_word_of_a_random_mix_is_lost(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        text = "\n".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20)))
        try:
            result = import_text(text, name="mix.md")
        except ReaderError as err:
            assert str(err) == "mix.md: no text found"
            continue
        kept = "".join(
            "".join(seg.source.sentences) + ("".join(seg.target.sentences) if seg.target else "")
            for seg in result.document.segments
        ) + "".join(e.term + "".join(e.glosses) for e in result.entries)
        kept = re.sub(r"\s+", "", kept).replace("-", "")
        for word in WORDS.findall(text):
            assert word in LABEL_WORDS or word in kept, (word, text)


# --- Paragraph beads trimmed by size ---------------------------------------------------------


def test_a_chinese_introduction_under_a_bilingual_title_stands_alone() -> None:
    text = (
        "My First Day at Senior High 我的高中第一天\n"
        "田华是一名来自中国湖畔初中的交换生。她长相姣好，思维敏捷，该玩时就玩个痛快。"
        "在校园里，你会发现她总是带着书。如果不上课，她要么在图书馆要么在计算机实验室。\n"
        "This morning I felt anxious and frightened because I am not outgoing.\n"
        "今早时，我觉得焦虑害怕，因为我不大外向。\n"
        "At ten I found the registration office after exploring the new campus.\n"
        "我于上午十点找到了注册中心。\n"
    )
    segs = imported(text).document.segments
    assert [
        (s.source.text[:12], s.target.text[:7] if s.target else None, s.lang) for s in segs
    ] == [
        ("My First Day", "我的高中第一天", None),
        ("田华是一名来自中国湖畔初", None, "zh"),
        ("This morning", "今早时，我觉得", None),
        ("At ten I fou", "我于上午十点找", None),
    ]


def test_two_paragraphs_merged_by_the_translator_stay_one_segment() -> None:
    text = (
        "The mill closed in spring. Its workers left for the city.\n\n"
        "Only the miller stayed behind to mind the wheel.\n\n"
        "磨坊在春天关闭了，工人们去了城里，只有磨坊主留下来照看水车。\n\n"
        "The wheel still turns.\n\n水车仍在转动。\n"
    )
    segs = [s for s in imported(text).document.segments if s.kind == "paragraph"]
    assert len(segs) == 2
    assert segs[0].source.text.endswith("to mind the wheel.")
    assert segs[0].target is not None and segs[0].target.text.startswith("磨坊在春天")


def test_a_translation_moves_to_the_neighbour_whose_words_it_translates() -> None:
    from reader.importers.annotated import move_to_neighbour

    src = [("A", [], 1), ("B", [], 2)]
    tgt = [("T", [], 3)]
    shares = {("A", "T"): 0.2, ("B", "T"): 0.7}
    beads = [((0,), (0,)), ((1,), ())]
    moved = move_to_neighbour(beads, src, tgt, lambda o, t: shares[(o, t)])
    assert moved == [((0,), ()), ((1,), (0,))]
    # Not when the neighbour is not clearly better, nor without a dictionary to tell.
    shares[("B", "T")] = 0.35
    assert move_to_neighbour(beads, src, tgt, lambda o, t: shares[(o, t)]) == beads
    assert move_to_neighbour(beads, src, tgt, lambda o, t: None) == beads
