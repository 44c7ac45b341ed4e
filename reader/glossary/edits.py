"""Careful saves: add, update and remove entries by splicing the file's text, then verify
that the result reads back as exactly the intended entries before one atomic write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from reader.errors import ReaderError
from reader.gcpause import no_gc
from reader.glossary import local
from reader.glossary.fields import Findings, clean_entry
from reader.glossary.files import GlossaryFile, Lookup, index_of, read_entries, write_checked
from reader.glossary.parse import Parsed, parse, split_bom
from reader.glossary.schema import KNOWN_FIELDS, term_key, term_keys
from reader.glossary.splice import (
    Splice,
    apply,
    newline,
    splice_add,
    splice_remove,
    splice_update,
    step_of,
)
from reader.model import STATUSES, Entry


def _prepared(gf: GlossaryFile, entry: Entry) -> Entry:
    """The entry as it will read back, after checks that it can be written at all.

    Whether its term is free is checked over the whole result, by `_unique`.
    """
    if entry.lang != gf.lang:
        raise ReaderError(
            gf.path, f"entry {entry.term!r} is {entry.lang}, the glossary is {gf.lang}"
        )
    entry = clean_entry(entry)  # typed or pasted: no control character goes into the file
    term = entry.term.strip()
    if not term:
        raise ReaderError(gf.path, "empty term")
    if entry.status not in STATUSES:
        raise ReaderError(gf.path, f"status must be one of {', '.join(STATUSES)}")
    if entry.level is not None and not 1 <= entry.level <= 5:
        raise ReaderError(gf.path, "level must be a whole number from 1 to 5")
    clashing = [name for name, _ in entry.extra if name in KNOWN_FIELDS]
    if clashing:
        raise ReaderError(gf.path, f"extra field {clashing[0]!r} is a known field")
    context = entry.context
    if context is not None:
        context = replace(
            context, document=context.document.strip(), segment=context.segment.strip()
        )
        if not context.document or not context.segment:
            raise ReaderError(gf.path, "a context needs a document and a segment")
        if context.sentence is not None and context.sentence < 0:
            raise ReaderError(gf.path, "a context sentence is a whole number from 0")
    return replace(
        entry,
        term=term,
        glosses=tuple(g for g in (s.strip() for s in entry.glosses) if g),
        note=entry.note.strip(),
        reading=entry.reading.strip(),
        pos=entry.pos.strip(),
        forms=tuple(f for f in (s.strip() for s in entry.forms) if f),
        tags=tuple(t for t in (s.strip() for s in entry.tags) if t),
        id=entry.id.strip() if entry.id and entry.id.strip() else None,
        context=context,
    )


def _unique(gf: GlossaryFile, updates: dict[int, Entry], added: list[Entry]) -> None:
    """Refuse a result in which two entries share a term (after all changes, so a batch may
    swap two terms)."""
    normalize = term_key(gf.lang)
    kept = [entry.term for i, entry in enumerate(gf.entries) if i not in updates]
    taken = set(term_keys(kept, gf.lang))
    for entry in (*(updates[i] for i in sorted(updates)), *added):
        norm = normalize(entry.term)
        if norm in taken:
            raise ReaderError(gf.path, f"{entry.term!r} is already in this glossary")
        taken.add(norm)


def _edit(
    gf: GlossaryFile,
    splices: Callable[[str, Parsed], list[Splice]],
    expected: tuple[Entry, ...],
) -> GlossaryFile:
    """Splice the file's text with the node positions of one fresh parse, then commit it."""
    bom, body = split_bom(gf.text)
    with no_gc():  # see entries_of: the nodes are dropped before collection resumes
        parsed = parse(body, gf.path, Findings(gf.path, strict=True), entries=False)
        if len(parsed.pairs) != len(gf.entries):  # cannot happen for a text that loaded
            raise ReaderError(gf.path, "entries could not be located; reload first")
        spliced = apply(body, splices(body, parsed), gf.path)
        del parsed
    return _commit(gf, bom, spliced, expected)


def _same(a: tuple[Entry, ...], b: tuple[Entry, ...]) -> bool:
    return a == b and all(x.extra == y.extra for x, y in zip(a, b))


