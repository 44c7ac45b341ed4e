"""Readings: pinyin with tone marks and tone classes from CC-CEDICT (the dictionary layer's
readings), through a hook.

Also the entries of a glossary in the translation's language (a Chinese glossary on the
English op-ed translated into Chinese): their sentence is the Chinese one, their translation
the English sentence it translates, and they are exported with `--document` too.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from typing import Any

import pytest
from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    fields_of,
    import_package,
    note_by_term,
    oped_library,
)

from reader.dictionary.pinyin import Syllable, Word, mark, readings
from reader.export import export_deck
from reader.export.readings import Readings, pinyin_html


def plain(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment)


@pytest.mark.parametrize(
    ("syllable", "tone", "marked"),
    [
        ("hao", 3, "hǎo"),
        ("xue", 2, "xué"),  # e before u
        ("gou", 4, "gòu"),  # o of ou
        ("gui", 4, "guì"),  # the last vowel
        ("liu", 2, "liú"),
        ("lü", 4, "lǜ"),
        ("Bei", 3, "Běi"),  # capital kept
        ("de", 5, "de"),  # neutral tone: no mark
        ("r", 5, "r"),
    ],
)
def test_tone_marks(syllable: str, tone: int, marked: str) -> None:
    assert mark(f"{syllable}{tone}") == marked


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # sentences of the op-ed's Chinese translation (seeds/originals/002)
        (
            "但对开源人工智能等新生技术的理论危害进行先发制人的监管将扼杀创新。",
            (
                "dàn duì kāiyuán réngōngzhìnéng děng xīnshēng jìshù de lǐlùn wēihài jìnxíng "
                "xiānfāzhìrén de jiānguǎn jiāng èshā chuàngxīn."
            ),
        ),
        ("创造了一个公平的竞争环境。", "chuàngzào le yī gè gōngpíng de jìngzhēng huánjìng."),
        # particles standing alone, apostrophes, punctuation, Latin and digits kept
        ("我还没有吃饭呢！", "wǒ hái méiyǒu chīfàn ne!"),
        ("女儿在西安", "nǚ'ér zài Xī'ān"),
        ("他说：“你好。”（真的）", "tā shuō: “nǐhǎo.” (zhēnde)"),
        ("AI技术在2024年", "AI jìshù zài 2024 nián"),
        ("綠色的銀行", "lǜsè de yínháng"),  # traditional characters
    ],
)
def test_pinyin_of_real_sentences(text: str, reading: str) -> None:
    assert plain(pinyin_html(readings(text))) == reading


def test_pieces_cover_the_text_and_tones_become_classes() -> None:
    words = readings("扼杀创新。")
    assert "".join(word.text for word in words) == "扼杀创新。"
    html = Readings().term("扼杀创新", "zh")
    assert html == (
        '<span class="tone4">è</span><span class="tone1">shā</span> '
        '<span class="tone4">chuàng</span><span class="tone1">xīn</span>'
    )
    bold = Readings().sentence("将扼杀创新。", "zh", [(1, 3)])
    assert "<b>" + html.split(" ")[0] in bold and "chuàng" not in bold.split("</b>")[0]


def test_no_reading_for_other_languages_without_a_phonetic_hook() -> None:
    without = Readings(phonetic=None)
    assert without.term("nascent", "en") == "" and without.sentence("Hi.", "en") == ""


@pytest.fixture
def zh_library(tmp_path: Path) -> Path:
    """The op-ed's two paragraphs with a Chinese glossary (terms of its translation)."""

    def chinese(p2: str, _p6: str) -> str:
        return (
            "language: zh\nentries:\n"
            "  扼杀创新: stifle innovation\n"
            "  公平的竞争环境:\n"
            "    glosses: [level playing field]\n"
            f"    context: {{document: op-ed, segment: {p2}, sentence: 3}}\n"
            "  风险: [risk]\n"
        )

    return oped_library(tmp_path, chinese)


