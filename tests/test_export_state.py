"""Export state: a clock that never repeats a second, and the previous export's digests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.export import state


def test_state_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "s"))
    assert state.state_dir() == tmp_path / "s"


def test_timestamps_increase_within_one_second() -> None:
    # Always past the current second: an edit made in Anki this second is older.
    stamps = [state.next_timestamp(now=1_700_000_000.2) for _ in range(5)]
    assert stamps == [1_700_000_001 + i for i in range(5)]


def test_timestamps_follow_the_clock_when_it_is_ahead() -> None:
    first = state.next_timestamp(now=1_700_000_000)
    assert state.next_timestamp(now=1_800_000_000) == 1_800_000_001 > first
    # the clock going backwards (NTP, another machine) never reuses a second
    assert state.next_timestamp(now=1_600_000_000) == 1_800_000_002
    # nor a second an earlier package used (written from another state folder)
    assert state.next_timestamp(now=1_600_000_000, floor=1_900_000_000) == 1_900_000_000


def test_previous_digests_round_trip(tmp_path: Path) -> None:
    assert state.previous_digests("recipe:a") is None
    state.remember_export("recipe:a", 5, tmp_path / "a.apkg", {"g1": "d1", "g2": "d2"})
    assert state.previous_digests("recipe:a") == {"g1": "d1", "g2": "d2"}
    assert state.previous_digests("recipe:b") is None


def test_unreadable_state_counts_as_no_previous_export(tmp_path: Path) -> None:
    state.remember_export("recipe:a", 5, tmp_path / "a.apkg", {"g1": "d1"})
    folder = state.state_dir() / "export"
    for path in folder.glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert state.previous_digests("recipe:a") is None
    assert state.next_timestamp(now=1_700_000_000) == 1_700_000_001
    assert os.listdir(folder)
