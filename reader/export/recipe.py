"""Recipes: small YAML files in `decks/` saying what goes into one deck.

    # decks/op-ed.yaml
    deck: Reader::Economist op-ed       # deck name (default: the library's name)
    library: ../seeds                   # relative to this file (default: --library)
    documents: [002_3fb843373e1af618]   # entries noted in, or occurring in, these documents
    languages: [en]                     # default: every language of the library
    tags: [economist]                   # entries with any of these tags (default: any)
    statuses: [new, learning]           # default: new, learning, known (never ignored)
    cards: [recognition, production, context, sentence, sentence-reverse]
    subdecks: true                      # one sub-deck per document (default: false)
    audio: tts                          # tts (default) | files (espeak-ng) | off
    speech: {en: en_GB, zh: zh_TW}      # TTS locale (and options) per language
    output: op-ed.apkg                  # relative to this file (default: <recipe name>.apkg)

Every key is optional; an unknown key is an error (a typo would otherwise silently export
everything). Recognition cards are always made: they are the note's first card; likewise
`sentence-reverse` brings `sentence` with it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.export.notetype import CARD_KINDS
from reader.export.speech import AUDIO_MODES, check_speech_option
from reader.fsutil import read_file
from reader.model import STATUSES
from reader.yamlsafe import check_duplicate_keys, compose, construct

DEFAULT_STATUSES: tuple[str, ...] = ("new", "learning", "known")
DEFAULT_CARDS: tuple[str, ...] = ("recognition", "production", "context")

_LIST_KEYS = ("documents", "languages", "tags", "statuses", "cards")
_KEYS = (
    "deck",
    "deck_id",
    "description",
    "library",
    "output",
    "subdecks",
    "audio",
    "speech",
    *_LIST_KEYS,
)


@dataclass(frozen=True)
class Recipe:
    """What goes into one deck, and where it is written.

    `key` names the recipe in the export state (previous timestamps and note digests), so
    "new, changed, unchanged" always compares an export with the previous one of the same deck.
    """

    key: str
    name: str
    deck: str | None = None
    deck_id: int | None = None
    description: str = ""
    library: Path | None = None
    documents: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    cards: tuple[str, ...] = DEFAULT_CARDS
    output: Path | None = None
    path: Path | None = None
    subdecks: bool = False
    audio: str = "tts"
    speech: tuple[tuple[str, str], ...] = ()  # (language, TTS locale and options)

    @property
    def production(self) -> bool:
        return "production" in self.cards

    @property
    def context_cards(self) -> bool:
        return "context" in self.cards

    @property
    def sentence_cards(self) -> bool:
        return "sentence" in self.cards

    @property
    def sentence_reverse(self) -> bool:
        return "sentence-reverse" in self.cards


def deck_id_for(name: str) -> int:
    """A deck id from the deck name: the same deck name always lands in the same deck."""
    digest = hashlib.blake2b(f"reader-deck\0{name}".encode(), digest_size=6).digest()
    return (1 << 48) + int.from_bytes(digest, "big")


def load_recipe(path: str | Path) -> Recipe:
    """Read and check a recipe file; errors name the file, line and column."""
    path = Path(path)
    if not os.path.lexists(path):
        raise ReaderError(path, "no such recipe file")
    try:
        text = read_file(path).decode("utf-8")  # a FIFO or a device is refused, not read
    except UnicodeDecodeError as exc:
        raise ReaderError(path, f"not UTF-8 text ({exc.reason})") from None
    node = compose(text, path)  # broken YAML, odd tags, alias bombs: file:line:col
    name = path.stem
    base = {"key": f"recipe:{path.resolve()}", "name": name, "path": path}
    if node is None:
        return Recipe(**base)  # type: ignore[arg-type]
    if not isinstance(node, yaml.MappingNode):
        raise _err(path, node, "a recipe is a mapping of keys like `deck:` and `documents:`")
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if not isinstance(key_node, yaml.ScalarNode) or key not in _KEYS:
            known = ", ".join(_KEYS)
            raise _err(path, key_node, f"unknown recipe key {key!r} (known: {known})")
        if key in values:
            raise _err(path, key_node, f"duplicate key {key!r}")
        values[key] = _value(path, key, value_node)
    folder = path.parent
    if "library" in values:
        values["library"] = folder / Path(values["library"]).expanduser()
    if "output" in values:
        values["output"] = folder / Path(values["output"]).expanduser()
    return Recipe(**base, **values)  # type: ignore[arg-type]


def _value(path: Path, key: str, node: yaml.Node) -> Any:
    check_duplicate_keys(node, path)
    value = construct(node, path)
    if key in _LIST_KEYS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, (str, int)) and str(v).strip() for v in value
        ):
            raise _err(path, node, f"{key} must be a list of names")
        items = tuple(str(v).strip() for v in value)
        allowed = {"statuses": STATUSES, "cards": CARD_KINDS}.get(key)
        if allowed is not None:
            for item in items:
                if item not in allowed:
                    raise _err(path, node, f"{key}: unknown {item!r} (one of {', '.join(allowed)})")
        if key == "cards" and "recognition" not in items:
            items = ("recognition", *items)
        if key == "cards" and "sentence-reverse" in items and "sentence" not in items:
            items = (*items, "sentence")
        return items
    if key == "subdecks":
        if not isinstance(value, bool):
            raise _err(path, node, "subdecks is true (one sub-deck per document) or false")
        return value
    if key == "audio":
        if value is False:  # YAML 1.1 reads a bare `off` as false
            value = "off"
        if value not in AUDIO_MODES:
            raise _err(path, node, f"audio is one of {', '.join(AUDIO_MODES)}")
        return value
    if key == "speech":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and check_speech_option(v.strip())
            for k, v in value.items()
        ):
            raise _err(
                path, node, "speech maps languages to Anki TTS locales, e.g. {en: en_GB, zh: zh_TW}"
            )
        return tuple((k.strip(), v.strip()) for k, v in value.items())
    if key == "deck_id":
        # Anki keeps ids as 64-bit integers.
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**63:
            raise _err(path, node, "deck_id must be a positive whole number below 2^63")
        return value
    if not isinstance(value, str) or not value.strip():
        raise _err(path, node, f"{key} must be text")
    return value.strip()


def _err(path: Path, node: yaml.Node, message: str) -> ReaderError:
    mark = node.start_mark
    return ReaderError(path, message, mark.line + 1, mark.column + 1)
