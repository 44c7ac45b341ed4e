"""The reliability suite, writers: two processes saving one glossary lose nothing, and a
save killed at any moment leaves the file and its backup whole."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from reliability_cases import _prefix, glossary_of, kill_during_saves, race

from reader.glossary import add_entry, load_glossary
from reader.model import Entry


@pytest.mark.parametrize("each", [30])
def test_two_processes_saving_one_glossary_lose_nothing(tmp_path: Path, each: int) -> None:
    saved, lost = race(tmp_path, each)
    assert saved == 2 * each
    assert lost == []


@pytest.mark.stress
def test_the_race_loses_nothing_in_900_adds(tmp_path: Path) -> None:
    saved, lost = race(tmp_path, 450)
    assert (saved, lost) == (900, [])


@pytest.mark.parametrize("seed", range(12))
def test_a_save_killed_at_a_random_moment_leaves_file_and_backup_whole(
    tmp_path: Path, seed: int
) -> None:
    assert kill_during_saves(tmp_path, seed) is None


@pytest.mark.stress
def test_500_kills_damage_no_file_and_no_backup(tmp_path: Path) -> None:
    problems = [kill_during_saves(tmp_path / str(seed), seed) for seed in range(500)]
    assert [p for p in problems if p] == []


# Every system call a save makes, in the order it makes them: the child is killed at the
# k-th, for every k, so no moment of a save goes untried.
_CALLS = ("open", "write", "fsync", "fchmod", "link", "replace", "unlink", "close", "read")


def _save_killed_at(folder: Path, k: int) -> bool:
    """One save (of entry n{len}) in a child that kills itself at its k-th system call;
    True when the save finished before that."""
    path = folder / "en.yaml"
    pid = os.fork()
    if pid == 0:
        try:
            gf = load_glossary(path)
            count = [0]
            for name in _CALLS:
                real = getattr(os, name)

                def counted(*args: object, _real: object = real) -> object:
                    count[0] += 1
                    if count[0] == k:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return _real(*args)  # type: ignore[operator]

                setattr(os, name, counted)
            add_entry(gf, Entry(f"n{len(gf.entries)}", "en", ("added",)))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return not os.WIFSIGNALED(status)


@pytest.mark.parametrize("entries", [1, 300])
def test_a_kill_at_every_system_call_of_a_save(tmp_path: Path, entries: int) -> None:
    path = glossary_of(tmp_path, entries)
    add_entry(load_glossary(path), Entry(f"n{entries}", "en", ("first",)))  # a backup exists
    initial = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    k = 1
    while True:
        for left in tmp_path.iterdir():
            left.unlink()
        for name, data in initial.items():
            (tmp_path / name).write_bytes(data)
        finished = _save_killed_at(tmp_path, k)
        state = _prefix(path)
        assert state in (entries + 1, entries + 2), (k, state)  # old or new
        backup = _prefix(path.with_name("en.yaml~"))
        assert backup in (entries, entries + 1), (k, backup)  # the one before, or the same
        add_entry(load_glossary(path), Entry(f"n{state}", "en", ("after",)))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml", "en.yaml~"], k
        if finished:
            break
        k += 1
    assert k > 10  # the save went through its calls one kill at a time
