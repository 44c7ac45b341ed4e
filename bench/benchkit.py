"""What the benchmark scripts share: the repository on the import path, the seed texts (the
copies bundled in seeds/originals), and a timer."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ORIGINALS = ROOT / "seeds" / "originals"


def seed_path(prefix: str) -> Path:
    """The bundled seed whose file name starts with `prefix` (`002`)."""
    found = sorted(ORIGINALS.glob(f"{prefix}_*.txt"))
    if not found:
        raise SystemExit(f"seed {prefix} not found in {ORIGINALS}")
    return found[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def best_of(
    runs: int, fn: Callable[[], object], timer: Callable[[], float] = time.perf_counter
) -> float:
    """The shortest time of `runs` calls: wall time, or what `timer` measures
    (`time.process_time` for the processor time of this process alone)."""
    best = float("inf")
    for _ in range(runs):
        start = timer()
        fn()
        best = min(best, timer() - start)
    return best
