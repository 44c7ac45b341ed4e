"""One writer at a time (git's lockfile protocol), backups that survive a kill, symbolic
links followed, special files refused: `reader.lockfile` and `reader.fsutil`."""

from __future__ import annotations

import errno
import os
import signal
import stat
import time
from pathlib import Path

import pytest

from reader import lockfile
from reader.errors import ReaderError
from reader.fsutil import (
    FileLock,
    atomic_write_text,
    copy_file,
    digest_of,
    read_file,
    replace_checked,
)


def test_a_second_writer_waits_then_refuses_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("one\n")
    with FileLock(path), pytest.raises(ReaderError) as err, FileLock(path, wait=0.2):
        pass
    assert "en.yaml.lock exists" in str(err.value) and "try again" in str(err.value)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    atomic_write_text(path, "two\n")  # released: the next writer gets it at once
    assert path.read_text() == "two\n"


def test_the_lock_file_is_the_new_content_and_is_renamed_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("old\n")
    with FileLock(path) as lock:
        assert (tmp_path / "en.yaml.lock").exists()
        assert lock.read() == b"old\n"
        lock.commit(b"new\n")
        assert not (tmp_path / "en.yaml.lock").exists()
    assert path.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml"]


def test_leaving_without_commit_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("old\n")
    with pytest.raises(RuntimeError), FileLock(path):
        raise RuntimeError("a check failed")
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml"]


