"""Import speed: a 200,000-word plain text (target: under 0.5 s in all) and the op-ed.

The plain text repeats the English and Dutch seeds' paragraphs, blank-line separated, until
it holds 200,000 words; the time covers everything `import_file` does: reading and decoding,
language detection, paragraphs, sentence splitting and building the Document.

    .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchkit import best_of, seed_path, seed_text

from reader.importers import import_file

WORDS = 200_000
TARGET_SECONDS = 0.5


def plain_text(words: int) -> str:
    paragraphs: list[str] = []
    for prefix in ("003", "000", "004"):  # English, Dutch, Dutch
        text = seed_text(prefix)
        paragraphs += [line.strip() for line in text.splitlines() if len(line.split()) > 8]
    out: list[str] = []
    count = 0
    while count < words:
        for para in paragraphs:
            out.append(para)
            count += len(para.split())
            if count >= words:
                break
    return "\n\n".join(out) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        text = plain_text(WORDS)
        path.write_text(text, encoding="utf-8")
        import_file(path)  # warm up: imports, regex compilation
        seconds = best_of(3, lambda: import_file(path))
        doc = import_file(path).document
        sentences = sum(len(seg.source.sentences) for seg in doc.segments)
        print(
            f"plain import, {len(text.split()):,} words, {len(doc.segments):,} segments, "
            f"{sentences:,} sentences: {seconds * 1000:.0f} ms "
            f"(target < {TARGET_SECONDS * 1000:.0f} ms) "
            f"{'OK' if seconds < TARGET_SECONDS else 'TOO SLOW'}"
        )
    oped = seed_path("002")
    import_file(oped)
    seconds = best_of(5, lambda: import_file(oped))
    result = import_file(oped)
    print(
        f"op-ed import (annotated, {len(result.document.segments)} segments, "
        f"{len(result.entries)} entries, sentence alignment): {seconds * 1000:.1f} ms"
    )
    # A study book: the op-ed's 13 annotated blocks 40 times over (about 40,000 English
    # words with their translation and 560 notes). Most of the time is sentence alignment.
    text = oped.read_text(encoding="utf-8")
    head, body = text.split("原文：", 1)
    book = head + ("原文：" + body.split("## 后记")[0]) * 40
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.md"
        path.write_text(book, encoding="utf-8")
        seconds = best_of(1, lambda: import_file(path))
        result = import_file(path)
    print(
        f"annotated book, {len(book.split()):,} words, {len(result.document.segments)} "
        f"segments, {len(result.entries)} entries: {seconds:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
