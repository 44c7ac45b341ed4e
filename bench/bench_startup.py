"""What a command costs from the shell: start-up, loading, work, in fresh processes.

    .venv/bin/python bench/bench_startup.py [--runs 5]

The issue's targets, each timed as a user runs it (a new process per run; wall and CPU time
of that process and its peak resident memory, from wait4):

- `reader import A --translation B`, two files of 2 KB each (the op-ed's first paragraphs
  and their Chinese translation): the very first run (empty cache folder: every index built)
  under 3 s, later runs under 1 s, peak RSS under 150 MB;
- `reader show` of a seed document under 0.5 s;
- `reader glossary add` on a 50,000-entry glossary under 0.5 s, start-up included.

The commands run as on a learner's machine: the package's bytecode compiled (as pip compiles
an installed package) and written when missing, whatever PYTHONDONTWRITEBYTECODE says here;
recompiling every module on every start costs a tenth of a second no user pays.

The resource usage wait4 reports for a command is that of the command together with every
child it waited for: its CPU time is theirs added up, its peak RSS the larger of the command's
own (RUSAGE_SELF) and its children's (RUSAGE_CHILDREN). Work moved into a child process is
counted; a control proves it (a child that allocates 200 MB). Each command is started by a
small launcher process (`tests/peakrss.py`), not by this script: Linux counts the memory of
the process a command was forked from in its peak.

Controls measured in the same run: `python -c pass`, `python -c "import reader.cli"` and that
child. Then where the first import's memory goes (resident memory before and after each
step and the peak within it, in a fresh process on an empty cache), and where a warm
import's time goes, from a profile of one warm run grouped by the part of the program (and
so the part of the work) it belongs to.
"""

from __future__ import annotations

import argparse
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit import ROOT, load_average, seed_text
from peakrss import measure

READER = [sys.executable, "-m", "reader"]
# A parent of 10 MB whose child touches 200 MB: the peak reported must be the child's.
CHILD_200MB = (
    "import subprocess, sys; "
    "subprocess.run([sys.executable, '-c', 'b = bytearray(200 << 20)'], check=True)"
)


def two_files(folder: Path) -> tuple[Path, Path]:
    """The op-ed's first English paragraphs (about 2 KB) and their Chinese translation."""
    text = seed_text("002")
    english, chinese = [], []
    for block in text.split("原文：")[1:]:
        parts = [p.strip() for p in block.split("\n\n") if p.strip()]
        en = [p for p in parts if p.isascii() and not p.startswith("#")]
        zh = [p for p in parts if not p.isascii() and "：" not in p[:6] and not p.startswith("#")]
        if not en or not zh:
            continue
        if sum(len(" ".join(e).encode()) for e in english) + len(" ".join(en).encode()) > 2048:
            break
        english.append(en)
        chinese.append(zh[0])
    a, b = folder / "op-ed.en.txt", folder / "op-ed.zh.txt"
    a.write_text("\n\n".join(" ".join(e) for e in english) + "\n", encoding="utf-8")
    b.write_text("\n\n".join(chinese) + "\n", encoding="utf-8")
    return a, b


