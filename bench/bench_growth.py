"""How the costs a learner meets grow with the size of what they own.

    .venv/bin/python bench/bench_growth.py [--quick]

Two families of curves, each figure the least CPU time of a few runs (wall time beside it),
with the control (a fixed piece of pure-Python work, `benchkit.control`) and the load average
measured beside it:

- with the book (50,000, 200,000 and 1,000,000 English words; a glossary of 1,000 entries):
  import (the plain text to a Document), first frame (the app on that document, to the first
  frame painted with its terms marked), save (the document written as YAML), match (every
  term found in the whole book) and export (the deck, contexts searched in the book);
- with the glossary (1,000, 10,000, 50,000 and 100,000 entries; a book of 50,000 words):
  import (the terms as a term<TAB>gloss list through `reader glossary import`, one careful
  save), first frame (vocabulary loaded, first frame with the terms marked), save (one
  careful save of one entry), match (load, build, find in the book) and export.

Caches are off (`READER_CACHE_DIR=""`): every run does the whole work. Each curve is called
flat, linear or super-linear from the exponent of its steepest step: log(t2/t1)/log(n2/n1),
CPU times taken as multiples of the control measured just before, so a machine slowing down
between two sizes does not bend the curve. `--quick` measures the two smaller sizes of each axis only.

A shared host changes speed for a minute at a time, long enough to slow every run of one size
and none of the next: one pass of the curves then shows a false step, in a different place on
each pass. So the curves are measured in `--passes` whole passes (2 by default), and each point
is the least CPU time any pass measured (with that pass's control).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchkit import control, english_text, first_frame, glossary_yaml, load_average, text_terms

BOOK_WORDS = [50_000, 200_000, 1_000_000]
GLOSSARY_ENTRIES = [1_000, 10_000, 50_000, 100_000]
FIXED_ENTRIES = 1_000
FIXED_WORDS = 50_000


def least(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """The least wall time and the least CPU time (this process, all its threads) of
    `runs` calls. CPU time is what the verdicts use: on a shared machine wall time is mostly
    the other processes' load."""
    wall = cpu = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def control_cpu() -> float:
    """`benchkit.control`'s work, the least CPU seconds of five runs."""
    return min(least(lambda: control(1), 1)[1] for _ in range(5))


class Curve:
    """One cost measured at several sizes: seconds, and seconds in controls."""

    def __init__(self, name: str, unit: str) -> None:
        self.name, self.unit = name, unit
        self.points: list[tuple[int, float, float, str]] = []  # size, seconds, control, load

    def measure(self, size: int, fn: Callable[[], object], runs: int) -> None:
        ctl = control_cpu()
        wall, cpu = least(fn, runs)
        self.points.append((size, cpu, ctl, load_average()))
        print(
            f"  {self.name:<12} {size:>9,} {self.unit:<7} {cpu * 1000:9.0f} ms CPU "
            f"({wall * 1000:.0f} ms wall) = {cpu / ctl:6.1f} controls "
            f"(control {ctl * 1000:.0f} ms CPU; {self.points[-1][3]})",
            flush=True,
        )

    def verdict(self) -> str:
        """From the steeper of two readings of each step: CPU seconds as measured, and as
        multiples of the control (which corrects for the machine, but carries its noise)."""
        raw, scaled = [], []
        for (n1, t1, c1, _), (n2, t2, c2, _) in zip(self.points, self.points[1:]):
            raw.append(math.log(t2 / t1) / math.log(n2 / n1))
            scaled.append(math.log((t2 / c2) / (t1 / c1)) / math.log(n2 / n1))
        if not raw:
            return f"{self.name}: one size only"
        worst = max(max(raw), max(scaled))
        kind = "flat" if worst < 0.3 else "linear" if worst <= 1.3 else "SUPER-LINEAR"
        shown = ", ".join(f"{r:.2f}/{s:.2f}" for r, s in zip(raw, scaled))
        return f"{self.name:<12} {kind:<12} (exponent per step, CPU/in controls: {shown})"


def library_with(root: Path, words: int, entries: int, ids: bool = False) -> tuple[Path, str]:
    """A library holding a `words`-word English book and a glossary of `entries` terms found
    in it; the book's text file and its text."""
    from reader.importers.store import import_into
    from reader.library import Library

    text = english_text(words)
    source = root.parent / f"{root.name}-book.txt"
    source.write_text(text, encoding="utf-8")
    import_into(Library(root), source, lang="en", doc_id="book")
    folder = root / "glossaries"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en.yaml").write_text(
        glossary_yaml(text_terms(text, entries), ids=ids), encoding="utf-8"
    )
    return source, text


def open_app(root: Path):  # type: ignore[no-untyped-def]
    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.vocabulary import Vocabulary

    library = Library(root)
    document = library.load_document("book")
    return make_app(library, Vocabulary(root), Settings(), document=document, watch_interval=0)


def frame(root: Path) -> float:
    return asyncio.run(first_frame(lambda: open_app(root), with_terms="en"))


def export(root: Path, tmp: Path) -> object:
    from reader.export import export_deck

    return export_deck(root, output=tmp / "deck.apkg")


