"""The vocabulary of a library: every glossary file in `<library>/glossaries/*.yaml`.

An entry applies to every document of its language, whichever file it lives in, so the app
asks for `entries(lang)` and never for a file. Changes go through the careful saves of
`reader.glossary` (one entry spliced in place, atomic write, refusal when the file changed
on disk) and can be undone one by one. Files edited by hand while the app runs are picked
up by `reload_changed()`; a file that no longer parses keeps its previous entries in memory
and its error is kept in `errors` until it is fixed, so a typo never makes words vanish.

`version` grows with every change so views can cache by it.

A Vocabulary may be shared between threads (the app polls `reload_changed()` from a timer
and from workers while the learner edits): one lock serialises every method, so a reload
never reads a file halfway through a save and then puts its stale entries over the saved
ones.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from reader.errors import ReaderError
from reader.glossary import (
    GlossaryFile,
    add_entry,
    load_glossary,
    new_glossary,
    remove_entry,
    restore_text,
    term_key,
    term_keys,
    update_entry,
)
from reader.model import Entry

__all__ = ["Vocabulary"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _locked(
    method: Callable[Concatenate[Vocabulary, _P], _R],
) -> Callable[Concatenate[Vocabulary, _P], _R]:
    """Run the method holding the vocabulary's lock (re-entrant: `add` calls `find`)."""

    @functools.wraps(method)
    def run(self: Vocabulary, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    return run


@dataclass(frozen=True)
class _Change:
    """One saved change, kept so undo can put the file's previous text back exactly."""

    path: Path
    before: GlossaryFile
    after: GlossaryFile


class Vocabulary:
    """All glossary entries of a library, per language, with saving, undo and reloading."""

    def __init__(self, library: str | Path) -> None:
        self._lock = threading.RLock()
        self.root = Path(library)
        self.folder = self.root / "glossaries"
        self.version = 0
        self.errors: dict[Path, ReaderError] = {}
        self._files: dict[Path, GlossaryFile] = {}
        # (mtime, size) of each broken file: not re-read on every poll until it is touched.
        self._failed_stat: dict[Path, tuple[int, int]] = {}
        self._undo: list[_Change] = []
        self._index_version = -1
        self._by_lang: dict[str, tuple[Entry, ...]] = {}
        self._file_by_id: dict[int, Path] = {}
        self._by_term: dict[tuple[str, str], list[Entry]] = {}
        for path in self._paths_on_disk():
            self._load(path)

    # --- reading ----------------------------------------------------------------------------

    def _paths_on_disk(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.yaml") if p.is_file())

    def _load(self, path: Path) -> bool:
        """Read one file; on failure keep what was in memory and note the error."""
        try:
            gf = load_glossary(path)
        except ReaderError as exc:
            self.errors[path] = exc
            try:
                st = path.stat()
                self._failed_stat[path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                self._failed_stat.pop(path, None)
            return False
        self._files[path] = gf
        self.errors.pop(path, None)
        self._failed_stat.pop(path, None)
        return True

    def _index(self) -> None:
        if self._index_version == self.version:
            return
        by_lang: dict[str, list[Entry]] = {}
        self._file_by_id = {}
        self._by_term = {}
        for path in sorted(self._files):
            gf = self._files[path]
            bucket = by_lang.setdefault(gf.lang, [])
            bucket.extend(gf.entries)
            owners = []
            texts = []
            for entry in gf.entries:
                self._file_by_id[id(entry)] = path
                for text in (entry.term, *entry.forms):
                    owners.append(entry)
                    texts.append(text)
            for entry, key in zip(owners, term_keys(texts, gf.lang)):
                self._by_term.setdefault((gf.lang, key), []).append(entry)
        self._by_lang = {lang: tuple(entries) for lang, entries in by_lang.items()}
        self._index_version = self.version

    @property
    @_locked
    def files(self) -> tuple[GlossaryFile, ...]:
        """The glossary files read, in path order."""
        return tuple(self._files[p] for p in sorted(self._files))

    @_locked
    def languages(self) -> tuple[str, ...]:
        """Languages that have at least one glossary file."""
        self._index()
        return tuple(sorted(self._by_lang))

    @_locked
    def entries(self, lang: str) -> tuple[Entry, ...]:
        """Every entry of `lang`, from all files (in file order, then entry order)."""
        self._index()
        return self._by_lang.get(lang, ())

    @_locked
    def find(self, term: str, lang: str) -> list[Entry]:
        """Entries of `lang` whose term or one of whose forms is `term`, compared as the
        matcher compares them (case, apostrophes, hyphens ... : `reader.glossary.term_key`)."""
        self._index()
        found = self._by_term.get((lang, term_key(lang)(term)), [])
        return list(dict.fromkeys(found))  # an entry listing its own term as a form counts once

    @_locked
    def file_of(self, entry: Entry) -> Path | None:
        """The file holding `entry` (the same object, else an equal entry, else its id/term)."""
        self._index()
        path = self._file_by_id.get(id(entry))
        if path is not None:
            return path
        for path in sorted(self._files):
            gf = self._files[path]
            if gf.lang == entry.lang and entry in gf.entries:
                return path
        for path in sorted(self._files):
            gf = self._files[path]
            if gf.lang == entry.lang and gf.find(entry) is not None:
                return path
        return None

    # --- changing ---------------------------------------------------------------------------

    def default_path(self, lang: str) -> Path:
        """Where new entries of `lang` go: `<library>/glossaries/<lang>.yaml`."""
        return self.folder / f"{lang}.yaml"

    def _file_for_writing(self, path: Path, lang: str) -> GlossaryFile:
        if path in self.errors:
            raise self.errors[path]
        gf = self._files.get(path)
        if gf is not None:
            return gf
        if path.exists():
            if not self._load(path):
                raise self.errors[path]
            self.version += 1
            return self._files[path]
        gf = new_glossary(path, lang, comment=f"Vocabulary ({lang}), kept by reader and by hand")
        self._files[path] = gf
        self.version += 1
        return gf

    def _saved(self, before: GlossaryFile, after: GlossaryFile) -> None:
        self._files[after.path] = after
        self._undo.append(_Change(after.path, before, after))
        self.version += 1

    def _check_unique(self, entry: Entry, path: Path, ignore: Entry | None = None) -> None:
        normalize = term_key(entry.lang)
        for other in self.find(entry.term, entry.lang):
            if other is ignore or other == ignore:
                continue
            if normalize(other.term) != normalize(entry.term):
                continue
            where = self.file_of(other)
            raise ReaderError(path, f"{entry.term!r} is already in {where or 'the vocabulary'}")

    @_locked
    def add(self, entry: Entry, path: str | Path | None = None) -> Path:
        """Add an entry (by default to `<lang>.yaml`, created if missing); returns its file."""
        target = Path(path) if path is not None else self.default_path(entry.lang)
        if target.suffix != ".yaml" or target.parent.resolve() != self.folder.resolve():
            # Only files in the folder are read back; an entry saved elsewhere would vanish.
            raise ReaderError(
                target, f"a glossary of this library is a .yaml file in {self.folder}"
            )
        self._check_unique(entry, target)
        gf = self._file_for_writing(target, entry.lang)
        self._saved(gf, add_entry(gf, entry))
        return target

    @_locked
    def update(self, old: Entry, new: Entry) -> Path:
        """Replace `old` by `new` in the file holding it; returns that file."""
        path = self._holder(old)
        if new.lang != old.lang:
            raise ReaderError(path, "an entry cannot change language; add it to the other one")
        self._check_unique(new, path, ignore=old)
        gf = self._file_for_writing(path, old.lang)
        self._saved(gf, update_entry(gf, old, new))
        return path

    @_locked
    def remove(self, entry: Entry) -> Path:
        """Remove an entry from the file holding it; returns that file."""
        path = self._holder(entry)
        gf = self._file_for_writing(path, entry.lang)
        self._saved(gf, remove_entry(gf, entry))
        return path

    def _holder(self, entry: Entry) -> Path:
        path = self.file_of(entry)
        if path is None:
            raise ReaderError(self.folder, f"{entry.term!r} is not in any {entry.lang} glossary")
        return path

    @_locked
    def can_undo(self) -> bool:
        return bool(self._undo)

    @_locked
    def undo(self) -> bool:
        """Put back the file text from before the last change; False when nothing to undo.

        Refused (ReaderError) when the file changed since that change, by hand or otherwise:
        undo never overwrites edits it did not make.
        """
        if not self._undo:
            return False
        change = self._undo[-1]
        current = self._files.get(change.path)
        if current is None or current.digest != change.after.digest:
            self._undo.pop()
            raise ReaderError(change.path, "changed since that edit; nothing undone")
        self._files[change.path] = restore_text(current, change.before.text)
        self._undo.pop()
        self.version += 1
        return True

    # --- outside edits ----------------------------------------------------------------------

    @_locked
    def reload_changed(self) -> list[Path]:
        """Re-read glossary files created, edited or removed outside; return their paths.

        A file that now fails to parse keeps its previous entries, and its error is in
        `errors` (cleared once the file reads again).
        """
        changed: list[Path] = []
        on_disk = set(self._paths_on_disk())
        for path in sorted((set(self._files) | set(self.errors)) - on_disk):
            self._files.pop(path, None)
            self.errors.pop(path, None)
            self._failed_stat.pop(path, None)
            changed.append(path)
        for path in sorted(on_disk):
            gf = self._files.get(path)
            if path in self.errors:
                try:
                    st = path.stat()
                except OSError:
                    continue
                if self._failed_stat.get(path) == (st.st_mtime_ns, st.st_size):
                    continue
            elif gf is not None and not gf.changed_on_disk():
                continue
            self._load(path)
            changed.append(path)
        if changed:
            self.version += 1
        return changed
