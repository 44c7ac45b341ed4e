"""A command's wall time, CPU time and peak resident memory, as the command alone has them.

wait4 reports the usage of a command together with every child it waited for (its peak RSS
is the larger of RUSAGE_SELF and RUSAGE_CHILDREN), so work moved into a child is counted.
But Linux also counts in a process's peak the memory of the process it was forked from, up
to its exec: a command started straight from a test run or a benchmark that has grown to
400 MB is measured at 400 MB. Each command is therefore started by a small launcher process
(a bare interpreter, about 10 MB), which measures it and writes the figures to a file.
Shared by the tests and the benchmarks.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass

_LAUNCHER = """
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(out, "w") as fh:
    fh.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} "
             f"{os.waitstatus_to_exitcode(status)}")
"""


@dataclass(frozen=True)
class Usage:
    """What one run of a command cost; `peak_mb` from ru_maxrss (kilobytes on Linux)."""

    wall: float
    cpu: float
    peak_mb: float
    exit_code: int
    stderr: str
    stdout: str = ""  # with `output=True`


def measure(argv: list[str], env: dict[str, str], *, output: bool = False) -> Usage:
    """Run `argv` (its first item an absolute path) through the launcher and measure it;
    with `output`, what it printed is kept too."""
    with tempfile.NamedTemporaryFile("r", suffix=".usage") as out:
        proc = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, out.name, *argv],
            env=env,
            stdout=subprocess.PIPE if output else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        figures = out.read().split()
    printed = proc.stdout.decode() if output else ""
    if proc.returncode or len(figures) != 4:
        return Usage(0.0, 0.0, 0.0, proc.returncode or 1, proc.stderr.decode(), printed)
    wall, cpu, rss, code = figures
    return Usage(float(wall), float(cpu), int(rss) / 1024, int(code), proc.stderr.decode(), printed)