def find_all(root: Path) -> int:
    from reader.library import Library
    from reader.matching import Matcher
    from reader.vocabulary import Vocabulary

    doc = Library(root).load_document("book")
    matcher = Matcher(Vocabulary(root).entries("en"), "en")
    return sum(len(matcher.find(seg.source.text)) for seg in doc.segments)


def book_curves(sizes: list[int], tmp: Path) -> list[Curve]:
    from reader.documents import save_document
    from reader.importers import import_file
    from reader.library import Library

    curves = {n: Curve(n, "words") for n in ("import", "first frame", "save", "match", "export")}
    print(f"with the book ({FIXED_ENTRIES:,}-entry glossary):")
    for words in sizes:
        root = tmp / f"book{words}"
        source, _ = library_with(root, words, FIXED_ENTRIES, ids=True)
        runs = 3 if words < 1_000_000 else 2
        curves["import"].measure(words, lambda s=source: import_file(s), runs)
        curves["first frame"].measure(words, lambda r=root: frame(r), runs)
        doc = Library(root).load_document("book")
        saved = tmp / "saved.yaml"
        curves["save"].measure(words, lambda d=doc, o=saved: save_document(d, o), runs)
        curves["match"].measure(words, lambda r=root: find_all(r), runs)
        curves["export"].measure(words, lambda r=root: export(r, tmp), 1 if words > 200_000 else 2)
    return list(curves.values())


def glossary_curves(sizes: list[int], tmp: Path) -> list[Curve]:
    from dataclasses import replace

    from reader.glossary import load_glossary, update_entry
    from reader.glossary_import import import_list
    from reader.vocabulary import Vocabulary

    curves = {n: Curve(n, "entries") for n in ("import", "first frame", "save", "match", "export")}
    print(f"with the glossary ({FIXED_WORDS:,}-word book):")
    for entries in sizes:
        root = tmp / f"glossary{entries}"
        _, text = library_with(root, FIXED_WORDS, entries, ids=True)
        # New terms (none in en.yaml yet): the list is checked against the N entries there,
        # then written to a file of its own in one careful save.
        listed = tmp / f"list{entries}.tsv"
        terms = text_terms(text, entries, seed=5)
        listed.write_text("".join(f"{t} {i}\t释义\n" for i, t in enumerate(terms)), "utf-8")

        def list_import(r: Path = root, f: Path = listed) -> object:
            target = r / "glossaries" / "imported.yaml"
            target.unlink(missing_ok=True)
            return import_list(Vocabulary(r), f, lang="en", target=target)

        runs = 2 if entries >= 50_000 else 3
        curves["import"].measure(entries, list_import, runs)
        (root / "glossaries" / "imported.yaml").unlink(missing_ok=True)
        curves["first frame"].measure(entries, lambda r=root: frame(r), runs)
        path = root / "glossaries" / "en.yaml"
        state = {"gf": load_glossary(path)}
        middle = state["gf"].entries[entries // 2]

        def one_save(m=middle, held=state) -> None:  # type: ignore[no-untyped-def]
            g = update_entry(held["gf"], m, replace(m, status="known"))
            held["gf"] = update_entry(g, m, m)

        curves["save"].measure(entries, one_save, runs)
        curves["match"].measure(entries, lambda r=root: find_all(r), runs)
        curves["export"].measure(entries, lambda r=root: export(r, tmp), 1)
    for curve in curves.values():  # two saves per run above
        curve.points = [
            (n, t / 2 if curve.name == "save" else t, c, load) for n, t, c, load in curve.points
        ]
    return list(curves.values())


def least_of(same: tuple[Curve, ...]) -> Curve:
    """One curve from several passes over it: at each size, the pass with the least CPU time."""
    merged = Curve(same[0].name, same[0].unit)
    merged.points = [min(points, key=lambda p: p[1]) for points in zip(*(c.points for c in same))]
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes only")
    parser.add_argument("--passes", type=int, default=2, help="whole passes, least kept")
    args = parser.parse_args(argv)
    os.environ["READER_CACHE_DIR"] = ""
    books = BOOK_WORDS[:2] if args.quick else BOOK_WORDS
    glossaries = GLOSSARY_ENTRIES[:2] if args.quick else GLOSSARY_ENTRIES
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        state = Path(tmp) / "state"
        os.environ["READER_STATE_DIR"] = str(state)
        os.environ["READER_CONFIG"] = str(state / "config.yaml")
        print(f"growth curves; {load_average()}")
        passes = []
        for k in range(max(1, args.passes)):
            print(f"pass {k + 1} of {max(1, args.passes)}")
            folder = Path(tmp) / f"pass{k}"
            folder.mkdir()
            passes.append(book_curves(books, folder) + glossary_curves(glossaries, folder))
        curves = [least_of(same) for same in zip(*passes, strict=True)]
    print(f"verdicts (the steepest step of each curve; each point the least of {len(passes)}):")
    for i, curve in enumerate(curves):
        axis = "book" if i < 5 else "glossary"
        print(f"  {axis:<9}{curve.verdict()}")
    print(f"{time.perf_counter() - started:.0f} s in all; {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
