"""The data file of a dictd or StarDict dictionary: plain, or dictzip with random access.

A dictzip file (`.dict.dz`) is gzip cut into chunks that decompress on their own, with the
chunk table in the gzip header; reading one entry decompresses one or two chunks of about
58 KB, never the whole file (python-idzip reads the format). A plain gzip file without the
table would have to be decompressed from the start for every entry, so it is refused with
the command that fixes it.
"""

from __future__ import annotations

import threading
import zlib
from pathlib import Path
from struct import error as struct_error  # the dictzip header parser's, on a short field
from typing import BinaryIO

from reader.errors import ReaderError


class DataFile:
    """Random access to the uncompressed bytes of a dictionary's data file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._size: int | None = None

    def _open(self) -> BinaryIO:
        if self._file is None:
            try:
                if self.path.name.endswith(".dz"):
                    from idzip.decompressor import IdzipReader

                    _check_dictzip(self.path)
                    try:
                        self._file = IdzipReader(str(self.path))
                    except OSError as exc:
                        if "Not an idzip file" in str(exc):
                            raise ReaderError(
                                self.path,
                                "gzip without a dictzip chunk table; run `gunzip` and "
                                "`dictzip` on it (or use the uncompressed .dict)",
                            ) from None
                        raise
                else:
                    self._file = self.path.open("rb")
            except ReaderError:
                raise
            except FileNotFoundError:
                raise ReaderError(self.path, "no such file") from None
            except (OSError, EOFError, ValueError, UnicodeDecodeError, struct_error) as exc:
                raise ReaderError(self.path, f"damaged data file ({_reason(exc)})") from None
        assert self._file is not None
        return self._file

    def size(self) -> int:
        """Uncompressed size (for dictzip, read from the gzip trailer)."""
        with self._lock:
            if self._size is None:
                fh = self._open()
                try:
                    self._size = fh.seek(0, 2)
                except (OSError, EOFError, ValueError, zlib.error, struct_error) as exc:
                    raise ReaderError(self.path, f"damaged or truncated ({_reason(exc)})") from None
            return self._size

    def read(self, offset: int, length: int) -> bytes:
        with self._lock:
            fh = self._open()
            try:
                fh.seek(offset)
                data = fh.read(length)
            except (OSError, EOFError, ValueError, zlib.error, struct_error) as exc:
                raise ReaderError(self.path, f"damaged or truncated ({_reason(exc)})") from None
        if len(data) != length:
            raise ReaderError(
                self.path, f"an entry at byte {offset} runs past the end of the data (truncated?)"
            )
        return data

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


def _check_dictzip(path: Path) -> None:
    """Refuse a file that is not dictzip or is shorter than its own chunk table says.

    python-idzip loops forever looking for the end of a truncated file, so the sizes are
    checked first: the gzip header (RFC 1952) with the dictzip `RA` field (version, chunk
    length, chunk count, compressed size of each chunk), then the chunks, then 8 bytes of
    CRC and size.
    """
    with path.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 10 or head[:3] != b"\x1f\x8b\x08":
            raise ReaderError(path, "not a dictzip file (no gzip header)")
        flags = head[3]
        if not flags & 4 or len(head) < 12:
            raise ReaderError(
                path,
                "gzip without a dictzip chunk table; run `gunzip` and `dictzip` on it "
                "(or use the uncompressed .dict)",
            )
        xlen = int.from_bytes(head[10:12], "little")
        extra = fh.read(xlen)
        pos = 0
        chunks: list[int] | None = None
        while pos + 4 <= len(extra):
            sub_id, size = extra[pos : pos + 2], int.from_bytes(extra[pos + 2 : pos + 4], "little")
            body = extra[pos + 4 : pos + 4 + size]
            if sub_id == b"RA" and len(body) >= 6:
                count = int.from_bytes(body[4:6], "little")
                if len(body) < 6 + 2 * count:
                    raise ReaderError(path, "damaged dictzip header (chunk table cut short)")
                chunks = [
                    int.from_bytes(body[6 + 2 * i : 8 + 2 * i], "little") for i in range(count)
                ]
            pos += 4 + size
        if chunks is None:
            raise ReaderError(
                path,
                "gzip without a dictzip chunk table; run `gunzip` and `dictzip` on it "
                "(or use the uncompressed .dict)",
            )
        for flag in (8, 16):  # FNAME, FCOMMENT: zero-terminated
            if flags & flag:
                while fh.read(1) not in (b"\0", b""):
                    pass
        if flags & 2:  # FHCRC
            fh.read(2)
        start = fh.tell()
        size = path.stat().st_size
    if size < start + sum(chunks) + 8:
        raise ReaderError(
            path,
            f"damaged or truncated ({size:,} bytes, its chunk table needs "
            f"{start + sum(chunks) + 8:,})",
        )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__
