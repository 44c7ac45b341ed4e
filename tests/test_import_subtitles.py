"""Subtitles written by pysubs2 and by hand: cues with timings, dual lines, two files paired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formatdata import REAL, SUBTITLES

from reader.cli import main
from reader.errors import ReaderError
from reader.importers import import_file
from reader.importers.subtitles import read_cues
from reader.model import Cue

EN = [
    "Where were you last night?",
    "I was at the station, waiting for the last train.",
    "It never came.",
    "Then how did you get home?",
    "I walked. It took me three hours.",
    "You should have called me.",
]


@pytest.mark.parametrize("name", ["film-en.srt", "film-en.vtt", "film-en.ass"])
def test_one_file_is_a_document_of_cues_with_their_timings(name: str) -> None:
    doc = import_file(SUBTITLES / name).document
    assert [seg.source.text for seg in doc.segments] == EN
    assert doc.segments[0].cue == Cue(1.0, 3.2)
    assert doc.segments[-1].cue == Cue(15.2, 17.0)
    assert doc.segments[4].source.sentences == ("I walked.", "It took me three hours.")
    assert doc.target_lang is None


def test_real_world_defects_are_read_through() -> None:
    # BOM, CRLF, <i> and <font> tags, a missing blank line, overlapping cues, a position tag.
    cues = read_cues(SUBTITLES / "defects.srt")
    assert [c.text() for c in cues] == EN[:3]
    assert (cues[0].end, cues[1].start) == (3.2, 3.0)  # the overlap is kept as it is


def test_dual_subtitles_become_a_bilingual_document_cue_by_cue() -> None:
    result = import_file(SUBTITLES / "dual-en-zh.srt")
    doc = result.document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    assert [s.source.text for s in doc.segments] == EN
    assert doc.segments[1].target is not None
    assert doc.segments[1].target.text == "我在车站，等最后一班火车。"
    assert all(s.links and s.links[0].confidence == 1.0 for s in doc.segments)
    assert result.report == ("dual subtitles: 6 cues, en above zh",)


def test_two_files_pair_by_time_across_an_offset_and_a_split_cue() -> None:
    result = import_file(SUBTITLES / "film-en.srt", translation=SUBTITLES / "film-zh.srt")
    doc = result.document
    assert [s.source.text for s in doc.segments] == EN
    assert [s.target.text if s.target else None for s in doc.segments] == [
        "你昨晚去哪儿了？",
        "我在车站，等最后一班火车。",  # two translation cues for one original cue
        "它一直没来。",
        "那你是怎么回家的？",
        "我走回去的。走了三个小时。",
        "你应该给我打电话的。",
    ]
    assert doc.segments[1].links[0].target == (0, 1)
    assert all(link.confidence is not None for s in doc.segments for link in s.links)
    assert "run -2.50 s" in result.report[0]
    assert doc.translation_origin == str(SUBTITLES / "film-zh.srt")


def test_real_subtitles_of_a_film_pair_cue_for_cue() -> None:
    doc = import_file(REAL / "sintel-en.srt", translation=REAL / "sintel-zh.srt").document
    pairs = {s.source.text: s.target.text if s.target else None for s in doc.segments}
    assert pairs["This blade has a dark past."] is None  # no Chinese cue in the excerpt
    assert pairs["It has shed much innocent blood."] == "它沾满了太多无辜者的鲜血"
    assert pairs["A dragon."] == "她是一条龙"
    assert (
        pairs["I've been alone for as long as I can remember."] == "这种孤独伴随我多久早已记不清了"
    )


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("broken-timing.srt", "broken cue timing: '00:00:04,000 -> 00:00:0x,500'", 6),
        ("backwards.srt", "cue 1 ends before it starts", None),
    ],
)
def test_broken_timings_are_one_line_naming_the_file(
    name: str, message: str, line: int | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ReaderError) as err:
        import_file(SUBTITLES / name)
    assert err.value.message == message and err.value.location.line == line
    library = tmp_path / "lib"
    assert main(["import", str(SUBTITLES / name), "--library", str(library)]) == 1
    assert message in capsys.readouterr().err
    assert not (library / "documents").exists()


def test_a_file_without_cues_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.srt"
    empty.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="no subtitle cues found"):
        import_file(empty)


def test_reader_align_pairs_two_subtitle_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(SUBTITLES / "film-en.srt"), str(SUBTITLES / "film-zh.srt")]) == 0
    out = capsys.readouterr().out
    assert "00:00:03.600  [1]:[1, 2]" in out
    assert (
        "  < I was at the station, waiting for the last train.\n  > 我在车站，\n  > 等最后一班火车。"
        in out
    )
    assert (
        main(["align", str(SUBTITLES / "film-en.srt"), str(SUBTITLES / "film-zh.srt"), "--json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["offset"] == -2.5
    assert data["links"][1]["source"] == [1] and data["links"][1]["target"] == [1, 2]
    assert data["links"][1]["start"] == 3.6


def test_vtt_notes_and_styles_are_not_cue_text(tmp_path: Path) -> None:
    vtt = tmp_path / "notes.vtt"
    vtt.write_text(
        "WEBVTT\n\nNOTE made by hand\nover two lines\n\nSTYLE\n::cue { color: red }\n\n"
        "00:01.000 --> 00:03.500 align:start\n<v Bob>Hi <b>there</b>.\n\n"
        "NOTE another\n\n00:04.000 --> 00:05.000\nBye.\n",
        encoding="utf-8",
    )
    assert [c.text() for c in read_cues(vtt)] == ["Hi there.", "Bye."]


def test_show_json_gives_each_cue_its_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SUBTITLES / "film-en.srt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["segments"][0]["start"], data["segments"][0]["end"]) == (1.0, 3.2)
    assert data["toc"] == []
    assert main(["show", str(SUBTITLES / "film-en.srt")]) == 0
    assert "cues       6, 00:00:01.000 to 00:00:17.000" in capsys.readouterr().out


def test_a_subtitle_file_aligns_with_a_text_by_its_cues_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "zh.txt"
    text.write_text("你昨晚去哪儿了？我在车站，等最后一班火车。它一直没来。\n", encoding="utf-8")
    assert main(["align", str(SUBTITLES / "film-en.srt"), str(text), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    originals = [s for link in data["links"] for s in link["original"]]
    assert originals[0] == "Where were you last night?"
    assert not any("-->" in s or s.strip().isdigit() for s in originals)


async def test_reader_read_opens_a_subtitle_file_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.app import ReaderApp
    from reader.ui.screens.reading import ReadingScreen

    apps: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: apps.append(self))
    library = tmp_path / "lib"
    assert main(["--library", str(library), "read", str(SUBTITLES / "dual-en-zh.srt")]) == 0
    (app,) = apps
    async with app.run_test(size=(100, 30)) as pilot:  # the app imports it after its first frame
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        doc = app.screen.document
    assert doc.target_lang == "zh"
    assert doc.segments[0].cue == Cue(1.0, 3.2)
    assert not (library / "documents").exists()  # nothing written until something changes
