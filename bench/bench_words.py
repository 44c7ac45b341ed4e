"""What the word cursor costs now that Chinese is cut into words (jieba), against English
(a regular expression only) in the same run.

    .venv/bin/python bench/bench_words.py [--rounds 20]

Prints, with the load average:
- the first Chinese word move in a fresh process, which loads jieba's dictionary (what the
  reading screen's worker does after the first frame, so no key waits for it), and whether
  importing the app loaded jieba (it must not: start-up does not pay for it);
- the words of every sentence of the op-ed seed, Chinese and English, per sentence, from a
  cold cache of cut runs and a warm one (a word move asks for one sentence's words).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FRESH = """
import sys, time
t = time.perf_counter()
import reader.ui.app
app_s = time.perf_counter() - t
loaded = "jieba" in sys.modules
from reader.ui.viewmodel.navigator import words_in
text = "这是科技的一个重要时刻。"
t = time.perf_counter()
words_in(text, (0, len(text)))
print(f"{app_s:.3f} {loaded} {time.perf_counter() - t:.3f}")
"""


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def sentences() -> tuple[list[str], list[str]]:
    from reader.library import Library

    library = Library(ROOT / "seeds")
    english: list[str] = []
    chinese: list[str] = []
    for doc_id in library.document_ids():
        doc = library.load_document(doc_id)
        if doc.target_lang != "zh":
            continue
        for seg in doc.segments:
            english.extend(seg.source.sentences)
            if seg.target is not None:
                chinese.extend(seg.target.sentences)
    return english, chinese


def per_sentence(texts: list[str], rounds: int, *, cold: bool) -> float:
    """Median microseconds to find the words of one sentence."""
    from reader.ui.viewmodel import navigator

    times: list[float] = []
    for _ in range(rounds):
        if cold:
            navigator._han_words.cache_clear()
        start = time.perf_counter()
        for text in texts:
            navigator.words_in(text, (0, len(text)))
        times.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fresh-runs", type=int, default=3)
    args = parser.parse_args()

    for n in range(args.fresh_runs):
        out = subprocess.run(
            [sys.executable, "-c", FRESH], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
        app_s, loaded, first = float(out[0]), out[1] == "True", float(out[2])
        print(
            f"fresh process {n + 1}: import the app {app_s:.2f} s (jieba loaded: {loaded}); "
            f"first Chinese word move {first:.2f} s   [{load()}]",
            flush=True,
        )

    from reader.ui.viewmodel.navigator import prepare_words

    prepare_words()
    english, chinese = sentences()
    print(f"op-ed seed: {len(english)} English and {len(chinese)} Chinese sentences")
    for name, texts in (("English (control)", english), ("Chinese", chinese)):
        cold = per_sentence(texts, args.rounds, cold=True)
        warm = per_sentence(texts, args.rounds, cold=False)
        print(
            f"words of one sentence, {name}: {cold:.0f} µs cold cache, {warm:.0f} µs warm "
            f"(median of {args.rounds})   [{load()}]",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
