"""Reading view speed on a large book, and `reader read` on the op-ed from cold.

    .venv/bin/python bench/bench_app.py [--pairs 5000] [--entries 50000] [--moves 200]

The book: 5,000 paragraph pairs (about 1,000,000 English words) made by chaining the op-ed
seed's paragraphs, each book paragraph three op-ed paragraphs with their translations and
links. The glossary: 50,000 entries, the op-ed's own vocabulary notes plus every distinct
English word, word pair and word triple of the text and Chinese character pairs, so that
terms really are found everywhere. Marks come from the real matcher (reader.matching).

Printed figures and targets:
- first screen: from creating the app to the last row of the first screen drawn  (< 1 s)
- cursor move:  median time to move the sentence cursor and draw every visible row (< 10 ms)
- page move:    the same for PageDown, where every row is new, with a 0.25 s pause before
                each as a reader makes (terms of nearby paragraphs are found then)  (< 10 ms)
                and, for comparison, with no pause at all
- peak memory:  maximum resident size of the process (getrusage)                  (< 400 MB)
- cold open:    `reader read <op-ed seed>` in a fresh process, from spawn to the last row
                of the first screen drawn (headless: no terminal I/O)             (< 0.6 s)
"""

from __future__ import annotations

import argparse
import asyncio
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

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("READER_SEEDS", "/work/shared/seeds"))
OPED = next(SEEDS.glob("002_*.txt"), SEEDS / "002_3fb843373e1af618.txt")
SIZE = (120, 40)


def build_book(pairs: int):  # type: ignore[no-untyped-def]
    """A long bilingual document made of the op-ed's paragraph pairs, and its notes."""
    from reader.importers import import_file
    from reader.model import Document, Link, Segment, Text

    result = import_file(OPED)
    pool = [s for s in result.document.segments if s.bilingual]
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
    return doc, result.entries


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


def make_provider(entries):  # type: ignore[no-untyped-def]
    from reader.matching import Matcher
    from reader.ui.reading_view import TermMark

    by_lang = {lang: Matcher([e for e in entries if e.lang == lang], lang) for lang in ("en", "zh")}

    def provider(seg, side):  # type: ignore[no-untyped-def]
        text, lang = (seg.source.text, "en") if side == "source" else (seg.target.text, "zh")
        return [
            TermMark(m.start, m.end, m.entry.status, m.entry.id or m.entry.term)
            for m in by_lang[lang].find(text)
        ]

    return provider


async def measure_view(doc, provider, moves: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult

    from reader.ui.reading_view import ReadingView

    first_screen: list[float] = []

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield ReadingView(doc, matches=provider)

    original = ReadingView.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        strip = original(self, y)
        if not first_screen and self.current_layout is not None and y == self.size.height - 1:
            first_screen.append(time.perf_counter())
        return strip

    ReadingView.render_line = render_line  # type: ignore[method-assign]
    t0 = time.perf_counter()
    app = Bench()
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not first_screen:
            await pilot.pause(0.005)
        out["first_screen"] = first_screen[0] - t0
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
        await pilot.pause()
        redraw()
        cursor_times, page_times = [], []
        for _ in range(moves):
            t = time.perf_counter()
            view.move_sentence(1)
            redraw()
            cursor_times.append(time.perf_counter() - t)
        # Pages as a reader turns them, with a pause to read (the view prefetches then) ...
        for _ in range(min(moves, 60)):
            await pilot.pause(0.25)
            t = time.perf_counter()
            view.page(1)
            redraw()
            page_times.append(time.perf_counter() - t)
        # ... and as fast as a held-down key, with no pause at all.
        burst_times = []
        for _ in range(min(moves, 60)):
            t = time.perf_counter()
            view.page(1)
            redraw()
            burst_times.append(time.perf_counter() - t)
        out["burst_median"] = statistics.median(burst_times)
        out["cursor_median"] = statistics.median(cursor_times)
        out["cursor_p95"] = sorted(cursor_times)[int(len(cursor_times) * 0.95)]
        out["page_median"] = statistics.median(page_times)
        out["page_p95"] = sorted(page_times)[int(len(page_times) * 0.95)]
        out["rows"] = view.current_layout.total_rows
    return out


COLD = r"""
import sys, time
spawned = float(sys.argv[1])
from reader.ui import reading_view
original = reading_view.ReadingView.render_line
done = []
def render_line(self, y):
    strip = original(self, y)
    if not done and self.current_layout is not None and y == self.size.height - 1:
        done.append(time.time())
        print(f"FIRST {done[0] - spawned:.4f}", flush=True)
        self.app.call_later(self.app.exit)
    return strip
reading_view.ReadingView.render_line = render_line
import textual.app
run = textual.app.App.run
textual.app.App.run = lambda self, **kw: run(self, headless=True, size=(120, 40), **kw)
from reader.cli import main
sys.exit(main(["read", sys.argv[2]]))
"""


def cold_open(runs: int = 5) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            READER_LIBRARY=f"{tmp}/library",
            READER_STATE_DIR=f"{tmp}/state",
            READER_CONFIG=f"{tmp}/config.yaml",
        )
        for _ in range(runs):
            spawned = time.time()
            proc = subprocess.run(
                [sys.executable, "-c", COLD, str(spawned), str(OPED)],
                check=False,  # a failed run is reported below with its stderr
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                timeout=60,
            )
            found = re.search(r"FIRST ([\d.]+)", proc.stdout)
            if not found:
                raise SystemExit(f"reader read did not draw a screen:\n{proc.stderr[-2000:]}")
            times.append(float(found.group(1)))
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=50000)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args(argv)

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
    provider = make_provider(entries)
    print(f"glossary: {len(entries):,} entries (matchers built in {time.perf_counter() - t:.1f} s)")

    figures = asyncio.run(measure_view(doc, provider, args.moves))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cold = cold_open()

    def ms(x: float) -> str:
        return f"{x * 1000:.2f} ms"

    print(f"layout rows at {SIZE[0]}x{SIZE[1]}: {figures['rows']:,}")
    print(f"first screen:            {figures['first_screen']:.3f} s   (target < 1 s)")
    print(f"exact layout (worker):   {figures['exact_layout']:.3f} s   (off the UI thread)")
    print(
        f"cursor move + redraw:    median {ms(figures['cursor_median'])}, "
        f"p95 {ms(figures['cursor_p95'])}   (target median < 10 ms)"
    )
    print(
        f"page move + redraw:      median {ms(figures['page_median'])}, "
        f"p95 {ms(figures['page_p95'])}   (target median < 10 ms)"
    )
    print(f"page moves, no pause:    median {ms(figures['burst_median'])}   (held-down key)")
    print(f"peak memory (maxrss):    {peak_mb:.0f} MB   (target < 400 MB)")
    print(
        f"cold `reader read` op-ed: median {statistics.median(cold):.3f} s of {len(cold)} "
        f"(min {min(cold):.3f}, max {max(cold):.3f})   (target < 0.6 s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
