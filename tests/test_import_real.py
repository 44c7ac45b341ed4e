"""Real annotated study notes from the web (tests/data/real/, sources in its README).

Every file keeps every word of its input, as text or as a note segment. The files listed in
`RIGHT` import fully right against their gold (tests/realfiles.py): languages, every pair of
original and translation, the glossary entries and glosses, no page chrome paired; today
that is all of them. bench/real_files.py prints the table, and says what is wrong with a
file that goes wrong.
"""

from __future__ import annotations

import pytest
from realfiles import GOLD, REAL, import_real, is_kept, judge, output_text, words_of

RIGHT = tuple(sorted(GOLD))  # every one, since the last four of the first twenty were mended


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


def test_a_greeting_is_not_paired_with_the_introduction_under_it() -> None:
    doc = import_real("14_ppfocus_news_vocabulary.txt").document
    hi = next(seg for seg in doc.segments if seg.source.text == "Hi!")
    assert hi.target is None
    intro = next(seg for seg in doc.segments if seg.source.text.startswith("新的一周"))
    assert intro.target is None and intro.lang == "zh"


def test_a_translation_cut_short_still_makes_the_file_bilingual() -> None:
    doc = import_real("15_feisuxs_interpreting.txt").document
    assert (doc.source_lang, doc.target_lang) == ("en", "zh")
    (paired,) = [seg for seg in doc.segments if seg.target is not None]
    assert paired.source.text.startswith("2.It is always a pleasure")
    assert paired.target is not None and paired.target.text.startswith("在学术气氛中")
    first = next(seg for seg in doc.segments if seg.source.text.startswith("1. Australia"))
    assert first.target is None  # the paragraph above it has no translation


def test_notes_written_as_one_paragraph_under_a_garbled_heading() -> None:
    result = import_real("17_lasazixun_spaceless.txt")
    entries = {e.term: e for e in result.entries}
    assert entries["address"].glosses == ("演讲",)
    assert entries["congress"].glosses[0].startswith("国会")
    heading = next(seg for seg in result.document.segments if seg.source.text == "表白积攒")
    assert heading.kind == "note"


def test_a_poems_title_and_author_line_are_title_and_byline() -> None:
    doc = import_real("19_wuyicheng_poem_notes.txt").document
    assert doc.title == "赠刘景文" and doc.byline == "[宋]苏轼"
    kinds = {seg.source.text: seg.kind for seg in doc.segments}
    assert kinds["赠刘景文"] == "title" and kinds["[宋]苏轼"] == "byline"


def test_a_question_above_the_passage_is_not_part_of_the_pair() -> None:
    doc = import_real("21_wddqw_nce_lesson.txt").document
    question = next(seg for seg in doc.segments if seg.source.text == "How did the dream end?")
    assert question.target is None


def test_a_translation_block_repeating_the_heading_pairs_the_dialogue_line_by_line() -> None:
    doc = import_real("26_kanyiyi_nce_dialogue.txt").document
    pairs = [(s.source.text, s.target.text) for s in doc.segments if s.target is not None]
    assert ("Excuse me!", "对不起") in pairs and ("Pardon?", "对不起,请再说一遍。") in pairs
    repeated = [s.source.text for s in doc.segments if s.kind == "note"]
    assert repeated[-3:] == ["Lesson 1 Excuse me!", "对不起!", "Whose handbag is it?"]
