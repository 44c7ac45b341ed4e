"""Repairs of scraped and PDF-extracted text: look-alikes, lost spaces, languages run together."""

from __future__ import annotations

import pytest

from reader.importers.lines import numbered_lines
from reader.importers.repair import repair_lines, repair_text, split_scripts


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("《经济学⼈》中英对照", "《经济学人》中英对照"),  # CJK radicals used by a PDF font
        ("今⽇之⽇多烦忧", "今日之日多烦忧"),
        ("ﬁrst and ﬂow", "first and flow"),
        ("ＡＢＣ１２３", "ABC123"),
        ("他说：“好。”（笑）", "他说：“好。”（笑）"),  # Chinese punctuation stays as written
        ("At?dawn breaks, a?long-haul?trucker", "At dawn breaks, a long-haul trucker"),
        ("Is it?Yes.", "Is it?Yes."),  # a question mark before a capital is left alone
        ("威福瑞?塞西格", "威福瑞?塞西格"),
        ("plain text", "plain text"),
    ],
)
def test_repair_text(text: str, repaired: str) -> None:
    assert repair_text(text) == repaired


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (
            "So disagreement was a sign of idiocy.他的聪明和粗暴时常会让听众意识到。",
            ["So disagreement was a sign of idiocy.", "他的聪明和粗暴时常会让听众意识到。"],
        ),
        (
            "Helmut Schmidt, chancellor of West Germany, died aged 96赫尔穆特·施密特,终年96岁",
            [
                "Helmut Schmidt, chancellor of West Germany, died aged 96",
                "赫尔穆特·施密特,终年96岁",
            ],
        ),
        (
            "Applications for next year's programme are up 70%. 城市大学主要吸引人的地方在于它",
            [
                "Applications for next year's programme are up 70%.",
                "城市大学主要吸引人的地方在于它",
            ],
        ),
        # Names, terms and glosses of the other script stay in their sentence.
        ("Meta开源了Llama大型语言模型。", ["Meta开源了Llama大型语言模型。"]),
        (
            "海关总署(the General Administration of Customs)发布了贸易平衡情况。",
            ["海关总署(the General Administration of Customs)发布了贸易平衡情况。"],
        ),
        ("这里还可以用eat、crack、snack on表示吃东西的动作。", None),
        ("Xi Jinping (习近平) met the delegation in Beijing on Tuesday.", None),
        # Vocabulary notes are notes, not two sentences.
        ("a level playing field：公平竞争的环境；公平的条件", None),
        ("pell-mell [ˌpel ˈmel] adv. 匆忙地,混乱地", None),
        ("保存在 https://app.immersivetranslate.com/word/ 的雙語快照頁面", None),
        ("![奥斯卡·王尔德](oscar_wilde-266x400.jpg)", None),
    ],
)
def test_split_scripts(line: str, pieces: list[str] | None) -> None:
    assert split_scripts(line) == (pieces if pieces is not None else [line])


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        # a table of lyrics and their translation (tests/data/real/25): a row is a pair
        ("Weep, and you weep alone | 哭泣吧,你将独自哭泣 |", ["Weep, and you weep alone", "哭泣吧,你将独自哭泣"]),
        ("| When you're feeling blue | 当你感到忧郁时 |", ["When you're feeling blue", "当你感到忧郁时"]),
        # a vocabulary table's rows and header stay whole, for the notes
        ("| concept | 观念 |", ["| concept | 观念 |"]),
        ("| concept | /ˈkɒnsept/ | 观念 |", ["| concept | /ˈkɒnsept/ | 观念 |"]),
        ("英文歌词 | 中文翻译 |", ["英文歌词 | 中文翻译 |"]),
    ],
)  # fmt: skip
def test_a_table_row_of_a_sentence_and_its_translation_is_two_lines(
    line: str, pieces: list[str]
) -> None:
    assert [line.text for line in repair_lines(numbered_lines(line))] == pieces
