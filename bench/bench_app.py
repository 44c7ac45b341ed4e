"""Reading view speed on a large book, and `reader read` on the op-ed from cold.

    .venv/bin/python bench/bench_app.py [--pairs 5000] [--entries 50000] [--moves 200]
                                        [--cold-runs 20] [--cold-only] [--headless] [--no-yaml]

The book: 5,000 paragraph pairs (about 1,000,000 English words) made by chaining the
paragraphs of the bundled op-ed document (seeds/documents), each book paragraph three op-ed
paragraphs with their translations and links. The glossary: 50,000 entries, the op-ed's own
notes (seeds/glossaries) plus distinct English words, word pairs and triples of the text and
Chinese character pairs, so terms really are found everywhere. Marks come from the app's own
glue (reader.marks) over the real matcher (reader.matching).

The machine may be shared, so every timing is given as wall time and as CPU time of this
process, with the load average; medians over many repetitions are what to judge by.

Printed figures and targets:
- first screen: from creating the app to the last row of the first screen drawn  (< 1 s)
- cursor move:  median time to move the sentence cursor and draw every visible row (< 10 ms)
- page move:    the same for PageDown, where every row is new, with a 0.25 s pause before
                each as a reader makes (terms of nearby paragraphs are found then)  (< 10 ms)
                and, for comparison, with no pause at all
- peak memory:  maximum resident size of the process (getrusage)                  (< 400 MB)
- cold open:    `reader read 002_3fb843373e1af618 --library seeds`, a fresh process each
                time on a pseudo-terminal of 120x40, from spawn (Python start-up, imports,
                loading) to the first frame written to the terminal              (< 0.6 s)
                with Python's compiled-module cache on (as installed), and without it
- and, as a figure of the core rather than the view: reading the book's document YAML.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIBRARY = ROOT / "seeds"
OPED_ID = "002_3fb843373e1af618"
SIZE = (120, 40)


def build_book(pairs: int):  # type: ignore[no-untyped-def]
    """A long bilingual document made of the op-ed's paragraph pairs, and its notes."""
    from reader.documents import load_document
    from reader.glossary import load_glossary
    from reader.model import Document, Link, Segment, Text

    oped = load_document(LIBRARY / "documents" / f"{OPED_ID}.yaml")
    notes = load_glossary(LIBRARY / "glossaries" / f"{OPED_ID}.yaml").entries
    pool = [s for s in oped.segments if s.bilingual]
    segs = []
    for i in range(pairs):
        group = [pool[(3 * i + k) % len(pool)] for k in range(3)]
        src: list[str] = []
        tgt: list[str] = []
        links: list[Link] = []
        for seg in group:
            assert seg.target is not None
            ds, dt = len(src), len(tgt)
            links.extend(
                Link(
                    tuple(ds + j for j in lk.source),
                    tuple(dt + j for j in lk.target),
                    lk.confidence,
                )
                for lk in seg.links
            )
            src.extend(seg.source.sentences)
            tgt.extend(seg.target.sentences)
        segs.append(
            Segment(f"b{i}", "paragraph", Text.of(src, "en"), Text.of(tgt, "zh"), tuple(links))
        )
    doc = Document("book", "A long book", "en", tuple(segs), target_lang="zh")
    return doc, notes


def build_glossary(doc, notes, size: int):  # type: ignore[no-untyped-def]
    from reader.model import Entry

    entries = list(notes)
    seen = {(e.lang, e.term.lower()) for e in entries}

    def add(term: str, lang: str) -> None:
        if len(entries) < size and (lang, term.lower()) not in seen:
            seen.add((lang, term.lower()))
            status = ("new", "learning", "known")[len(entries) % 3]
            entries.append(
                Entry(
                    term=term, lang=lang, glosses=("…",), status=status, id=f"bench{len(entries)}"
                )
            )

    words: list[str] = []
    for seg in doc.segments[:40]:
        words.extend(re.findall(r"[A-Za-z][A-Za-z'-]+", seg.source.text))
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            add(" ".join(words[i : i + n]), "en")
    han = "".join(re.findall(r"[\u4e00-\u9fff]", "".join(s.target.text for s in doc.segments[:40])))
    for i in range(len(han) - 1):
        add(han[i : i + 2], "zh")
    k = 0
    while len(entries) < size:  # pad with terms that never match: a glossary that big
        add(f"unmatched term {k}", "en")
        k += 1
    return entries


