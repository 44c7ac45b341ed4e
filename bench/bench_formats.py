"""Speed of the format importers, each against its target, with a control in the same run.

- a 150,000-word EPUB imports in under 2 s (control: the same text as a plain .txt file);
- two editions of a 150,000-word book (English and Chinese, 40 chapters, built from the
  op-ed's thirteen paragraphs and their translation) import and align in under 30 s;
- the two subtitle files of a 2-hour film (1,500 cues; the translation 1.5 s late, one cue in
  ten split in two) pair in under 0.5 s;
- that book, imported, opens in `reader read` to its first screen in under 1 s (a fresh
  process on a pseudo-terminal, as `bench_app.py` measures the op-ed);
- the table of contents of the 150,000-word book in under 100 ms.

The machine is shared: the load average is printed beside the figures, and the control
(plain import of the same words) shows how busy it was.

    .venv/bin/python bench/bench_formats.py
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from html import escape
from pathlib import Path

from bench_app import cold_open
from benchkit import ROOT, best_of, seed_text

from reader.chapters import toc
from reader.importers import import_file
from reader.importers.pairing import pair_cues
from reader.importers.store import import_into
from reader.importers.subtitles import CueText
from reader.library import Library

WORDS = 150_000
CHAPTERS = 40


def oped_pairs() -> list[tuple[str, str]]:
    """The op-ed's paragraphs and their translation, as the fixture scripts take them."""
    sys.path.insert(0, str(ROOT / "tests" / "data"))
    from sources import pairs  # tests/data/sources.py

    return pairs()


def english_paragraphs() -> list[str]:
    paras = [en for en, _ in oped_pairs()]
    text = seed_text("003")
    paras += [line.strip() for line in text.splitlines() if len(line.split()) > 8]
    return paras


def write_epub(path: Path, title: str, lang: str, chapters: list[tuple[str, list[str]]]) -> None:
    """A plain EPUB 3: container, package, navigation document, one XHTML file per chapter."""
    items, spine, nav = [], [], []
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument'
            ':xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type='
            '"application/oebps-package+xml"/></rootfiles></container>',
        )
        for n, (heading, paras) in enumerate(chapters, 1):
            body = "".join(f"<p>{escape(p)}</p>\n" for p in paras)
            z.writestr(
                f"OEBPS/ch{n:03d}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"'
                f' xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}"><head><title>{n}'
                f'</title></head><body><section epub:type="chapter"><h1>{escape(heading)}</h1>\n'
                f"{body}</section></body></html>",
                compress_type=zipfile.ZIP_DEFLATED,
            )
            items.append(
                f'<item id="c{n}" href="ch{n:03d}.xhtml" media-type="application/xhtml+xml"/>'
            )
            spine.append(f'<itemref idref="c{n}"/>')
            nav.append(f'<li><a href="ch{n:03d}.xhtml">{escape(heading)}</a></li>')
        z.writestr(
            "OEBPS/nav.xhtml",
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body>'
            f'<nav epub:type="toc"><ol>{"".join(nav)}</ol></nav></body></html>',
        )
        z.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title>'
            f"<dc:language>{lang}</dc:language></metadata><manifest>"
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
            f"{''.join(items)}</manifest><spine>{''.join(spine)}</spine></package>",
        )


def one_book(words: int) -> list[tuple[str, list[str]]]:
    paras = english_paragraphs()
    per_chapter = words // CHAPTERS
    chapters: list[tuple[str, list[str]]] = []
    k = 0
    for n in range(1, CHAPTERS + 1):
        chapter: list[str] = []
        count = 0
        while count < per_chapter:
            chapter.append(paras[k % len(paras)])
            count += len(chapter[-1].split())
            k += 1
        chapters.append((f"Chapter {n}", chapter))
    return chapters


def two_editions(words: int) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """The op-ed's paragraphs, rotated per chapter; the translation merges two paragraphs in
    every fifth chapter, as translators sometimes do."""
    pairs = oped_pairs()
    per_chapter = words // CHAPTERS
    en_book, zh_book = [], []
    for n in range(1, CHAPTERS + 1):
        en, zh = [], []
        count, k = 0, n
        while count < per_chapter:
            e, z = pairs[k % len(pairs)]
            en.append(e)
            zh.append(z)
            count += len(e.split())
            k += 1
        if n % 5 == 0 and len(zh) > 3:
            zh[1:3] = [zh[1] + zh[2]]
        en_book.append((f"Chapter {n}", en))
        zh_book.append((f"第{n}章", zh))
    return en_book, zh_book