def _commit(gf: GlossaryFile, bom: str, body: str, expected: tuple[Entry, ...]) -> GlossaryFile:
    """Verify the new text reads back as intended, then write it unless the file moved on."""
    try:
        lang, entries, warnings = read_entries(body, gf.path)
    except ReaderError as exc:
        raise ReaderError(
            gf.path, f"edit would break the file ({exc.message}); nothing written"
        ) from None
    if lang != gf.lang or not _same(entries, expected):
        raise ReaderError(gf.path, "edit would not read back as intended; nothing written")
    return write_checked(gf, bom + body, entries, warnings)


def restore_text(gf: GlossaryFile, text: str) -> GlossaryFile:
    """Put back an earlier text of this file (undo), with the same checks as any save.

    The text must read as a valid glossary of the same language, and the file must not
    have changed on disk since `gf` was read.
    """
    done = local.restore(gf, text)
    if done is not None:
        return done
    _bom, body = split_bom(text)
    lang, entries, warnings = read_entries(body, gf.path)
    if lang != gf.lang:
        raise ReaderError(gf.path, f"the earlier text is a {lang} glossary, not {gf.lang}")
    return write_checked(gf, text, entries, warnings)


def add_entries(gf: GlossaryFile, entries: Iterable[Entry]) -> GlossaryFile:
    """Append entries, in order, at the end of `entries:` (creating the section when absent).

    One save for all of them: the file is located once, verified once and written once (one
    backup). Nothing is written when any entry is refused; no entries, no write.
    """
    new = [_prepared(gf, entry) for entry in entries]
    if not new:
        return gf
    done = local.add(gf, new)
    if done is not None:
        return done
    _unique(gf, {}, new)
    return _edit(gf, lambda body, p: [splice_add(body, p, new, gf.path)], (*gf.entries, *new))


def update_entries(gf: GlossaryFile, changes: Iterable[tuple[str | Entry, Entry]]) -> GlossaryFile:
    """Replace several entries in place, each found by term, id or entry as in `update_entry`.

    One save for all of them, with the same guarantees as one `update_entry`: only the
    changed entries' text differs, the result is verified before the single write, and
    nothing is written when any change is refused. An entry may be changed once per batch.
    """
    changes = list(changes)
    # A batch too large for a local save (a first export's ids) does not build the layout.
    layout = local.layout_of(gf) if len(changes) <= local.MAX_BATCH else None
    lookup: Lookup | None = None
    updates: dict[int, Entry] = {}
    for term_or_id, entry in changes:
        if layout is not None:
            i = layout.index(gf.entries, gf.lang, term_or_id)
        else:
            lookup = lookup or Lookup(gf)
            i = lookup.index(term_or_id)
        if i is None:
            raise ReaderError(gf.path, f"no entry {_name(term_or_id)!r} in this glossary")
        if i in updates:
            raise ReaderError(gf.path, f"entry {gf.entries[i].term!r} is changed twice")
        updates[i] = _prepared(gf, entry)
    if not updates:
        return gf
    done = local.update(gf, updates)
    if done is not None:
        return done
    _unique(gf, updates, [])
    expected = tuple(updates.get(i, old) for i, old in enumerate(gf.entries))

    def splices(body: str, parsed: Parsed) -> list[Splice]:
        nl, step = newline(body), step_of(parsed)
        return [splice_update(body, parsed, i, e, nl, step) for i, e in updates.items()]

    return _edit(gf, splices, expected)


def add_entry(gf: GlossaryFile, entry: Entry) -> GlossaryFile:
    """Append an entry at the end of `entries:` (creating the section when absent)."""
    return add_entries(gf, [entry])


def update_entry(gf: GlossaryFile, term_or_id: str | Entry, entry: Entry) -> GlossaryFile:
    """Replace one entry in place (a new term keeps the entry where it was)."""
    return update_entries(gf, [(term_or_id, entry)])


def remove_entry(gf: GlossaryFile, term_or_id: str | Entry) -> GlossaryFile:
    """Remove one entry with its lines; the comments above it stay."""
    layout = local.layout_of(gf)
    i = (
        index_of(gf, term_or_id)
        if layout is None
        else layout.index(gf.entries, gf.lang, term_or_id)
    )
    if i is None:
        raise ReaderError(gf.path, f"no entry {_name(term_or_id)!r} in this glossary")
    done = local.remove(gf, i)
    if done is not None:
        return done
    expected = (*gf.entries[:i], *gf.entries[i + 1 :])
    return _edit(gf, lambda body, p: [splice_remove(body, p, i)], expected)


def _name(term_or_id: str | Entry) -> str:
    return term_or_id.term if isinstance(term_or_id, Entry) else term_or_id