class BenchVocabulary:
    """The part of reader.vocabulary.Vocabulary that the marks read, over a list in memory."""

    version = 0

    def __init__(self, entries: Sequence[Any]) -> None:
        self._entries = list(entries)

    def entries(self, lang: str) -> tuple[Any, ...]:
        return tuple(e for e in self._entries if e.lang == lang)

    def languages(self) -> set[str]:
        return {e.lang for e in self._entries}


def make_provider(doc, entries):  # type: ignore[no-untyped-def]
    """The view's MatchProvider as the app makes it, with both matchers built beforehand
    (the app builds them in a worker after the first frame)."""
    from reader.marks import Marks

    marks = Marks(BenchVocabulary(entries))
    for lang in ("en", "zh"):
        marks.matcher(lang, wait=True)
    return marks.provider(doc)


class Clock:
    """Wall and CPU time of a stretch of code."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Self:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cpu.append(time.process_time() - self._c)
        self.wall.append(time.perf_counter() - self._w)

    def median(self) -> tuple[float, float]:
        return statistics.median(self.wall), statistics.median(self.cpu)

    def p95(self) -> float:
        return sorted(self.wall)[int(len(self.wall) * 0.95)]


async def measure_view(doc, provider, moves: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult

    from reader.ui.widgets.reading_view import ReadingView

    first_screen: list[tuple[float, float]] = []

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield ReadingView(doc, matches=provider)

    original = ReadingView.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        strip = original(self, y)
        if not first_screen and self.current_layout is not None and y == self.size.height - 1:
            first_screen.append((time.perf_counter(), time.process_time()))
        return strip

    ReadingView.render_line = render_line  # type: ignore[method-assign]
    t0, c0 = time.perf_counter(), time.process_time()
    app = Bench()
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not first_screen:
            await pilot.pause(0.005)
        out["first_screen"] = (first_screen[0][0] - t0, first_screen[0][1] - c0)
        ReadingView.render_line = original  # type: ignore[method-assign]
        view = app.query_one(ReadingView)
        t1 = time.perf_counter()
        while view.current_layout is None or not view.current_layout.exact:
            await pilot.pause(0.01)
        out["exact_layout"] = time.perf_counter() - t1
        assert view.current_layout is not None and view.current_layout.exact
        height = view.size.height

        def redraw() -> None:
            for y in range(height):
                view.render_line(y)

        # Somewhere in the middle of the book, with a warm start.
        view.move_paragraph(len(doc.segments) // 2)
        await pilot.pause(0.3)
        redraw()
        cursor, page, burst = Clock(), Clock(), Clock()
        for _ in range(moves):
            with cursor:
                view.move_sentence(1)
                redraw()
        # Pages as a reader turns them, with a pause to read (the view prefetches then) ...
        for _ in range(min(moves, 60)):
            await pilot.pause(0.25)
            with page:
                view.page(1)
                redraw()
        # ... and as fast as a held-down key, with no pause at all.
        for _ in range(min(moves, 60)):
            with burst:
                view.page(1)
                redraw()
        out["cursor"], out["page"], out["burst"] = cursor, page, burst
        out["rows"] = view.current_layout.total_rows
    return out


async def measure_app(doc, entries, moves: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The same moves through the whole reading screen, keys pressed as a user presses them:
    the view, the notes panel and the status bar, until the frame is handed to the terminal.

    Wall time here includes Textual's frame timer (a repaint waits for the next tick of at
    most 1/60 s), so CPU time is the figure that tells the work done per key.
    """
    from textual.app import App

    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.ui.widgets.reading_view import ReadingView

    painted: list[tuple[float, float]] = []
    display = App._display

    def hooked_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        display(self, screen, renderable)
        if renderable is not None:
            painted.append((time.perf_counter(), time.process_time()))

    App._display = hooked_display  # type: ignore[method-assign]
    out: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = make_app(
                Library(Path(tmp) / "library"),
                BenchVocabulary(entries),  # type: ignore[arg-type]
                Settings(),
                document=doc,
                watch_interval=0,
            )
            async with app.run_test(size=SIZE) as pilot:
                await app.workers.wait_for_complete()  # the matchers and the exact layout
                view = app.screen.query_one(ReadingView)
                while view.current_layout is None or not view.current_layout.exact:
                    await pilot.pause(0.01)
                view.move_paragraph(len(doc.segments) // 2)
                await pilot.pause(0.3)

                async def press(key: str, first: Clock, settled: Clock) -> None:
                    # `first`: to the first frame painted after the key; `settled`: to the
                    # last one, once no frame has followed for 50 ms (panels that update
                    # on the next frame count too).
                    painted.clear()
                    t, c = time.perf_counter(), time.process_time()
                    await pilot.press(key)
                    deadline = time.perf_counter() + 5
                    while not painted:
                        if time.perf_counter() > deadline:
                            raise SystemExit(f"no frame painted after pressing {key!r}")
                        await pilot.pause(0.001)
                    seen = 0
                    while len(painted) != seen:
                        seen = len(painted)
                        await pilot.pause(0.05)
                    first.wall.append(painted[0][0] - t)
                    first.cpu.append(painted[0][1] - c)
                    settled.wall.append(painted[-1][0] - t)
                    settled.cpu.append(painted[-1][1] - c)

                clocks = {name: (Clock(), Clock()) for name in ("j", "PageDown")}
                for _ in range(moves):
                    await press("j", *clocks["j"])
                for _ in range(min(moves, 60)):
                    await pilot.pause(0.25)
                    await press("pagedown", *clocks["PageDown"])
                out.update(clocks)
    finally:
        App._display = display  # type: ignore[method-assign]
    return out


# The child of a cold open: `reader read` as a user types it, with two hooks that only
# observe. The first frame written after the view drew its last row with a layout is the
# first screen; its time and the process's CPU time so far go to the report pipe.
COLD = r"""
import os, resource, sys, time
spawned, report = float(sys.argv[1]), int(sys.argv[2])
import textual.app
from reader.ui.widgets import reading_view
display, render_line = textual.app.App._display, reading_view.ReadingView.render_line
seen = {"drawn": False, "done": False}
def hooked_display(self, screen, renderable):
    display(self, screen, renderable)
    if seen["drawn"] and not seen["done"] and renderable is not None:
        seen["done"] = True
        wall = time.time() - spawned
        ru = resource.getrusage(resource.RUSAGE_SELF)
        os.write(report, f"{wall:.4f} {ru.ru_utime + ru.ru_stime:.4f}\n".encode())
        self.exit()
def hooked_render_line(self, y):
    strip = render_line(self, y)
    if self.current_layout is not None and y == self.size.height - 1:
        seen["drawn"] = True
    return strip
textual.app.App._display = hooked_display
reading_view.ReadingView.render_line = hooked_render_line
if sys.argv[3] == "headless":
    run = textual.app.App.run
    textual.app.App.run = lambda self, **kw: run(self, headless=True, size=(120, 40), **kw)
from reader.cli import main
sys.exit(main(sys.argv[4:]))
"""


def cold_open(
    runs: int,
    *,
    headless: bool = False,
    bytecode: bool = True,
    command: Sequence[str] | None = None,
) -> list[tuple[float, float]]:
    """(wall, CPU) seconds to the first screen of `reader read` on the op-ed (or of the
    `reader` `command` given), per run.

    `bytecode`: Python's compiled-module cache is on (kept outside the working tree), as for
    an installed app, and one run not counted fills it; without it every process compiles
    every module of the project from source again.
    """
    out = []
    command = list(command or ["read", OPED_ID, "--library", str(LIBRARY)])
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            TERM="xterm-256color",
            READER_STATE_DIR=f"{tmp}/state",
            READER_CONFIG=f"{tmp}/config.yaml",
        )
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = f"{tmp}/pycache"
            runs += 1
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        from benchkit import run_on_terminal

        for _ in range(runs):
            mode = "headless" if headless else "terminal"
            report, tail_bytes = run_on_terminal(
                [sys.executable, "-c", COLD, mode, *command], env, SIZE
            )
            if not report:
                tail = tail_bytes.decode(errors="replace")
                raise SystemExit(f"reader read did not draw a screen:\n{tail}")
            wall, cpu = map(float, report.split())
            out.append((wall, cpu))
    return out[1:] if bytecode else out


