"""Speed of the aligner: dictionary loading, and texts from an article to a book.

Usage: python bench/bench_align.py

The texts are the hand-written 8-sentence English-Chinese passage of the aligner's tests
(tests/test_align_sentences.py), repeated (numbered so no two sentences are equal), so the
figures need no copyrighted data. Quality is measured by bench/align_eval.py on the gold sets.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time

import benchkit  # noqa: F401 - puts the repository and tests/ on the import path

# The hand-written passage the aligner's tests rearrange into every bead shape.
from test_align_sentences import EN, ZH


def main() -> int:
    from reader.align import align_sentences, dictionary

    with tempfile.TemporaryDirectory() as cache:
        os.environ["READER_CACHE_DIR"] = cache
        start = time.perf_counter()
        dictionary.load()
        print(
            f"dictionary, first use (build and cache the index): {time.perf_counter() - start:.2f} s"
        )
        dictionary.load.cache_clear()
        start = time.perf_counter()
        dictionary.load()
        print(
            f"dictionary, later runs (load the cached index):   {time.perf_counter() - start:.2f} s"
        )
    start = time.perf_counter()
    align_sentences(["一。"], ["One."], "zh", "en")  # the segmenter's own start-up
    print(f"first alignment (segmenter start-up):             {time.perf_counter() - start:.2f} s")
    print("\n| sentences per side | seconds | peak memory MB | 1-1 beads |")
    print("|---|---|---|---|")
    for n in (8, 100, 1000, 3000, 10000):
        src = [f"{s} ({k})" for k in range(n // 8) for s in EN]
        tgt = [f"{s}（{k}）" for k in range(n // 8) for s in ZH]
        start = time.perf_counter()
        links = align_sentences(src, tgt, "en", "zh")
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        ones = sum(1 for link in links if len(link.source) == len(link.target) == 1)
        print(f"| {len(src)} | {elapsed:.2f} | {peak} | {ones} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
