"""The first frame of `reader read` on every kind of file, against a hello-world Textual app.

    .venv/bin/python bench/bench_first_frame.py [--runs 5] [--documents 1000] [--entries 100000]

Each run is a fresh process on a pseudo-terminal of 120x40, timed from spawn (Python
start-up, imports, loading) to the first frame written to the terminal, and on to the frame
that shows the content (the reading view's rows with their layout; the library's full
list), and on to the whole screen (the reading screen's first frame is its text, at the width it
keeps; the panels beside it, the status bar and the keys come in the frames just after). The
control is a hello-world Textual app (one Static), run just before every run of
every case, so each run is compared with a control that met the same moment of the host (a
shared machine changes speed for minutes at a time): the ratio is the median of these paired
ratios. Target: first frame at most 1.3x the control's. Beside it, the same ratio of the
processes' CPU time up to the first frame, which waiting on a busy host does not change.

Cases:
- a library document (`reader read 002_3fb843373e1af618 --library seeds`);
- an annotated study note, imported in the app (`reader read seeds/originals/002_….txt`);
- a plain text (the op-ed's English paragraphs, about 1,200 words);
- an EPUB (tests/data/real/darwin-excerpt.epub, made by pandoc);
- the library screen on a library of `--documents` documents (the op-ed again and again,
  1% of them broken) and a glossary of `--entries` entries: first frame at most 1 s, the
  whole list at most 3 s; and, in one more run, the time until every row has its counts
  (terms, known share, unknown words), which a worker fills in afterwards.

Python's compiled-module cache is on (kept outside the working tree, filled by one run not
counted), as for an installed app. Medians of `--runs`; the load average beside each.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

from benchkit import ROOT, load_average, seed_text, text_terms

SIZE = (120, 40)
OPED_ID = "002_3fb843373e1af618"
ANNOTATED = ROOT / "seeds" / "originals" / f"{OPED_ID}.txt"
EPUB = ROOT / "tests" / "data" / "real" / "darwin-excerpt.epub"

# The child: `reader` as a user starts it (the `reader` script's own import order), with
# hooks that only observe, put in as each module is imported. "first" is the first frame
# written; "content" the first frame after the content is there; "whole" the first frame
# after the reading screen's panels, status bar and keys came (the content, elsewhere);
# "counted" (kind "counted": the library screen) when the last row got its counts.
CHILD = r"""
import importlib.util, os, sys, time
spawned, report, kind = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
seen = {}
state = {"content": kind == "hello", "counted": kind != "counted", "whole": kind != "reading"}
kind = "library" if kind == "counted" else kind
def say(name):
    if name not in seen:
        seen[name] = time.time() - spawned
        os.write(report, f"{name} {seen[name]:.4f}\n".encode())
