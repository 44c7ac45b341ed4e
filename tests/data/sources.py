"""Writes the Markdown sources the fixture scripts feed to real producers (pandoc,
bilingual_book_maker, reportlab), from the bundled op-ed (seeds/documents/002_*.yaml): its
thirteen English paragraphs and their published Chinese translation, set out as a short
book of three chapters.

    python tests/data/sources.py   # writes tests/data/sources/*.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "sources"
CHAPTERS = (
    ("An important moment", "重要时刻", 0, 4),
    ("Regulation in Europe", "欧洲的监管", 4, 9),
    ("The open road", "开放之路", 9, 13),
)


def pairs() -> list[tuple[str, str]]:
    seed = next((ROOT / "seeds" / "documents").glob("002_*.yaml"))
    doc = yaml.safe_load(seed.read_text(encoding="utf-8"))
    return [
        (" ".join(seg["source"]), "".join(seg["target"]))
        for seg in doc["segments"]
        if seg["kind"] == "paragraph" and seg.get("target")
    ]


def book(lang: str, paras: list[str], title: str, notes: bool) -> str:
    out = [f"---\ntitle: {title}\nauthor: Mark Zuckerberg and Daniel Ek\nlang: {lang}\n---\n"]
    for en_title, zh_title, start, end in CHAPTERS:
        out.append(f"# {en_title if lang == 'en' else zh_title}\n")
        for k in range(start, end):
            text = paras[k]
            if notes and k == 0:
                text = text.replace(".", ".[^1]", 1)
            out.append(text + "\n")
        if start == 0:
            out.append("![A chart of open-source AI models](chart.png)\n")
    if notes:
        out.append("[^1]: The two founders wrote this piece together in August 2024.\n")
    return "\n".join(out)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    found = pairs()
    if len(found) != 13:
        print(f"expected 13 paragraph pairs, found {len(found)}", file=sys.stderr)
        return 1
    en = [e for e, _ in found]
    zh = [z for _, z in found]
    (OUT / "oped-en.md").write_text(
        book("en", en, "Why Europe should embrace open-source AI", True), encoding="utf-8"
    )
    (OUT / "oped-zh.md").write_text(
        book("zh", zh, "欧洲为何应该拥抱开源人工智能", False), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
