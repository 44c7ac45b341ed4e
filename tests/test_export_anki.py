"""The written packages as Anki itself sees them: imported with Anki's own importer.

The `anki` package (AGPL, test-only) opens a collection in a temporary folder and imports
each .apkg with the options a new Anki profile uses. No real profile is ever touched: HOME
points into the test's temporary folder.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from ankitools import import_package, notetype, open_collection

from reader.export import state
from reader.export.anki import write_apkg
from reader.export.notes import ExportNote, Occurrence, build_note
from reader.export.notetype import FIELD_NAMES, FIELDS, MODEL_ID, TEMPLATES
from reader.model import Document, Entry, Link, Segment, Text

DECK_ID = 1_234_567_890


class Anki:
    """A throwaway Anki collection with an `import_` that returns the import log."""

    def __init__(self, folder: Path) -> None:
        self.col = open_collection(folder)

    def import_(self, package: Path) -> Any:
        return import_package(self.col, package)

    def note_by_entry(self, entry_id: str) -> Any:
        (nid,) = self.col.find_notes(f"EntryId:{entry_id}")
        return self.col.get_note(nid)

    def cards(self) -> list[Any]:
        return [self.col.get_card(cid) for cid in self.col.find_cards("")]

    def close(self) -> None:
        self.col.close()


@pytest.fixture
def anki(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    col = Anki(tmp_path)
    yield col
    col.close()


SEG = Segment(
    "s1",
    "paragraph",
    Text.of(
        [
            "This ensures power isn’t concentrated among a few players.",
            "It creates a level playing field.",
        ],
        "en",
    ),
    Text.of(["这确保了权力不会集中在少数几个大玩家手中，", "创造了一个公平的竞争环境。"], "zh"),
    (Link((0,), (0,)), Link((1,), (1,))),
)
DOC = Document("op-ed", "Open-source AI", "en", (SEG,), "zh")
ENTRIES = (
    Entry("a level playing field", "en", ("公平竞争的环境",), id="id-field", production=True),
    Entry("power is concentrated", "en", ("权力集中",), note="a < b <script>", id="id-power"),
    Entry("nascent", "en", ("新生的", "初生的"), reading="/ˈnæsənt/", id="id-nascent"),
)
OCCURRENCES = {
    "id-field": Occurrence(DOC, 0, 1, (10, 32)),
    "id-power": Occurrence(DOC, 0, 0, (13, 37)),
}


def notes_for(entries: tuple[Entry, ...]) -> list[ExportNote]:
    return [
        build_note(
            e,
            OCCURRENCES.get(e.id or ""),
            production=True,
            context_card=True,
            meaning_lang="zh",
        )
        for e in entries
    ]


def export(tmp_path: Path, entries: tuple[Entry, ...], stamp: int, name: str = "d.apkg") -> Path:
    out = tmp_path / name
    write_apkg(notes_for(entries), out, deck_name="Test deck", deck_id=DECK_ID, timestamp=stamp)
    return out


def test_import_counts_fields_and_rendering(tmp_path: Path, anki: Anki) -> None:
    log = anki.import_(export(tmp_path, ENTRIES, 1_700_000_000))
    assert len(log.new) == 3 and not log.updated and not log.duplicate
    assert anki.col.note_count() == 3
    # field: recognition + production + context; power: recognition + context; nascent: 1
    assert anki.col.card_count() == 6
    assert not anki.col.get_empty_cards().notes

    nt = anki.col.models.get(MODEL_ID)
    assert [(f["name"], f["id"]) for f in nt["flds"]] == list(FIELDS)
    assert [(t["name"], t["id"]) for t in nt["tmpls"]] == [(t.name, t.id) for t in TEMPLATES]
    assert nt["sortf"] == 0

    note = anki.note_by_entry("id-power")
    fields = dict(zip(FIELD_NAMES, note.fields))
    assert fields["Term"] == "power is concentrated"
    assert fields["Meaning"] == '<span lang="zh">权力集中</span>'
    assert fields["Sentence"] == "This ensures <b>power isn’t concentrated</b> among a few players."
    assert fields["SentenceTranslation"] == (
        '<span lang="zh">这确保了<b>权力</b>不会<b>集中</b>在少数几个大玩家手中，</span>'
    )
    assert fields["Notes"] == "a &lt; b &lt;script&gt;"
    assert fields["EntryId"] == "id-power"
    assert fields["MakeProduction"] == ""  # this entry did not ask for a production card

    for card in anki.cards():
        q, a = card.question(), card.answer()
        for side in (q, a):
            assert "templates/errors" not in side and "has a problem" not in side
        assert "<script>" not in a
        kind = card.template()["name"]
        if card.nid == note.id and kind == "Recognition":
            assert '<div class="term" lang="en" dir="auto">power is concentrated</div>' in q
            assert "权力集中" not in q and "权力集中" in a
        if card.nid == note.id and kind == "Context":
            assert '<span class="cloze">[…]</span>' in q and "concentrated</b>" not in q
            assert "power is concentrated" in a


def test_edits_update_the_same_notes(tmp_path: Path, anki: Anki) -> None:
    anki.import_(export(tmp_path, ENTRIES, 1_700_000_000, "first.apkg"))
    edited = (
        replace(ENTRIES[0], glosses=("公平的竞争环境", "平等的机会")),
        ENTRIES[1],
        replace(ENTRIES[2], term="nascant"),  # a typo now, fixed below
    )
    log = anki.import_(export(tmp_path, edited, 1_700_000_100, "second.apkg"))
    # Every note of a newer package is updated: the glossary is the source of truth.
    assert len(log.updated) == 3 and not log.new and not log.duplicate
    assert anki.col.note_count() == 3 and anki.col.card_count() == 6
    assert anki.note_by_entry("id-nascent")["Term"] == "nascant"
    fixed = (edited[0], edited[1], replace(ENTRIES[2], term="nascent", reading="/ˈnasənt/"))
    log = anki.import_(export(tmp_path, fixed, 1_700_000_200, "third.apkg"))
    assert len(log.updated) == 3 and anki.col.note_count() == 3
    assert anki.note_by_entry("id-nascent")["Term"] == "nascent"
    assert (
        anki.note_by_entry("id-field")["Meaning"]
        == '<span lang="zh">公平的竞争环境; 平等的机会</span>'
    )
    assert anki.note_by_entry("id-nascent")["Reading"] == "/ˈnasənt/"


def test_same_second_exports_still_update(tmp_path: Path, anki: Anki) -> None:
    now = 1_700_000_000.5
    anki.import_(export(tmp_path, ENTRIES, state.next_timestamp(now=now), "a.apkg"))
    edited = (replace(ENTRIES[0], note="second edit"), *ENTRIES[1:])
    log = anki.import_(export(tmp_path, edited, state.next_timestamp(now=now), "b.apkg"))
    assert len(log.updated) == 3 and not log.duplicate
    assert anki.note_by_entry("id-field")["Notes"] == "second edit"


def test_a_package_stamped_in_the_same_second_would_be_ignored(tmp_path: Path, anki: Anki) -> None:
    """Why the clock matters: Anki skips an update that is not strictly newer."""
    anki.import_(export(tmp_path, ENTRIES, 1_700_000_000, "a.apkg"))
    edited = (replace(ENTRIES[0], note="lost edit"), *ENTRIES[1:])
    log = anki.import_(export(tmp_path, edited, 1_700_000_000, "b.apkg"))
    assert not log.updated
    assert anki.note_by_entry("id-field")["Notes"] == ""


def test_a_note_keeps_what_the_learner_did_in_anki_while_its_stamp_is_unchanged(
    tmp_path: Path, anki: Anki
) -> None:
    """Per-note stamps: Anki updates only the notes whose stamp is newer than its copy."""
    notes = notes_for(ENTRIES)
    first = {n.guid: 1_700_000_000 for n in notes}
    out = tmp_path / "a.apkg"
    write_apkg(notes, out, deck_name="T", deck_id=DECK_ID, timestamp=1_700_000_000, stamps=first)
    anki.import_(out)
    mine = anki.note_by_entry("id-nascent")
    mine["Notes"] = "my own mnemonic"
    mine.add_tag("marked")
    anki.col.update_note(mine)

    edited = notes_for((replace(ENTRIES[0], note="changed in the glossary"), *ENTRIES[1:]))
    stamps = {**first, edited[0].guid: 1_700_000_100}
    write_apkg(edited, out, deck_name="T", deck_id=DECK_ID, timestamp=1_700_000_100, stamps=stamps)
    log = anki.import_(out)
    assert [n.fields[FIELD_NAMES.index("EntryId")] for n in log.updated] == ["id-field"]
    assert len(log.duplicate) == 2  # Anki's word for "same GUID, not newer: left alone"
    assert anki.note_by_entry("id-field")["Notes"] == "changed in the glossary"
    kept = anki.note_by_entry("id-nascent")
    assert kept["Notes"] == "my own mnemonic" and "marked" in kept.tags


def test_note_type_of_an_earlier_version_is_updated_in_place(tmp_path: Path, anki: Anki) -> None:
    """The two fields that were spares got names; Anki must see the same note type (same
    ids), update it and keep updating the notes, not import a copy beside it."""
    import genanki

    from reader.export.anki import note_model

    # Anki stamps a note type it adds with the time of the import: the new version must be
    # newer than that, as it is when a person exports after importing.
    now = int(time.time())
    old = note_model(now - 100)
    old.fields = [dict(f) for f in old.fields]
    old.fields[-2]["name"], old.fields[-1]["name"] = "Spare1", "Spare2"
    out = tmp_path / "old.apkg"
    deck = genanki.Deck(DECK_ID, "T")
    for entry in ENTRIES:
        fields = list(notes_for((entry,))[0].fields)
        fields[-2:] = ["", ""]
        deck.add_note(genanki.Note(old, fields, guid=notes_for((entry,))[0].guid))
    genanki.Package(deck).write_to_file(str(out), timestamp=now - 100)
    anki.import_(out)
    assert [f["name"] for f in anki.col.models.get(MODEL_ID)["flds"]][-2:] == ["Spare1", "Spare2"]

    log = anki.import_(export(tmp_path, ENTRIES, now + 100))
    assert len(log.updated) == 3 and not log.conflicting and not log.new
    names = [f["name"] for f in notetype(anki.col, MODEL_ID)["flds"]]
    assert names == list(FIELD_NAMES) and names[-2:] == ["SentenceReading", "Forms"]
    readers = [m for m in anki.col.models.all_names_and_ids() if m.name.startswith("reader:")]
    assert [m.id for m in readers] == [MODEL_ID]  # updated in place, no copy beside it


def test_the_package_has_the_users_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = export(tmp_path, ENTRIES, 1_700_000_000)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)  # a replaced deck keeps the permissions it had
    export(tmp_path, ENTRIES, 1_700_000_100)
    assert out.stat().st_mode & 0o777 == 0o640
