"""How fast a 50,000-entry glossary is loaded and found in a 1,000,000-word text.

The target: loading a 50,000-entry glossary YAML file (`reader.glossary.load_glossary`),
building the matcher and finding every term in a 1,000,000-word text take under 1 s together,
and the cost per character of text does not grow with the glossary.

The text repeats the English paragraphs of the seeds (the op-ed's 原文 blocks, lines rejoined,
and the English news article) up to 1,000,000 words. Three glossaries, each a real YAML file
with one long entry (glosses, note, status, level, some forms, tags and a context) for every
four short ones (`term: gloss；gloss`):

- realistic: what a learner keeps: 50,000 English words (base forms and some inflected
  ones, from lemminflect's dictionary) and short phrases, minus the words nobody notes down
  (those sharing a lemma with the 600 most frequent words of the text), plus 30 phrases
  of the seeds and the op-ed's 14 notes: about 10% of the words of the text are hits;
- worst case: half the content words of the seeds, 500 of their 2-4-word phrases, the
  op-ed's notes and synthetic words and phrases up to 50,000, so about 60% of the words of
  the text are hits and reporting them is most of the cost;
- the op-ed: its own 14 notes (seeds/glossaries), to show that the time per character does
  not grow with the glossary.

Each case runs in fresh processes (nothing is cached in memory from an earlier run) and
prints medians of wall time and CPU time (time.process_time): the machine may be shared.
"load (YAML)", "build" and "find" run with the caches turned off (READER_CACHE_DIR=""): the
glossary is read from its YAML and the matcher built from scratch, as on the first run after
the glossary changed. A valid glossary is read by the fast reader (yaml-rs,
reader/glossary/quick.py); "load, strict reader" is the same file through PyYAML's node
tree, as `reader check` reads it and as loading reads a file with a problem. The "cache" lines run the same with both caches filled, as when the
app opens an unchanged glossary again: the parsed glossary (reader.glossary) and the built
matcher (reader.matching) are read back. "find" is `Matcher.find_spans`, the bulk call for
a whole book; "find with Match objects" is `Matcher.find` on the whole text, which also
makes one Match object per occurrence. Start-up (imports, lemminflect's tables, the character table) is paid
once per process whatever the glossary, and is reported on its own line; "one paragraph at a
time" is `find` on each of the first 200 paragraphs, as the reading view calls it.

Run: .venv/bin/python bench/bench_matching.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchkit import ROOT, mixed_glossary, repeated, seed_path

ENTRIES = 50_000
WORDS = 1_000_000
PARAGRAPH_CALLS = 200


def english_paragraphs() -> list[str]:
    """The op-ed's 原文 blocks (lines rejoined) and the English news article's lines."""
    paragraphs = []
    oped = seed_path("002").read_text(encoding="utf-8")
    for block in re.findall(r"原文：\n(.*?)\n(?=[^\n\x00-\x7f’—■])", oped, re.DOTALL):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        paragraphs.append(re.sub(r"-\s+(?=[a-z])", "-", " ".join(lines)))
    news = seed_path("003").read_text(encoding="utf-8")
    paragraphs += [line.strip() for line in news.splitlines() if len(line.split()) > 5]
    return paragraphs


def book(paragraphs: list[str]) -> tuple[str, int]:
    parts = repeated(paragraphs, WORDS)
    return "\n\n".join(parts), sum(len(p.split()) for p in parts)


def oped_notes() -> list[str]:
    from reader.glossary import load_glossary

    return [e.term for e in load_glossary(oped_glossary()).entries]


def oped_glossary() -> Path:
    return min((ROOT / "seeds" / "glossaries").glob("002_*.yaml"))


def text_words(paragraphs: list[str]) -> list[str]:
    return [w.lower() for p in paragraphs for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", p)]


class Terms(dict[str, str]):
    """Terms by the key glossaries compare them under: a glossary refuses two equal terms."""

    def add(self, *terms: str) -> None:
        from reader.normalize import normalize_term

        for term in terms:
            self.setdefault(normalize_term(term, "en"), term)


def synthetic_word(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mi", "re", "sta", "ven", "dor", "pli", "ta", "nu", "gra", "sen"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def worst_case_terms(paragraphs: list[str], notes: list[str]) -> list[str]:
    rng = random.Random(7)
    words = text_words(paragraphs)
    common = {w for w, _ in Counter(words).most_common(100)}
    vocabulary = [w for w in dict.fromkeys(words) if w not in common]
    grams = list(
        dict.fromkeys(
            " ".join(words[i : i + n])
            for n in (2, 3, 4)
            for i in range(len(words) - n + 1)
            if words[i] not in common and words[i + n - 1] not in common
        )
    )
    terms = Terms()
    terms.add(*notes)
    terms.add(*rng.sample(vocabulary, len(vocabulary) // 2))
    terms.add(*rng.sample(grams, min(500, len(grams))))
    while len(terms) < ENTRIES:
        if rng.random() < 0.5:
            term = synthetic_word(rng)
        else:
            parts = [
                rng.choice(vocabulary) if rng.random() < 0.5 else synthetic_word(rng)
                for _ in range(rng.randint(2, 4))
            ]
            term = " ".join(parts)
        terms.add(term)
    return list(terms.values())


def realistic_terms(paragraphs: list[str], notes: list[str]) -> list[str]:
    import lemminflect

    # lemminflect's own word list (an internal table: a benchmark may lean on it) stands in
    # for the dictionary a learner looks words up in.
    from lemminflect.core.Lemmatizer import Lemmatizer

    def lemmas_of(word: str) -> set[str]:
        return {word} | {x for ls in lemminflect.getAllLemmas(word).values() for x in ls}

    table = Lemmatizer()._getLemmaDict()
    rng = random.Random(11)
    words = text_words(paragraphs)
    # Nobody notes down the words they meet all the time, nor their inflections.
    counts = Counter(words)
    frequent = set().union(*(lemmas_of(w) for w, _ in counts.most_common(600)))

    def rare(word: str) -> bool:
        return bool(re.fullmatch(r"[a-z]+", word)) and lemmas_of(word).isdisjoint(frequent)

    base = sorted({x for forms in table.values() for ls in forms.values() for x in ls})
    base = [w for w in base if rare(w)]
    inflected = [w for w in sorted(table) if w not in base and rare(w)]
    grams = list(
        dict.fromkeys(
            " ".join(words[i : i + n])
            for n in (2, 3)
            for i in range(len(words) - n + 1)
            if rare(words[i]) and rare(words[i + n - 1])
        )
    )
    terms = Terms()
    terms.add(*notes)
    terms.add(*rng.sample(grams, min(30, len(grams))))
    while len(terms) < ENTRIES:
        r = rng.random()
        if r < 0.6:
            terms.add(rng.choice(base))
        elif r < 0.85:
            terms.add(rng.choice(inflected))
        else:  # a short phrase of dictionary words
            terms.add(" ".join(rng.sample(base, rng.randint(2, 3))))
    return list(terms.values())


def glossary_yaml(terms: list[str], rng: random.Random) -> str:
    return mixed_glossary(terms, rng, "seen in the op-ed", forms_of_phrases=False)


# --- one run, in a fresh process ------------------------------------------------------------


def child(glossary: str, text_file: str) -> None:
    clock = {"wall": time.perf_counter, "cpu": time.process_time}
    marks: dict[str, dict[str, float]] = {k: {} for k in clock}

    def mark(name: str) -> None:
        for k, f in clock.items():
            marks[k][name] = f()

    t = time.process_time()
    for _ in range(1_000_000):
        pass
    loop = time.process_time() - t
    mark("start")
    from reader.glossary import load_glossary
    from reader.matching import Matcher
    from reader.model import Entry

    Matcher([Entry("warm", "en")], "en").find("warming up")  # lemminflect loads its tables
    text = Path(text_file).read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")[:PARAGRAPH_CALLS]
    mark("ready")
    entries = load_glossary(glossary).entries
    mark("loaded")
    matcher = Matcher(entries, "en")
    mark("built")
    starts, ends, _ = matcher.find_spans(text)
    mark("found")
    matches = len(matcher.find(text))
    mark("objects")
    # The same file through the strict reader (PyYAML's node tree, with positions), which
    # `reader check` uses and loading falls back to for a file with a problem or anything
    # the fast reader is not sure of (reader/glossary/quick.py).
    from reader.glossary.fields import Findings
    from reader.glossary.parse import entries_of

    body = Path(glossary).read_text(encoding="utf-8")
    mark("strict from")
    entries_of(body, Path(glossary), Findings(Path(glossary), strict=True))
    mark("strict")
    passes = []
    for _ in range(3):
        t = time.process_time()
        for p in paragraphs:
            matcher.find(p)
        passes.append(time.process_time() - t)
    # Words of the text covered by at least one match.
    from reader.matching import tokenize

    _, word_starts, _ = tokenize(text)
    import numpy as np

    ws = np.asarray(word_starts)
    covered = np.zeros(len(ws) + 1, dtype=np.int64)
    np.add.at(covered, np.searchsorted(ws, starts), 1)
    np.add.at(covered, np.searchsorted(ws, ends), -1)
    hit = int((np.cumsum(covered)[:-1] > 0).sum())
    out = {
        k: {
            "startup": m["ready"] - m["start"],
            "load": m["loaded"] - m["ready"],
            "build": m["built"] - m["loaded"],
            "find": m["found"] - m["built"],
            "together": m["found"] - m["ready"],
            "objects": m["objects"] - m["found"],
            "strict": m["strict"] - m["strict from"],
            "paragraph": min(passes) / len(paragraphs),  # CPU time, in both
        }
        for k, m in marks.items()
    }
    out["counts"] = {
        "entries": len(entries),
        "matches": matches,
        "hit": hit / len(ws),
        "chars": len(text),
        "loop": loop,
    }
    print(json.dumps(out))


def run_once(glossary: Path, text_file: Path, cache: str) -> dict[str, Any]:
    """One fresh process; `cache` is the cache folder ("" turns the caches off)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(glossary), str(text_file)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "READER_CACHE_DIR": cache},
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def medians(results: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    return {
        k: {name: statistics.median(r[k][name] for r in results) for name in results[0][k]}
        for k in results[0]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    paragraphs = english_paragraphs()
    text, n = book(paragraphs)
    notes = oped_notes()
    print(f"text: {n:,} words, {len(text):,} characters (the seeds' English, repeated)")
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "book.txt"
        text_file.write_text(text, encoding="utf-8")
        cases = []
        for name, terms in (
            ("realistic", realistic_terms(paragraphs, notes)),
            ("worst case", worst_case_terms(paragraphs, notes)),
        ):
            path = Path(tmp) / f"{name.replace(' ', '_')}.yaml"
            path.write_text(glossary_yaml(terms, random.Random(3)), encoding="utf-8")
            cases.append((name, path))
        cases.append(("op-ed notes", oped_glossary()))
        cache = str(Path(tmp) / "cache")

        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"medians of {args.runs} fresh processes each; wall / CPU seconds")
        # Runs of all cases take turns, so a busy spell on the machine is spread over them.
        cold: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in cases}
        warm: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in cases}
        for name, path in cases:
            run_once(path, text_file, cache)  # fills the caches
        for _ in range(args.runs):
            for name, path in cases:
                cold[name].append(run_once(path, text_file, ""))
                warm[name].append(run_once(path, text_file, cache))
        figures = {}
        for name, _ in cases:
            r = figures[name] = medians(cold[name])
            cached = medians(warm[name])
            c = r["counts"]
            print(
                f"\n{name}: {int(c['entries']):,} entries, {int(c['matches']):,} matches, "
                f"{c['hit']:.0%} of the words of the text hit"
            )
            rows = [
                ("load (YAML)", r, "load"),
                ("build", r, "build"),
                ("find (find_spans)", r, "find"),
                ("load + build + find", r, "together"),
                ("load (glossary cache)", cached, "load"),
                ("build (matcher cache)", cached, "build"),
                ("load + build + find, cached", cached, "together"),
                ("find with Match objects", r, "objects"),
                ("load, strict reader (PyYAML)", r, "strict"),
            ]
            for label, source, key in rows:
                print(f"  {label:<30}{source['wall'][key]:7.3f} /{source['cpu'][key]:6.3f}")
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

        loops = [r["counts"]["loop"] for r in figures.values()]
        print(
            f"machine check: an empty 1,000,000-step loop took {min(loops):.3f}-{max(loops):.3f} s "
            "CPU (medians per case: the higher, the busier the machine)"
        )
        startup = figures["op-ed notes"]
        print(
            "start-up, once per process (imports, lemminflect tables, character table): "
            f"{startup['wall']['startup']:.3f} / {startup['cpu']['startup']:.3f} s"
        )
        for name, r in figures.items():
            chars = r["counts"]["chars"]
            print(
                f"{name}: find {r['cpu']['find'] / chars * 1e9:.0f} ns CPU per character; "
                f"one paragraph at a time {r['cpu']['paragraph'] * 1e6:.0f} µs CPU each"
            )


if __name__ == "__main__":
    main()
