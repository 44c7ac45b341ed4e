"""How fast glossary files load, check and save: a 50,000-entry English glossary.

The glossary mixes what a learner writes: four short entries (`term: gloss；gloss`) for every
long one (glosses, note, status, level, some with forms, tags and a context). Terms are
words and phrases from the seeds' English plus synthetic ones up to 50,000.

Prints the median wall and CPU time of several runs (and the best CPU time: the machine may
be shared, so the load average is printed too) for: load without the cache (cold: every
check, from the YAML), load from the cache of parsed glossaries (warm: the same bytes read
before), check (all findings), opening a library's vocabulary (cold), careful saves of one
entry (status change, add, remove, undo: p50 and p95 of 80, the target under 100 ms p95, with
a write + fsync of the same bytes timed beside each as the control, and the whole-file save
every save used to be), writing 10,000 new ids in one batch save (what a first export does). Loading together with matching over a
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


SAVES = 80


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def saves(path: Path) -> None:
    """Careful saves of one entry, as a learner makes them: a status change, an add, a
    removal and an undo, in turn, on random entries. Each is timed with a control beside it
    (the same bytes written and fsynced to a scratch file: what any save must at least
    cost on this disk at this moment), and a few whole-file saves (the way every save went
    before) in the same run."""
    from reader.fsutil import atomic_write_bytes
    from reader.glossary import local, restore_text

    rng = random.Random(11)
    gf = load_glossary(path)
    scratch = path.with_name("control.bin")
    times: list[float] = []
    controls: list[float] = []
    history: list[str] = []
    for k in range(SAVES):
        op = k % 4
        entry = gf.entries[rng.randrange(len(gf.entries))]
        started = time.perf_counter()
        if op == 0:
            new_status = "known" if entry.status != "known" else "new"
            gf_next = update_entry(gf, entry.term, replace(entry, status=new_status, level=None))
        elif op == 1:
            gf_next = add_entry(gf, Entry(f"zzz bench {k}", "en", ("测试",)))
        elif op == 2:
            gf_next = remove_entry(gf, entry.term)
        else:
            gf_next = restore_text(gf, history.pop())
        times.append(time.perf_counter() - started)
        if op != 3:
            history.append(gf.text)
        gf = gf_next
        raw = gf.text.encode("utf-8")
        started = time.perf_counter()
        atomic_write_bytes(scratch, raw)
        controls.append(time.perf_counter() - started)
    assert load_glossary(path).entries == gf.entries
    ms = [t * 1000 for t in times]
    cms = [t * 1000 for t in controls]
    print(
        f"{'one careful save, p50 / p95 / max':<34}{percentile(ms, 0.5):7.1f} / "
        f"{percentile(ms, 0.95):.1f} / {max(ms):.1f} ms wall ({SAVES} saves: status, add, "
        f"remove, undo; the first {ms[0]:.0f} ms)"
    )
    print(
        f"{'  control: write + fsync, p50 / p95':<34}{percentile(cms, 0.5):7.1f} / "
        f"{percentile(cms, 0.95):.1f} ms wall (the same bytes to a scratch file)"
    )

    def whole_file_save() -> None:
        nonlocal gf
        saved = local.layout_of
        local.layout_of = lambda gf: None  # type: ignore[assignment]
        try:
            entry = gf.entries[len(gf.entries) // 2]
            gf = update_entry(gf, entry.term, replace(entry, note=f"n{time.time()}"))
        finally:
            local.layout_of = saved

    show(
        "  whole-file save (as before)",
        timed(whole_file_save, runs=3),
        extra="(parse, splice, verify all)",
    )
    scratch.unlink()


def vocabulary_adds(root: Path) -> None:
    """Adds through the Vocabulary, as the app makes them (its look-up index built, then
    an add, then the next look-up), each timed; the control, in the same run, is building
    the whole index anew, which is what every add cost while the index was rebuilt."""
    from reader.vocabulary_index import build_index

    vocab = Vocabulary(root)
    vocab.find("zz", "en")
    times: list[float] = []
    rebuilds: list[float] = []
    for k in range(20):
        started = time.perf_counter()
        vocab.add(Entry(f"zz vocab {k}", "en", ("测试",)))
        vocab.find(f"zz vocab {k}", "en")
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        build_index(vocab._snapshot)
        rebuilds.append(time.perf_counter() - started)
    ms = [t * 1000 for t in times]
    print(
        f"{'vocabulary add + look-up, p50 / p95':<34}{percentile(ms, 0.5):7.1f} / "
        f"{percentile(ms, 0.95):.1f} ms wall (20 adds; the index carried over)"
    )
    print(
        f"{'  control: index built anew, p50':<34}{percentile([t * 1000 for t in rebuilds], 0.5):7.1f}"
        " ms wall (what each add cost before)"
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

        saves(path)
        vocabulary_adds(Path(tmp))

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
