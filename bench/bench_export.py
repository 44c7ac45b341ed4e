"""Export speed: 10,000 glossary entries to an .apkg with audio markup (target: under 3 s).

Builds a throwaway library in a temporary folder: the op-ed seed imported as `reader import`
does it, and a glossary of 10,000 entries (every word and word pair of the op-ed, then
synthetic terms; a third in long form with notes and tags). Every note carries Anki's TTS
markup for its term and sentence (the default). Prints the time of a first export (every
note stamped), of an unchanged re-export (every note keeps its stamp), of one with sentence
cards, of a dry run and of a TSV export, then the cost of giving ids on a first export
(measured on a smaller glossary, since each id is a careful save of its glossary file), and
audio rendered with espeak-ng for 300 entries: once, then from the cache.

A control workload (pure Python, fixed size) is timed at the start and the end, with the
load average, so figures from a busy shared machine can be read against it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from itertools import pairwise
from pathlib import Path

import yaml
from benchkit import seed_path

from reader.export import export_deck
from reader.importers.store import import_into
from reader.library import Library

OPED = "002_3fb843373e1af618"
N = 10_000


def terms(text: str, n: int) -> list[str]:
    words = re.findall(r"[A-Za-z][a-z]+", text)
    seen: dict[str, None] = {}
    for w in words:
        seen.setdefault(w.lower())
    for a, b in pairwise(words):
        seen.setdefault(f"{a.lower()} {b.lower()}")
    out = list(seen)[:n]
    i = 0
    while len(out) < n:
        out.append(f"synthetic{i:05d} term")
        i += 1
    return out


def glossary(terms: list[str], with_ids: bool) -> str:
    entries: dict[str, object] = {}
    for i, term in enumerate(terms):
        if i % 3 == 0:
            value: dict[str, object] = {
                "glosses": [f"释义{i}", "第二个意思"],
                "note": f"note {i} <with> markup & text",
                "tags": ["bench"],
                "production": i % 2 == 0,
            }
        else:
            value = {"glosses": [f"释义{i}"]}
        if with_ids:
            value["id"] = f"bench{i:08d}"
        entries[term] = value
    return yaml.safe_dump(
        {"language": "en", "entries": entries}, allow_unicode=True, sort_keys=False
    )


def control() -> float:
    """A fixed pure-Python workload: how fast this machine is right now."""
    start = time.perf_counter()
    digest = b""
    for i in range(200_000):
        digest = hashlib.blake2b(digest + str(i).encode(), digest_size=8).digest()
    return time.perf_counter() - start


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(label: str, fn: object) -> float:
    assert callable(fn)
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<48} {elapsed:6.2f} s   {result}")
    return elapsed


def phases(root: Path, tmp: Path) -> None:
    """Where the time of one export goes (the first two are the glossary's and the matcher's)."""
    from reader.export.anki import write_apkg
    from reader.export.contexts import find_contexts
    from reader.export.notes import build_note
    from reader.glossary import load_glossary

    clock = time.perf_counter
    t0 = clock()
    gf = load_glossary(root / "glossaries" / "bench.yaml")
    docs = Library(root).load_documents()
    t1 = clock()
    found = find_contexts(gf.entries, "en", docs)
    t2 = clock()
    notes = [build_note(e, found[str(e.id)].occurrence) for e in gf.entries]
    digests = {n.guid: n.digest for n in notes}
    t3 = clock()
    write_apkg(notes, tmp / "p.apkg", deck_name="p", deck_id=1, timestamp=1_700_000_000)
    t4 = clock()
    print(f"  load glossary and documents  {t1 - t0:5.2f} s")
    print(f"  matcher and context search   {t2 - t1:5.2f} s")
    print(f"  build {len(digests):,} notes           {t3 - t2:5.2f} s")
    print(f"  write the .apkg              {t4 - t3:5.2f} s")


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    os.environ["READER_STATE_DIR"] = str(tmp / "state")
    try:
        root = tmp / "library"
        source = tmp / f"{OPED}.txt"
        shutil.copyfile(seed_path("002"), source)
        import_into(Library(root), source)
        text = source.read_text(encoding="utf-8")
        (root / "glossaries" / f"{OPED}.yaml").unlink()
        (root / "glossaries" / "bench.yaml").write_text(glossary(terms(text, N), True))

        out = tmp / "bench.apkg"

        def export(**kw: object) -> str:
            kw.setdefault("output", out)
            s = export_deck(None if "recipe" in kw else root, **kw)  # type: ignore[arg-type]
            return f"{s.notes} notes, {s.cards} cards, {len(s.no_context)} without context"

        print(f"{load()}; control {control():.2f} s")
        first = timed(f"export {N:,} entries to .apkg (first)", export)
        again = timed(f"export {N:,} entries to .apkg (unchanged)", export)
        recipe = tmp / "sentences.yaml"
        recipe.write_text(
            f"library: {root}\noutput: {tmp / 's.apkg'}\n"
            "cards: [recognition, production, context, sentence, sentence-reverse]\n"
        )
        timed(
            f"export {N:,} entries with sentence cards", lambda: export(recipe=recipe, output=None)
        )
        timed(f"dry run, {N:,} entries", lambda: export(dry_run=True))
        timed(f"export {N:,} entries to .tsv", lambda: export(fmt="tsv", output=tmp / "b.tsv"))
        print(f"apkg size: {out.stat().st_size / 1e6:.1f} MB")
        phases(root, tmp)
        verdict = "OK" if max(first, again) < 3.0 else "TOO SLOW"
        print(f"target: under 3 s for {N:,} entries: {verdict}")

        m = 300
        (root / "glossaries" / "bench.yaml").write_text(glossary(terms(text, m), False))
        ids = timed(f"first export giving ids to {m} entries", export)
        print(f"  = {ids / m * 1000:.1f} ms per new id (one careful save each)")
        chinese(root, tmp, text)
        audio(root, tmp)
        print(f"{load()}; control {control():.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def chinese(root: Path, tmp: Path, text: str) -> None:
    """Chinese terms of the op-ed's translation, with pinyin for every term and sentence
    (from the shared CC-CEDICT index, already open from the import's alignment; the first
    export reads each sentence, the second finds them remembered)."""
    import jieba

    words = list(dict.fromkeys(w for w in jieba.lcut(text) if len(w) > 1 and "\u4e00" <= w[0]))
    entries = {w: {"glosses": [f"gloss {i}"], "id": f"zh{i:06d}"} for i, w in enumerate(words)}
    (root / "glossaries" / "bench.yaml").unlink()
    (root / "glossaries" / "zh.yaml").write_text(
        yaml.safe_dump({"language": "zh", "entries": entries}, allow_unicode=True)
    )

    def run() -> str:
        s = export_deck(root, output=tmp / "zh.apkg")
        return f"{s.notes} notes, {len(s.no_context)} without context"

    timed(f"{len(words)} Chinese entries with pinyin (first)", run)
    timed(f"{len(words)} Chinese entries with pinyin (again)", run)
    (root / "glossaries" / "zh.yaml").unlink()
    (root / "glossaries" / "bench.yaml").write_text(glossary(terms(text, 300), True))


def audio(root: Path, tmp: Path) -> None:
    """Rendered audio for the 300-entry glossary: every file once, then all from the cache."""
    if shutil.which("espeak-ng") is None:
        print("audio files: skipped (espeak-ng is not installed: apt-get install espeak-ng lame)")
        return
    os.environ["READER_CACHE_DIR"] = str(tmp / "cache")
    recipe = tmp / "audio.yaml"
    recipe.write_text(f"library: {root}\noutput: {tmp / 'a.apkg'}\naudio: files\n")

    def run() -> str:
        s = export_deck(None, recipe)
        return f"{s.media} audio files"

    timed("audio files for 300 entries, rendered", run)
    timed("audio files for 300 entries, from the cache", run)


if __name__ == "__main__":
    main()
