"""Why a term about to be saved looks like a slip of the hand rather than a word.

A term is what the matcher looks for in every text of its language, and a glossary entry is
found by it: a gloss typed into the term field (`stark; bleak`), a drag that caught the next
sentence, or a term that mixes the original and its translation is saved as a term nobody
will ever meet again. The add and edit dialogs ask before saving such a term; the learner
may well mean it (`T恤`, `e-mail: 电邮`), so nothing is refused.
"""

from __future__ import annotations

import unicodedata

# Separators of glosses and of `term：gloss` notes, in both widths.
_SEPARATORS = {";": "“;”", "；": "“；”", ":": "“:”", "：": "“：”"}
# Scripts one language writes together: Japanese mixes Han and kana in every word.
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "FULLWIDTH": "LATIN"}
# "Much longer" than what was picked: more than twice as long and a few characters more, so
# a picked stem that grows to its full word (`innovat` -> `innovation`) is not doubted.
_LONGER_BY = 4


def script_of(char: str) -> str | None:
    """The script of a letter (LATIN, CJK, ARABIC, CYRILLIC ...); None for anything else."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    if not name:
        return None
    first = name.split(" ", 1)[0]
    return _SAME_SCRIPT.get(first, first)


def doubts(term: str, picked: str = "") -> list[str]:
    """What looks wrong with `term` (empty when nothing does). `picked` is the text the
    learner selected, or the term before an edit."""
    found: list[str] = []
    if "\n" in term or "\r" in term:
        found.append("it runs over more than one line")
    seps = [shown for sep, shown in _SEPARATORS.items() if sep in term]
    if seps:
        found.append(f"it contains {' and '.join(seps)}, which usually separate glosses")
    scripts = sorted({s for s in map(script_of, term) if s is not None})
    if len(scripts) > 1:
        names = " and ".join(s.title() if s != "CJK" else "Chinese" for s in scripts)
        found.append(f"it mixes scripts ({names})")
    picked = " ".join(picked.split())
    if picked and len(term) > 2 * len(picked) + _LONGER_BY:
        found.append(f"it is much longer than “{picked}”")
    return found
