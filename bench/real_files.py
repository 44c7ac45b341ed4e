"""How the real annotated study notes in tests/data/real/ import, against their gold.

For each file: the languages, the pairs of original and translation found against the gold
pairs (and how many segments are paired at all), the glossary entries missing, and page
chrome paired with the study text. A file pairs every paragraph correctly when each gold
pair is one segment and nothing else is paired; it imports fully right when, besides, the
languages, the entries and the glosses the gold names are right.

    .venv/bin/python bench/real_files.py
"""

from __future__ import annotations

import benchkit  # noqa: F401 - puts tests/ on the import path
from realfiles import GOLD, import_real, judge


def main() -> int:
    print(
        "| file | languages | pairs found / gold / paired | entries missing | chrome paired "
        "| pairs right | fully right |"
    )
    print("|---|---|---|---|---|---|---|")
    pairs_right = fully_right = 0
    for name in sorted(GOLD):
        result = import_real(name)
        v = judge(name, result)
        doc = result.document
        pairs_right += v.pairs_right
        fully_right += v.fully_right
        print(
            f"| {name} | {doc.source_lang}/{doc.target_lang or '-'}{'' if v.languages else ' ✗'} "
            f"| {v.pairs_found} / {v.pairs_expected} / {v.paired_segments} "
            f"| {', '.join(v.entries_missing + v.glosses_wrong) or '—'} "
            f"| {', '.join(v.chrome_paired) or '—'} "
            f"| {'yes' if v.pairs_right else 'no'} | {'yes' if v.fully_right else 'no'} |"
        )
    print(
        f"\n{pairs_right} of {len(GOLD)} files pair every paragraph correctly; "
        f"{fully_right} of {len(GOLD)} import fully right."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
