"""The reliability suite, a full disk: writes that fail with ENOSPC after N bytes, at every
point of a save or an import, leave every file old or new, every backup whole, nothing
half-written behind, and one line of error."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Self

import pytest
from reliability_cases import OPED, SEED_DOC, _prefix, glossary_of, judge, library, run_cli

from reader.errors import ReaderError
from reader.glossary import add_entry, load_glossary
from reader.library import Library
from reader.model import Entry


class _Disk:
    """Room left on a pretend disk: every write takes from it, and fails with ENOSPC (after
    a short write, as a disk that fills up mid-write gives) when there is none left."""

    def __init__(self, room: int) -> None:
        self.room = room

    def take(self, wanted: int) -> int:
        granted = min(wanted, max(self.room, 0))
        if wanted and not granted:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= granted
        return granted


class _LimitedFile:
    """A file object opened for writing whose writes take room from the disk."""

    def __init__(self, inner: Any, disk: _Disk) -> None:
        self._inner, self._disk = inner, disk

    def write(self, data: Any) -> int:
        size = len(data.encode("utf-8") if isinstance(data, str) else data)
        granted = self._disk.take(size)
        if granted < size:
            self._inner.write(data[:granted])
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self._inner.write(data))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self._inner.__exit__(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def disk_full_after(limit: int) -> Iterator[None]:
    """A disk with `limit` bytes of room, for every way of writing: `os.write`, and file
    objects from `open`, `io.open` and `os.fdopen` (`shutil`'s copies included)."""
    import builtins
    import io
    import shutil

    disk = _Disk(limit)
    real_write, real_open, real_fdopen = os.write, builtins.open, os.fdopen

    def write(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[: disk.take(len(data))]))

    def wrapping(opener: Any) -> Any:
        def opened(*args: Any, **kwargs: Any) -> Any:
            handle = opener(*args, **kwargs)
            mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
            writing = any(flag in str(mode) for flag in "wax+")
            return _LimitedFile(handle, disk) if writing else handle

        return opened

    saved = (shutil._USE_CP_SENDFILE, io.open)  # type: ignore[attr-defined]
    os.write = write  # type: ignore[assignment]
    builtins.open = io.open = wrapping(real_open)  # type: ignore[assignment]
    os.fdopen = wrapping(real_fdopen)  # type: ignore[assignment]
    shutil._USE_CP_SENDFILE = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        os.write, builtins.open, os.fdopen = real_write, real_open, real_fdopen
        shutil._USE_CP_SENDFILE, io.open = saved  # type: ignore[attr-defined]


LIMITS = [0, 1, 100, 4000, 20000, 30000, 36000, 40000, 45000, 60000, 100000]


@pytest.mark.parametrize("limit", LIMITS)
def test_a_glossary_save_on_a_full_disk(tmp_path: Path, limit: int) -> None:
    path = glossary_of(tmp_path, 1000)
    gf = add_entry(load_glossary(path), Entry("n1000", "en", ("first",)))  # a backup exists
    try:
        with disk_full_after(limit):
            add_entry(gf, Entry("n1001", "en", ("second",)))
    except ReaderError as exc:
        assert "No space left on device" in str(exc) and "\n" not in str(exc)
        assert _prefix(path) == 1001 and _prefix(path.with_name("en.yaml~")) == 1000
    else:
        assert _prefix(path) == 1002 and _prefix(path.with_name("en.yaml~")) == 1001
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.yaml", "en.yaml~"]


@pytest.mark.parametrize("limit", LIMITS)
def test_a_document_save_on_a_full_disk(tmp_path: Path, limit: int) -> None:
    lib = Library(library(tmp_path))
    doc = lib.load_document(SEED_DOC)
    lib.save_document(replace(doc, title="First"))
    try:
        with disk_full_after(limit):
            lib.save_document(replace(doc, title="Second"))
    except ReaderError as exc:
        assert "No space left on device" in str(exc)
        assert Library(lib.root).load_document(SEED_DOC).title == "First"
    else:
        assert Library(lib.root).load_document(SEED_DOC).title == "Second"
    backup = lib.document_path(SEED_DOC).with_name(f"{SEED_DOC}.yaml~")
    from reader.documents import load_document

    assert load_document(backup, SEED_DOC).title in (doc.title, "First")
    assert sorted(p.name for p in lib.documents_dir.iterdir()) == [
        f"{SEED_DOC}.yaml",
        f"{SEED_DOC}.yaml~",
    ]


@pytest.mark.parametrize("limit", [0, 1000, 30000, 60000, 120000])
def test_an_import_on_a_full_disk_leaves_no_half_written_file(tmp_path: Path, limit: int) -> None:
    lib = tmp_path / "lib"
    with disk_full_after(limit):
        code, out, err = run_cli(["import", str(OPED), "--library", str(lib)])
    assert judge(code, out, err, None, None) is None, err
    for path in lib.rglob("*"):
        if path.is_file():
            assert path.stat().st_size > 0, f"{path} is empty"
            assert not path.name.endswith((".lock", ".tmp")), path
    if code == 0:
        return
    assert "No space left on device" in err
    code, out, err = run_cli(["import", str(OPED), "--library", str(lib)])  # room again
    assert code == 0, err
    assert (lib / "originals" / OPED.name).read_bytes() == OPED.read_bytes()
