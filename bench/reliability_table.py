"""The reliability table: each category of the reliability suite run at full counts against
a version of the code, printed as categories, cases tried and failures.

To compare two versions, run it once on each (the material and the judge are this tree's,
`tests/reliability_cases.py`; the code under test is `--code`, a folder holding `reader/`):

    git archive main | tar -x -C /tmp/before
    python bench/reliability_table.py --code /tmp/before --json before.json
    python bench/reliability_table.py --json after.json
    python bench/reliability_table.py --compare before.json after.json

Every run of the code under test is a child process with a memory limit and a time limit,
so a hang or a runaway read (`/dev/zero`) is counted, not suffered. The full-disk category
mounts small tmpfs file systems, which needs root; without it that category says so.

Not part of `make bench` (it takes several minutes): run it by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
sys.path.insert(0, str(TESTS))

import reliability_cases as cases

MEMORY = 3 << 30  # bytes a child may use


def child(code: Path, script: str, timeout: float = 120) -> Any:
    """Run `script` (which prints one JSON value) with `code`'s `reader` importable; the
    JSON, or {"hang": True} after `timeout` seconds, or {"crash": stderr}."""
    prelude = (
        "import json, resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))\n"
        f"sys.path[:0] = [{str(code)!r}, {str(TESTS)!r}]\n"
        "import reliability_cases as cases\n"
    )
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", READER_CACHE_DIR="")
    env.pop("PYTHONPATH", None)
    try:
        done = subprocess.run(
            [sys.executable, "-c", prelude + script],
            check=False,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=tempfile.gettempdir(),
        )
    except subprocess.TimeoutExpired:
        return {"hang": True}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"crash": done.stderr.strip()[-300:]}
    return json.loads(lines[-1])


# --- the categories ----------------------------------------------------------------------------

Row = tuple[str, int, int, str]  # category, tried, failed, note


def bad_inputs(code: Path, work: Path) -> list[Row]:
    by_category: dict[str, list[int]] = {}
    notes: dict[str, list[str]] = {}
    for n, case in enumerate(cases.CORPUS):
        folder = work / f"case{n}"
        folder.mkdir()
        runs = case.make(folder)
        for argv, expected in runs:
            script = f"print(json.dumps(cases.run_cli({argv!r}, timeout=30)))"
            result = child(code, script, timeout=60)
            if isinstance(result, dict):  # hang or crash of the child itself
                problem = "did not finish (hang)" if result.get("hang") else "crashed"
            else:
                problem = cases.judge(*result, expected, case.names)
            tally = by_category.setdefault(f"bad input: {case.category}", [0, 0])
            tally[0] += 1
            if problem:
                tally[1] += 1
                notes.setdefault(f"bad input: {case.category}", []).append(
                    f"{case.name} ({argv[0]}): {problem[:60]}"
                )
        if case.after is not None:
            left = case.after(folder)
            tally = by_category[f"bad input: {case.category}"]
            if left:
                tally[1] += 1
                notes.setdefault(f"bad input: {case.category}", []).append(left)
        shutil.rmtree(folder, ignore_errors=True)
    return [
        (name, tried, failed, "; ".join(notes.get(name, [])[:3]))
        for name, (tried, failed) in by_category.items()
    ]


def terminal(code: Path, work: Path) -> list[Row]:
    commands = cases.payload_commands(work)
    leaked = []
    for argv in commands:
        result = child(code, f"print(json.dumps(cases.run_cli({argv!r}, timeout=60)))")
        if isinstance(result, dict):
            leaked.append(f"{argv[0]}: did not run")
            continue
        _code, out, err = result
        if cases.TERMINAL_CONTROL.search(out + err):
            leaked.append(argv[0] + (" --json" if "--json" in argv else ""))
    return [("terminal payloads (display paths)", len(commands), len(leaked), ", ".join(leaked))]


def kills(code: Path, work: Path, count: int) -> list[Row]:
    results = []
    for seed in range(count):
        folder = work / f"kill{seed}"
        script = f"print(json.dumps(cases.kill_during_saves(__import__('pathlib').Path({str(folder)!r}), {seed})))"
        results.append(child(code, script, timeout=120))
        shutil.rmtree(folder, ignore_errors=True)
    problems = [r if isinstance(r, str) else None for r in results]
    crashed = sum(1 for r in results if isinstance(r, dict))
    file_bad = sum(1 for p in problems if p and p.startswith("file"))
    backup_bad = sum(1 for p in problems if p and p.startswith("backup"))
    leftovers = sum(1 for p in problems if p and p.startswith("left behind"))
    note = f"{crashed} runs could not be judged" if crashed else ""
    return [
        ("kill -9 during saves: file damaged", count, file_bad, note),
        ("kill -9 during saves: backup damaged", count, backup_bad, ""),
        ("kill -9 during saves: leftovers after the next save", count, leftovers, ""),
    ]


def race(code: Path, work: Path, adds: int) -> list[Row]:
    script = (
        f"saved, lost = cases.race(__import__('pathlib').Path({str(work / 'race')!r}), {adds // 2})\n"
        "print(json.dumps([saved, len(lost)]))"
    )
    result = child(code, script, timeout=1800)
    if isinstance(result, dict):
        return [("two processes adding (adds lost)", adds, adds, "did not finish")]
    saved, lost = result
    return [("two processes adding (adds lost)", saved, lost, "")]


def fast_reader(code: Path, count: int) -> list[Row]:
    script = (
        "import random\n"
        "rng = random.Random(2026)\n"
        f"found = [cases.fast_reader_disagrees(cases.random_glossary_text(rng)) for _ in range({count})]\n"
        "print(json.dumps([f for f in found if f]))"
    )
    found = child(code, script, timeout=1800)
    if isinstance(found, dict):
        return [("fast vs strict glossary reader", count, count, "did not run")]
    note = found[0] if found else ""
    return [("fast vs strict glossary reader", count, len(found), note[:60])]


def findings(code: Path, work: Path) -> list[Row]:
    rows = []
    for name, function, many in (
        ("same-size edit, mtime put back: seen", "same_size_edit_with_mtime_put_back", False),
        ("document edited by hand: kept", "hand_edited_document", False),
        (
            "re-import keeps repaired links, own translation",
            "reimport_keeps_the_learners_work",
            True,
        ),
        ("saved through symlinks (glossary, document)", "saved_through_symlinks", True),
    ):
        folder = work / function
        result = child(
            code,
            f"print(json.dumps(cases.{function}(__import__('pathlib').Path({str(folder)!r}))))",
        )
        tried = 2 if many else 1
        if isinstance(result, dict):
            rows.append((name, tried, tried, "crashed: " + str(result)[-80:]))
        elif many:
            rows.append((name, tried, len(result), ", ".join(result)))
        else:
            rows.append((name, tried, 1 if result else 0, result or ""))
    return rows


def full_disk(code: Path, work: Path) -> list[Row]:
    """Saves and imports on a real file system that fills up: a tmpfs of a few hundred KB,
    with a filler file leaving F bytes free, F from 0 up past what a save needs."""
    if os.geteuid() != 0:
        return [("full disk (tmpfs)", 0, 0, "not run: mounting needs root")]
    tried = failed = 0
    notes: list[str] = []
    for what in ("glossary save", "import"):
        for free in range(0, 96_000, 6_000):
            mount = work / f"disk-{what[0]}{free}"
            mount.mkdir()
            if subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=False
            ).returncode:
                return [("full disk (tmpfs)", 0, 0, "not run: mount refused")]
            try:
                problem = _fill_and_save(code, mount, what, free)
            finally:
                subprocess.run(["umount", str(mount)], check=False)
            tried += 1
            if problem:
                failed += 1
                notes.append(f"{what} at {free // 1000} KB free: {problem}")
    return [("full disk (tmpfs): saves and imports", tried, failed, "; ".join(notes[:2]))]


def _fill_and_save(code: Path, mount: Path, what: str, free: int) -> str | None:
    if what == "glossary save":
        path = cases.glossary_of(mount, 3000)  # about 50 KB
        # One save, so a backup exists, then fill the disk and save again.
        child(
            code,
            "from reader.glossary import add_entry, load_glossary\nfrom reader.model import Entry\n"
            f"add_entry(load_glossary({str(path)!r}), Entry('n3000', 'en', ('x',)))\nprint(1)",
        )
    else:
        path = mount / "lib"
    _leave_free(mount, free)
    if what == "glossary save":
        script = (
            "from reader.glossary import add_entry, load_glossary\nfrom reader.model import Entry\n"
            "from reader.errors import ReaderError\n"
            "try:\n"
            f"    add_entry(load_glossary({str(path)!r}), Entry('n3001', 'en', ('x',)))\n"
            "    print(json.dumps('saved'))\n"
            "except ReaderError as exc:\n"
            "    print(json.dumps('refused'))"
        )
        result = child(code, script)
        if isinstance(result, dict):
            return "traceback" if "crash" in result else "hang"
        (mount / "filler").unlink()
        state = cases._prefix(path)
        backup = cases._prefix(path.with_name("en.yaml~"))
        if isinstance(state, str):
            return f"file {state}"
        if isinstance(backup, str) or not state - 1 <= backup <= state:
            return f"backup damaged ({backup})"
        extra = [p.name for p in mount.iterdir() if p.name not in ("en.yaml", "en.yaml~")]
        if extra:
            return f"left behind: {extra[:2]}"
        return None
    argv = ["import", str(cases.OPED), "--library", str(path)]
    result = child(code, f"print(json.dumps(cases.run_cli({argv!r}, timeout=60)))")
    if isinstance(result, dict):
        return "hang" if result.get("hang") else "crashed"
    problem = cases.judge(*result, None, None)
    if problem:
        return problem
    for file in path.rglob("*") if path.exists() else ():
        if file.is_file() and file.stat().st_size == 0:
            return f"empty {file.relative_to(path)} left"
    return None


def _leave_free(mount: Path, free: int) -> None:
    stat = os.statvfs(mount)
    room = stat.f_bavail * stat.f_frsize - free
    with open(mount / "filler", "wb") as fh:
        if room > 0:
            fh.write(b"\0" * room)


# --- printing ------------------------------------------------------------------------------


def run_all(code: Path, kills_n: int, adds: int, glossaries: int) -> list[Row]:
    rows: list[Row] = []
    steps: list[tuple[str, Callable[[Path], list[Row]]]] = [
        ("bad inputs", lambda w: bad_inputs(code, w)),
        ("terminal", lambda w: terminal(code, w)),
        ("findings", lambda w: findings(code, w)),
        ("fast reader", lambda w: fast_reader(code, glossaries)),
        ("race", lambda w: race(code, w, adds)),
        ("kills", lambda w: kills(code, w, kills_n)),
        ("full disk", lambda w: full_disk(code, w)),
    ]
    for name, step in steps:
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as tmp:
            rows += step(Path(tmp))
        print(f"  {name}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    return rows


def show(rows: list[Row]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'category':<{width}}  {'tried':>6}  {'failed':>6}  note")
    for name, tried, failed, note in rows:
        print(f"{name:<{width}}  {tried:>6}  {failed:>6}  {note[:90]}")


def compare(before: list[Row], after: list[Row]) -> None:
    old = {r[0]: r for r in before}
    width = max(len(r[0]) for r in after)
    print(f"| {'category':<{width}} | tried | failed before | failed after |")
    print(f"|{'-' * (width + 2)}|------:|--------------:|-------------:|")
    for name, tried, failed, _note in after:
        was = old.get(name)
        was_text = f"{was[2]} of {was[1]}" if was else "—"
        print(f"| {name:<{width}} | {tried:>5} | {was_text:>13} | {failed:>12} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="folder holding reader/")
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--adds", type=int, default=900)
    parser.add_argument("--glossaries", type=int, default=2000)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        compare([tuple(r) for r in before], [tuple(r) for r in after])
        return
    print(
        f"code: {args.code.resolve()}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    rows = run_all(args.code.resolve(), args.kills, args.adds, args.glossaries)
    show(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
