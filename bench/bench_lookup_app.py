"""What dictionaries cost the reading app: its first frame with and without them, and the
first look-up in the dictionary panel.

    .venv/bin/python bench/bench_lookup_app.py [--runs 7]

The issue's target: opening the app costs no more than 50 ms extra with dictionaries
installed (indexes load lazily, in a worker). Each run is a fresh interpreter that opens the
Dutch seed (no notes of its own: the dictionary panel beside the text, unknown words marked)
and times its first frame (benchkit.first_frame), in two set-ups interleaved run by run:

- none: no installed dictionary and no system dictd folder (CC-CEDICT is bundled: always);
- installed: the system's dictd databases (/usr/share/dictd; Debian's dict-freedict-nld-eng,
  dict-freedict-ara-eng and dict-wn give three, with CC-CEDICT and its reverse five).

In the same processes, after the frame: the seconds from the word cursor landing on a word to
its entries shown (the first look-up opens the indexes), and the longest a key press took to
be handled while that look-up ran (the cursor never waits for it). A control loop (benchkit)
and the load average are printed beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit import ROOT, control, load_average

DUTCH = "000_4b3161353c9025c8"
SYSTEM_DICTD = Path("/usr/share/dictd")

ONE_RUN = r"""
import asyncio, json, sys, time
sys.path[:0] = [sys.argv[2], sys.argv[2] + "/tests"]
sys.path.insert(0, sys.argv[2] + "/bench")
from benchkit import first_frame
from reader.library import Library
from reader.settings import Settings
from reader.ui.app import make_app
from reader.vocabulary import Vocabulary

from pathlib import Path
root = Path(sys.argv[1])

def open_app():
    library = Library(root)
    return make_app(library, Vocabulary(library.root), Settings(), document_id=sys.argv[3],
                    watch_interval=0)

async def look_up():
    app = open_app()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one("#dictionary")
        await pilot.press("J", "w", "w")  # "… Daniel Ek hebben een gezamenlijke verklaring"
        start = time.perf_counter()
        await pilot.press("w")
        keys = []
        for _ in range(6):  # the cursor moves on while the indexes open
            t = time.perf_counter()
            await pilot.press("w", "b")
            keys.append((time.perf_counter() - t) / 2)
        while panel.query_shown is None or panel.answered != panel.query_shown:
            await pilot.pause(0.005)
            if time.perf_counter() - start > 120:
                raise SystemExit("no look-up shown in two minutes")
        return time.perf_counter() - start, max(keys), len([p for p in panel.picks if p])

frame = asyncio.run(first_frame(open_app))
shown, key, entries = asyncio.run(look_up())
print(json.dumps({"frame": frame, "shown": shown, "key": key, "entries": entries}))
"""


def run_once(library: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", ONE_RUN, str(library), str(ROOT), DUTCH],
        check=False,  # its stderr is shown instead
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    system = sorted(p.stem for p in SYSTEM_DICTD.glob("*.index")) if SYSTEM_DICTD.is_dir() else []
    if not system:
        print("no dictd database in /usr/share/dictd: apt-get install -y dict-freedict-nld-eng")
        return 1
    print(f"control loop: {control() * 1000:.0f} ms  [{load_average()}]")
    print(f"installed: {', '.join(system)} (system dictd) + CC-CEDICT and its reverse")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = folder / "library"
        shutil.copytree(ROOT / "seeds", library)
        (folder / "empty").mkdir()
        base = {**os.environ, "READER_CONFIG": str(folder / "config.yaml")}
        base["READER_STATE_DIR"] = str(folder / "state")
        base["READER_CACHE_DIR"] = str(folder / "cache")
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        setups = {
            "none": {
                **base,
                "READER_DICTIONARIES": str(folder / "empty"),
                "READER_DICTD_DIR": str(folder / "empty"),
            },
            "installed": {
                **base,
                "READER_DICTIONARIES": str(folder / "empty"),
                "READER_DICTD_DIR": str(SYSTEM_DICTD),
            },
        }
        # One run of each first: compiled modules and the CC-CEDICT index are cached then,
        # as on a learner's machine after the first day.
        for env in setups.values():
            run_once(library, env)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in setups}
        for _ in range(args.runs):
            for name, env in setups.items():
                results[name].append(run_once(library, env))
    frames = {n: statistics.median(r["frame"] for r in rs) for n, rs in results.items()}
    for name, rs in results.items():
        print(
            f"{name:<10} first frame median {frames[name] * 1000:6.0f} ms "
            f"(min {min(r['frame'] for r in rs) * 1000:.0f}); first look-up shown "
            f"{statistics.median(r['shown'] for r in rs) * 1000:.0f} ms after the word cursor "
            f"({int(rs[0]['entries'])} entries); slowest key meanwhile "
            f"{max(r['key'] for r in rs) * 1000:.0f} ms  [{load_average()}]"
        )
    extra = (frames["installed"] - frames["none"]) * 1000
    least = {n: min(r["frame"] for r in rs) for n, rs in results.items()}
    extra_min = (least["installed"] - least["none"]) * 1000
    verdict = "OK" if extra <= 50 else "NOT MET"
    print(
        f"extra with dictionaries installed: {extra:+.0f} ms in medians, {extra_min:+.0f} ms in "
        f"the fastest runs (target ≤ 50 ms): {verdict}"
    )
    print(f"control loop: {control() * 1000:.0f} ms  [{load_average()}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
