"""One writer at a time: git's lockfile protocol, for every file reader replaces.

To replace `name`, a writer creates `name.lock` with O_CREAT|O_EXCL. That file is both the
lock and the new content: the writer checks what must be checked against the current `name`
(its digest: was it edited since it was read?), writes the new bytes into the lock file,
fsyncs them, and renames `name.lock` over `name`. The check and the rename happen under the
same lock, so two writers can never both pass the check and the second lose the first's
save. A writer that finds `name.lock` taken waits and retries, then gives up with a message.

Stale locks. While it exists, a lock file is also held with `flock` by the process that made
it; the kernel drops that hold when the process ends, however it ends (SIGKILL, a crash, a
power cut). A waiting writer that can take the hold of an existing `name.lock` knows its
maker is gone and removes it. Two rules keep this safe against a writer that has created its
lock file but not yet taken the hold: a lock is used, and a stale one removed, only by a
process holding the `flock` of the very file the path names at that moment (checked by
inode after taking it). Where `fcntl` is missing (Windows), a lock file older than
`STALE_AFTER` seconds is taken for stale instead.

Backups. With `backup=True` the version being replaced is kept as `name~`: it is hard-linked
to `name~.tmp` and renamed over `name~` before `name` is replaced (a copy written to the temp
file where hard links are not supported). At no point is a file that holds a good version
opened for writing, so a kill at any system call leaves `name` old or new and `name~` a
complete earlier version; what a kill can leave behind (`name.lock`, `name~.tmp`) is
recognised and removed by the next writer. Symbolic links are resolved first: the file
they point to gets the new content, and the link stays a link.
"""

from __future__ import annotations