def spawn(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one process and the children it waited for, started by
    a small launcher (`tests/peakrss.py`: a command started from this script would be counted
    as large as this script has grown)."""
    usage = measure(argv, env)
    if usage.exit_code:
        raise SystemExit(f"{' '.join(argv)} failed: {usage.stderr}")
    return usage.wall, usage.cpu, usage.peak_mb


def report(label: str, runs: list[tuple[float, float, float]], target: float | None) -> None:
    walls, cpus, rss = zip(*runs, strict=True)
    wall = statistics.median(walls)
    verdict = (
        "" if target is None else f"  target < {target} s: {'OK' if wall < target else 'NOT MET'}"
    )
    print(
        f"{label:<46} median {wall:6.3f} s wall (min {min(walls):.3f}), "
        f"{statistics.median(cpus):.3f} s CPU, peak {max(rss):.0f} MB   ({load_average()}){verdict}",
        flush=True,
    )


def breakdown(env: dict[str, str], a: Path, b: Path, tmp: Path) -> None:
    """Where a warm two-file import's time goes, grouped by part of the program."""
    prof = tmp / "import.prof"
    library = tmp / "profiled"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "reader", "import", str(a)]
        + ["--translation", str(b), "--library", str(library)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total = max(cum for (_cc, _nc, _tt, cum, _callers) in stats.values())
    parts = [
        ("jieba's dictionary (segmenter of the aligner)", "jieba/__init__.py", "initialize"),
        ("CC-CEDICT index (dictionary)", "reader/align/dictionary.py", "load"),
        ("lemma tables (lemma index)", "reader/lemma_tables.py", "english_table"),
        ("paragraph and sentence alignment", "reader/align/paragraphs.py", "align_paragraphs"),
        ("document written (YAML)", "reader/documents.py", "save_document"),
        ("importing modules", "<frozen importlib._bootstrap>", "_find_and_load"),
    ]
    print(f"where a warm two-file import's {total:.2f} s go (profiled, so slower than above):")
    for label, file_part, function in parts:
        cum = max(
            (v[3] for (f, _line, name), v in stats.items() if file_part in f and name == function),
            default=0.0,
        )
        print(f"  {label:<48} {cum:6.2f} s  {cum / total:4.0%}")
    print("  (alignment includes the dictionary and segmenter loads above; imports overlap too)")


MEMORY_STEPS = r"""
import functools, importlib, sys
STATUS = "/proc/self/status"


def hwm_and_rss():
    found = {}
    with open(STATUS) as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0]) / 1024
    return found["VmHWM"], found["VmRSS"]


def reset_peak():
    # Writing 5 to clear_refs sets the peak (VmHWM) back to the resident size now.
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


open_peaks = []  # the highest peak seen so far by each step under way, outermost first
steps = {}  # label -> [depth, calls, and the first call's RSS before, after, peak within]


def step(module, name, label):
    mod = importlib.import_module(module)
    fn = getattr(mod, name)

    @functools.wraps(fn)
    def measured(*args, **kwargs):
        hwm, before = hwm_and_rss()
        open_peaks[:] = [max(p, hwm) for p in open_peaks]
        row = steps.setdefault(label, [len(open_peaks), 0, before, before, before])
        reset_peak()
        open_peaks.append(before)
        try:
            return fn(*args, **kwargs)
        finally:
            hwm, after = hwm_and_rss()
            peak = max(open_peaks.pop(), hwm)
            open_peaks[:] = [max(p, peak) for p in open_peaks]
            row[1] += 1
            if row[1] == 1:
                row[3:] = after, peak

    setattr(mod, name, measured)


step("reader.languages", "_identify", "language identification (py3langid)")
step("reader.lemma_tables", "english_table", "English lemma table (lemminflect)")
step("reader.dictionary.cedict", "open_index", "CC-CEDICT index (built on first use)")
step("reader.importers.parallel", "align_paragraphs", "alignment (paragraphs and sentences)")
step("reader.importers.store", "import_into", "the import (all of the above and the rest)")
from reader.cli import main

start = hwm_and_rss()[1]
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(f"start-up (imports, command line) {start:.0f} MB")
for label, (depth, calls, before, after, peak) in steps.items():  # in the order first called
    times = f"  (the first of {calls} calls)" if calls > 1 else ""
    print(
        f"{'  ' * depth}{label:<46} {before:5.0f} -> {after:5.0f} MB, peak {peak:5.0f} MB{times}"
    )
"""


def memory_steps(env: dict[str, str], a: Path, b: Path, tmp: Path) -> None:
    """Where a first import's memory goes: each step's resident size before and after it
    and the peak within it, in a fresh process on an empty cache (Linux only: it reads
    /proc/self/status and resets the peak through /proc/self/clear_refs)."""
    if not Path("/proc/self/clear_refs").exists():
        print("(no /proc/self/clear_refs: memory steps not measured)")
        return
    cache = tmp / "cache-steps"
    shutil.rmtree(cache, ignore_errors=True)
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_STEPS, "import", str(a), "--translation", str(b)]
        + ["--library", str(tmp / "library-steps")],
        env={**env, "READER_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(f"where the first run's memory goes (resident MB; {load_average()}):")
    for line in out.splitlines():
        if not line.startswith("/"):  # the path of the document written
            print(f"  {line}")


ADD_PHASES = r"""
import sys, time
clock = time.process_time
t0 = clock()
from reader.cli import build_parser
build_parser()
from reader.model import Entry
from reader.vocabulary import Vocabulary
t1 = clock()
vocab = Vocabulary(sys.argv[1])
t2 = clock()
vocab.languages()  # read from the files: no look-up index is built for one add
t3 = clock()
vocab.add(Entry("zz bench phases", "en", ("x",)))
t4 = clock()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f} {t4 - t3:.3f}")
"""


def add_phases(env: dict[str, str], library: Path, path: Path, original: bytes) -> None:
    """Where `reader glossary add` on 50,000 entries spends its CPU time, in a fresh process."""
    rows = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", ADD_PHASES, str(library)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        rows.append([float(x) for x in out])
        path.write_bytes(original)
    best = [min(col) for col in zip(*rows, strict=True)]
    names = [
        "start-up: imports and the command line",
        "open the vocabulary (the parsed glossary from the cache)",
        "the library's languages (from the files, no index)",
        "the add: term new in the other files, careful save",
    ]
    print(
        f"where `reader glossary add` on 50,000 entries spends CPU (least of 3; {load_average()}):"
    )
    for name, seconds in zip(names, best, strict=True):
        print(f"  {name:<58} {seconds:6.3f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as name:
        tmp = Path(name)
        env = {
            **os.environ,
            "READER_CACHE_DIR": str(tmp / "cache"),
            "READER_STATE_DIR": str(tmp / "state"),
            "READER_CONFIG": str(tmp / "config.yaml"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")], env=env, check=True
        )
        print(f"fresh processes, {args.runs} runs each; {load_average()}")
        report(
            "control: python -c pass",
            [spawn([sys.executable, "-c", "pass"], env) for _ in range(args.runs)],
            None,
        )
        report(
            "control: a child that allocates 200 MB",
            [spawn([sys.executable, "-c", CHILD_200MB], env) for _ in range(args.runs)],
            None,
        )
        report(
            "control: python -c 'import reader.cli'",
            [spawn([sys.executable, "-c", "import reader.cli"], env) for _ in range(args.runs)],
            None,
        )
        a, b = two_files(tmp)
        sizes = f"{a.stat().st_size / 1024:.1f} + {b.stat().st_size / 1024:.1f} KB"

        def import_pair(run: int) -> tuple[float, float, float]:
            library = tmp / f"library{run}"
            return spawn(
                [*READER, "import", str(a), "--translation", str(b), "--library", str(library)], env
            )

        report(f"reader import (two files, {sizes}), first run", [import_pair(0)], 3.0)
        report(
            "reader import (two files), later runs",
            [import_pair(i + 1) for i in range(args.runs)],
            1.0,
        )
        seeds = ROOT / "seeds"
        report(
            "reader show 002_3fb843373e1af618 (the op-ed)",
            [
                spawn([*READER, "show", "002_3fb843373e1af618", "--library", str(seeds)], env)
                for _ in range(args.runs)
            ],
            0.5,
        )
        # A 50,000-entry glossary (bench_glossary's), put back between runs.
        from bench_glossary import english_text, glossary_text, terms

        rng = random.Random(7)
        big = tmp / "big"
        (big / "glossaries").mkdir(parents=True)
        path = big / "glossaries" / "en.yaml"
        path.write_text(glossary_text(terms(english_text(), 50_000, rng), rng), encoding="utf-8")
        original = path.read_bytes()
        spawn([*READER, "check", str(path)], env)  # the parsed glossary cached, as after any use
        runs = []
        for i in range(args.runs):
            runs.append(
                spawn(
                    [*READER, "glossary", "add", f"zz bench {i}", "测试", "--library", str(big)],
                    env,
                )
            )
            path.write_bytes(original)
        report("reader glossary add (50,000 entries)", runs, 0.5)
        runs = [spawn([*READER, "glossary", "--help"], env) for _ in range(args.runs)]
        report("reader glossary --help (start-up alone)", runs, None)
        add_phases(env, big, path, original)
        memory_steps(env, a, b, tmp)
        breakdown(env, a, b, tmp)
        shutil.rmtree(tmp / "state", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
