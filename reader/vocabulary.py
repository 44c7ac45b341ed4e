"""The vocabulary of a library: every glossary file in `<library>/glossaries/*.yaml`.

An entry applies to every document of its language, whichever file it lives in, so the app
asks for `entries(lang)` and never for a file. Changes go through the careful saves of
`reader.glossary` (one entry spliced in place, atomic write, refusal when the file changed
on disk); each returns a `Change` that `revert` undoes (and the change `revert` returns
redoes it). Files edited by hand while the app runs are picked up by `reload_changed()`; a
file that no longer parses keeps its previous entries in memory and its error is kept in
`errors` until it is fixed, so a typo never makes words vanish.

`version` grows with every change so views can cache by it.

A Vocabulary is shared between threads: the app saves and reloads in a worker while the UI
thread reads. Writers take one lock, so a reload never reads a file halfway through a save
and then puts its stale entries over the saved ones. Readers never take it: every change
publishes the files as they now are (and the error list), swapped in whole, and readers look
entries up in an index of that snapshot, built on the first look-up after a change. So a
look-up on the UI thread never waits for a save of a 50,000-entry file, and opening the
vocabulary costs no more than reading its files.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import repeat
from operator import is_
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from reader import glossary
from reader.errors import ReaderError
from reader.glossary.schema import term_key, term_keys
from reader.model import Entry
from reader.vocabulary_index import VocabularyIndex as _Index
from reader.vocabulary_index import build_index as _build_index
from reader.vocabulary_index import updated_index

if TYPE_CHECKING:
    from reader.glossary import GlossaryFile

__all__ = ["Change", "Vocabulary"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

# Changes `undo()` keeps (the app keeps its own history: reader.study).
UNDO_KEPT = 200


def _locked(
    method: Callable[Concatenate[Vocabulary, _P], _R],
) -> Callable[Concatenate[Vocabulary, _P], _R]:
    """Run the method holding the vocabulary's write lock (re-entrant: `add` calls `find`)."""

    def run(self: Vocabulary, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    functools.update_wrapper(run, method)
    return run


@dataclass(frozen=True)
class Change:
    """One saved change of one glossary file, kept small: the text that changed, and where.

    A save rewrites one entry of a file that may hold 50,000; keeping both whole texts (and
    their parsed entries) for every step of a session would hold megabytes per step. The
    texts before and after are equal outside `start` .. `start + len(before or after)`.
    `digest_after` is the file as this change left it: the change is reverted only while
    the file is still exactly that.
    """

    path: Path
    start: int
    before: str
    after: str
    digest_before: str
    digest_after: str

    @classmethod
    def between(cls, old: GlossaryFile, new: GlossaryFile) -> Change:
        start, before, after = _difference(old.text, new.text)
        return cls(new.path, start, before, after, old.digest, new.digest)

    def text_before(self, text_after: str) -> str:
        """The file's text before the change, from its text after it."""
        end = self.start + len(self.after)
        return text_after[: self.start] + self.before + text_after[end:]


def _difference(old: str, new: str) -> tuple[int, str, str]:
    """(start, old part, new part): the shortest middle that differs between two texts.

    Prefix and suffix are measured a block at a time (one slice comparison in C each, so
    the texts are copied about once, not once per halving step: two 3 MB texts cost a
    millisecond or two), then by halving inside the block that differs.
    """
    limit = min(len(old), len(new))
    start = _common(lambda k, n: old[k : k + n] == new[k : k + n], limit)
    tail = _common(
        lambda k, n: old[len(old) - k - n : len(old) - k] == new[len(new) - k - n : len(new) - k],
        limit - start,
    )
    return start, old[start : len(old) - tail], new[start : len(new) - tail]


_BLOCK = 1 << 16


def _common(same: Callable[[int, int], bool], limit: int) -> int:
    """The length of the common run measured by `same(at, n)` (is the stretch of `n`
    characters `at` characters in equal?), at most `limit`."""
    at = 0
    while at < limit and same(at, min(_BLOCK, limit - at)):
        at += min(_BLOCK, limit - at)
    lo, hi = 0, min(_BLOCK, limit - at)  # the first `lo` characters of this block agree
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(at, mid):
            lo = mid
        else:
            hi = mid - 1
    return at + lo


def _same_file(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class Vocabulary:
    """All glossary entries of a library, per language, with saving, undo and reloading."""

    def __init__(self, library: str | Path, *, load: bool = True) -> None:
        self._lock = threading.RLock()
        self.root = Path(library)
        self.folder = self.root / "glossaries"
        self.version = 0
        self._files: dict[Path, GlossaryFile] = {}
        self._errors: dict[Path, ReaderError] = {}
        # (mtime, size) of each broken file: not re-read on every poll until it is touched.
        self._failed_stat: dict[Path, tuple[int, int]] = {}
        self._undo: list[Change] = []
        self._snapshot: Mapping[Path, GlossaryFile] = MappingProxyType({})
        self._index: _Index | None = None
        self._index_lock = threading.Lock()
        self.errors: Mapping[Path, ReaderError] = MappingProxyType({})
        # `load=False`: empty until `reload_changed` reads every file (the app does, in a
        # worker after its first frame: a 100,000-entry glossary takes a third of a second).
        self.loaded = load
        if load:
            for path in self._paths_on_disk():
                self._load(path)
        self._publish()

    # --- reading (no lock: the published index) ------------------------------------------

    def _view(self) -> _Index:
        """The index of the files as last published, built on the first look-up after it."""
        index = self._index
        if index is not None:
            return index
        with self._index_lock:  # one build, however many readers ask at once
            snapshot = self._snapshot
            index = self._index
            if index is None or index.files is not snapshot:
                index = _build_index(snapshot)
                if self._snapshot is snapshot:  # not overtaken by a change meanwhile
                    self._index = index
            return index

    @property
    def files(self) -> tuple[GlossaryFile, ...]:
        """The glossary files read, in path order."""
        files = self._snapshot
        return tuple(files[p] for p in sorted(files))

    def languages(self) -> tuple[str, ...]:
        """Languages that have at least one glossary file (read from the files, so asking
        does not build the look-up index)."""
        return tuple(sorted({gf.lang for gf in self._snapshot.values()}))

    def entries(self, lang: str) -> tuple[Entry, ...]:
        """Every entry of `lang`, from all files (in file order, then entry order)."""
        return self._view().by_lang.get(lang, ())

    def find(self, term: str, lang: str) -> list[Entry]:
        """Entries of `lang` whose term or one of whose forms is `term`, compared as the
        matcher compares them (case, apostrophes, hyphens ... : `reader.glossary.term_key`)."""
        found = self._view().by_term.get((lang, term_key(lang)(term)), ())
        return list(dict.fromkeys(found))  # an entry listing its own term as a form counts once

    def file_of(self, entry: Entry) -> Path | None:
        """The file holding `entry` (the same object, else an equal entry, else its id/term)."""
        if self._index is None:
            # No look-up index yet (a one-off command): the same object is found by
            # identity, in C, rather than by building the index for one question.
            for held, gf in sorted(self._snapshot.items()):
                if any(map(is_, gf.entries, repeat(entry))):
                    return held
        index = self._view()
        path = index.file_by_id.get(id(entry))
        if path is not None:
            return path
        for path in sorted(index.files):
            gf = index.files[path]
            if gf.lang == entry.lang and entry in gf.entries:
                return path
        for path in sorted(index.files):
            gf = index.files[path]
            if gf.lang == entry.lang and gf.find(entry) is not None:
                return path
        return None

    # --- what readers see ------------------------------------------------------------------

    def _paths_on_disk(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.yaml") if p.is_file())

    def _load(self, path: Path) -> bool:
        """Read one file; on failure keep what was in memory and note the error."""
        try:
            gf = glossary.load_glossary(path)
        except ReaderError as exc:
            self._errors[path] = exc
            try:
                st = path.stat()
                self._failed_stat[path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                self._failed_stat.pop(path, None)
            return False
        self._files[path] = gf
        self._errors.pop(path, None)
        self._failed_stat.pop(path, None)
        return True

    def _publish(self, changed: Path | None = None) -> None:
        """Make what the files hold now what readers see, then tell them by `version`.

        `changed`: the one file that differs from the last snapshot. The index readers use
        is then carried over with only that file's changed entries keyed again (an add in
        a 50,000-entry glossary costs what it changed, not a new index); otherwise the next
        look-up builds it anew."""
        snapshot = MappingProxyType(dict(self._files))
        with self._index_lock:
            index = self._index
            if changed is not None and index is not None and index.files is self._snapshot:
                index = updated_index(index, snapshot, changed)
            else:
                index = None
            self._snapshot = snapshot
            self._index = index
        self.errors = MappingProxyType(dict(self._errors))
        self.version += 1

    # --- changing ---------------------------------------------------------------------------

    def default_path(self, lang: str) -> Path:
        """Where new entries of `lang` go: `<library>/glossaries/<lang>.yaml`."""
        return self.folder / f"{lang}.yaml"

    def _file_for_writing(self, path: Path, lang: str) -> GlossaryFile:
        if path in self._errors:
            raise self._errors[path]
        gf = self._files.get(path)
        if gf is not None:
            return gf
        if path.exists():
            if not self._load(path):
                raise self._errors[path]
            self._publish()
            return self._files[path]
        gf = glossary.new_glossary(
            path, lang, comment=f"Vocabulary ({lang}), kept by reader and by hand"
        )
        self._files[path] = gf
        self._publish(path)
        return gf

    def _saved(self, before: GlossaryFile, after: GlossaryFile) -> Change:
        self._files[after.path] = after
        change = Change.between(before, after)
        self._undo.append(change)
        del self._undo[:-UNDO_KEPT]
        self._publish(after.path)
        return change

    def _check_unique(self, entry: Entry, path: Path, ignore: Entry | None = None) -> None:
        for other, where in self._same_term(entry, path):
            if other is ignore or other == ignore:
                continue
            raise ReaderError(path, f"{entry.term!r} is already in {where or 'the vocabulary'}")

    def _same_term(self, entry: Entry, path: Path) -> list[tuple[Entry, Path | None]]:
        """Entries whose term is `entry`'s (as `term_key` compares them), with their files.

        With the look-up index built (the app), from the index. Without it (a one-off
        command such as `reader glossary add`), building it would key every term and form
        of the language to check one: then only the terms of the language's other files
        are keyed, since the file saved into refuses a term it already holds itself
        (`reader.glossary`: "already in this glossary")."""
        normalize = term_key(entry.lang)
        key = normalize(entry.term)
        if self._index is not None:
            return [
                (other, self.file_of(other))
                for other in self.find(entry.term, entry.lang)
                if normalize(other.term) == key
            ]
        found: list[tuple[Entry, Path | None]] = []
        for other_path, gf in sorted(self._snapshot.items()):
            if gf.lang != entry.lang or _same_file(other_path, path):
                continue
            terms = [e.term for e in gf.entries]
            found += [
                (e, other_path) for e, k in zip(gf.entries, term_keys(terms, gf.lang)) if k == key
            ]
        return found

    def add(self, entry: Entry, path: str | Path | None = None) -> Path:
        """Add an entry (by default to `<lang>.yaml`, created if missing); returns its file."""
        return self.save_new(entry, path).path

    def update(self, old: Entry, new: Entry) -> Path:
        """Replace `old` by `new` in the file holding it; returns that file."""
        return self.save_edit(old, new).path

    def remove(self, entry: Entry) -> Path:
        """Remove an entry from the file holding it; returns that file."""
        return self.save_removal(entry).path

    @_locked
    def save_new(self, entry: Entry, path: str | Path | None = None) -> Change:
        """`add`, returning the change saved."""
        target = Path(path) if path is not None else self.default_path(entry.lang)
        if target.suffix != ".yaml" or target.parent.resolve() != self.folder.resolve():
            # Only files in the folder are read back; an entry saved elsewhere would vanish.
            raise ReaderError(
                target, f"a glossary of this library is a .yaml file in {self.folder}"
            )
        self._check_unique(entry, target)
        gf = self._file_for_writing(target, entry.lang)
        return self._saved(gf, glossary.add_entry(gf, entry))

    @_locked
    def save_edit(self, old: Entry, new: Entry) -> Change:
        """`update`, returning the change saved."""
        path = self._holder(old)
        if new.lang != old.lang:
            raise ReaderError(path, "an entry cannot change language; add it to the other one")
        self._check_unique(new, path, ignore=old)
        gf = self._file_for_writing(path, old.lang)
        return self._saved(gf, glossary.update_entry(gf, old, new))

    @_locked
    def save_removal(self, entry: Entry) -> Change:
        """`remove`, returning the change saved."""
        path = self._holder(entry)
        gf = self._file_for_writing(path, entry.lang)
        return self._saved(gf, glossary.remove_entry(gf, entry))

    def _holder(self, entry: Entry) -> Path:
        path = self.file_of(entry)
        if path is None:
            raise ReaderError(self.folder, f"{entry.term!r} is not in any {entry.lang} glossary")
        return path

    @_locked
    def revert(self, change: Change) -> Change:
        """Put the file back as it was before `change`; returns the change that did that
        (reverting it in turn redoes `change`).

        Refused (ReaderError) when the file changed since, by hand or otherwise: a revert
        never overwrites edits it did not make.
        """
        current = self._files.get(change.path)
        if current is None or current.digest != change.digest_after:
            raise ReaderError(change.path, "changed since that edit; nothing undone")
        restored = glossary.restore_text(current, change.text_before(current.text))
        self._files[change.path] = restored
        self._publish(change.path)
        return Change(
            change.path, change.start, change.after, change.before, current.digest, restored.digest
        )

    @_locked
    def can_undo(self) -> bool:
        return bool(self._undo)

    @_locked
    def undo(self) -> bool:
        """Revert the last change saved through this vocabulary; False when there is none.

        Refused (ReaderError) when the file changed since that change, by hand or otherwise:
        undo never overwrites edits it did not make.
        """
        if not self._undo:
            return False
        change = self._undo.pop()
        self.revert(change)
        return True

    # --- outside edits ----------------------------------------------------------------------

    @_locked
    def reload_changed(self) -> list[Path]:
        """Re-read glossary files created, edited or removed outside; return their paths.

        A file that now fails to parse keeps its previous entries, and its error is in
        `errors` (cleared once the file reads again).
        """
        changed: list[Path] = []
        self.loaded = True
        on_disk = set(self._paths_on_disk())
        for path in sorted((set(self._files) | set(self._errors)) - on_disk):
            self._files.pop(path, None)
            self._errors.pop(path, None)
            self._failed_stat.pop(path, None)
            changed.append(path)
        for path in sorted(on_disk):
            gf = self._files.get(path)
            if path in self._errors:
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
            self._publish()
        return changed
