"""The seed texts as every test (and benchmark) finds them: the copies kept in the bundled
library, and texts of any length made of their paragraphs.

`seeds/originals/` is part of the repository, so tests never depend on where the shared seed
folder happens to be on a machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

ORIGINALS = Path(__file__).resolve().parents[1] / "seeds" / "originals"
OPED = "002_3fb843373e1af618.txt"

# The op-ed's 学习 notes: its glossary.
OPED_NOTES = frozenset(
    {
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
    }
)


def seed_path(name: str) -> Path:
    """A seed by file name (`002_3fb843373e1af618.txt`) or by number (`002`)."""
    if (ORIGINALS / name).is_file():
        return ORIGINALS / name
    found = sorted(ORIGINALS.glob(f"{name}_*.txt"))
    if not found:
        import pytest  # here: the benchmarks import this module too

        pytest.fail(f"seed {name} not found in {ORIGINALS}")
    return found[0]


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


def all_seeds() -> list[Path]:
    return sorted(ORIGINALS.glob("*.txt"))


def repeated(paragraphs: Sequence[str], words: int) -> list[str]:
    """The paragraphs in order, round again as often as needed, until they hold `words`
    words: a text of any length from a few real paragraphs."""
    out: list[str] = []
    count = 0
    while count < words:
        for para in paragraphs:
            out.append(para)
            count += len(para.split())
            if count >= words:
                break
    return out
