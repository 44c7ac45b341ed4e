"""Make `lute_terms.csv`: a term export written by Lute itself (lute3, bench/lutekit.py).

Lute is started in a throwaway environment with a scratch data folder; the terms below go
in through its bulk term import (Lute builds each term with its own parser: multi-word terms
get zero-width spaces between their words) and come out through the term listing's export,
as a learner's would. Run from the repository root:

    .venv/bin/python tests/data/real/make_lute_export.py
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "bench"))

from lutekit import LUTE_VERSION, running_lute

# Vocabulary of the op-ed in seeds/ as a Lute user would keep it: statuses 1-5, W (well
# known) and I (ignored), a parent term, tags, a pronunciation, a translation of two lines.
TERMS = [
    ("a level playing field", "", "公平竞争的环境\n公平的条件", "3", "economist, idiom", ""),
    ("level", "", "公平的", "2", "", "ˈlɛvəl"),
    ("stark", "", "赤裸的；光秃的；明显的", "1", "", "stɑːk"),
    ("stark reality", "stark", "赤裸裸的现实", "1", "economist", ""),
    ("nascent", "", "新生的, 初生的", "4", "", "ˈnæsənt"),
    ("stifle innovation", "", "扼杀创新", "5", "economist", ""),
    ("risk-averse", "", "厌恶风险", "W", "", ""),
    ("riddled with", "", "泛滥的；充斥的", "I", "", ""),
    ("Europe's", "", "欧洲的", "1", "", ""),
    ('the so-called "AI Act"', "", "所谓的《人工智能法》", "1", "", ""),
]


def main() -> int:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["language", "term", "parent", "translation", "status", "tags", "pronunciation"]
    )
    for term, parent, translation, status, tags, pronunciation in TERMS:
        writer.writerow(["English", term, parent, translation, status, tags, pronunciation])
    with running_lute() as lute:
        print(lute.import_terms(buffer.getvalue()))
        exported = lute.export_terms()
    out = HERE / "lute_terms.csv"
    out.write_bytes(exported)
    print(f"{out}: {len(exported)} bytes from lute3 {LUTE_VERSION}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