def after_import(name, patch):
    # Patches `name` once it is imported, wherever the program imports it: the hooks must
    # not change what is imported, or in which order, before the first frame.
    class Finder:
        def find_spec(self, fullname, path=None, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            run = spec.loader.exec_module
            def exec_module(module):
                run(module)
                patch(module)
            spec.loader.exec_module = exec_module
            return spec
    sys.meta_path.insert(0, Finder())
def hook_app(module):
    display = module.App._display
    def hooked_display(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is None:
            return
        if "first" not in seen:
            os.write(report, f"cpu {time.process_time():.4f}\n".encode())
        say("first")
        if state["content"]:
            say("content")
            if state["whole"]:
                say("whole")
                if state["counted"]:
                    say("counted")
                    self.exit()
    module.App._display = hooked_display
after_import("textual.app", hook_app)
if kind == "hello":
    from textual.app import App
    from textual.widgets import Static
    class Hello(App):
        def compose(self):
            yield Static("Hello, world")
    Hello().run()
    sys.exit(0)
if kind == "reading":
    def hook_view(reading_view):
        render_line = reading_view.ReadingView.render_line
        def hooked_render_line(self, y):
            strip = render_line(self, y)
            if self.current_layout is not None and y == self.size.height - 1:
                state["content"] = True
            return strip
        reading_view.ReadingView.render_line = hooked_render_line
    after_import("reader.ui.widgets.reading_view", hook_view)
    def hook_screen(screen):
        complete = screen.ReadingScreen._complete
        async def hooked_complete(self):
            await complete(self)
            state["whole"] = True
            self.refresh()
        screen.ReadingScreen._complete = hooked_complete
    after_import("reader.ui.screens.reading.screen", hook_screen)
if kind == "library":
    def hook_library(library):
        listed, counted = library.LibraryScreen._listed, library.LibraryScreen._set_counts
        def hooked_listed(self, scan, batch, total, first, error=None, last=False):
            listed(self, scan, batch, total, first, error, last)
            if last:
                state["content"] = True
                self.refresh()
        def hooked_counts(self, scan, batch):
            counted(self, scan, batch)
            if all(r.counts is not None for r in self.rows if r.document is not None):
                state["counted"] = True
                self.refresh()
        library.LibraryScreen._listed = hooked_listed
        library.LibraryScreen._set_counts = hooked_counts
    after_import("reader.ui.screens.library", hook_library)
from reader.cli import main
sys.exit(main(sys.argv[4:]))
"""


def run_once(kind: str, argv: list[str], env: dict[str, str], limit: float) -> dict[str, float]:
    """Seconds from spawn to each mark the child reports."""
    from benchkit import run_on_terminal

    report, tail_bytes = run_on_terminal(
        [sys.executable, "-c", CHILD, kind, *argv], env, SIZE, limit
    )
    marks = {n: float(v) for n, v in (line.split() for line in report.decode().splitlines())}
    if "whole" not in marks:
        tail = tail_bytes.decode(errors="replace")
        raise SystemExit(f"{kind} {' '.join(argv)}: no content within {limit} s\n{tail}")
    return marks


def plain_text(folder: Path) -> Path:
    """The op-ed's English paragraphs as a plain text file."""
    lines = [line for line in seed_text("002").splitlines() if line.isascii() and len(line) > 80]
    path = folder / "op-ed-english.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def big_library(folder: Path, documents: int, entries: int) -> Path:
    """`documents` documents (the op-ed, 1% broken) and a glossary of `entries` entries."""
    from bench_library import BROKEN
    from benchkit import english_text, glossary_yaml

    seed = (ROOT / "seeds" / "documents" / f"{OPED_ID}.yaml").read_text(encoding="utf-8")
    root = folder / "big"
    docs = root / "documents"
    docs.mkdir(parents=True)
    broken = max(1, documents // 100)
    for i in range(documents - broken):
        (docs / f"doc{i:04d}.yaml").write_text(seed, encoding="utf-8")
    for i in range(broken):
        old, new = list(BROKEN.values())[i % len(BROKEN)]
        (docs / f"broken{i}.yaml").write_text(seed.replace(old, new, 1), encoding="utf-8")
    (root / "glossaries").mkdir()
    terms = text_terms(english_text(60_000), entries, seed=random.Random(3).randint(0, 99))
    (root / "glossaries" / "en.yaml").write_text(glossary_yaml(terms), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument(
        "--only", metavar="WORD", help="run only the cases whose label contains WORD"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-first-frame-") as name:
        tmp = Path(name)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "READER_STATE_DIR": str(tmp / "state"),
            "READER_CONFIG": str(tmp / "config.yaml"),
            "READER_CACHE_DIR": str(tmp / "cache"),
            "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        empty = tmp / "empty-library"
        library = big_library(tmp, args.documents, args.entries)
        cases: list[tuple[str, str, list[str]]] = [
            ("control: hello-world Textual app", "hello", []),
            ("library document (the op-ed)", "reading", ["read", OPED_ID, "--library", "seeds"]),
            (
                "annotated study note (op-ed .txt)",
                "reading",
                ["read", str(ANNOTATED), "--library", str(empty)],
            ),
            (
                "plain text (1,200 words)",
                "reading",
                ["read", str(plain_text(tmp)), "--library", str(empty)],
            ),
            (
                "EPUB (pandoc, Darwin excerpt)",
                "reading",
                ["read", str(EPUB), "--library", str(empty)],
            ),
            (
                f"library: {args.documents:,} documents, {args.entries:,} entries",
                "library",
                ["--library", str(library)],
            ),
        ]
        if args.only:
            cases = [cases[0], *(c for c in cases[1:] if args.only in c[0])]
        print(
            f"{args.runs} runs per case, each after a run of the control; fresh processes "
            f"at 120x40; {load_average()}"
        )
        for _label, kind, case_argv in cases:  # fills the compiled-module and index caches
            run_once(kind, case_argv, env, 600)
        results: dict[str, list[dict[str, float]]] = {label: [] for label, _k, _a in cases}
        ratios: dict[str, list[float]] = {label: [] for label, _k, _a in cases}
        cpu_ratios: dict[str, list[float]] = {label: [] for label, _k, _a in cases}
        control_label, control_kind, control_argv = cases[0]
        loads = []
        for _ in range(args.runs):
            for label, kind, case_argv in cases[1:]:
                control = run_once(control_kind, control_argv, env, 600)
                results[control_label].append(control)
                marks = run_once(kind, case_argv, env, 600)
                results[label].append(marks)
                ratios[label].append(marks["first"] / control["first"])
                cpu_ratios[label].append(marks["cpu"] / control["cpu"])
            loads.append(os.getloadavg()[0])
        ratios[control_label] = cpu_ratios[control_label] = [1.0]
        print(
            f"{'case':<44} {'first frame':>12} {'x hello':>8} {'content':>9} {'whole':>9} {'CPU x':>6}"
        )
        for label, kind, _a in cases:
            runs = results[label]
            first = statistics.median(r["first"] for r in runs)
            content = statistics.median(r["content"] for r in runs)
            whole = statistics.median(r["whole"] for r in runs)
            ratio = statistics.median(ratios[label])
            verdict = "" if kind == "hello" else ("  OK" if ratio <= 1.3 else "  NOT MET (1.3x)")
            target = "  (whole list: target 3 s)" if kind == "library" else ""
            cpu = statistics.median(cpu_ratios[label])
            print(
                f"{label:<44} {first:10.3f} s {ratio:7.2f}x {content:7.2f} s {whole:7.2f} s "
                f"{cpu:5.2f}x"
                f"{verdict}{target}",
                flush=True,
            )
        # Once: until every row has its counts (a worker fills them in after the list).
        label, kind, case_argv = cases[-1]
        if kind == "library":
            counted = run_once("counted", case_argv, env, 900)["counted"]
            print(
                f"{label}: every row counted (terms, known, unknown) {counted:.2f} s; "
                f"{load_average()}"
            )
        print(
            f"load during the runs: 1-minute average {min(loads):.2f}..{max(loads):.2f}; "
            f"now {load_average()}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
