"""`export_deck` end to end on a small library built from the op-ed seed.

The deck is checked as Anki sees it (Anki's own importer in a temporary collection), the
glossary files are checked byte by byte, and the summary is checked against what changed.
"""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from ankitools import (
    TITLE,
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    import_package,
    import_tsv,
    library_fixture,  # noqa: F401  (the `library` fixture)
    note_by_term,
    open_collection,
    scheduling,
    study,
)

from reader.errors import ReaderError
from reader.export import deck, export_deck, load_recipe, state
from reader.export.notetype import FIELD_NAMES
from reader.glossary import load_glossary


def fields_of(col: Any, term: str) -> dict[str, str]:
    return dict(zip(FIELD_NAMES, note_by_term(col, term).fields, strict=True))


def ids_by_term(root: Path) -> dict[str, str | None]:
    return {e.term: e.id for e in load_glossary(root / "glossaries/op-ed.yaml").entries}


def test_first_export_and_anki_import(library: Path, tmp_path: Path, anki: Any) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "out" / "op-ed.apkg"
    summary = export_deck(library, output=out, progress=lambda d, t: seen.append((d, t)))
    assert summary.notes == 8  # nine entries, `stark` is ignored
    assert (summary.new, summary.changed, summary.unchanged, summary.previous) == (8, 0, 0, False)
    assert summary.ids_written == 8
    assert summary.no_context == ("best shot",)
    assert summary.deck == "Op-ed library"
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)

    log = import_package(anki, out)
    assert len(log.new) == 8 and anki.note_count() == 8
    # 8 recognition + 7 context (all but best shot) + 1 production (nascent)
    assert anki.card_count() == summary.cards == 16
    assert not anki.get_empty_cards().notes

    field = fields_of(anki, "a level playing field")
    assert field["Sentence"] == (
        "This ensures power isn’t concentrated among a few large players and, as with the "
        "internet before it, creates <b>a level playing field</b>."
    )
    assert field["SentenceTranslation"] == (
        '<span lang="zh">这确保了权力不会集中在少数几个大玩家手中，就像之前的互联网一样，'
        "创造了一个<b>公平的竞争环境</b>。</span>"
    )
    assert field["Source"] == f"<bdi>{TITLE}</bdi> · ¶1, sentence 4"
    stifle = fields_of(anki, "stifle innovation")
    assert stifle["Sentence"].endswith("will <b>stifle innovation</b>.")
    assert "<b>扼杀创新</b>" in stifle["SentenceTranslation"]
    assert fields_of(anki, "nascent")["MakeProduction"] == "y"
    for cid in anki.find_cards(""):
        card = anki.get_card(cid)
        assert "has a problem" not in card.question() + card.answer()


@pytest.mark.parametrize("number_like", [False, True])
def test_ids_are_written_and_nothing_else_changes(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number_like: bool
) -> None:
    if number_like:
        # Ids are random: now and then one reads as a number (22e6097745877549 is a float
        # in YAML 1.2). Every id here is such a one, and each must be kept as the text it is.
        made = iter(range(100))
        monkeypatch.setattr(deck, "new_entry_id", lambda: f"{next(made) + 10}e6097745877549")
    path = library / "glossaries/op-ed.yaml"
    before = path.read_text(encoding="utf-8")
    export_deck(library, output=tmp_path / "d.apkg")
    after = path.read_text(encoding="utf-8")
    ids = ids_by_term(library)
    assert all(ids[t] for t in ids if t != "stark") and ids["stark"] is None
    assert len(set(ids.values()) - {None}) == 8
    changed = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("- ", "+ "))
    ]
    removed = [line[2:] for line in changed if line.startswith("- ")]
    # Short entries became long ones to hold their id; no comment or other line was lost.
    assert "# Notes from the op-ed (学習)" not in removed
    assert all(not r.lstrip().startswith("#") for r in removed)
    for term in ("nascent", "stifle innovation"):
        # An id such as 22e6097745877549 reads as a number in YAML 1.2: it is quoted.
        assert re.search(rf"^    id: (['\"]?){ids[term]}\1$", after, re.MULTILINE), term
    assert after.count("id: ") == 8
    # A second export keeps every id.
    export_deck(library, output=tmp_path / "d.apkg")
    assert ids_by_term(library) == ids


