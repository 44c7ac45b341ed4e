"""No blank cards: the three ways a card loses what its front needs, checked in Anki.

Anki never deletes a card on import. Each template is guarded by the field its card needs,
so a card whose field an export emptied renders nothing and is what Anki's Tools → Empty
Cards finds; the export summary names each such card with that one step. After the step,
Anki holds exactly the cards the summary counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    empty_cards,
    import_package,
    library_fixture,  # noqa: F401  (the `library` fixture)
    note_by_term,
    remove_empty_cards,
)

from reader.export import export_deck


def glossary(library: Path) -> Path:
    return library / "glossaries/op-ed.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def recipe(tmp_path: Path, cards: str) -> Path:
    path = tmp_path / "decks" / "r.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"library: ../library\ncards: {cards}\noutput: r.apkg\n", encoding="utf-8")
    return path


def check_in_anki(col: Any, summary: Any) -> None:
    """Anki's own report lists exactly the cards the summary named, and after the learner's
    one step Anki holds exactly the cards the summary counts, none of them empty."""
    named = len(summary.empty_cards)
    assert len(empty_cards(col)) == named
    assert remove_empty_cards(col) == named
    assert not empty_cards(col)
    assert col.card_count() == summary.cards
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        assert card.question().split("</style>")[-1].strip()  # nothing blank left to review


def test_production_switched_off_on_an_entry(library: Path, tmp_path: Path, anki: Any) -> None:
    out = tmp_path / "d.apkg"
    first = export_deck(library, output=out)
    import_package(anki, out)
    assert anki.card_count() == first.cards == 16
    edit(glossary(library), "    production: true\n", "")
    summary = export_deck(library, output=out)
    assert summary.empty_cards == (("Production", "nascent"),)
    text = "\n".join(summary.format_lines())
    assert "1 cards now empty in Anki: Production of nascent" in text
    assert "Tools → Empty Cards…, then Delete" in text
    import_package(anki, out)
    (cid,) = empty_cards(anki)
    assert anki.get_card(cid).template()["name"] == "Production"
    assert anki.get_card(cid).nid == note_by_term(anki, "nascent").id
    check_in_anki(anki, summary)
    # Reported once: the next export has nothing new to say about it.
    assert not export_deck(library, output=out).empty_cards


def test_recipe_reduced_to_recognition(library: Path, tmp_path: Path, anki: Any) -> None:
    path = recipe(tmp_path, "[recognition, production, context]")
    first = export_deck(None, path)
    import_package(anki, first.output)
    assert anki.card_count() == 16
    path.write_text(path.read_text().replace("[recognition, production, context]", "[recognition]"))
    summary = export_deck(None, path)
    assert summary.cards == 8
    kinds = sorted({kind for kind, _ in summary.empty_cards})
    assert kinds == ["Context", "Production"] and len(summary.empty_cards) == 8
    import_package(anki, summary.output)
    assert anki.card_count() == 16  # what the issue saw: 8 in the summary, 16 in Anki
    check_in_anki(anki, summary)


@pytest.mark.parametrize(("old", "new"), [("nascent:", "nascant:"), ("risk-averse:", "risky:")])
def test_term_respelt_so_it_no_longer_occurs(
    library: Path, tmp_path: Path, anki: Any, old: str, new: str
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    edit(glossary(library), old, new)
    summary = export_deck(library, output=out)
    term = new.rstrip(":")
    assert summary.empty_cards == (("Context", term),)
    assert term in summary.no_context
    import_package(anki, out)
    check_in_anki(anki, summary)


def test_a_respelt_term_found_elsewhere_keeps_its_context_card(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    # `stifle innovation` is recorded in its sentence; `innovation` alone occurs there too.
    edit(glossary(library), "stifle innovation:", "innovation:")
    summary = export_deck(library, output=out)
    assert not summary.empty_cards
    import_package(anki, out)
    assert not empty_cards(anki)
    assert "<b>innovation</b>" in note_by_term(anki, "innovation")["Sentence"]
