"""The app's settings: defaults in code, overridden by a YAML file the user edits.

The file lives in the platform config directory (`platformdirs.user_config_dir("reader")`,
e.g. `~/.config/reader/config.yaml` on Linux); `READER_CONFIG` points elsewhere, which is how
tests keep a developer's own settings out of their results. Example:

    bidi: auto            # auto | on | off: reorder Arabic ourselves, or leave it to the terminal
    theme: textual-dark
    low_confidence: 0.5   # alignment links below this are marked in the gutter
    native: en            # your language: the default for translations you write yourself
    unknown_words: auto   # auto | on | off: mark words in no glossary that you do not know
    decks: ~/Anki/decks   # where `x` writes Anki decks (default: decks/ in the library)
    keys:                 # binding id -> keys, comma separated (see the help screen for ids)
      next_sentence: "j,down,ctrl+n"
      add_entry: "a,plus"

The command line reads settings before it decides whether to start the app at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.errors import ReaderError

BIDI_MODES = ("auto", "on", "off")
UNKNOWN_MODES = ("auto", "on", "off")


def config_path() -> Path:
    """$READER_CONFIG, else config.yaml in the platform config directory."""
    env = os.environ.get("READER_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("reader")) / "config.yaml"


@dataclass(frozen=True)
class Settings:
    """What a user may change without touching code; every field has a working default."""

    bidi: str = "auto"
    """Reorder and shape Arabic for terminals that do not (on), leave it to the terminal
    (off), or decide from the terminal's environment (auto)."""
    theme: str = "textual-dark"
    """A Textual theme name; term and cursor colours follow it."""
    low_confidence: float = 0.5
    """Alignment links scored below this are marked in the gutter as worth checking."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> comma-separated keys, applied with Textual's keymap."""
    native: str = "en"
    """The learner's own language: the default language of translations they write (`t`)."""
    editor: str | None = None
    """Command for `E` (open the glossary file); $VISUAL / $EDITOR when unset."""
    decks: str | None = None
    """Folder for Anki decks exported with `x`; unset: `decks/` in the library folder, so
    the deck is found beside the glossaries it came from. Relative to the library folder."""
    unknown_words: str = "auto"
    """Mark the words of a text that are in no glossary and not known (on, off), or only in
    documents that came without vocabulary notes of their own (auto)."""
    anki_known_days: int = 21
    """`reader anki sync` marks an entry known once all its studied cards have an interval
    of at least this many days (21 is what Anki calls mature)."""

    def bidi_enabled(self, environ: Mapping[str, str] | None = None) -> bool:
        """Whether the app reorders Arabic itself.

        `auto` trusts terminals known to apply the Unicode bidi algorithm themselves
        (Konsole, mlterm); reordering twice would scramble the text there. Everywhere else
        (VTE, xterm, kitty, tmux ...) the terminal shows cells in logical order, so we reorder.
        """
        if self.bidi != "auto":
            return self.bidi == "on"
        env = os.environ if environ is None else environ
        return not ("KONSOLE_VERSION" in env or "MLTERM" in env)

    def marks_unknown(self, has_own_glossary: bool) -> bool:
        """Whether unknown words are marked in a document (which has vocabulary notes of its
        own or not): a text studied with its notes already shows what is worth learning."""
        if self.unknown_words != "auto":
            return self.unknown_words == "on"
        return not has_own_glossary

    def decks_dir(self, library_root: Path) -> Path:
        """Where the app writes exported decks for the library at `library_root`."""
        if not self.decks:
            return library_root / "decks"
        return library_root / Path(self.decks).expanduser()  # an absolute path wins

    def editor_command(self, environ: Mapping[str, str] | None = None) -> str:
        env = os.environ if environ is None else environ
        return self.editor or env.get("VISUAL") or env.get("EDITOR") or "vi"


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file means defaults, a broken one is a ReaderError."""
    path = config_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReaderError(path, f"cannot read config: {exc}") from None
    import yaml  # only where there is a config file to read

    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ReaderError(
            path,
            f"broken YAML: {exc.problem}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise ReaderError(path, f"broken YAML: {exc}") from None
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise ReaderError(path, "config must be a mapping of settings", 1, 1)
    return settings_from_data(data, path, text)


def settings_from_data(data: Mapping[str, Any], path: Path, text: str = "") -> Settings:
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in known:
            raise ReaderError(
                path, f"unknown setting {key!r} (known: {', '.join(sorted(known))})", line, 1
            )
        values[key] = _check(key, value, path, line)
    return Settings(**values)


def _check(key: str, value: Any, path: Path, line: int | None) -> Any:
    if key == "bidi":
        # YAML reads a bare on/off as a boolean; accept that spelling too.
        if isinstance(value, bool):
            return "on" if value else "off"
        if value not in BIDI_MODES:
            raise ReaderError(path, f"bidi must be one of {', '.join(BIDI_MODES)}", line, 1)
        return value
    if key == "unknown_words":
        if isinstance(value, bool):
            return "on" if value else "off"
        if value not in UNKNOWN_MODES:
            raise ReaderError(
                path, f"unknown_words must be one of {', '.join(UNKNOWN_MODES)}", line, 1
            )
        return value
    if key == "low_confidence":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ReaderError(path, "low_confidence must be a number from 0 to 1", line, 1)
        return float(value)
    if key == "anki_known_days":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ReaderError(
                path, "anki_known_days must be a whole number of days from 1", line, 1
            )
        return value
    if key == "keys":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            raise ReaderError(
                path,
                'keys must map binding ids to key names, e.g. next_sentence: "j,down"',
                line,
                1,
            )
        return dict(value)
    if not isinstance(value, str) or not value:
        raise ReaderError(path, f"{key} must be text", line, 1)
    return value


def _line_of(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return n
    return None