def test_terms_of_the_translation_get_their_sentence_reading_and_counterpart(
    zh_library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "zh.apkg"
    summary = export_deck(zh_library, output=out)
    assert summary.notes == 3 and not summary.no_context
    import_package(anki, out)
    stifle = fields_of(anki, note_by_term(anki, "扼杀创新").id)
    assert stifle["Sentence"].endswith("将<b>扼杀创新</b>。")
    assert stifle["SentenceTranslation"].startswith(
        '<span lang="en">Regulating against known harms is necessary, but pre-emptive'
    )
    assert "<b>stifle innovation</b>" in stifle["SentenceTranslation"]
    assert plain(stifle["Reading"]) == "èshā chuàngxīn"
    assert "<b>" in stifle["SentenceReading"]
    assert "xiānfāzhìrén" in plain(stifle["SentenceReading"])
    assert stifle["Source"].endswith("sentence 1 of the translation")
    # The context recorded on the source sentence: its counterpart holds the term.
    field = fields_of(anki, note_by_term(anki, "公平的竞争环境").id)
    assert field["Sentence"].endswith("创造了一个<b>公平的竞争环境</b>。")
    assert "creates a <b>level playing field</b>." in field["SentenceTranslation"]
    for cid in anki.find_cards(""):
        card = anki.get_card(cid)
        if card.template()["name"] == "Recognition":
            assert '<div class="reading">' not in card.question()  # readings are answers
            assert '<div class="reading"><span class="tone' in card.answer()
    # `--document` keeps them: they occur in the document, on its translation side.
    assert export_deck(zh_library, documents=["op-ed"], output=tmp_path / "d.apkg").notes == 3


def test_the_readings_hook_replaces_the_built_in_source(zh_library: Path, tmp_path: Path) -> None:
    calls: list[str] = []

    def pinyin(text: str) -> list[Word]:
        calls.append(text)
        return [Word(text, tuple(Syllable(ch, "nǐ", "ni3", 3) for ch in text))]

    def phonetic(term: str, lang: str) -> str | None:
        return f"/{term}/" if lang == "en" else None

    hooked = Readings(pinyin=pinyin, phonetic=phonetic)
    export_deck(zh_library, output=tmp_path / "h.apkg", readings=hooked, fmt="tsv")
    assert "扼杀创新" in calls
    lines = (tmp_path / "h.apkg").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader((r for r in lines if not r.startswith("#")), delimiter="\t"))
    readings_column = {row[0]: row[1] for row in rows}
    assert readings_column["扼杀创新"] == '<span class="tone3">nǐ</span>' * 4
    assert hooked.term("nascent", "en") == "/nascent/"


REAL_DICTIONARIES = Path(__file__).parent / "data" / "real" / "dictionaries"


def test_english_and_dutch_readings_come_from_the_installed_dictionaries(
    tmp_path: Path, anki: Any
) -> None:
    """ECDICT's phonetic column and FreeDict's `/…/` line, installed in the test's own
    registry (READER_DICTIONARIES), fill the Reading field; a reading written in the
    glossary wins, and a term no dictionary reads gets none (not its lemma's)."""
    from reader.dictionary.registry import Registry

    registry = Registry()
    registry.add(REAL_DICTIONARIES / "ecdict.mini.csv")
    registry.add(REAL_DICTIONARIES / "freedict-nld-eng.index")

    def glossaries(_p2: str, _p6: str) -> str:
        return (
            "language: en\nentries:\n"
            "  Community Service: 社区服务\n"
            "  inconsequence: 不合逻辑\n"
            "  why ever: 究竟为什么\n"
            "  unships: 卸下\n"  # in ECDICT, without a phonetic
            "  nascent: 新生的\n"  # in no dictionary
            "  stag party:\n"
            "    glosses: [单身汉聚会]\n"
            "    reading: /my own/\n"
        )

    library = oped_library(tmp_path, glossaries)
    (library / "glossaries/nl.yaml").write_text(
        "language: nl\nentries:\n  overnemen: take over\n", encoding="utf-8"
    )
    out = tmp_path / "readings.apkg"
    export_deck(library, output=out)
    import_package(anki, out)

    def reading(term: str) -> str:
        return html.unescape(fields_of(anki, note_by_term(anki, term).id)["Reading"])

    assert reading("Community Service") == "/kəˈmju:niti ˈsɜːvɪs/"
    assert reading("inconsequence") == "/in'kɒnsikwәns/"
    assert reading("why ever") == "/hwai ˈevə/"
    assert reading("overnemen") == "/ovərnemən/"
    assert reading("stag party") == "/my own/"
    assert reading("unships") == reading("nascent") == ""
