"""Import grows linearly: doubling the text must not more than triple the work.

The test-sized version of the import curve of bench/bench_growth.py. It must hold on a
loaded machine and never flake, so it does not compare wall times. Two measures, both
required to stay under the bound:

- Python bytecode instructions executed (counted with an opcode tracer): exact and the same
  on any machine, for everything written in Python;
- CPU time of this process, the least of several runs of each size taken in turn (load adds
  time, never takes it away, so the least is the run nearest the true cost), which also
  sees work done inside C (a regex over the whole text once per paragraph, `x in list`).

A cost that is linear gives a ratio near 2 for twice the input, a quadratic one near 4.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from seedfiles import OPED, repeated, seed_path

from reader.importers import import_file

BOUND = 3.0


def opcodes(fn: Callable[[], object]) -> int:
    """Bytecode instructions executed by `fn` (in this thread)."""
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "opcode":
            count += 1
        return local

    def calls(frame, event, arg):  # type: ignore[no-untyped-def]
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        return local

    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def least_cpu(fns: list[Callable[[], object]], runs: int) -> list[float]:
    """The least CPU time of each function over `runs` rounds, the functions taken in turn
    in every round so that a busy spell hits all of them alike."""
    best = [float("inf")] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.process_time()
            fn()
            best[i] = min(best[i], time.process_time() - start)
    return best


def cpu_ratio(small: Callable[[], object], large: Callable[[], object]) -> float:
    """CPU time of `large` over `small`; measured again (up to three rounds) before a ratio
    over the bound is believed."""
    ratio = float("inf")
    for _ in range(3):
        t_small, t_large = least_cpu([small, large], runs=5)
        ratio = min(ratio, t_large / t_small)
        if ratio <= BOUND:
            break
    return ratio


def growth(make: Callable[[int], Path], size: int) -> tuple[float, float]:
    """(opcode ratio, CPU ratio) of importing the text of 2*size over that of size."""
    small, large = make(size), make(2 * size)
    import_file(make(size // 2))  # first use: regexes, tables, dictionaries, caches
    import_file(small)
    import_file(large)
    ops = opcodes(lambda: import_file(large)) / opcodes(lambda: import_file(small))
    cpu = cpu_ratio(lambda: import_file(small), lambda: import_file(large))
    return ops, cpu


def plain_text(words: int) -> str:
    paragraphs: list[str] = []
    for name in ("003", "000", "004"):  # English, Dutch, Dutch
        text = seed_path(name).read_text(encoding="utf-8")
        paragraphs += [line.strip() for line in text.splitlines() if len(line.split()) > 8]
    return "\n\n".join(repeated(paragraphs, words)) + "\n"


def annotated_book(blocks: int) -> str:
    """The op-ed's head, then its first `blocks` annotated blocks (original, translation,
    notes), taken round again as often as needed."""
    text = seed_path(OPED).read_text(encoding="utf-8")
    head, body = text.split("原文：", 1)
    units = ["原文：" + b for b in body.split("## 后记")[0].split("原文：")]
    return head + "".join(units[i % len(units)] for i in range(blocks))


@pytest.fixture
def maker(tmp_path: Path) -> Callable[[Callable[[int], str], str], Callable[[int], Path]]:
    def make(content: Callable[[int], str], suffix: str) -> Callable[[int], Path]:
        def path_for(size: int) -> Path:
            path = tmp_path / f"{size}{suffix}"
            if not path.exists():
                path.write_text(content(size), encoding="utf-8")
            return path

        return path_for

    return make


def test_plain_import_grows_linearly(maker) -> None:  # type: ignore[no-untyped-def]
    ops, cpu = growth(maker(plain_text, ".txt"), 16000)
    assert ops <= BOUND, f"twice the words took {ops:.2f}x the bytecode"
    assert cpu <= BOUND, f"twice the words took {cpu:.2f}x the CPU time"


def test_annotated_import_grows_linearly(maker) -> None:  # type: ignore[no-untyped-def]
    ops, cpu = growth(maker(annotated_book, ".md"), 8)
    assert ops <= BOUND, f"twice the blocks took {ops:.2f}x the bytecode"
    assert cpu <= BOUND, f"twice the blocks took {cpu:.2f}x the CPU time"


def test_the_measures_catch_a_quadratic_step(tmp_path: Path) -> None:
    # The same measures over a deliberately quadratic "import": each must exceed the bound,
    # or the tests above could not fail.
    def quadratic(words: list[str]) -> int:
        pairs = 0
        for i, word in enumerate(words):
            for other in words[:i]:
                pairs += word == other
        return pairs

    small = plain_text(600).split()
    large = plain_text(1200).split()
    ops = opcodes(lambda: quadratic(large)) / opcodes(lambda: quadratic(small))
    cpu = cpu_ratio(lambda: quadratic(small), lambda: quadratic(large))
    assert ops > BOUND and cpu > BOUND, (ops, cpu)
