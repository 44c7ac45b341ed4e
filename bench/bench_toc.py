"""The table of contents of a 150,000-word book opens in under 100 ms, in the running app.

Measured from the key press (`c`) to the first frame of the contents screen handed to the
terminal, under Pilot at 120x36, for two shapes of book:

- the 150,000-word EPUB of `bench_formats.py` (40 chapters);
- the same words cut into 1,000 chapters (a dictionary, a book of short poems): the list
  itself is what costs there.

Controls in the same run: the help screen (`?`, another full screen of rows) opened on the
same book, the contents of a 17-paragraph book (the pandoc fixture with parts and
sections), and `benchkit.control()` (fixed pure-Python work) for the machine's speed now.

    .venv/bin/python bench/bench_toc.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench_formats import WORDS, one_book, write_epub
from benchkit import ROOT, control, load_average

from reader.importers import import_file
from reader.library import Library
from reader.settings import Settings
from reader.ui.app import make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.toc import TocScreen
from reader.vocabulary import Vocabulary

RUNS = 9
TARGET = 0.1


def rechaptered(chapters: list[tuple[str, list[str]]], count: int) -> list[tuple[str, list[str]]]:
    """The same paragraphs, in `count` chapters."""
    paras = [p for _, ps in chapters for p in ps]
    size = max(len(paras) // count, 1)
    return [(f"Poem {n + 1}", paras[n * size : (n + 1) * size]) for n in range(count)]


async def open_times(library: Path, doc_id: str, key: str, screen: type, runs: int) -> list[float]:
    """Seconds from pressing `key` in the reading screen to the first frame of `screen`."""
    from textual.app import App

    seen: dict[str, float | None] = {"at": None}
    display = App._display

    def hooked(self, shown, renderable):  # type: ignore[no-untyped-def]
        display(self, shown, renderable)
        if seen["at"] is None and renderable is not None and isinstance(self.screen, screen):
            seen["at"] = time.perf_counter()

    App._display = hooked  # type: ignore[method-assign]
    times: list[float] = []
    try:
        app = make_app(
            Library(library),
            Vocabulary(library),
            Settings(),
            document_id=doc_id,
            watch_interval=0,
        )
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            for _ in range(runs):
                seen["at"] = None
                start = time.perf_counter()
                await pilot.press(key)
                while seen["at"] is None:
                    await pilot.pause(0.001)
                times.append(seen["at"] - start)
                await pilot.press("escape")
                await pilot.pause(0.05)
    finally:
        App._display = display  # type: ignore[method-assign]
    return times


def report(label: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    verdict = ""
    if target is not None:
        verdict = f" (target < {target * 1000:.0f} ms) {'OK' if median < target else 'TOO SLOW'}"
    print(
        f"{label}: median {median * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
        f"worst {max(times) * 1000:.0f} ms of {len(times)}{verdict}"
    )


def main() -> int:
    print(load_average())
    print(f"control (fixed pure-Python work): {control() * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["READER_STATE_DIR"] = str(folder / "state")  # not the learner's own
        os.environ["READER_CONFIG"] = str(folder / "config.yaml")
        library = folder / "library"
        lib = Library(library)
        book = one_book(WORDS)
        shapes = {"book": book, "poems": rechaptered(book, 1000)}
        for name, chapters in shapes.items():
            path = folder / f"{name}.epub"
            write_epub(path, f"A long {name}", "en", chapters)
            lib.save_document(import_file(path).document)
        alice = import_file(ROOT / "tests" / "data" / "epub" / "alice-levels.epub").document
        lib.save_document(alice)
        words = sum(len(p.split()) for _, ps in book for p in ps)
        for name, chapters in shapes.items():
            times = asyncio.run(open_times(library, name, "c", TocScreen, RUNS))
            report(f"contents of {words:,} words in {len(chapters):,} chapters", times, TARGET)
        times = asyncio.run(open_times(library, "book", "question_mark", HelpScreen, RUNS))
        report("control: the help screen on the same book", times)
        times = asyncio.run(open_times(library, alice.id, "c", TocScreen, RUNS))
        report(f"control: contents of a {len(alice.segments)}-paragraph book", times)
    print(load_average())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