def test_a_lock_left_by_a_killed_writer_is_cleared(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("old\n")
    pid = os.fork()
    if pid == 0:  # the child takes the lock, writes half its content and dies
        try:
            lock = FileLock(path)
            lock.acquire()
            os.write(lock._fd or 0, b"half")
            os.kill(os.getpid(), signal.SIGKILL)
        finally:
            os._exit(1)
    os.waitpid(pid, 0)
    assert (tmp_path / "en.yaml.lock").read_bytes() == b"half"
    atomic_write_text(path, "new\n")  # no wait: the lock is recognised as stale
    assert path.read_text() == "new\n"
    assert not (tmp_path / "en.yaml.lock").exists()


def test_a_lock_held_by_a_live_process_is_not_taken_for_stale(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("old\n")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            with FileLock(path):
                os.write(write, b"x")
                time.sleep(30)
        finally:
            os._exit(0)
    os.close(write)
    try:
        assert os.read(read, 1) == b"x"  # the child holds the lock
        with pytest.raises(ReaderError, match="another save"):
            FileLock(path, wait=0.3).acquire()
        assert path.read_text() == "old\n"
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
    atomic_write_text(path, "mine\n")  # its holder gone, the lock is stale
    assert path.read_text() == "mine\n"


def test_an_empty_lock_without_a_holder_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    (tmp_path / "en.yaml.lock").write_bytes(b"")  # created, never locked (a crash in between)
    atomic_write_text(path, "x\n")
    assert path.read_text() == "x\n"


def test_check_and_replace_happen_under_one_lock(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_bytes(b"v1\n")
    first = digest_of(b"v1\n")
    replace_checked(path, b"v2\n", first)
    with pytest.raises(ReaderError, match="changed on disk since it was read"):
        replace_checked(path, b"v3\n", first)  # read before v2: refused
    assert path.read_bytes() == b"v2\n"
    with pytest.raises(ReaderError, match="changed on disk"):
        replace_checked(path, b"v3\n", digest_of(b"v2\n"), expected=b"v1\n")
    with pytest.raises(ReaderError, match="changed on disk"):
        replace_checked(path, b"v3\n", None)  # None: the file must not exist
    path.unlink()
    with pytest.raises(ReaderError, match="removed since it was read"):
        replace_checked(path, b"v3\n", first)


def test_the_backup_is_the_previous_file_itself_not_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("one\n")
    inode = path.stat().st_ino
    atomic_write_text(path, "two\n", backup=True)
    backup = tmp_path / "en.yaml~"
    assert backup.read_text() == "one\n" and backup.stat().st_ino == inode
    atomic_write_text(path, "three\n", backup=True)
    assert backup.read_text() == "two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml", "en.yaml~"]


def test_without_hard_links_the_backup_is_written_to_a_temp_file_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("one\n")
    path.chmod(0o640)

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_write_text(path, "two\n", backup=True)
    backup = tmp_path / "en.yaml~"
    assert backup.read_text() == "one\n"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml", "en.yaml~"]


def test_leftovers_of_a_killed_backup_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("one\n")
    (tmp_path / "en.yaml~.tmp").write_text("one\n")  # a kill between link and rename
    atomic_write_text(path, "two\n", backup=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml", "en.yaml~"]


def test_old_temp_files_of_earlier_versions_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("one\n")
    old = tmp_path / ".en.yaml.a1b2c3d4.tmp"
    recent = tmp_path / ".en.yaml.e5f6g7h8.tmp"
    other = tmp_path / ".fr.yaml.a1b2c3d4.tmp"
    for leftover in (old, recent, other):
        leftover.write_text("half")
    past = time.time() - 2 * lockfile.LEGACY_TEMP_AGE
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    atomic_write_text(path, "two\n", backup=True)
    assert not old.exists()
    assert recent.exists()  # might still be written by a running earlier version
    assert other.exists()  # another file's


def test_a_full_disk_leaves_file_and_backup_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("one\n")
    atomic_write_text(path, "two\n", backup=True)
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if len(data) > 3:
            real_write(fd, bytes(data[:3]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(ReaderError) as err:
        atomic_write_text(path, "three, much longer\n", backup=True)
    assert "No space left on device" in str(err.value) and "nothing changed" in str(err.value)
    assert path.read_text() == "two\n"
    assert (tmp_path / "en.yaml~").read_text() == "one\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml", "en.yaml~"]


def test_writing_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "en.yaml"
    real.parent.mkdir()
    real.write_text("one\n")
    link = tmp_path / "en.yaml"
    link.symlink_to(real)
    atomic_write_text(link, "two\n", backup=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "two\n"
    assert (real.parent / "en.yaml~").read_text() == "one\n"


def test_a_symlink_loop_is_one_line_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(ReaderError, match="symbolic link loop"):
        atomic_write_text(a, "x\n")
    with pytest.raises(ReaderError, match="symbolic link loop"):
        read_file(a)


def test_a_read_only_folder_is_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests may run as root, for whom a folder's mode does not deny writing: the file
    # system's answer is given instead.
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(ReaderError) as err:
        atomic_write_text(tmp_path / "en.yaml", "x\n")
    assert err.value.message == "cannot save here: Permission denied"


@pytest.mark.parametrize("make", ["fifo", "folder", "device", "missing", "dangling"])
def test_only_regular_files_are_read(tmp_path: Path, make: str) -> None:
    path = tmp_path / "in.txt"
    expected = {
        "fifo": "is a pipe (FIFO)",
        "folder": "is a folder",
        "device": "is a device",
        "missing": "no such file",
        "dangling": "symbolic link to a file that does not exist",
    }[make]
    if make == "fifo":
        os.mkfifo(path)  # opening it for reading the usual way would block forever
    elif make == "folder":
        path.mkdir()
    elif make == "device":
        path = Path("/dev/zero")  # never ends
    elif make == "dangling":
        path.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ReaderError) as err:
        read_file(path)
    assert expected in err.value.message and str(path) in str(err.value)


def test_a_copy_is_atomic_and_refuses_special_files(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("text\n")
    copy_file(source, tmp_path / "copy" / "a.txt")
    assert (tmp_path / "copy" / "a.txt").read_text() == "text\n"
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReaderError, match="FIFO"):
        copy_file(tmp_path / "pipe", tmp_path / "copy" / "b.txt")
    assert not (tmp_path / "copy" / "b.txt").exists()


def test_a_file_where_a_folder_should_be_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "glossaries").write_text("not a folder")
    with pytest.raises(ReaderError, match="is a file where a folder should be"):
        atomic_write_text(tmp_path / "glossaries" / "en.yaml", "x\n")


def test_an_unreadable_file_is_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("x\n")
    real_open = os.open

    def denied(name: object, flags: int, *args: object) -> int:
        if str(name) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ReaderError) as err:
        read_file(path)
    assert err.value.message == "cannot read: permission denied"