YAML_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1] + "/bench")
from pathlib import Path
from bench_app import build_book
from reader.documents import load_document, save_document
doc, _ = build_book(int(sys.argv[2]))
path = Path(sys.argv[3]) / "book.yaml"
save_document(doc, path)
t, c = time.perf_counter(), time.process_time()
load_document(path)
print(f"{path.stat().st_size} {time.perf_counter() - t:.3f} {time.process_time() - c:.3f}")
"""


def yaml_load(pairs: int) -> tuple[int, float, float]:
    """Bytes of the book's document YAML and (wall, CPU) seconds to read it, in a child
    process so its parser's memory does not count against the view's."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-c", YAML_CHILD, str(ROOT), str(pairs), tmp],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
    size, wall, cpu = proc.stdout.split()
    return int(size), float(wall), float(cpu)


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def ms(x: float) -> str:
    return f"{x * 1000:.2f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=50000)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--cold-runs", type=int, default=20)
    parser.add_argument("--cold-only", action="store_true", help="only the cold open")
    parser.add_argument("--headless", action="store_true", help="cold open without a terminal")
    parser.add_argument("--no-yaml", action="store_true", help="skip reading the book's YAML")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, {load()}")
    # The app remembers reading positions; keep the benchmark's out of the user's state.
    state = tempfile.TemporaryDirectory()
    os.environ["READER_STATE_DIR"] = state.name
    os.environ["READER_CONFIG"] = f"{state.name}/config.yaml"

    if not args.cold_only:
        t = time.perf_counter()
        doc, notes = build_book(args.pairs)
        words = sum(len(s.source.text.split()) for s in doc.segments)
        han = sum(len(s.target.text) for s in doc.segments if s.target)
        print(
            f"book: {len(doc.segments):,} paragraph pairs, {words:,} English words, "
            f"{han:,} Chinese characters (built in {time.perf_counter() - t:.1f} s)"
        )
        t = time.perf_counter()
        entries = build_glossary(doc, notes, args.entries)
        provider = make_provider(doc, entries)
        print(
            f"glossary: {len(entries):,} entries "
            f"(matchers built in {time.perf_counter() - t:.1f} s)"
        )
        gc.collect()
        figures = asyncio.run(measure_view(doc, provider, args.moves))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cursor, page, burst = figures["cursor"], figures["page"], figures["burst"]
        print(f"layout rows at {SIZE[0]}x{SIZE[1]}: {figures['rows']:,}   ({load()})")
        wall, cpu = figures["first_screen"]
        print(f"first screen:            {wall:.3f} s wall, {cpu:.3f} s CPU   (target < 1 s)")
        print(f"exact layout (worker):   {figures['exact_layout']:.3f} s   (off the UI thread)")
        for name, clock in (("cursor move", cursor), ("page move", page)):
            wall, cpu = clock.median()
            print(
                f"{name + ' + redraw:':<24} median {ms(wall)} wall, {ms(cpu)} CPU, "
                f"p95 {ms(clock.p95())} wall, n={len(clock.wall)}   (target median < 10 ms)"
            )
        wall, cpu = burst.median()
        print(f"page moves, no pause:    median {ms(wall)} wall, {ms(cpu)} CPU   (held-down key)")
        print(f"peak memory (maxrss):    {peak_mb:.0f} MB   (target < 400 MB)")
        del provider, figures
        gc.collect()
        app_figures = asyncio.run(measure_app(doc, entries, args.moves))
        print(f"the whole reading screen, keys pressed ({load()}):")
        for name in ("j", "PageDown"):
            first, settled = app_figures[name]
            print(
                f"  {name:<8} to the first frame: median {ms(first.median()[1])} CPU, "
                f"{ms(first.median()[0])} wall (frame timer included); until the screen "
                f"settles: {ms(settled.median()[1])} CPU, n={len(first.wall)}"
            )
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory after both (maxrss): {peak_mb:.0f} MB   (target < 400 MB)")
        del doc, entries, app_figures
        if not args.no_yaml:
            size, wall, cpu = yaml_load(args.pairs)
            print(
                f"core, not the view: reading the book's document YAML ({size / 1e6:.1f} MB) "
                f"takes {wall:.2f} s wall, {cpu:.2f} s CPU"
            )

    print(f"cold open: {load()}")
    how = "headless" if args.headless else "on a pseudo-terminal"
    for bytecode in (True, False):
        runs = args.cold_runs if bytecode else max(args.cold_runs // 2, 1)
        cold = cold_open(runs, headless=args.headless, bytecode=bytecode)
        walls = [w for w, _ in cold]
        cpus = [c for _, c in cold]
        cache = "compiled-module cache on" if bytecode else "no compiled-module cache"
        print(
            f"cold `reader read {OPED_ID} --library seeds` ({how}, {cache}), "
            f"{len(cold)} fresh processes: median {statistics.median(walls):.3f} s wall "
            f"(min {min(walls):.3f}, max {max(walls):.3f}), median "
            f"{statistics.median(cpus):.3f} s CPU (min {min(cpus):.3f})   (target < 0.6 s)   "
            f"({load()})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
