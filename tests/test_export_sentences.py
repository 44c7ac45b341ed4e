"""Sentence cards: the whole aligned pair, sentence → translation and back, checked in Anki."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    empty_cards,
    import_package,
    library_fixture,  # noqa: F401  (the `library` fixture)
)

from reader.export import export_deck
from reader.export.notetype import SENTENCE_FIELD_NAMES, SENTENCE_MODEL_ID


def recipe(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "decks" / "s.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("deck: Op-ed\nlibrary: ../library\noutput: s.apkg\n" + body, encoding="utf-8")
    return path


def sentence_notes(col: Any) -> list[dict[str, str]]:
    nids = col.find_notes(f"mid:{SENTENCE_MODEL_ID}")
    return [dict(zip(SENTENCE_FIELD_NAMES, col.get_note(n).fields, strict=True)) for n in nids]


def test_one_note_per_translated_sentence_with_terms_both_ways(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    path = recipe(tmp_path, "cards: [recognition, sentence, sentence-reverse]\n")
    summary = export_deck(None, path)
    # three sentences hold terms: ¶1 s4 (three terms), ¶2 s1 (three), ¶2 s2 (risk-averse)
    assert summary.sentences == 3 and summary.notes == 8 + 3
    assert summary.cards == 8 + 3 * 2
    log = import_package(anki, summary.output)
    assert len(log.new) == 11 and not empty_cards(anki)
    notes = {n["Sentence"][:30]: n for n in sentence_notes(anki)}
    regulation = notes["Regulating against known harms"]
    assert "<b>pre-emptive</b>" in regulation["Sentence"]
    assert "<b>nascent</b>" in regulation["Sentence"]
    assert "<b>stifle innovation</b>" in regulation["Sentence"]
    assert "<b>扼杀创新</b>" in regulation["Translation"]
    assert (
        '<li><b lang="en">nascent</b> — <span lang="zh">新生的; 初生的</span></li>'
        in regulation["Terms"]
    )
    assert regulation["Audio"].startswith("[anki:tts lang=en_US]Regulating against")
    for cid in anki.find_cards(f"mid:{SENTENCE_MODEL_ID}"):
        card = anki.get_card(cid)
        front = card.question().split("</style>")[-1]
        back = card.answer().split("</style>")[-1]
        if card.template()["name"] == "Sentence → translation":
            assert 'class="sentence"' in front and 'class="translation"' not in front
            assert 'class="translation" lang="zh"' in back and 'class="terms"' in back
        else:
            assert 'class="translation"' in front and 'class="sentence"' not in front
            assert 'class="sentence" lang="en"' in back


def test_sentence_notes_update_in_place(library: Path, tmp_path: Path, anki: Any) -> None:
    path = recipe(tmp_path, "cards: [recognition, sentence]\n")
    first = export_deck(None, path)
    assert first.cards == 8 + 3
    import_package(anki, first.output)
    glossary = library / "glossaries/op-ed.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("[厌恶风险]", "[规避风险]"))
    again = export_deck(None, path)
    assert (again.new, again.changed) == (0, 2)  # the entry's note and its sentence's note
    log = import_package(anki, again.output)
    assert len(log.updated) == 2 and not log.new
    (risk,) = [n for n in sentence_notes(anki) if "risk-averse" in n["Sentence"]]
    assert "<b>规避风险</b>" in risk["Translation"]


def test_sub_decks_per_document(library: Path, tmp_path: Path, anki: Any) -> None:
    path = recipe(tmp_path, "cards: [recognition, sentence]\nsubdecks: true\n")
    summary = export_deck(None, path)
    import_package(anki, summary.output)
    decks = {anki.decks.name(anki.get_card(c).did) for c in anki.find_cards("")}
    sub = "Op-ed::Mark Zuckerberg and Daniel Ek on why Europe should embrace open-source AI"
    # `best shot` has no sentence, so no document: it stays in the parent deck
    assert decks == {sub, "Op-ed"}
    (best,) = anki.find_cards('"Term:best shot"')
    assert anki.decks.name(anki.get_card(best).did) == "Op-ed"
    tags = set(anki.get_note(anki.find_notes('"Term:nascent"')[0]).tags)
    assert {"reader::lang::en", "reader::status::new", "economist"} <= tags
    assert any(t.startswith("reader::doc::Mark_Zuckerberg") for t in tags)
