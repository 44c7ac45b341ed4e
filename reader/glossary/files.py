"""Glossary files on disk: reading them strictly, checking them, creating them, and writing
verified text over them (atomically, with a backup, never over someone else's edit)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.errors import Diagnostic, ReaderError
from reader.fsutil import FileLock, digest_of, make_folder, read_file, replace_checked
from reader.glossary import cache, quick
from reader.glossary.fields import Findings
from reader.glossary.parse import entries_of, split_bom
from reader.glossary.schema import LANG_CODE, term_key, term_keys
from reader.model import Entry


@dataclass(frozen=True)
class GlossaryFile:
    """One glossary file as read: its entries and the exact text they came from.

    `text` and `digest` are kept so a save can splice the text and can tell whether someone
    edited the file in the meantime (then it refuses to write instead of losing their work).
    """

    path: Path
    lang: str
    entries: tuple[Entry, ...]
    text: str
    digest: str  # blake2b of the bytes on disk
    mtime_ns: int
    size: int
    warnings: tuple[Diagnostic, ...] = ()
    # (mtime, size, ctime, inode, device) of the file read: an edit changes at least the
    # ctime, which unlike the mtime cannot be put back by hand.
    stat_key: tuple[int, ...] = ()
    # What careful saves keep between saves (`reader.glossary.fast`): built on the first
    # save, handed on to the file each save returns. Not part of what the file means.
    layout: Any = field(default=None, compare=False, repr=False)

    def find(self, term_or_id: str | Entry) -> Entry | None:
        """The entry with this id, else with this term (normalised); None when absent."""
        i = index_of(self, term_or_id)
        return None if i is None else self.entries[i]

    def changed_on_disk(self) -> bool:
        """True when the file on disk is no longer the one this was read from.

        The stat is a shortcut only for "unchanged": whenever it differs, the digest of the
        bytes decides (a `touch` changes nothing; a same-size edit with its mtime put back
        is still seen, by its ctime and then its digest).
        """
        try:
            st = self.path.stat()
        except OSError:
            return True
        if self.stat_key and stat_key(st) == self.stat_key:
            return False
        try:
            return digest_of(read_file(self.path)) != self.digest
        except ReaderError:
            return True


def stat_key(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino, st.st_dev)


def index_of(gf: GlossaryFile, term_or_id: str | Entry) -> int | None:
    """Where one entry is: the first with this id, else with this term (normalised).

    A scan that stops at the entry; `Lookup` indexes the whole file for a batch.
    """
    if isinstance(term_or_id, Entry):
        if term_or_id.id:
            found = index_of(gf, term_or_id.id)
            if found is not None:
                return found
        term_or_id = term_or_id.term
    for i, entry in enumerate(gf.entries):
        if entry.id is not None and entry.id == term_or_id:
            return i
    normalize = term_key(gf.lang)
    norm = normalize(term_or_id)
    for i, entry in enumerate(gf.entries):
        if normalize(entry.term) == norm:
            return i
    return None


class Lookup:
    """Where entries are, by id and by normalised term, as `index_of` finds them: built once
    per batch save, so thousands of changes do not scan the file's entries once each."""

    def __init__(self, gf: GlossaryFile) -> None:
        self.ids: dict[str, int] = {}
        self.terms: dict[str, int] = {}
        self.normalize = term_key(gf.lang)
        for i, entry in enumerate(gf.entries):
            if entry.id is not None:
                self.ids.setdefault(entry.id, i)
        for i, norm in enumerate(term_keys([e.term for e in gf.entries], gf.lang)):
            self.terms.setdefault(norm, i)

    def index(self, term_or_id: str | Entry) -> int | None:
        if isinstance(term_or_id, Entry):
            if term_or_id.id:
                found = self.index(term_or_id.id)
                if found is not None:
                    return found
            term_or_id = term_or_id.term
        found = self.ids.get(term_or_id)
        return found if found is not None else self.terms.get(self.normalize(term_or_id))


def read_source(path: Path) -> tuple[str, bytes]:
    """The file's exact text and bytes.

    Glossaries are UTF-8 by definition (they are YAML this program writes back), and careful
    saving needs the text exactly as on disk, line endings and BOM included, so this reads
    bytes and decodes strictly rather than guessing an encoding.
    """
    raw = read_file(path)
    if not raw.strip():
        raise ReaderError(path, "empty file: a glossary needs at least `language:`")
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ReaderError(path, "binary file, not a YAML glossary", line)
    try:
        return raw.decode("utf-8"), raw
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ReaderError(path, "not UTF-8 text; save the file as UTF-8", line, column) from None


def read_glossary(path: Path, findings: Findings) -> tuple[str, tuple[Entry, ...], str, bytes]:
    text, raw = read_source(path)
    _bom, body = split_bom(text)
    return (*entries_of(body, path, findings), text, raw)


