"""How fast glossary matching is: a 50,000-entry English glossary on a 1,000,000-word text.

The glossary is what a busy learner might keep: half the content words of the seeds'
English (the 100 most frequent words left out: nobody notes those down), 500 of its 2-4-word
phrases, the op-ed's 14 notes, and synthetic words and phrases (some mixing in real words)
to reach 50,000 entries. The text repeats the seeds' English paragraphs, so about 60% of its
words are glossary hits: a worst case for the per-match cost. Prints build time, find time
and both together, then the find time for the op-ed's 14 notes on the same text: the cost
per character does not grow with the glossary, only with the number of matches.
Times are the best of three runs; the empty-loop line shows how busy the machine was.

Run: .venv/bin/python bench/bench_matching.py
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.matching import Matcher
from reader.model import Entry

SEEDS = Path("/work/shared/seeds")
ENTRIES = 50_000
T = TypeVar("T")
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
    local = list((ROOT / "seeds" / "originals").glob(prefix + "_*.txt"))
    return min(local or SEEDS.glob(prefix + "_*.txt"))


def english_paragraphs() -> list[str]:
    """The op-ed's 原文 blocks (lines rejoined) and the English news article's lines."""
    paragraphs = []
    oped = seed_file("002").read_text(encoding="utf-8")
    for block in re.findall(r"原文：\n(.*?)\n(?=[^\n\x00-\x7f’—■])", oped, re.DOTALL):
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
    vocabulary = [w for w in dict.fromkeys(words) if w not in common]
    grams = list(
        dict.fromkeys(
            " ".join(words[i : i + n])
            for n in (2, 3, 4)
            for i in range(len(words) - n + 1)
            if words[i] not in common and words[i + n - 1] not in common
        )
    )
    # A learner who noted half the content words of these articles and some of their
    # phrases, plus the op-ed's own notes.
    terms: dict[str, None] = dict.fromkeys(OPED_NOTES)
    terms.update(dict.fromkeys(rng.sample(vocabulary, len(vocabulary) // 2)))
    terms.update(dict.fromkeys(rng.sample(grams, min(500, len(grams)))))
    real = len(terms)
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
    print(f"glossary: {real:,} terms from the seeds, {len(terms) - real:,} synthetic")
    return [Entry(term, "en") for term in terms]


def best_of(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The fastest of `runs` calls (the machine is shared; the minimum is the least noisy)."""
    best, result = float("inf"), None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    assert result is not None
    return best, result


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
    print(
        f"one-time start-up (lemminflect tables, character table): {time.perf_counter() - t:.3f} s"
    )

    t = time.perf_counter()
    Matcher(entries, "en")
    build_cold = time.perf_counter() - t
    build, matcher = best_of(3, lambda: Matcher(entries, "en"))
    find, found = best_of(3, lambda: matcher.find(text))
    small = Matcher([Entry(term, "en") for term in OPED_NOTES], "en")
    find_small, few = best_of(3, lambda: small.find(text))

    calls = 200
    per_paragraph, _ = best_of(3, lambda: [matcher.find(p) for p in paragraphs[:calls]])
    t = time.perf_counter()
    for _ in range(1_000_000):
        pass
    loop = time.perf_counter() - t

    print(f"machine check: an empty 1,000,000-step Python loop takes {loop:.3f} s")
    print(f"build, 50,000 entries, first in process: {build_cold:.3f} s")
    print(f"build, 50,000 entries, rebuild (lemmas cached): {build:.3f} s")
    print(
        f"find, 50,000 entries: {find:.3f} s ({len(found):,} matches, {len(found) / n * 1000:.0f} per 1,000 words)"
    )
    print(f"build + find: {build_cold + find:.3f} s first build, {build + find:.3f} s rebuild")
    print(f"find, 14 entries: {find_small:.3f} s ({len(few):,} matches)")
    print(f"find, one paragraph at a time: {per_paragraph / calls * 1e6:.0f} µs per paragraph")
    per_char = [x / len(text) * 1e9 for x in (find, find_small)]
    print(f"find per character: {per_char[0]:.0f} ns (50,000 entries), {per_char[1]:.0f} ns (14)")
    print(
        f"find per match beyond the 14-entry run: {(find - find_small) / max(len(found) - len(few), 1) * 1e6:.2f} µs"
    )


if __name__ == "__main__":
    main()
