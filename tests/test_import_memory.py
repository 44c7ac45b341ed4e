"""A small import's peak memory, on the very first run (every index built: the CC-CEDICT
index, the lemma table, the language model's copy) and on a later one.

The issue's bound for a two-file import of 2 KB a side is 150 MB; this measures the peak
resident size of the whole `reader import` process as wait4 reports it (with any child it
waited for, so work moved into a child would still count), started by a small launcher
(`peakrss`) so that the test run's own size is not counted in. The figures are about 100 MB on
both runs, where the first run used to take 256 MB; the bound leaves a third of it for
differences between machines. Memory, not time: the result does not depend on the load.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from peakrss import measure

from reader.documents import load_document

ROOT = Path(__file__).resolve().parents[1]
BOUND_MB = 150


def two_files(folder: Path) -> tuple[Path, Path]:
    """The op-ed's first paragraphs, about 2 KB, and their Chinese translation."""
    doc = load_document(next((ROOT / "seeds" / "documents").glob("002_*.yaml")))
    english: list[str] = []
    chinese: list[str] = []
    for segment in doc.segments:
        if segment.kind != "paragraph" or not segment.target:
            continue
        if len(" ".join([*english, *segment.source.sentences]).encode()) > 2048:
            break
        english.append(" ".join(segment.source.sentences))
        chinese.append("".join(segment.target.sentences))
    a, b = folder / "op-ed.en.txt", folder / "op-ed.zh.txt"
    a.write_text("\n\n".join(english) + "\n", encoding="utf-8")
    b.write_text("\n\n".join(chinese) + "\n", encoding="utf-8")
    return a, b


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux only")
def test_a_small_import_stays_under_150_mb_on_the_first_run_and_after(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    assert 1500 < a.stat().st_size <= 2100 and b.stat().st_size > 500
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}  # empty: a first run

    def run(n: int) -> float:
        library = tmp_path / f"library{n}"
        argv = [sys.executable, "-m", "reader", "import", str(a), "--translation", str(b)]
        usage = measure([*argv, "--library", str(library)], env)
        assert usage.exit_code == 0, usage.stderr
        assert len(list((library / "documents").glob("*.yaml"))) == 1
        return usage.peak_mb

    first = run(1)
    assert (tmp_path / "cache" / "dictionaries").is_dir()  # the first run built the indexes
    later = run(2)
    assert first < BOUND_MB and later < BOUND_MB, (first, later)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux only")
def test_the_measure_counts_a_commands_children_and_not_the_process_that_started_it() -> None:
    ballast = bytearray(300 << 20)  # this process, grown as a long test run grows
    ballast[:: 1 << 12] = b"x" * len(ballast[:: 1 << 12])  # resident, page by page
    bare = measure([sys.executable, "-c", "pass"], dict(os.environ))
    child = (
        "import subprocess, sys; subprocess.run([sys.executable, '-c', 'b = bytearray(200 << 20)'])"
    )
    parent = measure([sys.executable, "-c", child], dict(os.environ))
    assert bare.exit_code == parent.exit_code == 0
    assert bare.peak_mb < 50 and 200 < parent.peak_mb < 260, (bare, parent)
    del ballast
