"""How fast glossary matching is: a 50,000-entry English glossary on a 1,000,000-word text.

The glossary is what a busy learner might keep: words and 2-4-word phrases from the seeds'
English (leaving out the 100 most frequent words, which nobody notes down) plus synthetic
words and phrases to reach 50,000 entries. The text repeats the seeds' English paragraphs.
Prints build time, find time and both together, then the find time for the op-ed's 14 notes
on the same text: find cost per character does not grow with the glossary.

Run: .venv/bin/python bench/bench_matching.py
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.matching import Matcher  # noqa: E402
from reader.model import Entry  # noqa: E402

SEEDS = Path("/work/shared/seeds")
ENTRIES = 50_000
WORDS = 1_000_000
OPED_NOTES = [
    "power is concentrated",
    "level",
    "a level playing field",
    "best shot",
    "riddled with",
    "pre-emptive",
    "nascent",
    "stifle innovation",
    "risk-averse",
    "directive",
    "stark",
    "stark reality",
    "technology moves swiftly",
    "once-in-a-generation opportunity",
]


def seed_file(prefix: str) -> Path:
    local = sorted((ROOT / "seeds" / "originals").glob(prefix + "_*.txt"))
    return local[0] if local else sorted(SEEDS.glob(prefix + "_*.txt"))[0]


def english_paragraphs() -> list[str]:
    """The op-ed's 原文 blocks (lines rejoined) and the English news article's lines."""
    paragraphs = []
    oped = seed_file("002").read_text(encoding="utf-8")
    for block in re.findall(r"原文：\n(.*?)\n(?=[^\n\x00-\x7f’—■])", oped, re.S):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        paragraphs.append(re.sub(r"-\s+(?=[a-z])", "-", " ".join(lines)))
    news = seed_file("003").read_text(encoding="utf-8")
    paragraphs += [line.strip() for line in news.splitlines() if len(line.split()) > 5]
    return paragraphs


def synthetic_word(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mi", "re", "sta", "ven", "dor", "pli", "ta", "nu", "gra", "sen"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def glossary(paragraphs: list[str]) -> list[Entry]:
    rng = random.Random(7)
    words = [w.lower() for p in paragraphs for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", p)]
    common = {w for w, _ in Counter(words).most_common(100)}
    terms: dict[str, None] = dict.fromkeys(w for w in words if w not in common)
    for n in (2, 3, 4):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if gram[0] not in common and gram[-1] not in common:
                terms.setdefault(" ".join(gram), None)
    real = list(terms)
    vocabulary = [w for w in dict.fromkeys(words) if w not in common]
    while len(terms) < ENTRIES:
        if rng.random() < 0.5:
            term = synthetic_word(rng)
        else:
            parts = [
                rng.choice(vocabulary) if rng.random() < 0.5 else synthetic_word(rng)
                for _ in range(rng.randint(2, 4))
            ]
            term = " ".join(parts)
        terms.setdefault(term, None)
    print(f"glossary: {len(real):,} terms from the seeds, {len(terms) - len(real):,} synthetic")
    return [Entry(term, "en") for term in list(terms)[:ENTRIES]]


def main() -> None:
    paragraphs = english_paragraphs()
    entries = glossary(paragraphs)
    text_parts, n = [], 0
    while n < WORDS:
        for p in paragraphs:
            text_parts.append(p)
            n += len(p.split())
            if n >= WORDS:
                break
    text = "\n\n".join(text_parts)
    print(f"text: {n:,} words, {len(text):,} characters")

    t = time.perf_counter()
    Matcher([Entry("warm", "en")], "en").find("warming up")  # lemminflect loads its tables
    print(f"one-time start-up (lemminflect tables, character table): {time.perf_counter() - t:.3f} s")

    t = time.perf_counter()
    matcher = Matcher(entries, "en")
    build_cold = time.perf_counter() - t
    t = time.perf_counter()
    matcher = Matcher(entries, "en")
    build = time.perf_counter() - t
    t = time.perf_counter()
    found = matcher.find(text)
    find = time.perf_counter() - t
    t = time.perf_counter()
    again = matcher.find(text)
    find_warm = time.perf_counter() - t
    assert len(found) == len(again)

    small = Matcher([Entry(term, "en") for term in OPED_NOTES], "en")
    small.find(text[:10_000])
    t = time.perf_counter()
    few = small.find(text)
    find_small = time.perf_counter() - t

    print(f"build, 50,000 entries, first in process: {build_cold:.3f} s")
    print(f"build, 50,000 entries, rebuild (lemmas cached): {build:.3f} s")
    print(f"find, 50,000 entries, first text: {find:.3f} s ({len(found):,} matches)")
    print(f"find, 50,000 entries, same text again: {find_warm:.3f} s")
    print(f"build + find (first build): {build_cold + find:.3f} s")
    print(f"build + find (rebuild): {build + find:.3f} s")
    print(f"find, 14 entries: {find_small:.3f} s ({len(few):,} matches)")
    per_char = [x / len(text) * 1e9 for x in (find_warm, find_small)]
    print(f"find per character: {per_char[0]:.1f} ns (50,000 entries), {per_char[1]:.1f} ns (14)")


if __name__ == "__main__":
    main()
