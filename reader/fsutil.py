"""Reading and writing the user's files so that nothing is lost and nothing hangs.

Writing: every file reader replaces goes through `reader.lockfile` (one writer at a time,
atomic rename, a backup that survives a kill, symbolic links followed). `atomic_write_text`
and `atomic_write_bytes` replace a file; `replace_checked` does so only if the file still has
the digest it had when it was read, checked under the lock; `copy_file` copies atomically.

Reading: `read_file` reads a regular file and nothing else. A FIFO would block forever,
`/dev/zero` and `/dev/urandom` never end, a folder is not a file: each is refused with one
line naming it, before anything is read.

Every failure is a `ReaderError` naming the file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from reader.errors import ReaderError
from reader.lockfile import FileLock, strerror, target_of

__all__ = [
    "MAX_BYTES",
    "FileLock",
    "atomic_write_bytes",
    "atomic_write_text",
    "cache_dir",
    "copy_file",
    "digest_of",
    "make_folder",
    "read_file",
    "read_head",
    "replace_checked",
    "target_of",
]

# Larger than any text or glossary a learner keeps (a 1,000,000-word book is about 6 MB);
# a file this large is a mistake, and reading it whole would exhaust memory.
MAX_BYTES = 512 * 1024 * 1024

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


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


def digest_of(raw: bytes) -> str:
    """The digest by which a file's content is recognised (changed on disk? cached?)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a file; not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; not read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file; not read"
    return "is not a regular file; not read"


def read_file(path: str | Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, or a ReaderError naming it.

    The file is opened without blocking and checked with fstat before one byte is read, so
    a FIFO, a device or a folder is refused at once, also when it was swapped in after a
    check by name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _O_CLOEXEC | _O_NOCTTY | _O_NONBLOCK)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReaderError(path, "symbolic link to a file that does not exist") from None
        raise ReaderError(path, "no such file") from None
    except IsADirectoryError:
        raise ReaderError(path, _kind(stat.S_IFDIR)) from None
    except OSError as exc:
        raise ReaderError(path, _open_problem(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReaderError(path, _kind(st.st_mode))
        if st.st_size > limit:
            raise ReaderError(path, f"too large ({st.st_size // 2**20:,} MB); not read")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 22))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise ReaderError(path, "too large; not read")
        return b"".join(chunks)
    except OSError as exc:
        raise ReaderError(path, f"cannot read: {strerror(exc)}") from None
    finally:
        os.close(fd)


def read_head(path: str | Path, size: int) -> bytes:
    """The first `size` bytes of a regular file; b"" for anything else (missing, a folder, a
    FIFO, a device), which is left for `read_file` to name when the file is read in full."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_CLOEXEC | _O_NOCTTY | _O_NONBLOCK)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _open_problem(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.EACCES:
        return "cannot read: permission denied"
    return f"cannot read: {strerror(exc)}"


def atomic_write_bytes(path: str | Path, data: bytes, *, backup: bool = False) -> os.stat_result:
    """Replace `path` with `data` atomically, under its lock (see `reader.lockfile`).

    With `backup`, the previous version is kept as `<name>~` beside it, so one bad save can
    always be undone by hand. A symbolic link keeps pointing at the file it names, which gets
    the new content. Returns the new file's stat.
    """
    target = target_of(path)
    make_folder(target.parent, path)
    with FileLock(target, resolved=True) as lock:
        return lock.commit(data, backup=backup)


def atomic_write_text(path: str | Path, text: str, *, backup: bool = False) -> os.stat_result:
    """`atomic_write_bytes` of `text` as UTF-8, line ends as given."""
    return atomic_write_bytes(path, _encode(path, text), backup=backup)


def replace_checked(
    path: str | Path,
    data: bytes,
    digest: str | None,
    *,
    backup: bool = True,
    expected: bytes | None = None,
) -> os.stat_result:
    """Replace the file with `data` only if its content still has `digest` (None: only if
    it does not exist yet). The check and the replacement happen under one lock, so a save
    never overwrites an edit made since the file was read, by hand or by another process.

    A caller that kept the bytes it read (with that digest) passes them as `expected`: they
    are compared with the file's directly, which says the same as the digests at a
    fraction of the cost of hashing.
    """
    target = target_of(path)
    with FileLock(target, resolved=True) as lock:
        current = lock.read()
        if current is None and digest is not None:
            raise ReaderError(path, "removed since it was read; nothing written")
        if current is not None:
            if digest is None:
                unchanged = False
            elif expected is not None:
                unchanged = current == expected
            else:
                unchanged = digest_of(current) == digest
            if not unchanged:
                raise ReaderError(path, "changed on disk since it was read; reload first")
        return lock.commit(data, backup=backup, previous=current)


def copy_file(source: str | Path, dest: str | Path) -> None:
    """Copy a regular file to `dest` atomically: a full disk or a kill never leaves a
    partial copy under the final name."""
    data = read_file(source)
    atomic_write_bytes(dest, data)


def _encode(path: str | Path, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: cannot be UTF-8
        raise ReaderError(
            path, f"cannot save: text holds {exc.object[exc.start]!r}, not a character"
        ) from None


def make_folder(folder: Path, path: str | Path | None = None) -> None:
    """Create `folder` (and its parents) for a file to be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ReaderError(folder, "is a file where a folder should be; nothing written") from None
    except OSError as exc:
        raise ReaderError(path or folder, f"cannot save here: {strerror(exc)}") from None
