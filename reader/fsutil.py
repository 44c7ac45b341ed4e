"""Writing files so that a crash or a full disk never leaves a half-written one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    """Where derived data (indexes, parsed documents) is kept: $READER_CACHE_DIR or the
    platform cache folder; None when `READER_CACHE_DIR=""` turns caching off. Everything in
    it can be deleted at any time."""
    env = os.environ.get("READER_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader"))


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    """Replace `path` with `text` atomically: temp file in the same folder, fsync, rename.

    With `backup`, the previous version is kept as `<name>~` beside it, so one bad save can
    always be undone by hand.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a replaced file keeps the mode it had, and a
        # new one gets the usual mode for the user's umask.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + "~"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not every platform lets a folder be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
