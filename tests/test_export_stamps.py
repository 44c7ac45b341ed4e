"""Note stamps across exports in the same second, from different state folders, and at once."""

from __future__ import annotations

import json
import threading
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from ankitools import (
    anki_fixture,  # noqa: F401  (the `anki` fixture)
    import_package,
    library_fixture,  # noqa: F401  (the `library` fixture)
    note_by_term,
)

from reader.export import export_deck, state
from reader.export.anki import read_package


def frozen_clock(monkeypatch: pytest.MonkeyPatch, at: float) -> None:
    monkeypatch.setattr(state, "time", SimpleNamespace(time=lambda: at))


def edit(library: Path, old: str, new: str) -> None:
    path = library / "glossaries/op-ed.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_exports_in_the_same_second_from_another_state_folder(
    library: Path, tmp_path: Path, anki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two machines (or a lost cache): the second state folder knows nothing, yet its changed
    note is newer than the package it replaces and its unchanged notes keep their times."""
    frozen_clock(monkeypatch, 1_750_000_000.5)
    out = tmp_path / "d.apkg"
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state-a"))
    export_deck(library, output=out)
    import_package(anki, out)
    mine = note_by_term(anki, "nascent")
    mine.add_tag("my::tag")
    anki.update_note(mine)
    first = {guid: note.mtime for guid, note in read_package(out).items()}

    edit(library, "[公平的]", "[平等的]")
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state-b"))
    summary = export_deck(library, output=out)  # still the same second
    assert not summary.previous
    after = read_package(out)
    changed = note_by_term(anki, "level").guid
    assert after[changed].mtime > max(first.values())
    assert all(after[g].mtime == t for g, t in first.items() if g != changed)
    log = import_package(anki, out)
    assert [n.fields[0] for n in log.updated] == ["level"]
    # the changed note is the glossary's; every other note is left as the learner has it
    assert note_by_term(anki, "level")["Meaning"] == '<span lang="zh">平等的</span>'
    assert "my::tag" in note_by_term(anki, "nascent").tags


def test_three_exports_in_one_second_each_newer(
    library: Path, tmp_path: Path, anki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen_clock(monkeypatch, 1_750_000_000.5)
    out = tmp_path / "d.apkg"
    export_deck(library, output=out)
    import_package(anki, out)
    glosses = ("[公平的]", "[平等的]", "[均等的]", "[公正的]")
    for old, new in pairwise(glosses):
        edit(library, old, new)
        export_deck(library, output=out)
        log = import_package(anki, out)
        assert [n.fields[0] for n in log.updated] == ["level"]
    assert note_by_term(anki, "level")["Meaning"] == '<span lang="zh">公正的</span>'


def test_concurrent_exports_share_one_clock_and_lose_no_record(
    library: Path, tmp_path: Path
) -> None:
    errors: list[Exception] = []

    def run(name: str) -> None:
        try:
            export_deck(library, output=tmp_path / f"{name}.apkg")
        except Exception as exc:  # noqa: BLE001 - a thread's failure is reported below
            errors.append(exc)

    export_deck(library, output=tmp_path / "ids.apkg")  # ids first: the glossary is saved once
    edit(library, "[公平的]", "[平等的]")
    threads = [threading.Thread(target=run, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    records = json.loads((state.state_dir() / "export" / "notes.json").read_text())
    assert len(records["notes"]) == 8
    stamps = {
        read_package(tmp_path / f"t{i}.apkg")[g].mtime for i in range(4) for g in records["notes"]
    }
    clock = json.loads((state.state_dir() / "export" / "clock.json").read_text())["last"]
    assert max(stamps) <= clock
