"""How fast a library of 1,000 documents is listed with `Library.scan()`, which reads every
document and gives each its own error instead of failing the whole library.

The library holds the op-ed 990 times (each a document of its own, 110 segments) and 10
broken documents (a segment `lang: 5`, `links: 5`, broken YAML ...). Prints the time to the
first document listed and to the whole list, read from the YAML (cold: the parsed-document
cache off) and from the cache (warm), with a control in the same run: reading the same
files' bytes and nothing else (the floor any listing pays on this disk at this moment).
The library screen will take this list from a background worker; how fast it draws is
measured there.

Run: .venv/bin/python bench/bench_library.py
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchkit import ROOT

from reader.library import Library

DOCUMENTS = 990
BROKEN = {
    "segment lang: 5": ("  kind: paragraph\n", "  kind: paragraph\n  lang: 5\n"),
    "links: 5": ("  links:\n", "  links: 5\n  old_links:\n"),
    "title a list": ("title: ", "title: [a]\nold_title: "),
    "broken YAML": ("segments:", "segments: ["),
    "segments: 5": ("segments:", "segments: 5\nold_segments:"),
}
RUNS = 3


def build(folder: Path) -> Library:
    seed = ROOT / "seeds" / "documents" / "002_3fb843373e1af618.yaml"
    text = seed.read_text(encoding="utf-8")
    documents = folder / "lib" / "documents"
    documents.mkdir(parents=True)
    for i in range(DOCUMENTS):
        (documents / f"doc{i:04d}.yaml").write_text(text, encoding="utf-8")
    for i in range(10):
        old, new = list(BROKEN.values())[i % len(BROKEN)]
        (documents / f"broken{i}.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return Library(folder / "lib")


def scan(library: Library) -> tuple[float, float, int, int]:
    """(seconds to the first item, seconds to all, documents read, errors)."""
    started = time.perf_counter()
    first = None
    read = errors = 0
    for item in Library(library.root).scan():
        if first is None:
            first = time.perf_counter() - started
        if item.error is None:
            read += 1
        else:
            errors += 1
    return first or 0.0, time.perf_counter() - started, read, errors


def control(library: Library) -> float:
    started = time.perf_counter()
    for path in sorted(library.documents_dir.iterdir()):
        path.read_bytes()
    return time.perf_counter() - started


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        library = build(Path(tmp))
        print(f"library: {DOCUMENTS} documents and 10 broken ones; {load_average()}")
        for label, cache in (
            ("cold (no cache)", ""),
            ("warm (from the cache)", str(Path(tmp) / "cache")),
        ):
            os.environ["READER_CACHE_DIR"] = cache
            if cache:
                scan(library)  # fills the cache
            runs = [scan(library) for _ in range(RUNS)]
            controls = [control(library) for _ in range(RUNS)]
            first = statistics.median(r[0] for r in runs) * 1000
            whole = statistics.median(r[1] for r in runs)
            _, _, read, errors = runs[0]
            print(
                f"scan, {label:<22} first item {first:6.1f} ms, all {whole:5.2f} s "
                f"({read} read, {errors} with their error); control: reading the bytes "
                f"{statistics.median(controls) * 1000:.0f} ms"
            )
        print(load_average())


if __name__ == "__main__":
    main()