def test_reexport_after_edits_updates_notes(
    library: Path, tmp_path: Path, anki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every export of this test happens "in the same second".
    monkeypatch.setattr(state, "time", SimpleNamespace(time=lambda: 1_750_000_000.25))
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    ids = ids_by_term(library)

    same = export_deck(library, output=out)
    assert (same.new, same.changed, same.unchanged, same.ids_written) == (0, 0, 8, 0)

    path = library / "glossaries/op-ed.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("nascent:", "nascant:", 1)  # a typo in the term
    assert "glosses: [厌恶风险]" in text  # the short form became long to hold the id
    text = text.replace("glosses: [厌恶风险]", "glosses: 厌恶风险的；规避风险")
    path.write_text(text, encoding="utf-8")
    assert ids_by_term(library)["nascant"] == ids["nascent"]

    edited = export_deck(library, output=out)
    assert (edited.new, edited.changed, edited.unchanged) == (0, 2, 6)
    log = import_package(anki, out)
    # Only the two changed notes are newer than Anki's copies; the six others are left alone.
    assert not log.new and len(log.updated) == 2 and len(log.duplicate) == 6
    assert anki.note_count() == 8
    assert (
        fields_of(anki, "risk-averse")["Meaning"] == '<span lang="zh">厌恶风险的; 规避风险</span>'
    )
    assert "欧洲<b>规避风险的</b>复杂" in fields_of(anki, "risk-averse")["SentenceTranslation"]
    nascant = fields_of(anki, "nascant")
    assert nascant["EntryId"] == ids["nascent"]
    assert nascant["Sentence"] == ""  # the misspelt term occurs nowhere
    assert "nascant" in edited.no_context
    assert not anki.find_notes('"Term:nascent"')

    # Two more exports in that same second: the second still updates.
    path.write_text(text.replace("nascant:", "nascent:", 1), encoding="utf-8")
    export_deck(library, output=out)
    import_package(anki, out)
    path.write_text(text.replace("nascant:", "nascent:", 1).replace("最佳机会", "最好的机会"))
    export_deck(library, output=out)
    log = import_package(anki, out)
    assert [n.fields[0] for n in log.updated] == ["best shot"]
    assert fields_of(anki, "best shot")["Meaning"] == '<span lang="zh">最好的机会</span>'
    assert anki.note_count() == 8


def test_dry_run_writes_nothing(library: Path, tmp_path: Path) -> None:
    path = library / "glossaries/op-ed.yaml"
    before = path.read_bytes()
    out = tmp_path / "d.apkg"
    summary = export_deck(library, output=out, dry_run=True)
    assert summary.dry_run and summary.notes == 8 and summary.ids_written == 8
    assert not out.exists() and path.read_bytes() == before
    assert (
        summary.samples[0]
        == "[Recognition] power is concentrated | This ensures *power isn’t concentrated* among a few large players and, as with the internet before it, creates a level playing field."
    )
    lines = summary.format_lines()
    assert lines[0].startswith("Would write 8 notes (16 cards)")
    assert lines[-1] == "Dry run: nothing was written."
    # No export state either: the real export after it is still the first one.
    assert not export_deck(library, output=out).previous


def test_documents_statuses_tags_and_languages(library: Path, tmp_path: Path) -> None:
    recipe = tmp_path / "decks" / "r.yaml"
    recipe.parent.mkdir()
    recipe.write_text(
        "deck: Op-ed::Economist\nlibrary: ../library\ntags: [economist]\n"
        "statuses: [new, ignored]\ncards: [recognition]\n",
        encoding="utf-8",
    )
    summary = export_deck(None, recipe)
    assert summary.notes == 1 and summary.cards == 1  # nascent, production turned off
    assert summary.output == recipe.with_name("r.apkg") and summary.output.exists()
    assert summary.deck == "Op-ed::Economist"

    doc_only = export_deck(library, documents=["op-ed"], output=tmp_path / "x.apkg")
    assert doc_only.notes == 7  # best shot occurs nowhere in the document
    assert doc_only.deck == f"Op-ed library::{TITLE}"
    recipe.write_text("library: ../library\nlanguages: [nl]\n", encoding="utf-8")
    assert export_deck(None, load_recipe(recipe)).notes == 0


def test_duplicate_terms_and_ids_are_reported(library: Path, tmp_path: Path) -> None:
    export_deck(library, output=tmp_path / "d.apkg")
    ids = ids_by_term(library)
    (library / "glossaries/more.yaml").write_text(
        "language: en\nentries:\n"
        "  Level: 水平\n"
        f"  copied:\n    glosses: [x]\n    id: {ids['nascent']}\n",
        encoding="utf-8",
    )
    summary = export_deck(library, output=tmp_path / "d.apkg")
    assert ("Level", "level") in summary.duplicate_terms or (
        "level",
        "Level",
    ) in summary.duplicate_terms
    assert summary.duplicate_ids == ("nascent",) or summary.duplicate_ids == ("copied",)
    assert summary.notes == 9
    text = "\n".join(summary.format_lines())
    assert "kept as numbered senses: " in text and "id already used" in text


def test_tsv_imports_into_anki_as_is_and_updates_the_same_notes(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "cards.tsv"
    summary = export_deck(library, output=out, fmt="tsv")
    lines = out.read_text(encoding="utf-8").splitlines()
    headers = [line for line in lines if line.startswith("#")]
    assert headers[:2] == ["#separator:tab", "#html:true"]
    assert len(lines) == len(headers) + summary.notes
    # Anki's own text importer: no header row becomes a note, and every row is one note.
    log = import_tsv(anki, out)
    assert len(log.new) == summary.notes == anki.note_count()
    assert not anki.find_notes('"Term:Term"') and not anki.find_notes("Term")
    # Imported into a collection that already has our note type (from a deck), the rows
    # update the notes with the same GUID and map every column to its field.
    deck = tmp_path / "d.apkg"
    export_deck(library, output=deck)
    other = open_collection(tmp_path / "other")
    try:
        import_package(other, deck)
        log = import_tsv(other, out)
        assert not log.new and other.note_count() == summary.notes
        assert fields_of(other, "nascent")["Reading"] == "/ˈnæsənt/"
        assert fields_of(other, "nascent")["EntryId"] == ids_by_term(library)["nascent"]
    finally:
        other.close()


@pytest.mark.parametrize(
    ("broken", "line"),
    [
        ("language: en\nentries:\n  a: b\n  a: c\n", 4),
        ("language: en\nentries:\n  a: [b\n", None),
    ],
)
def test_broken_glossary_stops_the_export(
    library: Path, tmp_path: Path, broken: str, line: int | None
) -> None:
    bad = library / "glossaries/bad.yaml"
    bad.write_text(broken, encoding="utf-8")
    out = tmp_path / "d.apkg"
    with pytest.raises(ReaderError) as err:
        export_deck(library, output=out)
    assert err.value.location.path == str(bad)
    if line is not None:
        assert err.value.location.line == line
    assert not out.exists()
    assert "id:" not in (library / "glossaries/op-ed.yaml").read_text(encoding="utf-8")


def test_unknown_document_and_missing_library(library: Path, tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no document 'nope'"):
        export_deck(library, documents=["nope"], output=tmp_path / "d.apkg")
    with pytest.raises(ReaderError, match="no such library folder"):
        export_deck(tmp_path / "missing", output=tmp_path / "d.apkg")


def test_what_the_learner_did_in_anki_survives_three_exports_of_unchanged_entries(
    library: Path, tmp_path: Path, anki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The deck was exported an hour ago; the learner studies and edits in Anki now.
    clock = {"now": time.time() - 3600}
    monkeypatch.setattr(state, "time", SimpleNamespace(time=lambda: clock["now"]))
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    answered = study(anki, "Op-ed library", 5)
    assert len(answered) == 5
    before = scheduling(anki)
    note = note_by_term(anki, "nascent")
    note["Notes"] = "my own mnemonic: nascent ~ natal"
    note.add_tag("marked")
    note.add_tag("my::tag")
    anki.update_note(note)
    for _ in range(3):
        summary = export_deck(library, output=out)
        assert (summary.changed, summary.unchanged) == (0, 8)
        log = import_package(anki, out)
        assert not log.updated and not log.new
        kept = note_by_term(anki, "nascent")
        assert kept["Notes"] == "my own mnemonic: nascent ~ natal"
        assert {"marked", "my::tag", "economist"} <= set(kept.tags)
        assert scheduling(anki) == before

    # A change in the glossary, made after the edit in Anki, is the source of truth for that
    # note's fields; its answered cards keep their scheduling.
    clock["now"] = time.time()
    path = library / "glossaries/op-ed.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[新生的, 初生的]", "[新兴的]"))
    summary = export_deck(library, output=out)
    assert (summary.changed, summary.unchanged) == (1, 7)
    log = import_package(anki, out)
    assert [n.fields[0] for n in log.updated] == ["nascent"]
    assert fields_of(anki, "nascent")["Meaning"] == '<span lang="zh">新兴的</span>'
    assert scheduling(anki) == before


def test_output_that_cannot_be_written_is_a_one_line_error(library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.apkg"
    folder.mkdir()
    with pytest.raises(ReaderError, match="is a folder") as err:
        export_deck(library, output=folder)
    assert err.value.location.path == str(folder)


@pytest.mark.parametrize("fmt", ["apkg", "tsv"])
def test_an_existing_file_that_is_not_an_export_is_never_overwritten(
    library: Path, fmt: str
) -> None:
    glossary = library / "glossaries/op-ed.yaml"
    before = glossary.read_bytes()
    with pytest.raises(ReaderError, match="not an earlier .* export; not overwritten"):
        export_deck(library, output=glossary, fmt=fmt)
    assert glossary.read_bytes() == before  # not even an id was written


def test_explicit_output_name_is_kept(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.txt"
    assert export_deck(library, output=out, fmt="tsv").output == out
    assert out.read_text(encoding="utf-8").startswith("#separator:tab\n")


def test_summary_names_deleted_entries_and_entries_without_meaning(
    library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    path = library / "glossaries/op-ed.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  best shot:")
    end = text.index("  stark:")
    text = text[:start] + text[end:]  # the learner deletes `best shot`
    path.write_text(text.replace("[厌恶风险]", "[]"), encoding="utf-8")
    summary = export_deck(library, output=out)
    assert summary.gone_names == ("best shot",)
    assert summary.no_meaning == ("risk-averse",)
    lines = "\n".join(summary.format_lines())
    assert "1 no longer exported (still in Anki if imported): best shot" in lines
    assert "1 without a meaning (the card's answer is only its sentence): risk-averse" in lines
