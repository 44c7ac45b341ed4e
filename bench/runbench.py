"""Every benchmark in turn (`make bench`), the machine's load beside every figure, within a
time budget.

    .venv/bin/python bench/runbench.py [--only growth import ...] [--budget 600]

Runs each `bench/bench_*.py` in a fresh process, as `make bench` always did, and passes its
output through: a line that holds a figure and does not already say the load gets the
one-minute load average at the moment it was printed appended, since the machine may be
shared and a figure means little without it. Prints how long each script took and the total
against the budget (10 minutes on two cores); the exit status is 1 when a script fails.
`compare_lute.py` is not part of it: it installs Lute first and takes longer (run it alone).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Options that keep a script's share of the budget; its defaults stay what it measures alone.
QUICKER: dict[str, list[str]] = {
    "bench_app": ["--cold-runs", "10"],
    "bench_first_frame": ["--runs", "3"],
    "bench_growth": ["--passes", "1"],
}

# A line with a number in it: a figure, or a row of a table of figures.
FIGURE = re.compile(r"\d")


def with_load(line: str) -> str:
    if not FIGURE.search(line) or "load" in line:
        return line
    return f"{line}   [load {os.getloadavg()[0]:.2f}]"


def run(script: Path) -> tuple[int, float, float]:
    """(exit code, wall seconds, CPU seconds of the script and its children)."""
    start = time.perf_counter()
    before = os.times()
    command = [sys.executable, "-u", str(script), *QUICKER.get(script.stem, [])]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=HERE.parent)
    assert proc.stdout is not None
    for line in proc.stdout:
        print(with_load(line.rstrip("\n")), flush=True)
    code = proc.wait()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return code, time.perf_counter() - start, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="e.g. growth import")
    parser.add_argument("--budget", type=float, default=600, help="seconds (default 600)")
    args = parser.parse_args(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    cores = os.cpu_count()
    print(f"{len(scripts)} benchmarks on {cores} cores; load {os.getloadavg()[0]:.2f}", flush=True)
    took: list[tuple[str, int, float, float]] = []
    for script in scripts:
        print(f"\n== {script.name} (load {os.getloadavg()[0]:.2f})", flush=True)
        took.append((script.name, *run(script)))
    wall = sum(t[2] for t in took)
    cpu = sum(t[3] for t in took)
    print("\n== time taken (CPU time is about what a quiet machine takes in wall time)")
    for name, code, seconds, used in took:
        print(f"  {name:<22} {seconds:6.0f} s wall {used:6.0f} s CPU{'   FAILED' if code else ''}")
    verdict = "within" if wall <= args.budget else "OVER"
    print(
        f"  {'all':<22} {wall:6.0f} s wall {cpu:6.0f} s CPU   ({verdict} the {args.budget:.0f} s "
        f"budget in wall time; load {os.getloadavg()[0]:.2f} on {cores} cores)"
    )
    return 1 if any(code for _name, code, _wall, _cpu in took) else 0


if __name__ == "__main__":
    raise SystemExit(main())
