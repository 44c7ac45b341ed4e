"""`reader anki sync`: statuses from a collection whose cards were answered through Anki's
scheduler, read without writing a byte of it, even while Anki holds it open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    fingerprint,
    import_package,
    library_fixture,  # noqa: F401  (the `library` fixture)
    note_by_term,
    study,
)

from reader.cli import main
from reader.errors import ReaderError
from reader.export import export_deck
from reader.export.collection import read_notes
from reader.export.sync import progress_from_cards, sync_collection
from reader.glossary import load_glossary

DECK = "Op-ed library"


def statuses(library: Path) -> dict[str, tuple[str, int | None]]:
    entries = load_glossary(library / "glossaries/op-ed.yaml").entries
    return {e.term: (e.status, e.level) for e in entries}


def collection_path(col: Any) -> Path:
    return Path(col.path)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """The exporter's clock: the deck was exported an hour before the learner studied it."""
    from types import SimpleNamespace

    from reader.export import state

    now = {"now": time.time() - 3600}
    monkeypatch.setattr(state, "time", SimpleNamespace(time=lambda: now["now"]))
    return now


def learn(col: Any, library: Path, tmp_path: Path) -> dict[str, int]:
    """Import the deck, answer three cards through the scheduler, make two notes mature and
    suspend one. Returns term -> interval of each answered card."""
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(col, out)
    col.sched.set_due_date(col.find_cards(f"nid:{note_by_term(col, 'level').id}"), "30!")
    answered = study(col, DECK, 3)
    assert len(answered) == 3
    col.sched.set_due_date(col.find_cards(f"nid:{note_by_term(col, 'nascent').id}"), "30!")
    col.sched.suspend_cards(col.find_cards(f"nid:{note_by_term(col, 'best shot').id}"))
    cards = [col.get_card(cid) for cid in answered]
    return {card.note()["Term"]: card.ivl for card in cards}


def test_statuses_follow_the_intervals_and_the_collection_is_never_written(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    intervals = learn(anki, library, tmp_path)
    path = collection_path(anki)
    wal = path.with_name(path.name + "-wal")
    assert wal.is_file()  # the collection is open: recent reviews are only in its log
    files_before = sorted(p.name for p in path.parent.iterdir())
    before = (fingerprint(path), fingerprint(wal))

    summary = sync_collection(library, path)

    assert (fingerprint(path), fingerprint(wal)) == before
    assert sorted(p.name for p in path.parent.iterdir()) == files_before
    now = statuses(library)
    assert now["nascent"] == ("known", None) and now["level"] == ("known", None)
    answered = {t for t, (status, _) in now.items() if status == "learning"}
    assert answered == set(intervals)  # the other notes' cards were never studied
    for term, ivl in intervals.items():
        assert now[term] == ("learning", 1 + ivl * 5 // 21)
    assert now["best shot"] == ("new", None)  # suspended: says nothing
    assert now["stark"] == ("ignored", None)  # ignored entries are never exported
    assert set(summary.known) == {"nascent", "level"}
    assert set(summary.learning) == answered
    assert summary.found == 8 and summary.not_in_anki == 0
    text = "\n".join(summary.format_lines())
    assert "2 now known: " in text and "not studied yet" in text


def test_sync_while_anki_holds_the_collection_in_another_process(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    learn(anki, library, tmp_path)
    path = collection_path(anki)
    anki.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        # What a plain read-only open meets while Anki runs: its exclusive lock.
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1).execute(
                "SELECT count(*) FROM notes"
            ).fetchone()
        before = fingerprint(path)
        summary = sync_collection(library, path)
        assert fingerprint(path) == before
        assert set(summary.known) == {"nascent", "level", "risk-averse"}  # reviewed in Anki
    finally:
        assert holder.stdin is not None
        holder.stdin.write("close\n")
        holder.stdin.close()
        holder.wait(timeout=60)
    assert holder.returncode == 0


# A second process that opens the collection as Anki does, makes one more card mature (so the
# change sits in its write-ahead log), and keeps the collection open until told to close it.
HOLD = textwrap.dedent(
    """
    import sys
    from anki.collection import Collection
    col = Collection(sys.argv[1])
    (nid,) = col.find_notes('"Term:risk-averse"')
    col.sched.set_due_date(col.find_cards(f"nid:{nid}"), "40!")
    print("open", flush=True)
    sys.stdin.readline()
    col.close()
    """
)


def test_next_export_leaves_synced_notes_alone_and_keeps_learner_tags(
    library: Path, tmp_path: Path, anki: Any, clock: dict[str, float]
) -> None:
    learn(anki, library, tmp_path)
    note = note_by_term(anki, "nascent")
    note.add_tag("marked")
    note.add_tag("my::hard")
    note["Notes"] = "edited in Anki"
    anki.update_note(note)
    sync_collection(library, collection_path(anki))
    assert statuses(library)["nascent"] == ("known", None)

    out = tmp_path / "d.apkg"
    summary = export_deck(library, output=out)
    assert summary.changed == 0  # the status came from Anki: nothing to tell Anki
    log = import_package(anki, out)
    assert not log.updated
    assert note_by_term(anki, "nascent")["Notes"] == "edited in Anki"
    assert {"marked", "my::hard"} <= set(note_by_term(anki, "nascent").tags)

    # A change made in the glossary rewrites the note; the learner's own tags go along
    # (Anki itself drops `marked` and `leech` from every note it imports).
    clock["now"] = time.time()
    path = library / "glossaries/op-ed.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[新生的, 初生的]", "[新兴的]"))
    export_deck(library, output=out)
    log = import_package(anki, out)
    assert [n.fields[0] for n in log.updated] == ["nascent"]
    tags = set(note_by_term(anki, "nascent").tags)
    assert {"my::hard", "reader::status::known", "economist"} <= tags


