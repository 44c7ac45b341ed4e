"""An original and its translation as two files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.importers import import_file

PARAGRAPHS_EN = [
    "The Lantern Makers",
    (
        "In the hill town of Varenna, three families have made paper lanterns for as long as "
        "anyone can remember. Their workshops stand side by side on a narrow street that "
        "smells of glue and candle wax."
    ),
    (
        "Each lantern takes a day to build. The frame is bent from thin strips of bamboo, and "
        "the paper is brushed on in layers so that it glows evenly when lit."
    ),
    (
        "Tourists buy most of them in summer. In winter the families make the large lanterns "
        "that hang over the square during the festival of lights."
    ),
]
PARAGRAPHS_ZH = [
    "灯笼匠",
    "在山城瓦伦纳，有三户人家制作纸灯笼，从没有人记得是从什么时候开始的。他们的作坊在一条狭窄的街道上并排而立，街上弥漫着胶水和蜡烛的气味。",
    "每盏灯笼要花一天时间制作。骨架由细竹条弯成，纸一层层刷上去，这样点亮时光线才均匀。",
    "大部分灯笼在夏天卖给游客。冬天，这几户人家制作在灯节期间悬挂在广场上空的大灯笼。",
]


def wrapped(paragraphs: list[str], width: int, blank: bool) -> str:
    sep = "\n\n" if blank else "\n"
    return sep.join(textwrap.fill(p, width) for p in paragraphs) + "\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    en = tmp_path / "lanterns.en.txt"
    zh = tmp_path / "lanterns.zh.txt"
    en.write_text(wrapped(PARAGRAPHS_EN, 60, blank=True), encoding="utf-8")
    zh.write_text("\n".join(PARAGRAPHS_ZH) + "\n", encoding="utf-8")
    return en, zh


def check_lanterns(doc_segments: tuple, expected_pairs: list[tuple[str, str]]) -> None:  # type: ignore[type-arg]
    assert [(s.source.text, s.target.text if s.target else None) for s in doc_segments] == (
        expected_pairs
    )


def test_hard_wrapped_english_against_one_line_chinese(files: tuple[Path, Path]) -> None:
    en, zh = files
    result = import_file(en, translation=zh, today="2025-05-05")
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    assert doc.title == "The Lantern Makers"
    assert doc.origin == str(en) and doc.translation_origin == str(zh)
    assert doc.id == "lanterns-en"
    assert [s.kind for s in doc.segments] == ["title", "paragraph", "paragraph", "paragraph"]
    check_lanterns(doc.segments, list(zip(PARAGRAPHS_EN, PARAGRAPHS_ZH)))
    for seg in doc.segments[1:]:
        assert len(seg.source.sentences) == 2
        assert seg.target is not None and len(seg.target.sentences) == 2
        assert [(link.source, link.target) for link in seg.links] == [((0,), (0,)), ((1,), (1,))]
        assert all(link.confidence is not None for link in seg.links)


def test_fixed_width_without_blank_lines(tmp_path: Path) -> None:
    en = tmp_path / "a.txt"
    zh = tmp_path / "b.txt"
    en.write_text(wrapped(PARAGRAPHS_EN[1:], 60, blank=False), encoding="utf-8")
    zh.write_text("\n\n".join(PARAGRAPHS_ZH[1:]) + "\n", encoding="utf-8")
    doc = import_file(en, translation=zh).document
    check_lanterns(doc.segments, list(zip(PARAGRAPHS_EN[1:], PARAGRAPHS_ZH[1:])))


def test_translation_splits_a_paragraph_in_two(tmp_path: Path) -> None:
    en = tmp_path / "a.txt"
    zh = tmp_path / "b.txt"
    en.write_text("\n\n".join(PARAGRAPHS_EN[1:]) + "\n", encoding="utf-8")
    first, second = PARAGRAPHS_ZH[2].split("。", 1)
    split = [PARAGRAPHS_ZH[1], first + "。", second, PARAGRAPHS_ZH[3]]
    zh.write_text("\n\n".join(split) + "\n", encoding="utf-8")
    doc = import_file(en, translation=zh).document
    assert len(doc.segments) == 3
    assert [s.source.text for s in doc.segments] == PARAGRAPHS_EN[1:]
    middle = doc.segments[1]
    assert middle.target is not None
    assert middle.target.text == PARAGRAPHS_ZH[2]
    assert middle.target.sentences == (first + "。", second)


def test_every_translation_sentence_is_kept(tmp_path: Path) -> None:
    # An extra translator's paragraph with no original is not dropped.
    en = tmp_path / "a.txt"
    zh = tmp_path / "b.txt"
    en.write_text("\n\n".join(PARAGRAPHS_EN[1:]) + "\n", encoding="utf-8")
    zh.write_text(
        "\n\n".join([*PARAGRAPHS_ZH[1:], "（译者注：瓦伦纳是虚构的地名。）"]) + "\n", "utf-8"
    )
    doc = import_file(en, translation=zh).document
    targets = "".join(s.target.text for s in doc.segments if s.target)
    assert "译者注" in targets
    for text in PARAGRAPHS_ZH[1:]:
        assert text in targets


def test_missing_translation_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    en, _ = files
    with pytest.raises(ReaderError) as err:
        import_file(en, translation=tmp_path / "missing.zh.txt")
    assert "missing.zh.txt" in str(err.value)
