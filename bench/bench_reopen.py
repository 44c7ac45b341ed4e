"""Re-opening a long book: closed reading screens must be freed, and memory stay flat.

    .venv/bin/python bench/bench_reopen.py [--pairs 1500] [--times 4]

Opens a book of `--pairs` paragraph pairs (built from the bundled op-ed, as bench_app.py
does) from the library screen, waits for its exact layout (built by a worker), goes back to
the library, `--times` times; prints after each round the reading screens still alive after
a full collection, the objects frozen out of the collector's reach, and the resident size.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import sys
import tempfile
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def rss_mb() -> float:
    """Resident size now (Linux /proc), else the peak."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def rounds(pairs: int, times: int) -> None:
    from bench_app import build_book

    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.ui.screens.reading import ReadingScreen
    from reader.vocabulary import Vocabulary

    doc, _notes = build_book(pairs)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_STATE_DIR"] = f"{tmp}/state"
        os.environ["READER_CONFIG"] = f"{tmp}/config.yaml"
        library = Library(Path(tmp) / "library")
        library.save_document(doc)
        app = make_app(library, Vocabulary(library.root), Settings(), watch_interval=0)
        screens: list[weakref.ref[object]] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            gc.collect()
            print(f"library screen: {rss_mb():.0f} MB", flush=True)
            for n in range(1, times + 1):
                await pilot.press("enter")
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, ReadingScreen)
                while True:  # the exact layout, from the worker
                    layout = screen.query_one("#view").current_layout  # type: ignore[attr-defined]
                    if layout is not None and layout.exact:
                        break
                    await pilot.pause(0.05)
                screens.append(weakref.ref(screen))
                del screen, layout
                await pilot.press("escape")
                await app.workers.wait_for_complete()
                await pilot.pause()
                gc.collect()
                alive = sum(ref() is not None for ref in screens)
                print(
                    f"round {n}: reading screens alive {alive} of {n}, "
                    f"frozen objects {gc.get_freeze_count():,}, {rss_mb():.0f} MB",
                    flush=True,
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1500)
    parser.add_argument("--times", type=int, default=4)
    args = parser.parse_args()
    print(f"{args.pairs:,} paragraph pairs, opened {args.times} times; load {os.getloadavg()}")
    asyncio.run(rounds(args.pairs, args.times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