def test_a_status_set_in_the_reader_is_sent_to_anki(
    library: Path, tmp_path: Path, anki: Any
) -> None:
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    path = library / "glossaries/op-ed.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    pos: adj.\n", "    pos: adj.\n    status: known\n"
        )
    )
    assert export_deck(library, output=out).changed == 1
    import_package(anki, out)
    assert "reader::status::known" in note_by_term(anki, "nascent").tags


def test_known_days_threshold(library: Path, tmp_path: Path, anki: Any) -> None:
    learn(anki, library, tmp_path)
    sync_collection(library, collection_path(anki), known_days=40)
    # 30 days is not 40: learning, level 1 + 30*5//40 = 4
    assert statuses(library)["nascent"] == ("learning", 4)


def test_progress_from_card_states() -> None:
    from reader.export.collection import CardState, CollectionNote

    def note(*cards: tuple[int, int, int]) -> CollectionNote:
        states = tuple(CardState(i, t, q, ivl, 1) for i, (t, q, ivl) in enumerate(cards))
        return CollectionNote("g", 1, (), (), states)

    assert progress_from_cards(note((0, 0, 0)), 21) is None  # new
    assert progress_from_cards(note((2, -1, 50)), 21) is None  # suspended
    assert progress_from_cards(note((2, 2, 21), (2, 2, 30)), 21) == ("known", None)
    assert progress_from_cards(note((2, 2, 30), (1, 1, 0)), 21) == ("learning", 1)
    assert progress_from_cards(note((2, 2, 10), (0, 0, 0)), 21) == ("learning", 3)
    assert progress_from_cards(note((3, 1, 25)), 21) == ("learning", 1)  # relearning


def test_sync_command(
    library: Path,
    tmp_path: Path,
    anki: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    learn(anki, library, tmp_path)
    path = collection_path(anki)
    before = statuses(library)
    code = main(["anki", "sync", str(path.parent), "--library", str(library), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and "2 would be known" in out and out.rstrip().endswith("nothing was written.")
    assert statuses(library) == before
    config = tmp_path / "config.yaml"
    config.write_text("anki_known_days: 60\n", encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(config))
    assert main(["anki", "sync", str(path), "--library", str(library)]) == 0
    assert statuses(library)["nascent"] == ("learning", 3)
    assert "0 now known" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.anki2", "no such collection file"),
        (lambda p: p.mkdir() or p, "no collection.anki2 in this folder"),
        (lambda p: _apkg(p), "this is a package"),
        (lambda p: _text(p), "not an Anki collection"),
    ],
)
def test_bad_collections_are_one_line_errors(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, message: str
) -> None:
    target = make(tmp_path / "x")
    code = main(["anki", "sync", str(target), "--library", str(library)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and message in err and "Traceback" not in err


def _apkg(folder: Path) -> Path:
    import zipfile

    folder.mkdir()
    path = folder / "deck.apkg"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("collection.anki2", b"")
    return path


def _text(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "collection.anki2"
    path.write_text("not sqlite", encoding="utf-8")
    return path


def test_read_notes_finds_only_the_given_guids(library: Path, tmp_path: Path, anki: Any) -> None:
    learn(anki, library, tmp_path)
    guid = note_by_term(anki, "nascent").guid
    notes = read_notes(collection_path(anki), {guid})
    assert list(notes) == [guid]
    assert {c.ord for c in notes[guid].cards} == {0, 1, 2}
    with pytest.raises(ReaderError):
        read_notes(tmp_path / "nothing.anki2")
