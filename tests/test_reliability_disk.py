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

import pytest
from reliability_cases import OPED, SEED_DOC, _prefix, glossary_of, judge, library, run_cli

from reader.errors import ReaderError
from reader.glossary import add_entry, load_glossary
from reader.library import Library
from reader.model import Entry


@contextmanager
def disk_full_after(limit: int) -> Iterator[None]:
    """Every os.write fails with ENOSPC once `limit` bytes have been written (a short write
    first, as a disk that fills up mid-write gives)."""
    real = os.write
    written = [0]

    def write(fd: int, data: bytes) -> int:
        room = limit - written[0]
        if room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        done = real(fd, bytes(data[:room]))
        written[0] += done
        return done

    os.write = write  # type: ignore[assignment]
    try:
        yield
    finally:
        os.write = real


LIMITS = [0, 1, 100, 4000, 20000, 60000]


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
