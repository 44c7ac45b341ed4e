"""The bundled real texts (seeds/): a Dutch article with no translation and an Arabic one whose
sentences start with Latin words, exported and imported into Anki."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    fields_of,
    import_package,
    note_by_term,
)
from seedfiles import seed_path

from reader.export import export_deck
from reader.importers.store import import_into
from reader.library import Library

DUTCH = "004_99e205c581103d4e"
ARABIC = "001_7e02fc1b6ba74510"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "seeds"
    for name in (DUTCH, ARABIC):
        source = tmp_path / f"{name}.txt"
        shutil.copyfile(seed_path(f"{name}.txt"), source)
        import_into(Library(root), source)
    (root / "glossaries").mkdir(exist_ok=True)
    (root / "glossaries" / "nl.yaml").write_text(
        "language: nl\nentries:\n  fors: [heavily, considerably; vigorously]\n", encoding="utf-8"
    )
    (root / "glossaries" / "ar.yaml").write_text(
        "language: ar\nentries:\n  قادرة: [able, capable]\n", encoding="utf-8"
    )
    return root


def context_card(col: Any, term: str) -> Any:
    (cid,) = col.find_cards(f'"Term:{term}" card:Context')
    return col.get_card(cid)


def test_untranslated_dutch_sentence_has_the_gloss_as_its_cue(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out, documents=[DUTCH])
    import_package(anki, out)
    front = context_card(anki, "fors").question().split("</style>")[-1]
    assert "Meta is " in front and " aan het investeren in AI." in front
    assert '[<span class="cue">heavily</span>]' in front
    assert "fors" not in front  # the answer is not on the front
    assert fields_of(anki, note_by_term(anki, "fors").id)["SentenceTranslation"] == ""


def test_arabic_sentence_starting_with_a_latin_word_is_right_to_left(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out, documents=[ARABIC])
    import_package(anki, out)
    note = note_by_term(anki, "قادرة")
    sentence = fields_of(anki, note.id)["Sentence"]
    assert sentence.startswith("Notes Meta، لن تكون <b>قادرة</b>")
    card = anki.get_card(anki.find_cards(f"nid:{note.id} card:Recognition")[0])
    html = card.question()
    # `dir="auto"` alone would take the paragraph's direction from "Notes": the stylesheet
    # sets Arabic right to left from its lang attribute, which the sentence block carries.
    assert '<div class="sentence" lang="ar" dir="auto">Notes Meta' in html
    css = html.split("</style>")[0]
    assert '[lang|="ar"]' in css and "direction: rtl" in css
    # Sizes: set once on the element with the lang attribute, not again on the bold words
    # inside it; an Arabic term is larger than the sentence, as every term is.
    assert '.term[lang|="ar"]' in css and '[lang|="ar"] [lang|="ar"]' in css
    assert ":lang(ar)" not in css
