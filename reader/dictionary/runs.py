"""Sorting more records than should sit in memory at once: sorted runs on disk, merged.

An index's keys are sorted once, when it is built. Held as one list, CC-CEDICT's reversed
table alone is 440,000 Python bytes objects, about 27 MB, two thirds of it object headers
and pointers, on top of whatever the builder keeps, and a user's dictionary may be ten
times larger. Records are therefore collected in runs of a bounded count; a full run is
sorted and written to a temporary file as marshalled batches, and the runs are merged
lazily (`heapq.merge`), so what is resident is one run being filled plus one batch per run
being merged, however large the dictionary.
"""

from __future__ import annotations

import heapq
import marshal
import struct
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

# Records per run: about 4 MB of small bytes objects.
RUN_RECORDS = 1 << 16
# Records per marshalled batch of a run on disk: what each run holds in memory while merging.
_BATCH = 4096
_LENGTH = struct.Struct("<I")


class SortedRuns:
    """Bytes records in, the same records out in sorted order (`sorted()`'s, duplicates kept)."""

    def __init__(self, run_records: int = RUN_RECORDS, folder: Path | None = None) -> None:
        self._limit = max(1, run_records)
        self._folder = folder
        self._pending: list[bytes] = []
        self._runs: list[IO[bytes]] = []

    @property
    def spilled(self) -> int:
        """How many runs have been written to disk so far."""
        return len(self._runs)

    def add(self, record: bytes) -> None:
        self._pending.append(record)
        if len(self._pending) >= self._limit:
            self._spill()

    def extend(self, records: Iterable[bytes]) -> None:
        pending, limit = self._pending, self._limit
        for record in records:
            pending.append(record)
            if len(pending) >= limit:
                self._spill()
                pending = self._pending

    def _spill(self) -> None:
        pending = self._pending
        self._pending = []
        pending.sort()
        fh = tempfile.TemporaryFile(dir=self._folder)  # noqa: SIM115 - kept until merged
        for start in range(0, len(pending), _BATCH):
            batch = marshal.dumps(pending[start : start + _BATCH])
            fh.write(_LENGTH.pack(len(batch)) + batch)
        del pending
        self._runs.append(fh)

    def __iter__(self) -> Iterator[bytes]:
        """Every record, sorted. Consumes the sorter: it is empty afterwards."""
        if not self._runs:
            pending, self._pending = self._pending, []
            pending.sort()
            yield from pending
            return
        if self._pending:
            self._spill()
        runs, self._runs = self._runs, []
        try:
            yield from heapq.merge(*(_read_run(fh) for fh in runs))
        finally:
            for fh in runs:
                fh.close()

    def close(self) -> None:
        self._pending = []
        for fh in self._runs:
            fh.close()
        self._runs = []


def _read_run(fh: IO[bytes]) -> Iterator[bytes]:
    # Each batch is read whole and unmarshalled from bytes: `marshal.load` on a file reads
    # it object by object, a method call per record.
    fh.seek(0)
    while head := fh.read(_LENGTH.size):
        yield from marshal.loads(fh.read(_LENGTH.unpack(head)[0]))