import errno
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from reader.errors import ReaderError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
BACKUP_SUFFIX = "~"
WAIT = 10.0  # seconds a writer waits for another one before giving up
STALE_AFTER = 600.0  # without fcntl only
# Temp files of earlier versions (`.name.XXXXXXXX.tmp`): removed once this old, when nothing
# could still be writing them.
LEGACY_TEMP_AGE = 600.0

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def target_of(path: str | Path) -> Path:
    """The file a write to `path` must change: symbolic links followed to their end.

    A dangling link names the file it would create; a loop is an error.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    if os.path.islink(target):  # realpath stops inside a loop and returns a link
        raise ReaderError(path, "symbolic link loop; nothing written")
    return target


def strerror(exc: OSError) -> str:
    return exc.strerror or str(exc)


class FileLock:
    """`name.lock`, held while one writer checks and replaces `name` (see the module doc).

    Use as a context manager; `read()` gives the current bytes of the file, `commit(data)`
    replaces it. Leaving the block without committing removes the lock and changes nothing.
    `resolved`: the path is already the end of its symbolic links (`target_of`).
    """

    def __init__(self, path: str | Path, *, wait: float = WAIT, resolved: bool = False) -> None:
        self.path = Path(path) if resolved else target_of(path)
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    # --- taking and leaving the lock ----------------------------------------------------

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait
        delay = 0.001
        while True:
            fd = self._try_create()
            if fd is not None:
                self._fd = fd
                return
            if self._clear_if_stale():
                continue
            if time.monotonic() >= deadline:
                raise ReaderError(
                    self.path,
                    f"another save is still writing this file ({self.lock_path.name} exists); "
                    "try again, or remove that file if no reader is running",
                )
            # Randomised so two waiting writers do not keep colliding.
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.05)

    def _try_create(self) -> int | None:
        try:
            fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC, 0o666)
        except FileExistsError:
            return None
        except OSError as exc:
            raise ReaderError(self.path, f"cannot save here: {strerror(exc)}") from None
        if fcntl is None:
            return fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            # Another writer took it for stale in the instant before the hold; it removes it.
            os.close(fd)
            return None
        if not _names(self.lock_path, fd):  # removed as stale before the hold was taken
            os.close(fd)
            return None
        return fd

    def _clear_if_stale(self) -> bool:
        """Remove a lock file whose writer is gone; True when the caller should retry now."""
        try:
            fd = os.open(self.lock_path, os.O_RDONLY | _O_CLOEXEC | _O_NOFOLLOW | _O_NONBLOCK)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        try:
            if fcntl is None:
                if time.time() - os.fstat(fd).st_mtime < STALE_AFTER:
                    return False
            else:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    return False  # held: a live writer
                if not _names(self.lock_path, fd):
                    return True  # renamed into place or removed meanwhile
            try:
                os.unlink(self.lock_path)
            except FileNotFoundError:
                pass
            except OSError:
                return False
            return True
        finally:
            os.close(fd)

    def release(self) -> None:
        """Leave the lock; an uncommitted lock file is removed (still under the hold)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if _names(self.lock_path, fd):
                os.unlink(self.lock_path)
        except OSError:
            pass
        finally:
            os.close(fd)

    # --- reading and replacing ----------------------------------------------------------

    def read(self) -> bytes | None:
        """The file's current bytes; None when it does not exist."""
        from reader.fsutil import read_file

        if not os.path.lexists(self.path):
            return None
        return read_file(self.path)

    def commit(
        self, data: bytes, *, backup: bool = False, previous: bytes | None = None
    ) -> os.stat_result:
        """Write `data`, keep the current version as `name~` (with `backup`), and rename the
        lock file over the file; returns the new file's stat. `previous` is the current
        content when the caller has read it (used only where hard links are not supported).

        On any failure (a full disk, a read-only folder) the lock file is removed and the
        file and its backup are as they were.
        """
        return self._commit(lambda fd: _write_all(fd, data), backup, previous)

    def commit_written(self, *, backup: bool = False) -> os.stat_result:
        """`commit` of what the caller has written into `lock_path` by its name, for a
        library that writes only to a path it is given (genanki's package): the lock file
        is the new content, as it is for `commit`."""
        return self._commit(lambda fd: None, backup, None)

    def _commit(
        self, write: Callable[[int], None], backup: bool, previous: bytes | None
    ) -> os.stat_result:
        fd = self._fd
        if fd is None:
            raise RuntimeError("commit without the lock")
        try:
            write(fd)
            try:
                mode = os.stat(self.path).st_mode & 0o7777
            except FileNotFoundError:
                mode = None
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            os.fsync(fd)
            if backup and mode is not None:
                self._backup(previous)
            os.replace(self.lock_path, self.path)
        except OSError as exc:
            self.release()
            raise ReaderError(
                self.path, f"could not save: {strerror(exc)}; nothing changed"
            ) from None
        self._fd = None
        try:
            st = os.fstat(fd)
        finally:
            os.close(fd)
        _fsync_dir(self.path.parent)
        if backup:  # a file of the learner's (caches are written without a backup)
            _remove_legacy_temps(self.path)
        return st

    def _backup(self, previous: bytes | None) -> None:
        backup = self.path.with_name(self.path.name + BACKUP_SUFFIX)
        temp = self.path.with_name(backup.name + ".tmp")  # only ever touched under the lock
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        try:
            if os.path.samestat(os.lstat(backup), os.stat(self.path)):
                # A save killed after its backup and before its rename: the backup already
                # is the current version (and renaming a hard link over itself is a no-op).
                return
        except FileNotFoundError:
            pass
        try:
            os.link(self.path, temp)
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            if previous is None:
                from reader.fsutil import read_file

                previous = read_file(self.path)
            tfd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC, 0o600)
            try:
                _write_all(tfd, previous)
                os.fchmod(tfd, os.stat(self.path).st_mode & 0o7777)
                os.fsync(tfd)
            except BaseException:
                os.close(tfd)
                os.unlink(temp)
                raise
            os.close(tfd)
        os.replace(temp, backup)


# Errors of a file system without hard links (FAT, some network and FUSE file systems).
_NO_LINKS = frozenset(
    code
    for code in (
        errno.EPERM,
        errno.EMLINK,
        errno.EXDEV,
        getattr(errno, "ENOTSUP", None),
        getattr(errno, "EOPNOTSUPP", None),
        errno.EACCES,
    )
    if code is not None
)


def _names(path: Path, fd: int) -> bool:
    """Whether `path` is (still) the file open as `fd`."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


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


def _remove_legacy_temps(path: Path) -> None:
    """Earlier versions wrote `.name.XXXXXXXX.tmp` beside the file and a kill left it there.
    Nothing writes those any more; old ones are removed."""
    prefix = f".{path.name}."
    try:
        with os.scandir(path.parent) as found:
            stale = [
                e.path
                for e in found
                if e.name.startswith(prefix)
                and e.name.endswith(".tmp")
                and len(e.name) == len(prefix) + 12
            ]
        now = time.time()
        for name in stale:
            if now - os.lstat(name).st_mtime > LEGACY_TEMP_AGE:
                os.unlink(name)
    except OSError:
        pass
