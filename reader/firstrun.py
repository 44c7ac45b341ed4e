"""The bundled library becomes the learner's own on first run.

`make run` used to open `seeds/` inside the git checkout, so a learner's first entries and
exports changed tracked files of the repository, and a `git pull` could fight with them. The
bundled library is now copied once into the library folder (the platform data folder unless
`--library` or `$READER_LIBRARY` says otherwise) and the copy is what the app opens, then and
on every later run: the checkout is only ever read.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from reader.errors import ReaderError

# What a library written by the app may hold beside its files and that is no part of a
# fresh copy: locks of a save under way, exported decks, caches.
_NOT_COPIED = shutil.ignore_patterns("*.lock", "*.tmp", "decks", "__pycache__", ".*")


def seed_library(bundled: Path, root: Path) -> bool:
    """Copy the library at `bundled` to `root` if there is no library at `root` yet (no
    folder, or an empty one); True when it was copied. A library already there is never
    touched, whatever it holds.

    The copy is made beside `root` under a temporary name and renamed into place, so an
    interrupted first run leaves either no library or the whole of it.
    """
    if not (bundled / "documents").is_dir():
        raise ReaderError(bundled, "not a library folder (no documents/ inside)")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        return False
    root.parent.mkdir(parents=True, exist_ok=True)
    scratch = root.parent / f".{root.name}.first-run-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        shutil.copytree(bundled, scratch, ignore=_NOT_COPIED)
        if root.is_dir():
            root.rmdir()  # empty, checked above; fails (and copies nothing) if it filled since
        scratch.rename(root)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return True
