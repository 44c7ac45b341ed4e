"""Speed of the text layer: decode, detect the language, split sentences.

The plain-text import of 200,000 words has 0.5 s in all; this part must leave most of that
to the importer. Run: .venv/bin/python bench/bench_text.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchkit import best_of, seed_text

from reader.languages import detect_language
from reader.sentences import split_sentences
from reader.textio import decode_bytes, read_text


def repeat_to(text: str, words: int) -> str:
    copies = words // len(text.split()) + 1
    return "\n\n".join([text] * copies)


def main() -> None:
    latin = "\n\n".join(seed_text(p) for p in ("000", "003", "004"))
    text = repeat_to(latin, 200_000)
    words = len(text.split())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.txt"
        path.write_text(text, encoding="utf-8")
        t_read = best_of(5, lambda: read_text(path))
    t_detect = best_of(5, lambda: detect_language(text))
    t_split = best_of(3, lambda: split_sentences(text, "en"))
    total = t_read + t_detect + t_split
    sentences = len(split_sentences(text, "en"))
    print(f"{words:,} words (seeds 000, 003, 004 repeated), {len(text):,} characters")
    print(f"  read_text (UTF-8)     {t_read * 1000:8.1f} ms")
    print(f"  detect_language       {t_detect * 1000:8.1f} ms")
    print(f"  split_sentences (en)  {t_split * 1000:8.1f} ms  ({sentences:,} sentences)")
    print(f"  total                 {total * 1000:8.1f} ms  (import budget 500 ms)")

    million = repeat_to(latin, 1_000_000)
    t_million = best_of(1, lambda: split_sentences(million, "en"))
    print(f"split 1,000,000 words (en): {t_million * 1000:.0f} ms")

    op_ed = seed_text("002")
    chinese = "\n".join(line for line in op_ed.splitlines() if "\u4e00" <= line[:1] <= "\u9fff")
    zh = "\n\n".join([chinese] * (200_000 // len(chinese) + 1))
    t_zh = best_of(3, lambda: split_sentences(zh, "zh"))
    print(f"split {len(zh):,} Chinese characters: {t_zh * 1000:.1f} ms")

    arabic = repeat_to(seed_text("001"), 200_000)
    t_ar = best_of(3, lambda: split_sentences(arabic, "ar"))
    print(f"split {len(arabic.split()):,} Arabic words: {t_ar * 1000:.1f} ms")

    gbk = zh.encode("gb18030")
    t_gbk = best_of(3, lambda: decode_bytes(gbk, "zh.txt"))
    print(f"decode {len(gbk):,} bytes of GB18030 (detection path): {t_gbk * 1000:.1f} ms")

    try:
        import pysbd
    except ImportError:
        return
    sample = repeat_to(latin, 10_000)
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    t_pysbd = best_of(1, lambda: segmenter.segment(sample))
    t_ours = best_of(3, lambda: split_sentences(sample, "en"))
    n = len(sample.split())
    print(
        f"pysbd on {n:,} words: {t_pysbd * 1000:.0f} ms "
        f"(~{t_pysbd * 1_000_000 / n:.0f} s per million words); "
        f"split_sentences: {t_ours * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
