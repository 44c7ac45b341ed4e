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
import re
from collections.abc import Sequence
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

# Costs of the chapter pairing, in units of one chapter whose length is off by a factor e.
_SKIP = 1.2  # leaving a body chapter unpaired
_SKIP_MATTER = 0.3  # leaving front or back matter unpaired
_SPLIT = 0.4  # pairing one chapter with two
_SAME_NUMBER = 1.0  # bonus when both titles carry the same number
_OTHER_NUMBER = 1.5  # penalty when they carry different numbers
_SAME_TITLE = 1.0  # bonus when the aligner pairs the two titles with confidence
_TITLES_AGREE = 0.85  # titles with no evidence either way score about 0.75
_SMOOTH = 300
_STEPS = 1000  # progress is reported in thousandths  # characters added to both lengths before they are compared


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
) -> ImportResult:
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
    for pair, size in zip(pairs, sizes):
        s_blocks = _blocks(original, pair.source)
        t_blocks = _blocks(translated, pair.target)
        label = _label(original.chapters, pair.source) or _label(translated.chapters, pair.target)
        step(0.2 + 0.8 * done / total, label)
        done += size
        if not s_blocks:
            builder.report.append(
                f"{translation.name}: chapter {label!r} has no counterpart in the original: "
                "left out"
            )
            continue
        _add_chapter(builder, s_blocks, t_blocks, src, tgt)
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


def _add_chapter(
    builder: DocumentBuilder, s_blocks: list[Block], t_blocks: list[Block], src: str, tgt: str
) -> None:
    """Paragraphs paired, then sentences; a translation paragraph left alone joins the
    segment before it (the one after it, at the start), never dropped."""
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
    for s_part, t_part in groups:
        first = s_part[0]
        if len(s_part) == 1 and first.kind == "image":
            add_block(builder, first, src)
            continue
        kind = first.kind if all(b.kind == first.kind for b in s_part) else "paragraph"
        s_sents = [s for b in s_part for s in sentences_of(b.text, src, b.kind)]
        t_sents = [s for b in t_part for s in sentences_of(b.text, tgt, b.kind)]
        links = align_sentences(s_sents, t_sents, src, tgt) if t_sents and s_sents else []
        extras: dict[str, Any] = {}
        if kind == "heading" and first.level is not None:
            extras["level"] = first.level
        notes = tuple(note for b in s_part for note in b.notes)
        if notes:
            extras["notes"] = notes
        builder.add(
            kind,
            s_sents,
            t_sents or None,
            source_lang=src,
            target_lang=tgt,
            links=links,
            **extras,
        )


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
