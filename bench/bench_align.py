"""Speed of the aligner: start-up in a fresh process, and texts from an article to a book.

Usage: python bench/bench_align.py [--quick]

The texts are the hand-written 8-sentence English-Chinese passage of the aligner's tests
(tests/test_align_sentences.py), repeated (numbered so no two sentences are equal), so the figures need no copyrighted data; one shape also joins and
splits sentences and drops a long stretch from the translation, so the first pass has to
widen its band. Quality is measured by bench/align_eval.py on the gold sets.

The machine is shared: every figure is printed with the load average, and a control (a
fixed amount of plain Python and numpy work) is timed in the same run, before and after,
so a slow figure can be told from a busy machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

import benchkit  # puts the repository on the import path

# The hand-written passage the aligner's tests rearrange into every bead shape, and its
# Dutch translation for the en-nl start-up figure.
from test_align_sentences import EN, ZH  # benchkit puts tests/ on the path

NL = [
    "Meta zegt dat Europa op het gebied van kunstmatige intelligentie de verkeerde kant op gaat.",
    "Het bedrijf tekent de vrijwillige gedragscode niet.",
    "Het wijst op juridische onzekerheid voor ontwikkelaars van open modellen.",
    "De wet treedt in augustus 2025 in werking.",
    "Critici in Brussel noemen het besluit een vergissing?",
    "Spotify-oprichter Daniel Ek is het eens met Mark Zuckerberg.",
    "Beide mannen zeggen dat complexe regels innovatie in Europa vertragen.",
    "Toezichthouders antwoorden dat burgers bescherming nodig hebben tegen machtige systemen.",
]


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def control() -> float:
    """Seconds for a fixed amount of interpreter and numpy work (about 0.3 s when idle)."""
    import numpy as np

    start = time.perf_counter()
    total = 0
    for k in range(1_500_000):
        total += k % 7
    a = np.arange(2_000_000, dtype=np.float64)
    for _ in range(20):
        a = np.sqrt(a + 1.0)
    return time.perf_counter() - start


def book(n: int, shaped: bool) -> tuple[list[str], list[str]]:
    src = [f"{s} ({k})" for k in range(n // 8) for s in EN]
    tgt = [f"{s}（{k}）" for k in range(n // 8) for s in ZH]
    if shaped:
        # Every 50th pair of translation sentences joined, every 70th sentence split in two,
        # and 300 sentences missing from the translation a third of the way in.
        out: list[str] = []
        for j, sentence in enumerate(tgt):
            if j % 50 == 1 and out:
                out[-1] += sentence
            elif j % 70 == 0:
                cut = len(sentence) // 2
                out.extend([sentence[:cut] + "。", sentence[cut:]])
            else:
                out.append(sentence)
        third = len(out) // 3
        tgt = out[:third] + out[third + 300 :]
    return src, tgt


STARTUP = {
    "import the aligner": "import reader.align",
    "first en-nl alignment (no dictionary)": (
        "from reader.align import align_sentences; align_sentences({nl}, {en}, 'nl', 'en')"
    ),
    "first zh-en alignment (cached CEDICT index)": (
        "from reader.align import align_sentences; align_sentences({zh}, {en}, 'zh', 'en')"
    ),
}


# Appended to each start-up script: the child's own CPU seconds and peak memory (VmHWM,
# since ru_maxrss of a forked child starts from its parent's).
USAGE = """
import resource, re
u = resource.getrusage(resource.RUSAGE_SELF)
hwm = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())
print(u.ru_utime + u.ru_stime, int(hwm.group(1)) // 1024 if hwm else -1)
"""


def startup() -> None:
    """Each step in a fresh interpreter, as `reader import` meets it: wall, CPU and RSS."""
    from reader.align import align_sentences

    align_sentences(["一。"], ["One."], "zh", "en")  # the dictionary index exists, cached
    print("| start-up, fresh process | wall s | CPU s | peak RSS MB |")
    print("|---|---|---|---|")
    for label, code in STARTUP.items():
        script = code.format(nl=repr(NL), en=repr(EN), zh=repr(ZH))
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", script + USAGE],
                capture_output=True,
                text=True,
                check=True,
                cwd=str(benchkit.ROOT),
            )
            wall = time.perf_counter() - start
            cpu, rss = done.stdout.split()
            runs.append((wall, float(cpu), int(rss)))
        wall, cpu, rss = min(runs)
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {rss} |", flush=True)


def sizes(quick: bool) -> None:
    from reader.align import align_sentences

    print("\n| sentences per side | shape | wall s | CPU s | peak RSS MB | 1-1 beads | load |")
    print("|---|---|---|---|---|---|---|")
    plan = [(8, False), (96, False), (1000, False), (3000, False), (10_000, False), (10_000, True)]
    for n, shaped in plan[:4] if quick else plan:
        src, tgt = book(n, shaped)
        start, cpu = time.perf_counter(), time.process_time()
        links = align_sentences(src, tgt, "en", "zh")
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        ones = sum(1 for link in links if len(link.source) == len(link.target) == 1)
        shape = "joins, splits, 300 missing" if shaped else "1-1"
        print(
            f"| {len(src)} / {len(tgt)} | {shape} | {wall:.2f} | {cpu:.2f} | {peak} | {ones} "
            f"| {load()} |",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="up to 3,000 sentences only")
    args = parser.parse_args()
    print(f"control before: {control():.2f} s ({load()})\n")
    startup()
    sizes(args.quick)
    print(f"\ncontrol after: {control():.2f} s ({load()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
