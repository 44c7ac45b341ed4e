"""Anki's own collection, importer and scheduler, for checking exported decks as Anki sees them.

`anki` is a test dependency (AGPL, never a runtime one); every collection lives in a
temporary folder, never in a real profile.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageRequest, ImportCsvRequest

from reader.export.notetype import FIELD_NAMES


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(col: Collection, package: Path) -> Any:
    """Import as a new profile's import dialog would, and return Anki's import log."""
    options = col._backend.get_import_anki_package_presets()
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return col.import_anki_package(request).log


def import_tsv(col: Collection, path: Path) -> Any:
    """Import a text file as Anki's import dialog would with the file's own header lines."""
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def fields_of(col: Collection, nid: int) -> dict[str, str]:
    return dict(zip(FIELD_NAMES, col.get_note(nid).fields, strict=False))


def note_by_term(col: Collection, term: str) -> Any:
    (nid,) = col.find_notes(f'"Term:{term}"')
    return col.get_note(nid)


def study(col: Collection, deck_name: str, answers: int, rating: int = 3) -> list[int]:
    """Answer the first `answers` cards the scheduler offers in `deck_name` (3 = Good).

    Returns the ids of the cards answered, in order.
    """
    deck = col.decks.by_name(deck_name)
    assert deck is not None, deck_name
    col.decks.select(deck["id"])
    answered = []
    for _ in range(answers):
        queued = col.sched.get_queued_cards()
        if not queued.cards:
            break
        top = queued.cards[0]
        card = col.get_card(top.card.id)
        card.start_timer()  # as the reviewer does when it shows the question
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=rating))
        answered.append(card.id)
    return answered


def empty_cards(col: Collection) -> list[int]:
    """Card ids Anki's Tools → Empty Cards would offer to delete."""
    report = col.get_empty_cards()
    return [cid for note in report.notes for cid in note.card_ids]


def remove_empty_cards(col: Collection) -> int:
    """What the learner does in Tools → Empty Cards… → Delete."""
    ids = empty_cards(col)
    col.remove_cards_and_orphaned_notes(ids)
    return len(ids)


def scheduling(col: Collection) -> dict[int, tuple[int, int, int, int, int]]:
    """Card id -> (type, queue, due, interval, reps): what an import must never touch."""
    out = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        out[cid] = (card.type, card.queue, card.due, card.ivl, card.reps)
    return out


def fingerprint(path: Path) -> tuple[int, int, str]:
    """Size, modification time and content hash of a file."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, hashlib.blake2b(path.read_bytes()).hexdigest()


def notetype(col: Collection, model_id: int) -> Any:
    """The note type as the collection holds it now (the Python side caches note types and
    does not see what an import changed)."""
    col.models._clear_cache()
    return col.models.get(model_id)
