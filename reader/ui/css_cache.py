"""Textual's parsed stylesheets, kept between runs.

Textual parses every stylesheet a start-up meets (the app's, and the default CSS of every kind
of widget on the first screen) with a tokenizer written in Python: about a fifth of the first
frame's own work, the same work on every start. `CachedStylesheet` keeps each parsed source
in the cache folder, named by a digest of everything the parse depends on (the CSS, where it
was read from, the theme's variables, the installed Textual and Python's version), and reads it back
with `pickle`, four times faster than parsing it again. A source whose parse has errors is not
kept, so Textual reports them as always.

The files are the program's own, in the user's private cache folder (like Python's compiled
modules, which are code too); a file that cannot be read back is parsed again and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path

import textual.css.model
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from reader.fsutil import atomic_write_bytes, cache_dir


@cache
def _textual_install() -> tuple[str, int, int]:
    """Which Textual is installed, told by the module of the classes kept (its path, time and
    size), without asking the package metadata (slow to load)."""
    where = textual.css.model.__file__
    st = os.stat(where)
    return where, st.st_mtime_ns, st.st_size


class CachedStylesheet(Stylesheet):
    """A `Stylesheet` whose parsed sources are kept in `folder` (None: not kept)."""

    def __init__(self, *, variables: dict[str, str] | None = None, folder: Path | None) -> None:
        super().__init__(variables=variables)
        self.folder = folder

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if self.folder is None or key in self._parse_cache:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        path = self.folder / f"{self._digest(key)}.pickle"
        rules = _read(path)
        if rules is not None:
            self._parse_cache[key] = rules
            return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            try:
                atomic_write_bytes(path, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:
                pass  # a read-only cache costs the next start its parse, nothing more
        return rules

    def reparse(self) -> None:
        """Parse every source again with the current variables (a theme was chosen): in a
        second stylesheet that keeps its sources too, so an error leaves this one as it was."""
        again = CachedStylesheet(variables=self._variables, folder=self.folder)
        for read_from, source in self.source.items():
            again.add_source(
                source.content,
                read_from=read_from,
                is_default_css=source.is_defaults,
                tie_breaker=source.tie_breaker,
                scope=source.scope,
            )
        try:
            again.parse()
        except Exception:
            self._invalid_css.update(again._invalid_css)
            raise
        self._rules = again.rules
        self._rules_map = None
        self.source = again.source
        self._require_parse = False

    def _digest(self, key: tuple[object, ...]) -> str:
        variables = sorted(self._variables.items())
        what = repr((_textual_install(), sys.version_info[:2], key, variables))
        return hashlib.sha256(what.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _read(path: Path) -> list[RuleSet] | None:
    try:
        rules = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,  # truncated
        AttributeError,  # a class that moved or went away
        ImportError,
        TypeError,
        ValueError,
        IndexError,
        KeyError,
    ):
        return None  # parsed again, and the file replaced
    if isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules):
        return rules
    return None


def cached_stylesheet(variables: dict[str, str]) -> Stylesheet:
    """The app's stylesheet: kept in `<cache>/css/`, or a plain one when caching is off."""
    folder = cache_dir()
    if folder is None:
        return Stylesheet(variables=variables)
    folder = folder / "css"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Stylesheet(variables=variables)
    return CachedStylesheet(variables=variables, folder=folder)
