"""What a glossary file may hold: its fields, the YAML tags values may carry, and how terms
and glosses are read and compared. Shared by reading (`parse`, `fields`) and writing
(`render`, `edits`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from reader.normalize import normalize_term

BACKUP_SUFFIX = "~"  # the previous version of `en.yaml` is kept as `en.yaml~`

T = "tag:yaml.org,2002:"
STR, NULL, INT, BOOL = T + "str", T + "null", T + "int", T + "bool"
LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
GLOSS_SEP = re.compile(r"[；;]")
TOP_FIELDS = ("language", "entries")
TEXT_FIELDS = ("note", "reading", "pos")
LIST_FIELDS = ("forms", "tags")
KNOWN_FIELDS = frozenset(
    ("glosses", *TEXT_FIELDS, *LIST_FIELDS, "status", "level", "id", "production", "context")
)


def term_key(lang: str) -> Callable[[str], str]:
    """How two terms of `lang` are compared: as the matcher compares them
    (`reader.normalize.normalize_term`), so "Europe’s" and "Europe's" are one term in a
    glossary file, in the vocabulary and in the text alike."""
    return partial(normalize_term, lang=lang)


def term_keys(terms: list[str], lang: str) -> list[str]:
    """`term_key(lang)` of each term, for a whole glossary at once.

    The ASCII terms (nearly all, in most glossaries) are normalised in one call on all of them
    joined by NUL instead of one call per term (a tenth of reading a 50,000-entry file):
    normalising leaves NUL alone (no case, no composition, not whitespace), so it splits the
    result back exactly. The others are normalised one by one: on a text that is not ASCII,
    normalising runs its slow path (NFC, the fold table) over every character.
    """
    normalize = term_key(lang)
    ascii = list(map(str.isascii, terms))
    plain = [t for t, a in zip(terms, ascii) if a]
    joined = "\0".join(plain)
    if len(plain) < 2 or joined.count("\0") != len(plain) - 1:
        return [normalize(t) for t in terms]
    done = iter(normalize(joined).split("\0"))
    return [next(done) if a else normalize(t) for t, a in zip(terms, ascii)]


def split_glosses(text: str) -> tuple[str, ...]:
    """`赤裸的；光秃的；` -> ('赤裸的', '光秃的'): split on ； or ;, strip, drop empties."""
    # str methods rather than GLOSS_SEP.split: this runs once per entry of a glossary.
    if "；" in text:
        text = text.replace("；", ";")
    elif ";" not in text:
        text = text.strip()
        return (text,) if text else ()
    return tuple([part for part in map(str.strip, text.split(";")) if part])
