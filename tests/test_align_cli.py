"""`reader align`: pairs, JSON, and --presplit beads that score like the benchmark's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.align import align_sentences
from reader.align.scoring import parse_beads, score
from reader.cli import main

ALIGN_DATA = Path(__file__).resolve().parent / "data" / "align"

EN = [
    "Meta says Europe is heading down the wrong path on artificial intelligence.",
    "The company will not sign the voluntary code of practice.",
    "It cites legal uncertainty for developers of open models.",
    "The law comes into force in August 2025.",
]
ZH = [
    "Meta表示，欧洲在人工智能问题上正走向错误的道路。",
    "该公司不会签署这份自愿的行为准则。它以开放模型开发者面临的法律不确定性为理由。",
    "这项法律将于2025年8月生效。",
]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en, zh = tmp_path / "en.txt", tmp_path / "zh.txt"
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    zh.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    return en, zh


def test_presplit_prints_beads_in_the_gold_format(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", str(pair[0]), str(pair[1]), "--presplit"]) == 0
    out = capsys.readouterr().out
    assert out == "[0]:[0]\n[1, 2]:[1]\n[3]:[2]\n"


def test_json_has_ids_confidence_and_text(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", str(pair[0]), str(pair[1]), "--presplit", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["source_lang"], data["target_lang"]) == ("en", "zh")
    second = data["links"][1]
    assert second["source"] == [1, 2] and second["target"] == [1]
    assert second["original"] == EN[1:3] and second["translation"] == [ZH[1]]
    assert all(0.0 <= link["confidence"] <= 1.0 for link in data["links"])


def test_without_presplit_sentences_are_split_and_shown_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en, zh = tmp_path / "en.txt", tmp_path / "zh.txt"
    # One paragraph per file, hard-wrapped English: the command splits the sentences.
    en.write_text(
        " ".join(EN[:2]).replace(" the voluntary", "\nthe voluntary") + "\n", encoding="utf-8"
    )
    zh.write_text("".join(ZH[:1]) + "该公司不会签署这份自愿的行为准则。\n", encoding="utf-8")
    assert main(["align", str(en), str(zh)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[0]:[0]  (")
    assert f"  < {EN[0]}\n  > {ZH[0]}\n[1]:[1]" in out
    assert "  < The company will not sign the voluntary code of practice.\n" in out


@pytest.mark.parametrize("content", [None, "", "\n\n"])
def test_unusable_input_is_a_one_line_error(
    pair: tuple[Path, Path],
    tmp_path: Path,
    content: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    assert main(["align", str(pair[0]), str(bad), "--from", "en", "--to", "zh"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reader: {bad}") and err.count("\n") == 1


def test_presplit_output_scores_against_a_gold_alignment(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A short story written for this test in Chinese and English, with its gold beads
    # (2-1, 1-2 and 1-1): the command and the function give the same beads, and they score.
    zh, en = ALIGN_DATA / "story.zh", ALIGN_DATA / "story.en"
    gold = parse_beads((ALIGN_DATA / "story.align").read_text(encoding="utf-8"))
    assert main(["align", str(zh), str(en), "--presplit", "--from", "zh", "--to", "en"]) == 0
    cli = parse_beads(capsys.readouterr().out)
    links = align_sentences(
        zh.read_text(encoding="utf-8").splitlines(),
        en.read_text(encoding="utf-8").splitlines(),
        "zh",
        "en",
    )
    assert cli == [(link.source, link.target) for link in links]
    assert score([(gold, cli)]).strict_f >= 0.8
