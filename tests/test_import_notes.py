"""Vocabulary notes in the hands learners write them, and marks in the text."""

from __future__ import annotations

import pytest

from reader.importers.notes import Marker, Note, parse_note, strip_markers

NOTES = [
    # line, term, glosses, reading, pos, number
    ("power is concentrated：权力集中", "power is concentrated", ("权力集中",), "", "", None),
    (
        "a level playing field：公平竞争的环境；公平的条件；平等的机会；",
        "a level playing field",
        ("公平竞争的环境", "公平的条件", "平等的机会"),
        "",
        "",
        None,
    ),
    ("stark reality：赤裸裸的现实；残酷的现实          ", "stark reality",
     ("赤裸裸的现实", "残酷的现实"), "", "", None),
    ("directive：指示；命令；\u3000", "directive", ("指示", "命令"), "", "", None),
    ("bellwether: 领头羊; 风向标;", "bellwether", ("领头羊", "风向标"), "", "", None),
    ("- thrive — 繁荣；兴旺", "thrive", ("繁荣", "兴旺"), "", "", None),
    ("- thrive – 繁荣", "thrive", ("繁荣",), "", "", None),
    ("- thrive - 繁荣", "thrive", ("繁荣",), "", "", None),
    ("* well-placed — 处于有利地位的", "well-placed", ("处于有利地位的",), "", "", None),
    ("1. nascent: 新生的", "nascent", ("新生的",), "", "", 1),
    ("12) stifle：扼杀；抑制", "stifle", ("扼杀", "抑制"), "", "", 12),
    ("3、hamper：妨碍", "hamper", ("妨碍",), "", "", 3),
    ("[4] foster: 促进", "foster", ("促进",), "", "", 4),
    ("> nascent[ˈnæsnt] adj. 新生的；初生的", "nascent", ("新生的", "初生的"), "ˈnæsnt", "adj.", None),
    ("> harness /ˈhɑːrnɪs/ v. 利用", "harness", ("利用",), "ˈhɑːrnɪs", "v.", None),
    ("nascent /ˈnæsnt/: adj. 新生的", "nascent", ("新生的",), "ˈnæsnt", "adj.", None),
    ("stark adj.：明显的", "stark", ("明显的",), "", "adj.", None),
    ("level n. 水平；adj. 平的", "level", ("水平", "adj. 平的"), "", "n.", None),
    ("riddled with: phr. 充满", "riddled with", ("充满",), "", "phr.", None),
    ("swiftly: adv. 迅速地", "swiftly", ("迅速地",), "", "adv.", None),
    ("curb: vt. 抑制", "curb", ("抑制",), "", "vt.", None),
    ("nascent 新生的", "nascent", ("新生的",), "", "", None),
    ("best shot", "best shot", (), "", "", None),
    ("创新：innovation；novelty", "创新", ("innovation", "novelty"), "", "", None),
]  # fmt: skip


@pytest.mark.parametrize(("line", "term", "glosses", "reading", "pos", "number"), NOTES)
def test_parse_note_in_a_notes_section(
    line: str, term: str, glosses: tuple[str, ...], reading: str, pos: str, number: int | None
) -> None:
    assert parse_note(line, 7) == Note(term, glosses, reading, pos, number, 7)


NOT_NOTES = [
    "THIS IS AN important moment in technology. Artificial intelligence (AI) has",
    "See https://example.org/page for more.",
    "",
    "- ",
]


@pytest.mark.parametrize("line", NOT_NOTES)
def test_not_a_note(line: str) -> None:
    assert parse_note(line) is None


OUTSIDE_NOTES = [
    # Outside a notes section a line needs a list marker and a gloss in another script.
    ("- thrive — 繁荣", "thrive"),
    ("1. nascent: 新生的", "nascent"),
    ("> harness /ˈhɑːrnɪs/ v. 利用", "harness"),
    ("- The UK government is working with Meta to create a team", None),
    ("Note: the figures are from 2024.", None),
    ("nascent: 新生的", None),
    ("2. Second, regulators: they disagree", None),
]


@pytest.mark.parametrize(("line", "term"), OUTSIDE_NOTES)
def test_notes_outside_a_notes_section(line: str, term: str | None) -> None:
    note = parse_note(line, in_notes=False)
    assert (note.term if note else None) == term


