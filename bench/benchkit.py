"""What the benchmark scripts share: the repository on the import path, the seed texts (the
copies bundled in seeds/originals), and a timer."""

from __future__ import annotations

import os
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


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """The shortest wall time of `runs` calls."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def load_average() -> str:
    """The machine's load, to print beside every figure: the machine may be shared, and a
    figure taken at load 6 on two cores is not one taken at load 0."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
