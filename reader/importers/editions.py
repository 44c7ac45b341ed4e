"""Two editions of one book, in any two supported formats: chapters, paragraphs, sentences.

`reader import original.epub --translation translated.epub` (or a PDF, a web page, a text
file on either side) reads both into chapters of blocks, then:

1. pairs the chapters (`pair_chapters`): spine order, lengths on one scale (the two texts'
   own length ratio), the numbers in their titles (`Chapter 3`, `第三章`, `III`) and titles
   the sentence aligner finds to be translations of each other; a
   chapter one edition lacks is left unpaired (front matter and notes sections cheaply so),
   and a chapter split in two files in one edition pairs 1-2;
2. within each pair of chapters, pairs paragraphs with the paragraph aligner, then sentences
   with the sentence aligner, so every link carries the aligner's confidence;
3. keeps everything: an original chapter without a translation stays, one-language; a
   translation chapter without an original is named in the report.

`progress(done, total, what)` is called after each step, for the command line's bar.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.align import align_paragraphs, align_sentences
from reader.align.numbers import chinese_number, english_number
from reader.importers.book import Book, Chapter, add_block, book_language, chapter_blocks
from reader.importers.formats import Progress, read_book
from reader.importers.html_blocks import Block
from reader.importers.parallel import one_to_one
from reader.importers.result import DocumentBuilder, ImportResult, sentences_of
from reader.model import Link

# Costs of the chapter pairing, in units of one chapter whose length is off by a factor e.
_SKIP = 1.2  # leaving a body chapter unpaired
_SKIP_MATTER = 0.3  # leaving front or back matter unpaired
_SPLIT = 0.4  # pairing one chapter with two
_SAME_NUMBER = 1.0  # bonus when both titles carry the same number
_OTHER_NUMBER = 1.5  # penalty when they carry different numbers
_SAME_TITLE = 1.0  # bonus when the aligner pairs the two titles with confidence
_TITLES_AGREE = 0.85  # titles with no evidence either way score about 0.75
_SMOOTH = 300
_STEPS = 1000  # progress is reported in thousandths
_PARALLEL_FROM = 300_000  # characters of both editions from which chapters align in parallel  # characters added to both lengths before they are compared


@dataclass(frozen=True)
class ChapterPair:
    source: tuple[int, ...]
    target: tuple[int, ...]


def import_editions(
    path: Path,
    translation: Path,
    *,
    doc_id: str,
    lang: str | None,
    to: str | None,
    today: str | None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportResult:
    """`workers` processes align the chapters (default: two for a long book, when the
    machine has two cores; one otherwise)."""

    def step(share: float, what: str) -> None:
        if progress is not None:
            progress(round(share * _STEPS), _STEPS, what)

    # Reading takes the first fifth of the bar, the chapters the rest by their length.
    step(0.0, f"reading {path.name}")
    original = read_book(path)
    step(0.1, f"reading {translation.name}")
    translated = read_book(translation)
    src = book_language(original, lang)
    tgt = book_language(translated, to)
    step(0.2, "pairing chapters")
    pairs = pair_chapters(original.chapters, translated.chapters, src, tgt)
    sizes = [
        sum(_size(original.chapters[k]) for k in p.source)
        + sum(_size(translated.chapters[k]) for k in p.target)
        for p in pairs
    ]
    total, done = max(sum(sizes), 1), 0
    builder = DocumentBuilder(str(path))
    builder.report.extend(original.report)
    builder.report.extend(f"{translation.name}: {line}" for line in translated.report)
    jobs: list[tuple[list[Block], list[Block]]] = []
    for pair in pairs:
        s_blocks = _blocks(original, pair.source)
        if not s_blocks:
            label = _label(translated.chapters, pair.target)
            builder.report.append(
                f"{translation.name}: chapter {label!r} has no counterpart in the original: "
                "left out"
            )
        jobs.append((s_blocks, _blocks(translated, pair.target) if s_blocks else []))
    labels = [
        _label(original.chapters, p.source) or _label(translated.chapters, p.target) for p in pairs
    ]
    workers = workers if workers is not None else _workers(total)
    results = _aligned(jobs, src, tgt, workers)
    for n in range(len(jobs)):
        step(0.2 + 0.8 * done / total, labels[n])
        done += sizes[n]
        for piece in next(results):
            piece.add_to(builder, src, tgt)
    step(1.0, "done")
    doc = builder.document(
        doc_id=doc_id,
        title=original.title,
        byline=original.author,
        source_lang=src,
        target_lang=tgt,
        origin=str(path),
        translation_origin=str(translation),
        today=today,
    )
    return ImportResult(doc, (), tuple(builder.report))


def _blocks(book: Book, chapters: tuple[int, ...]) -> list[Block]:
    return [b for k in chapters for b in chapter_blocks(book.chapters[k], k == 0, book.title)]


def _label(chapters: Sequence[Chapter], ids: tuple[int, ...]) -> str:
    for k in ids:
        ch = chapters[k]
        heading = next((b.text for b in ch.blocks if b.kind == "heading"), None)
        return ch.title or heading or ch.name
    return ""


@dataclass(frozen=True)
class Piece:
    """One segment-to-be of an aligned chapter: plain data, so a worker process can make it."""

    kind: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    links: tuple[Link, ...]
    level: int | None = None
    notes: tuple[str, ...] = ()
    image: Block | None = None

    def add_to(self, builder: DocumentBuilder, src: str, tgt: str) -> None:
        if self.image is not None:
            add_block(builder, self.image, src)
            return
        extras: dict[str, Any] = {}
        if self.level is not None:
            extras["level"] = self.level
        if self.notes:
            extras["notes"] = self.notes
        builder.add(
            self.kind,
            self.source,
            self.target or None,
            source_lang=src,
            target_lang=tgt,
            links=self.links,
            **extras,
        )


def _workers(size: int) -> int:
    if size < _PARALLEL_FROM:
        return 1
    return min(2, os.cpu_count() or 1)


def _aligned(
    jobs: list[tuple[list[Block], list[Block]]], src: str, tgt: str, workers: int
) -> Iterator[list[Piece]]:
    """Each chapter's pieces, in order; in `workers` processes when more than one.

    The aligner's work dominates a long book and each chapter's is independent, so two
    processes halve the time on two cores (and take two shares of a busy machine). They
    are forked, and only from a process running no other thread (the command line, not
    the app): forking a threaded process is not safe, and a fresh (`spawn`) interpreter
    would run the caller's main script again.
    """
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or len(jobs) < 2 or not forkable or threading.active_count() > 1:
        for s_blocks, t_blocks in jobs:
            yield align_chapter(s_blocks, t_blocks, src, tgt)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(align_chapter, s, t, src, tgt) for s, t in jobs]
        for future in futures:
            yield future.result()


def align_chapter(s_blocks: list[Block], t_blocks: list[Block], src: str, tgt: str) -> list[Piece]:
    """Paragraphs paired, then sentences; a translation paragraph left alone joins the
    segment before it (the one after it, at the start), never dropped."""
    if not s_blocks:
        return []
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = (
        align_paragraphs([b.text for b in s_blocks], [b.text for b in t_blocks], src, tgt)
        if t_blocks
        else [((i,), ()) for i in range(len(s_blocks))]
    )
    groups: list[tuple[list[Block], list[Block]]] = []
    orphans: list[Block] = []
    for s_ids, t_ids in one_to_one(beads):
        t_part = [t_blocks[j] for j in t_ids]
        if not s_ids:
            if groups:
                groups[-1][1].extend(t_part)
            else:
                orphans.extend(t_part)
            continue
        groups.append(([s_blocks[i] for i in s_ids], orphans + t_part))
        orphans = []
    if orphans and groups:
        groups[-1][1].extend(orphans)
    pieces: list[Piece] = []
    for s_part, t_part in groups:
        first = s_part[0]
        if len(s_part) == 1 and first.kind == "image":
            pieces.append(Piece("image", (), (), (), image=first))
            continue
        kind = first.kind if all(b.kind == first.kind for b in s_part) else "paragraph"
        s_sents = [s for b in s_part for s in sentences_of(b.text, src, b.kind)]
        t_sents = [s for b in t_part for s in sentences_of(b.text, tgt, b.kind)]
        links = align_sentences(s_sents, t_sents, src, tgt) if t_sents and s_sents else []
        pieces.append(
            Piece(
                kind,
                tuple(s_sents),
                tuple(t_sents),
                tuple(links),
                level=first.level if kind == "heading" else None,
                notes=tuple(note for b in s_part for note in b.notes),
            )
        )
    return pieces


# --- chapters ---------------------------------------------------------------------------

_ROMAN = re.compile(r"\b(?=[ivxlc]+\b)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_EN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?", re.IGNORECASE)


def title_number(title: str | None) -> int | None:
    """The chapter number a title carries: 3 for `Chapter 3`, `第三章`, `Three`, `III`."""
    if not title:
        return None
    m = _DIGITS.search(title)
    if m:
        return int(m.group())
    m = _ZH_NUMERAL.search(title)
    if m:
        value = chinese_number(m.group())
        if value is not None:
            return value
    for word in _EN_WORD.findall(title):
        value = english_number(word)
        if value is not None and value > 0:
            return value
    m = _ROMAN.search(title)
    if m and m.group(0):
        return _roman(m.group(0))
    return None


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    prev = 0
    for ch in reversed(text.lower()):
        v = values[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


def _title(ch: Chapter) -> str | None:
    return ch.title or next((b.text for b in ch.blocks if b.kind == "heading"), None)


def pair_chapters(
    src: Sequence[Chapter], tgt: Sequence[Chapter], src_lang: str, tgt_lang: str
) -> list[ChapterPair]:
    """Monotone chapter pairs (1-1, 1-0, 0-1, 1-2, 2-1) of least cost, covering both sides."""
    n, m = len(src), len(tgt)
    t_len = [max(_size(c), 1) for c in tgt]
    s_len = [max(_size(c), 1) for c in src]
    ratio = sum(t_len) / max(sum(s_len), 1)
    s_title = [_title(c) for c in src]
    t_title = [_title(c) for c in tgt]
    s_num = [title_number(t) for t in s_title]
    t_num = [title_number(t) for t in t_title]
    band = max(5, (max(n, m) + 9) // 10)
    titles_agree: dict[tuple[int, int], bool] = {}

    def same_title(i: int, j: int) -> bool:
        """The aligner finds the two titles translate each other (far more sure of it than
        of two titles that merely have plausible lengths)."""
        a, b = s_title[i], t_title[j]
        if not a or not b or abs(i * m / max(n, 1) - j) > band:
            return False
        if (i, j) not in titles_agree:
            links = align_sentences([a], [b], src_lang, tgt_lang)
            conf = links[0].confidence if len(links) == 1 else 0.0
            titles_agree[(i, j)] = (conf or 0.0) >= _TITLES_AGREE
        return titles_agree[(i, j)]

    def skip(ch: Chapter, size: int, sizes: list[int]) -> float:
        small = size < 0.05 * (sum(sizes) / len(sizes))
        return _SKIP_MATTER if ch.role != "body" or small else _SKIP

    def match(i0: int, i1: int, j0: int, j1: int) -> float:
        # Short chapters' lengths say little (a title page, a dedication): smoothed.
        a = sum(s_len[i0:i1]) * ratio + _SMOOTH
        b = sum(t_len[j0:j1]) + _SMOOTH
        cost = abs(math.log(b / a))
        x, y = s_num[i0], t_num[j0]
        if x is not None and y is not None:
            cost += -_SAME_NUMBER if x == y else _OTHER_NUMBER
        elif same_title(i0, j0):
            cost -= _SAME_TITLE
        if i1 - i0 > 1 or j1 - j0 > 1:
            cost += _SPLIT
        if src[i0].role != tgt[j0].role:
            cost += 0.5
        return cost

    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue
            moves: list[tuple[int, int, float]] = []
            if i < n:
                moves.append((1, 0, skip(src[i], s_len[i], s_len)))
            if j < m:
                moves.append((0, 1, skip(tgt[j], t_len[j], t_len)))
            for a, b in ((1, 1), (1, 2), (2, 1)):
                # Only a part without a title of its own continues a chapter split in two
                # files (calibre's `_split_001`); a titled one is a chapter of its own.
                if i + a > n or j + b > m:
                    continue
                if (a == 1 or not s_title[i + 1]) and (b == 1 or not t_title[j + 1]):
                    moves.append((a, b, match(i, i + a, j, j + b)))
            for a, b, cost in moves:
                if here + cost < best[i + a][j + b]:
                    best[i + a][j + b] = here + cost
                    back[i + a][j + b] = (a, b)
    out: list[ChapterPair] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        out.append(ChapterPair(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return out[::-1]


def _size(ch: Chapter) -> int:
    """A chapter's length in characters of text (the aligners' measure, on both sides)."""
    return sum(len(b.text) for b in ch.blocks if b.kind != "image")
