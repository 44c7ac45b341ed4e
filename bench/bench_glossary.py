"""How fast glossary files load, check and save: a 50,000-entry English glossary.

The glossary mixes what a learner writes: four short entries (`term: gloss；gloss`) for every
long one (glosses, note, status, level, some with forms, tags and a context). Terms are
words and phrases from the seeds' English plus synthetic ones up to 50,000.

Prints the median wall and CPU time of several runs (and the best CPU time: the machine may
be shared, so the load average is printed too) for: load without the cache (cold: every
check, from the YAML), load from the cache of parsed glossaries (warm: the same bytes read
before), check (all findings), opening a library's vocabulary (cold), one careful save
(update, add, remove: each re-reads and verifies the whole file), writing 10,000 new ids in
one batch save (what a first export does). Loading together with matching over a
1,000,000-word text (the target: under 1 s) is measured by bench_matching.py, in fresh
processes so that nothing analysed in an earlier run is reused.

Run: .venv/bin/python bench/bench_glossary.py
"""

from __future__ import annotations

import os
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from benchkit import mixed_glossary, seed_path

from reader.glossary import (
    add_entry,
    check_glossary,
    load_glossary,
    remove_entry,
    update_entries,
    update_entry,
)
from reader.model import Entry
from reader.vocabulary import Vocabulary

ENTRIES = 50_000
IDS = 10_000
RUNS = 5


def english_text() -> str:
    oped = seed_path("002").read_text(encoding="utf-8")
    news = seed_path("003").read_text(encoding="utf-8")
    english = [line for line in oped.splitlines() if line.isascii()] + news.splitlines()
    return " ".join(line.strip() for line in english if line.strip())


def terms(text: str, n: int, rng: random.Random) -> list[str]:
    """Seed words and phrases a learner might note (none begins or ends with one of the 100
    most frequent words), then synthetic words and phrases up to n."""
    words = re.findall(r"[A-Za-z][a-z'-]*[a-z]", text.lower())
    common = {w for w, _ in Counter(words).most_common(100)}
    seen: dict[str, None] = {}
    for size in (1, 2, 3):
        for i in range(len(words) - size):
            if words[i] not in common and words[i + size - 1] not in common:
                seen.setdefault(" ".join(words[i : i + size]), None)
    out = list(seen)[: n // 2]
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(out) < n:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(4, 10)))
        if word not in seen:
            seen[word] = None
            out.append(word if rng.random() < 0.7 else f"{word} {rng.choice(out[:500])}")
    return out


def glossary_text(names: list[str], rng: random.Random) -> str:
    return mixed_glossary(names, rng, "from the op-ed, paragraph 4")


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float, float]:
    """Median wall, median CPU and best CPU time of several runs, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), min(cpus)


def show(label: str, times: tuple[float, float, float], per: int = 1, extra: str = "") -> None:
    wall, cpu, best_cpu = (t / per * 1000 for t in times)
    print(
        f"{label:<34}{wall:7.0f} ms wall {cpu:7.0f} ms cpu (best {best_cpu:4.0f}) {extra}".rstrip()
    )


def cold() -> None:
    os.environ["READER_CACHE_DIR"] = ""  # the cache off: every load reads the YAML


def warm(cache_dir: Path) -> None:
    os.environ["READER_CACHE_DIR"] = str(cache_dir)


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    rng = random.Random(7)
    text = english_text()
    names = terms(text, ENTRIES, rng)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossaries"
        folder.mkdir()
        path = folder / "en.yaml"
        path.write_text(glossary_text(names, rng), encoding="utf-8")
        size_kib = path.stat().st_size / 1024

        cold()
        gf = load_glossary(path)
        assert len(gf.entries) == ENTRIES, len(gf.entries)
        print(f"glossary: {ENTRIES:,} entries, {size_kib:,.0f} KiB, 1 long entry in 5")
        print(f"{load_average()}, {os.cpu_count()} cores; median of {RUNS} runs unless told")
        show("load, cold (no cache)", timed(lambda: load_glossary(path)))
        warm(Path(tmp) / "cache")
        assert load_glossary(path) == gf  # fills the cache
        show("load, warm (from the cache)", timed(lambda: load_glossary(path)))
        cold()
        show("check (all findings)", timed(lambda: check_glossary(path)))
        show("open vocabulary, cold", timed(lambda: Vocabulary(Path(tmp))))

        state = {"gf": load_glossary(path)}
        middle = state["gf"].entries[ENTRIES // 2]

        def save_cycle() -> None:
            g = state["gf"]
            g = update_entry(g, middle.term, replace(middle, status="known"))
            g = add_entry(g, Entry("zzz bench term", "en", ("测试",)))
            g = remove_entry(g, "zzz bench term")
            state["gf"] = update_entry(g, middle.term, middle)

        show("one careful save", timed(save_cycle, runs=3), per=4, extra="(locate, splice, verify)")

        # What a first export does: a permanent id into 10,000 entries, in one save.
        fresh = load_glossary(path)
        original = path.read_bytes()
        ids = [(e.term, replace(e, id=f"{i:016x}")) for i, e in enumerate(fresh.entries[:IDS])]

        def write_ids() -> None:
            path.write_bytes(original)
            update_entries(load_glossary(path), ids)

        write_ids()
        assert all(e.id for e in load_glossary(path).entries[:IDS])
        show(f"write {IDS:,} ids (one save)", timed(write_ids, runs=3), extra="(incl. a cold load)")
        path.write_bytes(original)

        print(load_average())


if __name__ == "__main__":
    main()
