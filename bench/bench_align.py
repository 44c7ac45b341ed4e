"""Speed of the aligner: dictionary loading, and texts from an article to a book.

Usage: python bench/bench_align.py

The texts are a hand-written 8-sentence English-Chinese passage repeated (numbered so no
two sentences are equal), so the figures need no copyrighted data. Quality is measured by
bench/align_eval.py on the gold sets.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time

import benchkit  # noqa: F401 - puts the repository on the import path

EN = [
    "Meta says Europe is heading down the wrong path on artificial intelligence.",
    "The company will not sign the voluntary code of practice.",
    "It cites legal uncertainty for developers of open models.",
    "The law comes into force in August 2025.",
    "Critics in Brussels call the decision a mistake?",
    "Spotify's founder Daniel Ek agrees with Mark Zuckerberg.",
    "Both men say that complex rules will slow down innovation in Europe.",
    "Regulators reply that citizens need protection from powerful systems.",
]
ZH = [
    "Meta表示，欧洲在人工智能问题上正走向错误的道路。",
    "该公司不会签署这份自愿的行为准则。",
    "它以开放模型开发者面临的法律不确定性为理由。",
    "这项法律将于2025年8月生效。",
    "布鲁塞尔的批评者称这一决定是个错误？",
    "Spotify创始人丹尼尔·埃克同意马克·扎克伯格的看法。",
    "两人都说，复杂的规则会减缓欧洲的创新。",
    "监管者回应说，公民需要受到保护，免受强大系统的伤害。",
]


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
