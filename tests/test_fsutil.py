from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.fsutil import atomic_write_text


def test_writes_text_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    atomic_write_text(path, "one\n")
    assert path.read_text() == "one\n"
    assert not (tmp_path / "a.yaml~").exists()
    atomic_write_text(path, "two\n", backup=True)
    assert path.read_text() == "two\n"
    assert (tmp_path / "a.yaml~").read_text() == "one\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "a.yaml~"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "shared.yaml"
    path.write_text("x\n")
    path.chmod(0o644)
    atomic_write_text(path, "y\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.yaml", "z\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644