def film(cues: int, seconds: float) -> tuple[list[CueText], list[CueText]]:
    pairs = oped_pairs()
    rng = random.Random(7)
    en_sents = [s for e, _ in pairs for s in e.split(". ") if s]
    zh_sents = [s for _, z in pairs for s in z.split("。") if s]
    step = seconds / cues
    en, zh = [], []
    for i in range(cues):
        start = i * step + rng.uniform(0, 0.3)
        end = start + step * 0.8
        en.append(CueText(start, end, (en_sents[i % len(en_sents)][:80],)))
        late = 1.5
        if i % 10 == 0:
            mid = (start + end) / 2
            text = zh_sents[i % len(zh_sents)]
            zh.append(CueText(start + late, mid + late, (text[: len(text) // 2],)))
            zh.append(CueText(mid + late, end + late, (text[len(text) // 2 :],)))
        else:
            zh.append(CueText(start + late, end + late, (zh_sents[i % len(zh_sents)],)))
    return en, zh


def cpu_seconds() -> float:
    """CPU time of this process and of the worker processes it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def verdict(seconds: float, target: float) -> str:
    return "OK" if seconds < target else "TOO SLOW"


def main() -> int:
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (2 cores)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = one_book(WORDS)
        epub = folder / "book.epub"
        write_epub(epub, "A long book", "en", book)
        txt = folder / "book.txt"
        txt.write_text(
            "\n\n".join(f"# {h}\n\n" + "\n\n".join(ps) for h, ps in book) + "\n", encoding="utf-8"
        )
        words = sum(len(p.split()) for _, ps in book for p in ps)
        import_file(epub)  # warm up: imports, regexes, lxml
        epub_s = best_of(3, lambda: import_file(epub))
        txt_s = best_of(3, lambda: import_file(txt))
        doc = import_file(epub).document
        print(
            f"EPUB import, {words:,} words, {len(doc.segments):,} segments: {epub_s:.2f} s "
            f"(target < 2 s) {verdict(epub_s, 2.0)}; control, the same text as .txt: {txt_s:.2f} s"
        )
        library = folder / "library"
        import_into(Library(library), epub, doc_id="book")
        opened = cold_open(5, command=["read", "book", "--library", str(library)])
        first = statistics.median(wall for wall, _ in opened)
        oped = statistics.median(wall for wall, _ in cold_open(5))
        print(
            f"`reader read` of that book from a cold start to its first screen: median "
            f"{first:.2f} s of 5 (target < 1 s) {verdict(first, 1.0)}; control, the op-ed: "
            f"{oped:.2f} s"
        )
        toc_s = best_of(5, lambda: toc(doc))
        print(
            f"toc() of that book, {len(toc(doc))} chapters: {toc_s * 1000:.1f} ms "
            f"(target < 100 ms) {verdict(toc_s, 0.1)}"
        )

        en_book, zh_book = two_editions(WORDS)
        en_path, zh_path = folder / "en.epub", folder / "zh.epub"
        write_epub(en_path, "The book", "en", en_book)
        write_epub(zh_path, "那本书", "zh", zh_book)
        steps: list[int] = []
        start, cpu = time.perf_counter(), cpu_seconds()
        result = import_file(en_path, translation=zh_path, progress=lambda d, t, w: steps.append(d))
        editions_s = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
        links = sum(len(s.links) for s in result.document.segments)
        en_words = sum(len(p.split()) for _, ps in en_book for p in ps)
        print(
            f"two editions, {en_words:,} + {sum(len(p) for _, ps in zh_book for p in ps):,} "
            f"Chinese characters, {CHAPTERS} chapters: {editions_s:.1f} s (target < 30 s; "
            f"{cpu:.1f} s of CPU in all processes) "
            f"{verdict(editions_s, 30.0)}; {len(result.document.segments):,} segments, "
            f"{links:,} sentence links, {len(steps)} progress updates"
        )

        en_cues, zh_cues = film(1500, 7200.0)
        pair_cues(en_cues, zh_cues, "en", "zh")
        pair_s = best_of(3, lambda: pair_cues(en_cues, zh_cues, "en", "zh"))
        paired = pair_cues(en_cues, zh_cues, "en", "zh")
        print(
            f"2-hour film, {len(en_cues)} + {len(zh_cues)} cues, offset found "
            f"{paired.offset:+.2f} s: paired in {pair_s * 1000:.0f} ms (target < 500 ms) "
            f"{verdict(pair_s, 0.5)}"
        )
        ratio = 25 / 23.976  # the same translation, timed for another frame rate
        drifting = [CueText(c.start * ratio, c.end * ratio, c.lines) for c in zh_cues]
        drift_s = best_of(3, lambda: pair_cues(en_cues, drifting, "en", "zh"))
        retimed = pair_cues(en_cues, drifting, "en", "zh")
        print(
            f"the same, the translation timed for 25 fps against 23.976 (found: "
            f"{'retimed' if 'frame rate' in retimed.report[0] else 'NOT retimed'}): "
            f"{drift_s * 1000:.0f} ms (target < 500 ms) {verdict(drift_s, 0.5)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
