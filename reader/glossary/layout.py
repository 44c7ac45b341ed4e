"""Where each entry of a glossary is in its text, found without parsing the YAML.

A careful save that parses and verifies the whole file costs about a second for 50,000
entries. `reader.glossary.local` saves in the time the changed entries take instead, and
needs to know where each entry's text begins: that is the `Layout`, found with a few
searches over the text (no YAML), kept with the `GlossaryFile` and handed on, updated, to
the file each save returns.

Why the line search finds exactly the entries. In a file of the usual shape (a block mapping
at the top whose last key is a plain `entries:`, its value a block mapping of entries), every
entry key starts a line at the mapping's indentation `n`. Any other line at that indentation
that is not a comment or a `- ` item could only be the continuation of a multi-line quoted
scalar or flow collection. So the *candidate* lines (at indentation `n`, below the one
`entries:` line) include every entry key, and when there are exactly as many candidates as
the file has entries (which the reader counted when it loaded the file), they are the entry
keys, one each. Every precondition of that argument is checked, and a file that does not
meet one (a top-level key after `entries:`, a line indented less than `n` inside the entries,
tabs in indentation, YAML 1.1 line breaks, a quoted, complex or flow top-level key) gets no
layout: it is saved the whole-file way.

Entry `i` owns the text from its key line up to the next key line (the last one, up to the
end of the file): its own lines, then the blank lines and comments below it. Offsets are
kept in characters of the text and in bytes of the file, so a save splices both without
encoding or copying more than it must.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from reader.glossary.schema import term_key, term_keys
from reader.model import Entry

# Line breaks YAML 1.1 knows besides \n and \r\n, and tabs in indentation: lines would not be
# where the searches below look for them.
ODD_LINES = re.compile("[\x85\u2028\u2029\ufeff]|\r(?!\n)|\n[ ]*\t")
_TOP_LINE = re.compile(r"\n[^ \t\r\n#]")  # a line with content at column 0
_PLAIN_TOP_KEY = re.compile(r"[A-Za-z_][\w-]*[ ]*:")
_ENTRIES_LINE = re.compile(r"entries[ ]*:[ ]*(?:#[^\n]*)?\r?\n")
_CONTENT_LINE = re.compile(r"\n( +)[^ \r\n#]")


def key_lines(indent: int) -> re.Pattern[str]:
    """Candidate key lines at `indent`, each matched at the line break before it."""
    return re.compile(rf"\n[ ]{{{indent}}}(?![ \r\n#]|-[ \r\n]|-\Z|\Z)")


def odd_keys(indent: int) -> re.Pattern[str]:
    """Key lines a local save leaves alone: a complex key, an anchor, a tag, a flow key."""
    return re.compile(rf"\n[ ]{{{indent}}}[?&!*|>%@`{{\[]")


def shallow_lines(indent: int) -> re.Pattern[str]:
    """A line with content indented less than the entries."""
    return re.compile(rf"\n[ ]{{0,{indent - 1}}}[^ \r\n#]")


# Each entry has a stable number (`sids`, increasing in file order) by which the indexes know
# it, so that removing or inserting an entry renumbers nothing: its position is found by a
# binary search. Numbers are spaced out so that entries put back between two others (an
# undo) still get one between theirs.
_GAP = 1 << 20
_TERM = attrgetter("term")
_ID = attrgetter("id")


@dataclass
class Layout:
    """Where the entries of one file are (see the module doc), the file's bytes, and indexes
    of the entries that saves need, built on first use and kept up to date by the saves that
    follow."""

    indent: int  # the column of every entry key
    starts: list[int]  # offset of each entry's key line in the text after any BOM
    bstarts: list[int]  # the same in bytes of the file (BOM included)
    raw: bytes  # the file's bytes
    nl: str  # the file's line break
    # The entries' stable numbers, in order (numbered afresh when None).
    sids: list[int] = None  # type: ignore[assignment]
    # The indentation step of long-form fields as `splice.step_of` finds it, and the entry
    # it was read from (None: from the indentation of the entries); None until known.
    step: int | None = None
    step_at: int | None = None
    _by_norm: dict[str, int] | None = field(default=None, repr=False)  # -> stable number
    _by_id: dict[str, int] | None = field(default=None, repr=False)
    _by_term: dict[str, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.sids is None:
            self.sids = list(range(0, len(self.starts) * _GAP, _GAP))

    def region(self, first: int, end: int, length: int, blength: int) -> tuple[int, ...]:
        """(start, stop, byte start, byte stop) of the text entries [first, end) own."""
        if end < len(self.starts):
            return (
                int(self.starts[first]),
                int(self.starts[end]),
                int(self.bstarts[first]),
                int(self.bstarts[end]),
            )
        return int(self.starts[first]), length, int(self.bstarts[first]), blength

    def position(self, sid: int | None) -> int | None:
        """The index of the entry with stable number `sid`."""
        if sid is None:
            return None
        i = bisect_left(self.sids, sid)
        return i if i < len(self.sids) and self.sids[i] == sid else None

    # --- lookups --------------------------------------------------------------------------

    def norms(self, entries: Sequence[Entry], lang: str) -> dict[str, int]:
        """Normalised term -> stable number of its entry."""
        if self._by_norm is None:
            keys = term_keys(list(map(_TERM, entries)), lang)
            # Terms are unique once normalised (the reader refuses duplicates).
            self._by_norm = dict(zip(keys, self.sids))
        return self._by_norm

    def index(self, entries: Sequence[Entry], lang: str, term_or_id: str | Entry) -> int | None:
        """Where an entry is, as `files.index_of` finds it: by id first, then by term."""
        if isinstance(term_or_id, Entry):
            if term_or_id.id:
                found = self.index(entries, lang, term_or_id.id)
                if found is not None:
                    return found
            term_or_id = term_or_id.term
        if self._by_id is None:
            # The first entry of an id wins: filled from the last entry to the first.
            ids = map(_ID, reversed(entries))
            self._by_id = dict(zip(ids, reversed(self.sids)))
            self._by_id.pop(None, None)  # type: ignore[call-overload]
        found = self.position(self._by_id.get(term_or_id))
        if found is not None:
            return found
        if self._by_term is None:
            self._by_term = dict(zip(map(_TERM, entries), self.sids))
        found = self.position(self._by_term.get(term_or_id))
        if found is not None:
            return found  # terms are unique once normalised: the exact one is the one
        return self.position(self.norms(entries, lang).get(term_key(lang)(term_or_id)))

    def hand_over(
        self,
        old: Sequence[Entry],
        new: Sequence[Entry],
        lang: str,
        runs: Sequence[tuple[int, int, int]],
        into: Layout,
    ) -> None:
        """Give `into` (the layout of the text a save made) stable numbers for its entries
        and this layout's indexes, changed only for the entries rewritten: rebuilding the
        normalised index would cost more than the save. `runs` holds (first, old count, new
        count) of each rewritten run. This layout is left without indexes: it belongs to a
        text that is no longer on disk.
        """
        sids = self.sids
        pieces: list[list[int]] = []
        at = 0
        fresh: list[list[int]] = []
        for first, n_old, n_new in runs:
            pieces.append(sids[at:first])
            if n_new == n_old:
                numbers = sids[first : first + n_old]
            else:
                low = int(sids[first - 1]) if first > 0 else -_GAP
                high = int(sids[first + n_old]) if first + n_old < len(sids) else None
                if high is None:
                    numbers = [low + _GAP * (k + 1) for k in range(n_new)]
                elif high - low > n_new:
                    step = (high - low) // (n_new + 1)
                    numbers = [low + step * (k + 1) for k in range(n_new)]
                else:  # no room left between the two: numbered afresh, indexes rebuilt
                    into.sids = None  # type: ignore[assignment]
                    into.__post_init__()
                    self._by_norm = self._by_id = self._by_term = None
                    return
            pieces.append(numbers)
            fresh.append(numbers)
            at = first + n_old
        pieces.append(sids[at:])
        into.sids = [sid for piece in pieces for sid in piece]
        normalize = term_key(lang)
        by_norm, by_term, by_id = self._by_norm, self._by_term, self._by_id
        self._by_norm = self._by_id = self._by_term = None
        shift = 0
        for (first, n_old, n_new), numbers in zip(runs, fresh):
            gone = old[first : first + n_old]
            came = new[first + shift : first + shift + n_new]
            shift += n_new - n_old
            if by_id is not None and any(e.id is not None for e in (*gone, *came)):
                by_id = None  # ids may repeat: rebuilt rather than guessed
            for index, key in ((by_norm, lambda e: normalize(e.term)), (by_term, _term)):
                if index is None:
                    continue
                for e in gone:
                    index.pop(key(e), None)
                for e, sid in zip(came, numbers):
                    index[key(e)] = sid
        into._by_norm, into._by_term, into._by_id = by_norm, by_term, by_id


def _term(entry: Entry) -> str:
    return entry.term


def find_layout(
    body: str, n_entries: int, raw: bytes | None = None
) -> tuple[int, list[int], list[int]] | None:
    """(indent, key line offsets in characters, the same in bytes) of the entries of
    `body` (`raw` is `body` as UTF-8, when the caller has it), or None when the text is not
    of the shape the module doc describes, or its candidate lines are not exactly
    `n_entries`."""
    if n_entries == 0 or ODD_LINES.search(body) or body.startswith(("\t", " ")):
        return None
    text = "\n" + body  # every line, the first included, follows a \n: offsets are +1
    entries_at = None
    for m in _TOP_LINE.finditer(text):
        start = m.start() + 1
        if not _PLAIN_TOP_KEY.match(text, start):
            return None  # a quoted, complex or flow key, a document marker: not this shape
        if entries_at is not None:
            return None  # a top-level key after `entries:`
        if text.startswith("entries", start):
            entries_at = start
    if entries_at is None:
        return None
    line = _ENTRIES_LINE.match(text, entries_at)
    if line is None:  # `entries: {...}` on one line, or a value on the key's line
        return None
    below = line.end() - 1  # the line break ending the `entries:` line, in `text`
    first = _CONTENT_LINE.search(text, below)
    if first is None:
        return None
    indent = len(first.group(1))
    if indent > 1 and shallow_lines(indent).search(text, below):
        return None
    if odd_keys(indent).search(text, below):
        return None
    if raw is None:
        raw = body.encode("utf-8")
    below_byte = len(body[: below - 1].encode("utf-8"))  # the same line break, in `raw`
    found = _key_starts(raw, body, indent, below_byte, below - 1)
    if found is None or len(found[0]) != n_entries:
        return None
    return indent, found[0], found[1]


def _key_starts(
    raw: bytes, body: str, indent: int, after: int, below: int
) -> tuple[list[int], list[int]] | None:
    """The candidate key lines, as `key_lines` matches them, in the bytes (after byte
    `after`) and in the text (after character `below`); None when the two do not agree."""
    pattern = key_lines(indent)
    chars = [m.start() + 1 for m in pattern.finditer(body, below)]
    octets = [m.start() + 1 for m in _byte_key_lines(indent).finditer(raw, after)]
    return (chars, octets) if len(chars) == len(octets) else None


def _byte_key_lines(indent: int) -> re.Pattern[bytes]:
    return re.compile(rb"\n[ ]{%d}(?![ \r\n#]|-[ \r\n]|-\Z|\Z)" % indent)
