"""English words as alignment keys: lowercase lemmas without function words."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas

# Function words carry no evidence of which sentence translates which.
STOPWORDS = frozenset(
    (  # noqa: SIM905 (a word list reads better as text)
        "a an the of to in on at by for with from into onto upon as and or but nor so yet if "
        "than then that this these those there here be is am are was were been being have "
        "has had do does did not no it its it's he she him her his hers they them their "
        "theirs we us our you your i me my mine who whom whose which what when where why how "
        "all any some one's will would shall should can could may might must s t d ll re ve "
        "o etc "
    ).split()
)


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[str, ...]:
    """All lemmas lemminflect knows for a lowercase word, itself when it knows none."""
    found: list[str] = []
    for forms in getAllLemmas(word).values():
        for form in forms:
            low = form.lower()
            if low not in found:
                found.append(low)
    return tuple(found) or (word,)
