"""What the benchmark scripts share: the repository on the import path (and tests/, whose
data modules the benchmarks measure with too), the seed texts (the copies bundled in
seeds/originals), a timer, the machine's load and a control to print beside every figure,
texts and glossaries of any size, and the first frame of the app."""

from __future__ import annotations

import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _folder in (ROOT, ROOT / "tests"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from seedfiles import repeated

ORIGINALS = ROOT / "seeds" / "originals"


def seed_path(prefix: str) -> Path:
    """The bundled seed whose file name starts with `prefix` (`002`)."""
    found = sorted(ORIGINALS.glob(f"{prefix}_*.txt"))
    if not found:
        raise SystemExit(f"seed {prefix} not found in {ORIGINALS}")
    return found[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def best_of(
    runs: int, fn: Callable[[], object], timer: Callable[[], float] = time.perf_counter
) -> float:
    """The shortest time of `runs` calls: wall time, or what `timer` measures
    (`time.process_time` for the processor time of this process alone)."""
    best = float("inf")
    for _ in range(runs):
        start = timer()
        fn()
        best = min(best, timer() - start)
    return best


def load_average() -> str:
    """The machine's load, to print beside every figure: the machine may be shared, and a
    figure taken at load 6 on two cores is not one taken at load 0."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def control(runs: int = 3) -> float:
    """Seconds of a fixed piece of pure-Python work (the least of `runs`): measured beside a
    figure, it says how fast this machine is running right now, so figures taken under
    different loads can be compared as multiples of it."""

    def work() -> int:
        total = 0
        for i in range(300_000):
            total += i * i % 7
        return total

    return best_of(runs, work)


def english_text(words: int) -> str:
    """English prose of about `words` words: the paragraphs of the English seeds (the op-ed's
    original and the news article), repeated, blank-line separated."""
    oped = [line for line in seed_text("002").splitlines() if line.isascii()]
    news = seed_text("003").splitlines()
    paragraphs = [p.strip() for p in (*oped, *news) if len(p.split()) > 8 and "![" not in p]
    return "\n\n".join(repeated(paragraphs, words)) + "\n"


def text_terms(text: str, n: int, seed: int = 11) -> list[str]:
    """`n` distinct words and two-word phrases of `text` (shuffled), then made-up words when
    the text has too few: a glossary whose terms are found in the text."""
    words = re.findall(r"[a-z][a-z]+", text.lower())
    seen: dict[str, None] = {}
    for size in (1, 2):
        for i in range(len(words) - size):
            seen.setdefault(" ".join(words[i : i + size]), None)
            if len(seen) >= n:
                break
    pool = list(seen)
    rng = random.Random(seed)
    while len(pool) < n:
        made = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(6, 11)))
        if made not in seen:
            seen[made] = None
            pool.append(made)
    rng.shuffle(pool)
    return pool[:n]


def glossary_yaml(terms: list[str], lang: str = "en", ids: bool = False) -> str:
    """A glossary file of these terms as a learner keeps one: short entries, and one in five
    in long form with a note, a status and a level."""
    glosses = ["赤裸的", "光秃的", "明显的", "新生的", "初生的", "扼杀", "公平的条件", "最佳机会"]
    lines = [f"language: {lang}", "entries:"]
    for i, term in enumerate(terms):
        key = "'" + term.replace("'", "''") + "'"
        gloss = glosses[i % len(glosses)]
        given = [f"    id: bench{i:08d}"] if ids else []  # as after a first export
        if i % 5 == 0:
            lines += [
                f"  {key}:",
                f"    glosses: [{gloss}, {glosses[(i + 1) % len(glosses)]}]",
                "    note: noted while reading",
                "    status: learning",
                f"    level: {1 + i % 5}",
                *given,
            ]
        elif ids:
            lines += [f"  {key}:", f"    glosses: [{gloss}]", *given]
        else:
            lines.append(f"  {key}: {gloss}")
    return "\n".join(lines) + "\n"


def mixed_glossary(
    terms: list[str], rng: random.Random, note: str, forms_of_phrases: bool = True
) -> str:
    """A large glossary as learners mix them: four short entries (`term: gloss；gloss`) for
    every long one (glosses, `note`, status, level), some of those with forms and tags (a
    phrase's too unless `forms_of_phrases` is off) and a context. Keys are quoted where YAML
    needs it, as learners quote `'yes'` or `'open-'`."""
    lines = ["# A large glossary for benchmarks", "language: en", "entries:"]
    glosses = ["赤裸的", "光秃的", "明显的", "新生的", "初生的", "扼杀", "公平的条件"]
    for i, term in enumerate(terms):
        quoted = term.replace("'", "''")
        key = term if re.fullmatch(r"[a-z][a-z' -]*[a-z]", term) else f"'{quoted}'"
        picked = rng.sample(glosses, rng.randint(1, 3))
        if i % 5:
            lines.append(f"  {key}: {'；'.join(picked)}")
            continue
        lines += [
            f"  {key}:",
            f"    glosses: [{', '.join(picked)}]",
            f"    note: {note}",
            "    status: learning",
            f"    level: {1 + i % 5}",
        ]
        if i % 3 == 0 and (forms_of_phrases or " " not in term):
            lines += [f"    forms: [{term}s]", "    tags: [economist]"]
        if i % 7 == 0:
            lines.append(f"    context: {{document: doc{i}, segment: 1a2b3c4d, sentence: {i % 9}}}")
    return "\n".join(lines) + "\n"


async def first_frame(open_app: Callable[[], object], *, with_terms: str | None = None) -> float:
    """Seconds from calling `open_app` (which loads what it needs and returns the app) to the
    first frame of the reading view handed to the terminal, under Pilot at 120x40; with
    `with_terms` (a language), to the first such frame painted with that language's terms
    marked (the matcher built)."""
    first, _ = await frame_and_repaints(open_app, with_terms=with_terms)
    return first


async def frame_and_repaints(
    open_app: Callable[[], object], *, with_terms: str | None = None, repaints: int = 0
) -> tuple[float, list[float]]:
    """`first_frame`, then the seconds of `repaints` full repaints of the same screen in the
    running app, the terms found again each time (what a web reader's render request does)."""
    from textual.app import App

    from reader.marks import _Kept
    from reader.ui.widgets import reading_view

    state: dict[str, object] = {"drawn": False, "done": None, "app": None}
    display, render_line = App._display, reading_view.ReadingView.render_line

    def hooked_render_line(self, y):  # type: ignore[no-untyped-def]
        strip = render_line(self, y)
        if self.current_layout is not None and y == self.size.height - 1:
            state["drawn"] = True
        return strip

    def hooked_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        display(self, screen, renderable)
        if state["done"] is None and state["drawn"] and renderable is not None:
            app = state["app"]
            if with_terms is None or app.marks.ready(with_terms):  # type: ignore[attr-defined]
                state["done"] = time.perf_counter()

    async def painted(pilot) -> float:  # type: ignore[no-untyped-def]
        deadline = time.perf_counter() + 300
        while state["done"] is None:
            if time.perf_counter() > deadline:
                raise SystemExit("no frame painted in five minutes")
            await pilot.pause(0.002)
        return float(state["done"])  # type: ignore[arg-type]

    App._display = hooked_display  # type: ignore[method-assign]
    reading_view.ReadingView.render_line = hooked_render_line  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        app = open_app()
        state["app"] = app
        again: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:  # type: ignore[attr-defined]
            first = await painted(pilot) - start
            view = app.screen.query_one(reading_view.ReadingView)  # type: ignore[attr-defined]
            for _ in range(repaints):
                await pilot.pause(0.05)
                state["drawn"], state["done"] = False, None
                begin = time.perf_counter()
                app.marks._found = _Kept()  # type: ignore[attr-defined]  # find them again
                view.notify_style_update()  # and draw every row again
                view.refresh()
                again.append(await painted(pilot) - begin)
        return first, again
    finally:
        App._display = display  # type: ignore[method-assign]
        reading_view.ReadingView.render_line = render_line  # type: ignore[method-assign]


def run_on_terminal(
    argv: list[str], env: dict[str, str], size: tuple[int, int], limit: float = 600.0
) -> tuple[bytes, bytes]:
    """Run `argv` on a pseudo-terminal of `size` (columns, rows), reading everything it
    draws so it never blocks on output. The child's last argument-free file descriptor is
    the write end of a pipe whose text is returned, with the screen's last bytes: the
    child reports its own marks there (spawn time is the argument after `-c CODE`)."""
    import fcntl
    import pty
    import struct
    import subprocess
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    read_end, write_end = os.pipe()
    code, rest = argv[:3], argv[3:]  # python -c CODE, then the child's arguments
    proc = subprocess.Popen(
        [*code, str(time.time()), str(write_end), *rest],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        pass_fds=(write_end,),
        start_new_session=True,
        env=env,
        cwd=ROOT,
    )
    os.close(slave)
    os.close(write_end)
    screen = bytearray()

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            screen.extend(data)

    reader_thread = threading.Thread(target=drain, daemon=True)
    reader_thread.start()
    timer = threading.Timer(limit, proc.kill)
    timer.start()
    report = b""
    while chunk := os.read(read_end, 4096):
        report += chunk
    timer.cancel()
    os.close(read_end)
    proc.wait(timeout=60)
    reader_thread.join(5)
    os.close(master)
    return report, bytes(screen[-3000:])
