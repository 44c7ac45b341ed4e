"""py3langid's model, opened from an uncompressed copy in the cache instead of decompressed.

py3langid ships its model as an LZMA-compressed NumPy archive and decompresses all 68 MB of it
on every load: about a second, most of what a short import costs, and the whole model
resident. The first load writes the arrays once as plain `.npy` files into the cache folder,
named by the digest of the compressed file (a new py3langid makes a new copy, never a stale
answer); later loads memory-map them, so only the pages a text's features touch are read.

The identifier is then built exactly as py3langid's `from_model_file` builds it, with the
state table as a memory view (indexing it gives plain ints, as the stdlib array does). With
the cache off or unwritable, py3langid's own loader is used: slower, same answers.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reader.fsutil import cache_dir

# The arrays py3langid's model archive holds (see py3langid.modelio.load_model).
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def load_identifier() -> Any:
    """py3langid's `LanguageIdentifier` with normalised probabilities."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = Path(MODEL_DIR) / MODEL_FILE
    folder = _cached_copy(source)
    if folder is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    import numpy as np

    maps: list[mmap.mmap] = []

    def array(name: str, mapped: bool = False) -> Any:
        if not mapped:
            return np.load(folder / f"{name}.npy")
        with (folder / f"{name}.npy").open("rb") as fh:
            shape, fortran, dtype = _header(fh)
            start = fh.tell()
            maps.append(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
        order: Literal["C", "F"] = "F" if fortran else "C"
        return np.ndarray(shape, dtype=dtype, buffer=maps[-1], offset=start, order=order)

    return _released_after_use()(
        maps,
        array("ptc", mapped=True),
        array("pc"),
        array("classes").tolist(),
        _ints(array("nextmove", mapped=True)),
        _ints(array("out_feat")),
        norm_probs=True,
        tk_row=_ints(array("nextmove_row")),
    )


# Pages are given back at most once in this many seconds (see `_released_after_use`).
_RELEASE_EVERY = 0.01


@cache
def _released_after_use() -> Any:
    """py3langid's identifier over mapped tables that gives their pages back after a text.

    Walking the state table for even a line of text touches pages all over its 67 MB (the
    kernel maps the neighbours of each page read too), so after one text 35 MB of the model
    is resident in the process, and stays so until it exits though nothing needs it until
    the next text. Dropping the pages (MADV_DONTNEED on a read-only file mapping) only
    unmaps them: they come back from the page cache, unchanged, when touched again, for
    about a quarter of a millisecond. An importer may ask about thousands of short lines in
    a row (a subtitle's cues), so the pages are given back at most once every 10 ms: a lone
    text gives them back at once, a burst pays a few percent at most."""
    import time

    from py3langid.langid import LanguageIdentifier

    release = getattr(mmap, "MADV_DONTNEED", None)

    class Identifier(LanguageIdentifier):  # type: ignore[misc]
        def __init__(self, maps: list[mmap.mmap], *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._maps = maps
            self._released_at = -_RELEASE_EVERY

        def _release(self) -> None:
            now = time.monotonic()
            if release is None or now - self._released_at < _RELEASE_EVERY:
                return
            self._released_at = now
            for mapped in self._maps:
                mapped.madvise(release)

        def classify(self, text: Any) -> Any:
            try:
                return super().classify(text)
            finally:
                self._release()

        def rank(self, text: Any) -> Any:
            try:
                return super().rank(text)
            finally:
                self._release()

    return Identifier


def _ints(values: Any) -> Any:
    """A one-dimensional integer array as a memory view: indexing it gives plain ints, as
    a list does, without an object per item (the state table's 10 million entries; the
    lists of the features and rows, 100,000 each, would take 4 MB apiece)."""
    codes: dict[tuple[str, int], Literal["h", "i", "q", "H", "I", "Q"]] = {
        ("i", 2): "h",
        ("i", 4): "i",
        ("i", 8): "q",
        ("u", 2): "H",
        ("u", 4): "I",
        ("u", 8): "Q",
    }
    code = codes.get((values.dtype.kind, values.dtype.itemsize))
    if code is None or values.ndim != 1:  # not such an array: a list, as py3langid makes
        return values.tolist()
    return memoryview(values).cast("B").cast(code)


def _cached_copy(source: Path) -> Path | None:
    """The folder of the model's arrays in the cache, written on first use; None when there
    is no cache or it cannot be written."""
    root = cache_dir()
    if root is None:
        return None
    try:
        digest = hashlib.blake2b(source.read_bytes(), digest_size=12).hexdigest()
    except OSError:
        return None
    folder = root / "langid" / f"model-{digest}"
    if all((folder / f"{name}.npy").is_file() for name in _ARRAYS):
        return folder
    try:
        _write_copy(source, folder)
    except (OSError, ValueError, KeyError):
        return None
    return folder


def _write_copy(source: Path, folder: Path) -> None:
    """Decompress the model into a temporary folder beside `folder` and rename it in place:
    another process sees every array or none.

    The archive's members are `.npy` files already: each is copied out as it is, a megabyte
    at a time, never loaded (the state table alone is 39 MB), and its header checked to be
    an array that can be memory-mapped as it stands."""
    import lzma
    import zipfile

    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.is_dir():  # incomplete: an array was removed or lost since
        shutil.rmtree(folder)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        with tempfile.TemporaryFile(suffix=".npz", dir=tmp) as archive:
            with lzma.open(source) as src:
                shutil.copyfileobj(src, archive, length=1 << 20)
            archive.seek(0)
            with zipfile.ZipFile(archive) as members:
                for name in _ARRAYS:
                    with (
                        members.open(f"{name}.npy") as member,
                        (tmp / f"{name}.npy").open("wb") as out,
                    ):
                        shutil.copyfileobj(member, out, length=1 << 20)
                    _check_mappable(tmp / f"{name}.npy")
        try:
            os.rename(tmp, folder)
        except OSError:
            if not folder.is_dir():  # not another process that got there first
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _header(fh: BinaryIO) -> tuple[tuple[int, ...], bool, Any]:
    """(shape, Fortran order, dtype) from an `.npy` file's header; the file is left at the
    start of the data."""
    from numpy.lib import format as npy

    version = npy.read_magic(fh)
    if version == (1, 0):
        return npy.read_array_header_1_0(fh)
    return npy.read_array_header_2_0(fh)


def _check_mappable(path: Path) -> None:
    """ValueError unless `path` holds one array of plain values (what can be mapped as it
    stands); py3langid's own loader is used then."""
    with path.open("rb") as fh:
        _shape, _fortran, dtype = _header(fh)
    if dtype.hasobject:
        raise ValueError(f"{path.name}: not an array to map")
