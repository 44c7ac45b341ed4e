"""Real annotated study notes from the web (tests/data/real/, sources in its README).

Every file keeps every word of its input, as text or as a note segment. The files listed in
`RIGHT` import fully right against their gold (tests/realfiles.py): languages, every pair of
original and translation, the glossary entries and glosses, no page chrome paired. The
others are measured by bench/real_files.py, which says what is still wrong with each.
"""

from __future__ import annotations

import pytest
from realfiles import GOLD, REAL, import_real, is_kept, judge, output_text, words_of

RIGHT = (
    "01_kao110_daily_sentence.txt",
    "02_360docs_economist_obituary.txt",
    "03_racktom_economist_cuny.txt",
    "04_360docs_economist_stars.txt",
    "05_readit_immersive_snapshot.txt",
    "06_freewechat_passage_notes.txt",
    "07_chinansn_poem.txt",
    "08_juntutu_poem.txt",
    "09_yd166_sentence_by_sentence.txt",
    "10_fastlearning_must_recite.txt",
    "11_kaosee_china_daily.txt",
    "12_renrendoc_chinese_first.txt",
    "13_scribd_translation_numbered.txt",
    "16_xiaotue_translation_practice.txt",
    "18_github_clip_immersive.md",
    "20_github_ydkjs_vocabulary_table.md",
)


def test_every_real_file_has_a_gold_and_a_source() -> None:
    # The study notes are numbered; the folder holds other real files too (subtitles, lists).
    files = sorted(
        p.name for p in REAL.iterdir() if p.suffix in (".txt", ".md") and p.name[:2].isdigit()
    )
    assert files == sorted(GOLD)
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in files)
    assert len(files) >= 15


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_word_of_a_real_file_is_lost(name: str) -> None:
    result = import_real(name)
    kept = output_text(result)
    kept_words = set(words_of(kept))
    text = (REAL / name).read_text(encoding="utf-8")
    lost = [w for w in words_of(text) if not is_kept(w, kept, kept_words)]
    assert not lost, f"{name}: {lost[:10]}"


@pytest.mark.parametrize("name", RIGHT)
def test_a_real_file_imports_right(name: str) -> None:
    verdict = judge(name, import_real(name))
    assert verdict.languages
    assert (verdict.pairs_found, verdict.paired_segments) == (
        verdict.pairs_expected,
        verdict.pairs_expected,
    )
    assert verdict.entries_missing == () and verdict.glosses_wrong == ()
    assert verdict.chrome_paired == ()


def test_what_the_importer_was_unsure_of_is_reported() -> None:
    result = import_real("01_kao110_daily_sentence.txt")
    report = "\n".join(result.report)
    assert "before the study text: 12.21外刊精读每日一句" in report
    assert "commentary: long-haul表示" in report


def test_a_caption_under_a_picture_is_not_paired() -> None:
    doc = import_real("18_github_clip_immersive.md").document
    kinds = [seg.kind for seg in doc.segments]
    caption = doc.segments[kinds.index("image") + 1]
    assert caption.kind == "caption" and caption.target is None
    assert caption.source.text.startswith("The likes of Oscar Wilde")


def test_lemma_notes_keep_the_form_of_the_text() -> None:
    entries = {e.term: e for e in import_real("09_yd166_sentence_by_sentence.txt").entries}
    celebrate = entries["celebrate"]
    assert celebrate.forms == ("celebrating",) and celebrate.pos == "v."
    assert celebrate.glosses == ("庆祝", "庆贺", "颂扬")
    assert "selɪbreɪt" in celebrate.reading
    # The note is placed in the sentence that uses the form.
    assert celebrate.context is not None


def test_chinese_original_notes_are_filed_under_chinese() -> None:
    result = import_real("07_chinansn_poem.txt")
    assert {e.lang for e in result.entries} == {"en"}  # notes on words of the translation
    poem = import_real("19_wuyicheng_poem_notes.txt")
    langs = {e.term: e.lang for e in poem.entries}
    assert langs["荷尽"] == "zh" and langs["spade"] == "en"


def test_the_count_of_real_files_imported_right_does_not_drop() -> None:
    right = sum(judge(name, import_real(name)).fully_right for name in GOLD)
    assert right >= len(RIGHT)