MARKS = [
    ("a **level playing field** here", "a level playing field here",
     [Marker("bold", "level playing field", 2)]),
    ("a __level__ field", "a level field", [Marker("bold", "level", 2)]),
    ("the ★nascent industry", "the nascent industry", [Marker("star", "nascent", 4)]),
    ("the ★ nascent industry", "the nascent industry", [Marker("star", "nascent", 4)]),
    ("the nascent★ industry", "the nascent industry", [Marker("star", "nascent", 4)]),
    ("will stifle[2] innovation", "will stifle innovation", [Marker("ref", "stifle", 5, 2)]),
    ("will stifle innovation [3].", "will stifle innovation.",
     [Marker("ref", "innovation", 12, 3)]),
    ("an *italic* word and **bold**", "an italic word and bold", [Marker("bold", "bold", 19)]),
    ("a [link](http://x.org) stays", "a [link](http://x.org) stays", []),
    ("5 * 3 * 2 = 30", "5 * 3 * 2 = 30", []),
    ("权力**集中**了", "权力集中了", [Marker("bold", "集中", 2)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "clean", "markers"), MARKS)
def test_strip_markers(text: str, clean: str, markers: list[Marker]) -> None:
    got, found = strip_markers(text)
    assert got == clean
    assert found == markers
    assert "**" not in got and "★" not in got
    for mark in found:
        if mark.term:
            assert got[mark.start : mark.start + len(mark.term)] == mark.term


# --- Shapes of the real study notes (tests/data/real/) -----------------------------------

REAL_SHAPES = [
    # line, term, glosses, reading, pos, note
    ("guest [ɡest] n. 客人,宾客", "guest", ("客人", "宾客"), "ɡest", "n.", ""),
    ("chest [tʃest] n.胸部;胸膛;(常为木制的)大箱子", "chest",
     ("胸部", "胸膛", "(常为木制的)大箱子"), "tʃest", "n.", ""),
    ("winding [ˈwaɪndɪŋ] adj. 蜿蜒曲折的 (wind v. 缠绕;蜿蜒)", "winding", ("蜿蜒曲折的",),
     "ˈwaɪndɪŋ", "adj.", "(wind v. 缠绕;蜿蜒)"),
    ("Casualty: [N.]['kæʒuəlti] (戰爭、意外中的)傷亡人員", "Casualty",
     ("(戰爭、意外中的)傷亡人員",), "'kæʒuəlti", "N.", ""),
    ("swift  n.雨燕adj. 迅速的;立刻的  adv. 迅速地", "swift",
     ("雨燕", "迅速的", "立刻的", "迅速地"), "", "n/adj/adv.", ""),
    ("holiday 名词 ['hol-i-dey]['hɒlədeɪ] n. 假日;节日", "holiday", ("假日", "节日"),
     "'hol-i-dey 'hɒlədeɪ", "n.", "名词"),
    ("celebrating 原型:celebrate ['selɪbreɪt] v. 庆祝;庆贺", "celebrate", ("庆祝", "庆贺"),
     "'selɪbreɪt", "v.", "celebrating 原型 celebrate"),
    ("consumption n. 消费 (the act of using something)", "consumption", ("消费",), "", "n.",
     "(the act of using something)"),
    ("address:演讲。这个词的几个意思:地方、治理、演讲", "address", ("演讲",), "", "",
     "这个词的几个意思:地方、治理、演讲"),
    ("| nascent | /ˈnæsnt/ | adj. | 新生的;初生的 |", "nascent", ("新生的", "初生的"),
     "ˈnæsnt", "adj.", ""),
    ("| stifle | 扼杀 |", "stifle", ("扼杀",), "", "", ""),
    # the length mark of an IPA reading typed as an ASCII colon: no term/gloss separator
    ("excuse [ik'skju:z] v.原谅", "excuse", ("原谅",), "ik'skju:z", "v.", ""),
    ("your [jə:, jɔ:, jər, jɔ:r] 你的,你们的", "your", ("你的", "你们的"),
     "jə:, jɔ:, jər, jɔ:r", "", ""),
    ("tired adj. 厌烦的", "tired", ("厌烦的",), "", "adj.", ""),
]  # fmt: skip


@pytest.mark.parametrize(("line", "term", "glosses", "reading", "pos", "note"), REAL_SHAPES)
def test_real_note_shapes(
    line: str, term: str, glosses: tuple[str, ...], reading: str, pos: str, note: str
) -> None:
    parsed = parse_note(line, in_notes=True)
    assert parsed is not None
    assert (parsed.term, parsed.glosses, parsed.reading, parsed.pos, parsed.note) == (
        term,
        glosses,
        reading,
        pos,
        note,
    )


@pytest.mark.parametrize("line", ["| 单词 | 释义 |", "| Word | Meaning | Example |", "|---|---|"])
def test_table_headers_and_rules_are_not_notes(line: str) -> None:
    assert parse_note(line, in_notes=True) is None
    assert parse_note(line, in_notes=False) is None


def test_a_table_of_notes_under_a_passage() -> None:
    from reader.importers import import_text

    text = (
        "The nascent industry was stifled by rules.\n\n这个新生的行业被规则扼杀了。\n\n"
        "| 单词 | 释义 |\n|---|---|\n| nascent | adj. 新生的 |\n| stifle | v. 扼杀；抑制 |\n"
    )
    result = import_text(text, name="table.md")
    assert [(e.term, e.glosses, e.pos) for e in result.entries] == [
        ("nascent", ("新生的",), "adj."),
        ("stifle", ("扼杀", "抑制"), "v."),
    ]
    (para,) = [s for s in result.document.segments if s.kind == "paragraph"]
    assert para.target is not None and para.target.text == "这个新生的行业被规则扼杀了。"


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ("at dawn breaks是固定表达,指“黎明时分,破晓时分”。注意这个breaks不是“休息”的意思",
         [("at dawn breaks", ("黎明时分", "破晓时分"))]),
        ("long-haul表示“(运送货物或旅客)长途的,远途的”。如long-haul routes 长途运输路线。",
         [("long-haul", ("(运送货物或旅客)长途的", "远途的"))]),
        ("“嗑瓜子”:munch sunflower seeds。“嗑瓜子”的“嗑”英文怎么说呢?",
         [("munch sunflower seeds", ("嗑瓜子",))]),
        ("“瓜子”一般有两种表达,一是文中用到的sunflower seeds。", []),
    ],
)  # fmt: skip
def test_glosses_read_from_commentary(text: str, notes: list[tuple[str, tuple[str, ...]]]) -> None:
    from reader.importers.notes import glosses_in_commentary

    assert [(n.term, n.glosses) for n in glosses_in_commentary(text)] == notes