def read_entries(body: str, path: Path) -> tuple[str, tuple[Entry, ...], tuple[Diagnostic, ...]]:
    """Language, entries and warnings of a glossary text (after any BOM); the first error
    raises ReaderError. A valid file is read by `quick`, anything else the strict way."""
    read = quick.entries_of(body, path)  # None unless sure to mean the same, warning-free
    if read is not None:
        return (*read, ())
    findings = Findings(path, strict=True)
    lang, entries = entries_of(body, path, findings)
    return lang, entries, findings.warnings


def load_glossary(path: str | Path) -> GlossaryFile:
    """Read a glossary file strictly: the first problem raises ReaderError(path, msg, line, col).

    Warnings (unknown fields, a level outside learning) do not stop loading; they are kept
    in `GlossaryFile.warnings`. A large file read before, byte for byte the same, comes from
    the cache (`reader.glossary.cache`); a plain, valid one is read by `quick` without
    PyYAML's node tree.
    """
    path = Path(path)
    try:
        st_before = path.stat()
    except OSError:
        st_before = None
    text, raw = read_source(path)
    digest = digest_of(raw)
    loaded = cache.load(path, digest, len(raw))
    if loaded is None:
        _bom, body = split_bom(text)
        loaded = read_entries(body, path)
        cache.store(path, digest, len(raw), loaded)
    st, trusted = _stat_of_bytes(path, st_before)
    return GlossaryFile(
        path=path,
        lang=loaded[0],
        entries=loaded[1],
        text=text,
        digest=digest,
        mtime_ns=st.st_mtime_ns,
        size=st.st_size,
        warnings=loaded[2],
        stat_key=stat_key(st) if trusted and st.st_size == len(raw) else (),
    )


def _stat_of_bytes(path: Path, before: os.stat_result | None) -> tuple[os.stat_result, bool]:
    """The stat of the file whose bytes were just read, and whether it can be trusted to
    describe them: taken before and after reading, both must agree (else an edit may have
    come in between, and `changed_on_disk` always compares digests)."""
    try:
        after = path.stat()
    except OSError as exc:
        raise ReaderError(path, f"cannot read: {exc.strerror or exc}") from None
    return after, before is not None and stat_key(before) == stat_key(after)


def check_glossary(path: str | Path) -> list[Diagnostic]:
    """Every problem in a glossary file, errors and warnings, each with line and column.

    Broken YAML stops the check at the first syntax error (nothing after it can be trusted);
    otherwise every entry is checked.
    """
    path = Path(path)
    findings = Findings(path, strict=False)
    try:
        read_glossary(path, findings)
    except ReaderError as exc:
        findings.items.append(Diagnostic(exc.location, exc.message))
    return findings.items


def new_glossary(path: str | Path, lang: str, comment: str | None = None) -> GlossaryFile:
    """Create an empty glossary file; an existing file is never overwritten."""
    path = Path(path)
    if not LANG_CODE.match(lang):
        raise ReaderError(path, f"{lang!r} is not a language code (en, zh, nl-BE)")
    lines = [f"# {line}".rstrip() for line in comment.splitlines()] if comment else []
    text = "\n".join([*lines, f"language: {lang}", "entries:", ""])
    make_folder(path.parent)
    with FileLock(path) as lock:
        if lock.read() is not None:
            raise ReaderError(path, "already exists; not overwriting it")
        lock.commit(text.encode("utf-8"))
    return load_glossary(path)


def write_checked(
    gf: GlossaryFile,
    text: str,
    entries: tuple[Entry, ...],
    warnings: tuple[Diagnostic, ...],
    *,
    raw: bytes | None = None,
    expected: bytes | None = None,
    layout: Any = None,
    keep_cache: bool = True,
) -> GlossaryFile:
    """Write verified text over the file, unless it changed on disk since `gf` was read
    (checked under the file's lock: see `reader.fsutil.replace_checked`).

    `raw` is `text` as UTF-8 when the caller has it; `expected` the bytes `gf` was read
    from, compared with the file's instead of their digest. `layout` is what the returned
    file keeps for the next save (`reader.glossary.local`). With `keep_cache`, the parsed
    entries are also stored in the cache of parsed glossaries for the next start; a local
    save leaves that out (storing 50,000 entries costs far more than the save itself), and
    the next start reads the file once.
    """
    if raw is None:
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            raise ReaderError(gf.path, "the text holds a lone surrogate; nothing written") from None
    st = replace_checked(gf.path, raw, gf.digest, backup=True, expected=expected)
    digest = digest_of(raw)
    if keep_cache:
        # What was just verified is what the file now means: the next run starts from it.
        cache.store(gf.path, digest, len(raw), (gf.lang, entries, warnings))
    return replace(
        gf,
        entries=entries,
        text=text,
        digest=digest,
        mtime_ns=st.st_mtime_ns,
        size=st.st_size,
        warnings=warnings,
        stat_key=stat_key(st),
        layout=layout,
    )
