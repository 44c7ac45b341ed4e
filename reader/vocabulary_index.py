"""The look-up index of a vocabulary: entries per language, per term key, and their files.

Keying every term and form of a 50,000-entry glossary (`reader.glossary.term_keys`) costs a
tenth of a second. A save changes one entry, and the local saves of `reader.glossary` keep
every other entry the very same object, so after a save the index is carried over: the
entries that left or joined the changed file (found by identity) are unkeyed and keyed, the
rest is copied as it is. The result is the index `build_index` makes of the new files, in
the same order; a change too large to be worth it is simply built anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, count
from operator import is_not
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from reader.glossary.schema import term_keys
from reader.model import Entry

if TYPE_CHECKING:
    from reader.glossary import GlossaryFile

_K = TypeVar("_K")
_V = TypeVar("_V")

# Past this many changed entries, building anew is as cheap as carrying over.
MAX_CARRIED = 2_000


@dataclass(frozen=True)
class VocabularyIndex:
    """What readers see: a snapshot of the files and their entries, never changed in place."""

    files: Mapping[Path, GlossaryFile]
    by_lang: Mapping[str, tuple[Entry, ...]]
    by_term: Mapping[tuple[str, str], tuple[Entry, ...]]
    file_by_id: Mapping[int, Path]


def _keyed(entries: Iterable[Entry], lang: str) -> list[tuple[Entry, str]]:
    """(entry, key) for the term and every form of each entry, in order."""
    owners: list[Entry] = []
    texts: list[str] = []
    for entry in entries:
        for text in (entry.term, *entry.forms):
            owners.append(entry)
            texts.append(text)
    return list(zip(owners, term_keys(texts, lang), strict=True))


def build_index(files: Mapping[Path, GlossaryFile]) -> VocabularyIndex:
    by_lang: dict[str, list[Entry]] = {}
    file_by_id: dict[int, Path] = {}
    by_term: dict[tuple[str, str], list[Entry]] = {}
    for path in sorted(files):
        gf = files[path]
        by_lang.setdefault(gf.lang, []).extend(gf.entries)
        for entry in gf.entries:
            file_by_id[id(entry)] = path
        for entry, key in _keyed(gf.entries, gf.lang):
            by_term.setdefault((gf.lang, key), []).append(entry)
    return VocabularyIndex(
        files,
        MappingProxyType({lang: tuple(entries) for lang, entries in by_lang.items()}),
        MappingProxyType({key: tuple(entries) for key, entries in by_term.items()}),
        file_by_id,
    )


def updated_index(
    index: VocabularyIndex, files: Mapping[Path, GlossaryFile], path: Path
) -> VocabularyIndex:
    """`build_index(files)`, from the index of the files before, where only the file at
    `path` differs (changed, added or removed)."""
    before, after = index.files.get(path), files.get(path)
    if before is not None and after is not None and before.lang != after.lang:
        return build_index(files)
    either = after if after is not None else before
    if either is None:  # in neither: nothing to carry over
        return build_index(files)
    lang = either.lang
    old = before.entries if before is not None else ()
    new = after.entries if after is not None else ()
    # The stretch that differs: the entries before and after it are the same objects. Both
    # ends are found in C (no Python frame per entry of a large file).
    head = _same_run(old, new)
    tail = _same_run(old[::-1], new[::-1], min(len(old), len(new)) - head)
    old_part, new_part = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(old_part) + len(new_part) > MAX_CARRIED:
        return build_index(files)
    old_ids, new_ids = {id(e) for e in old_part}, {id(e) for e in new_part}
    gone_ids = old_ids - new_ids
    gone = [e for e in old_part if id(e) in gone_ids]
    came = [e for e in new_part if id(e) not in old_ids]

    file_by_id = dict(index.file_by_id)
    for entry in gone:
        file_by_id.pop(id(entry), None)
    for entry in came:
        file_by_id[id(entry)] = path

    by_lang = _copied(index.by_lang)
    paths = sorted(files)
    of_lang = [files[p].entries for p in paths if files[p].lang == lang]
    if of_lang:
        by_lang[lang] = tuple(chain.from_iterable(of_lang))
    else:
        by_lang.pop(lang, None)

    by_term = _copied(index.by_term)
    added: dict[tuple[str, str], list[Entry]] = {}
    for entry, key in _keyed(came, lang):
        added.setdefault((lang, key), []).append(entry)
    affected = set(added) | {(lang, key) for _entry, key in _keyed(gone, lang)}
    rank = {p: i for i, p in enumerate(paths)}
    for lang_key in affected:
        kept = [e for e in by_term.get(lang_key, ()) if id(e) not in gone_ids]
        together = kept + added.get(lang_key, [])
        if not together:
            by_term.pop(lang_key, None)
            continue
        if len({id(e) for e in together}) > 1:
            together = _in_file_order(together, files, file_by_id, rank)
        by_term[lang_key] = tuple(together)
    return VocabularyIndex(files, MappingProxyType(by_lang), MappingProxyType(by_term), file_by_id)


def _same_run(a: Sequence[Entry], b: Sequence[Entry], limit: int | None = None) -> int:
    """How many entries at the start of `a` and `b` are the same objects (at most `limit`)."""
    differs = compress(count(), map(is_not, a, b))
    n = next(differs, min(len(a), len(b)))
    return n if limit is None else min(n, limit)


def _copied(mapping: Mapping[_K, _V]) -> dict[_K, _V]:
    """A dict copy of a read-only view of one, made by the dict itself (in C): `dict(view)`
    would go through the mapping protocol, key by key."""
    copy = getattr(mapping, "copy", None)
    found = copy() if copy is not None else None
    return found if isinstance(found, dict) else dict(mapping)


def _in_file_order(
    entries: list[Entry],
    files: Mapping[Path, GlossaryFile],
    file_by_id: Mapping[int, Path],
    rank: Mapping[Path, int],
) -> list[Entry]:
    """The entries sorted as `build_index` lists them: by file, then by place in the file
    (a stable sort keeps an entry listed twice, by its term and a form, together)."""
    wanted: dict[Path, set[int]] = {}
    for entry in entries:
        wanted.setdefault(file_by_id[id(entry)], set()).add(id(entry))
    place: dict[int, int] = {}
    for path, ids in wanted.items():
        for i, entry in enumerate(files[path].entries):
            if id(entry) in ids:
                place[id(entry)] = i
    return sorted(entries, key=lambda e: (rank[file_by_id[id(e)]], place[id(e)]))
