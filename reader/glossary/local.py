"""Careful saves that cost what changed, not what exists.

The whole-file save (`edits._edit`) parses the file to locate the entry, splices it, and
parses the result again to verify it: for 50,000 entries about a second. Here, with the
file's `Layout` (where each entry's text begins, kept between saves), a save reads and
verifies only the text of the entries it touches:

1. The region of the entries to change (their lines and the comments below them) is parsed
   on its own, and must read as exactly the entries the file is known to hold there.
2. The splice is computed on that region, with the node positions of that parse, by the
   same functions the whole-file save uses (`splice`): the result is byte for byte what the
   whole-file save writes (a test compares the two on thousands of random edits).
3. The new region is parsed on its own and must read as exactly the intended entries, its
   key lines at the entries' indentation and nothing less indented: then the file around
   it reads as before (the layout's argument), so the whole new file reads as the old one
   with those entries changed. Terms stay unique by the kept index of normalised terms.
4. The write is every save's (`files.write_checked`): under the file's lock, refused if the
   file on disk is no longer the one read (its bytes compared with those kept, which is the
   digest check without hashing), atomic, with a backup.

Whenever anything is out of the ordinary (no layout, a region that does not read as
expected, a large batch) these functions return None and the whole-file save runs instead,
which also gives the precise error when the edit itself is at fault.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode

from reader.errors import Diagnostic, Location, ReaderError
from reader.gcpause import no_gc
from reader.glossary.fields import Findings
from reader.glossary.files import GlossaryFile, write_checked
from reader.glossary.layout import (
    ODD_LINES,
    Layout,
    find_layout,
    key_lines,
    odd_keys,
    shallow_lines,
)
from reader.glossary.parse import (
    _MAY_HOLD_CONTROLS,
    Parsed,
    _parse_entries,
    _reject_aliases,
    split_bom,
)
from reader.glossary.schema import term_key
from reader.glossary.splice import (
    apply,
    newline,
    own_step,
    splice_add,
    splice_remove,
    splice_update,
)
from reader.model import Entry
from reader.yamlsafe import compose

# A batch larger than this is saved the whole-file way: past it, parsing every changed
# entry on its own costs more than one parse of the file.
MAX_BATCH = 64

_NO_LAYOUT = "none"  # `GlossaryFile.layout` of a file that has none


def layout_of(gf: GlossaryFile) -> Layout | None:
    """The file's layout, found on first use and kept on the GlossaryFile; None when the
    file is not of the shape `layout` needs."""
    known = gf.layout
    if known is None:
        known = _find(gf) or _NO_LAYOUT
        object.__setattr__(gf, "layout", known)  # a cache of what the text says
    if known == _NO_LAYOUT:
        return None
    assert isinstance(known, Layout)
    if known.step is None:
        found = _file_step(gf, split_bom(gf.text)[1], known)
        if found is None:
            object.__setattr__(gf, "layout", _NO_LAYOUT)
            return None
        known.step, known.step_at = found
    return known


def _find(gf: GlossaryFile) -> Layout | None:
    bom, body = split_bom(gf.text)
    try:
        raw = gf.text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    skip = len(bom.encode("utf-8"))
    found = find_layout(body, len(gf.entries), raw[skip:])
    if found is None:
        return None
    indent, starts, bstarts = found
    if skip:
        bstarts = [b + skip for b in bstarts]
    return Layout(indent, starts, bstarts, raw, newline(body))


def _file_step(gf: GlossaryFile, body: str, layout: Layout) -> tuple[int, int | None] | None:
    """The file's indentation step as `splice.step_of` reads it from the whole file, and
    the entry it comes from: the first entry written as a block mapping gives it, else the
    indentation of the entries does."""
    n = layout.indent
    # A key line with nothing after its colon, then (past blank lines and comments) a line
    # indented deeper: an entry whose value starts below its key.
    long_form = re.compile(
        rf"\n[ ]{{{n}}}[^ \r\n#][^\n]*:[ ]*(?:#[^\n]*)?\r?\n"
        rf"(?:[ ]*(?:#[^\n]*)?\r?\n)*[ ]{{{n + 1},}}[^ \r\n#]"
    )
    starts = layout.starts
    for m in long_form.finditer("\n" + body):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or starts[i] != m.start():
            continue  # not a key line
        region = _Region.read(gf, layout, body, i, i + 1)
        if region is None:
            return None
        key, value = region.parsed.pairs[0]
        step = own_step(key, value)
        if step is not None:
            return step, i
    return (n if n > 0 else 2), None


def _next_step(
    layout: Layout, runs: list[tuple[int, int, int]], regions: list[Parsed]
) -> tuple[int | None, int | None]:
    """The step and its entry after a save that rewrote `runs` (with the new `regions`),
    known without a search unless the entry that gave the step was rewritten."""
    at = layout.step_at
    if at is not None:
        if any(first <= at < first + n_old for first, n_old, _ in runs):
            return None, None  # found again by the next save that needs it
        at += sum(n_new - n_old for first, n_old, n_new in runs if first + n_old <= at)
    shift = 0
    for (first, n_old, n_new), parsed in zip(runs, regions):
        for k, (key, value) in enumerate(parsed.pairs):
            step = own_step(key, value)
            if step is not None:
                if at is None or first + shift + k < at:
                    return step, first + shift + k
                return layout.step, at
        shift += n_new - n_old
    if at is not None:
        return layout.step, at
    return (layout.indent if layout.indent > 0 else 2), None


@dataclass
class _Region:
    """The text of entries [first, end), where it is, and what it reads as on its own."""

    first: int
    end: int
    start: int  # in characters of the text after any BOM
    stop: int
    bstart: int  # in bytes of the file
    bstop: int
    text: str
    parsed: Parsed
    warnings: list[Diagnostic]

    @classmethod
    def read(
        cls, gf: GlossaryFile, layout: Layout, body: str, first: int, end: int
    ) -> _Region | None:
        start, stop, bstart, bstop = layout.region(first, end, len(body), len(layout.raw))
        text = body[start:stop]
        read = _parse(gf, text, layout.indent)
        if read is None or not _same(read[0].entries, gf.entries[first:end]):
            return None
        return cls(first, end, start, stop, bstart, bstop, text, *read)


def _same(a: Sequence[Entry], b: Sequence[Entry]) -> bool:
    return tuple(a) == tuple(b) and all(x.extra == y.extra for x, y in zip(a, b))


def _parse(gf: GlossaryFile, text: str, indent: int) -> tuple[Parsed, list[Diagnostic]] | None:
    """The entries of a region's text, read strictly on its own, and its warnings (lines
    counted from the region's first); None when it does not read as a block mapping of
    entries at `indent`, without error."""
    findings = Findings(gf.path, strict=True)
    try:
        with no_gc():
            node = compose(text, gf.path)
            if node is None:
                return Parsed(gf.lang, (), None, None, None, ()), []
            if not isinstance(node, MappingNode) or node.flow_style:
                return None
            if node.start_mark.column != indent:
                return None
            if "*" in text:
                _reject_aliases(node, gf.path)
            dirty = _MAY_HOLD_CONTROLS.search(text) is not None
            entries, pairs = _parse_entries(node, gf.lang, gf.path, findings, True, dirty)
    except ReaderError:
        return None
    if len(pairs) != len(node.value):
        return None
    return Parsed(gf.lang, entries, None, None, node, pairs), findings.items


def _key_lines(text: str, indent: int) -> list[int] | None:
    """Offsets of the key lines of a new region's text, or None when it has a line that
    would change how the text around it reads (less indented than the entries, a complex
    key, an odd line break)."""
    lines = "\n" + text
    if ODD_LINES.search(lines) or shallow_lines(indent).search(lines):
        return None
    if odd_keys(indent).search(lines):
        return None
    return [m.start() for m in key_lines(indent).finditer(lines)]


# (first, end, the region's new text from the region, the entries it must read as or None)
Change = tuple[int, int, Callable[[_Region], str], tuple[Entry, ...] | None]


@dataclass
class _Run:
    region: _Region
    text: str
    data: bytes
    parsed: Parsed
    warnings: list[Diagnostic]
    keys: list[int]  # character offsets of its key lines in `text`


def save(gf: GlossaryFile, changes: Sequence[Change]) -> GlossaryFile | None:
    """Rewrite runs of entries (see `Change`; they must not overlap). None when the
    whole-file save must do it."""
    layout = layout_of(gf)
    if layout is None or not changes:
        return None
    bom, body = split_bom(gf.text)
    done: list[_Run] = []
    end_before = 0
    for first, end, rewrite, expected in sorted(changes, key=lambda c: c[0]):
        if first < end_before or not 0 <= first < end <= len(gf.entries):
            return None
        run = _rewritten(gf, layout, body, first, end, rewrite, expected)
        if run is None:
            return None
        done.append(run)
        end_before = end
    runs = [(r.region.first, r.region.end - r.region.first, len(r.parsed.entries)) for r in done]
    entries = _entries_after(gf.entries, done)
    _check_unique(gf, layout, runs, entries)
    text, raw, starts, bstarts = _spliced(layout, bom, body, done)
    warnings = _warnings(gf, body, done) if gf.warnings or any(r.warnings for r in done) else ()
    saved = write_checked(
        gf, text, entries, warnings, raw=raw, expected=layout.raw, keep_cache=False
    )
    if entries:
        moved = Layout(layout.indent, starts, bstarts, raw, layout.nl, sids=[])  # handed over
        moved.step, moved.step_at = _next_step(layout, runs, [r.parsed for r in done])
        layout.hand_over(gf.entries, entries, gf.lang, runs, moved)
        object.__setattr__(saved, "layout", moved)
    # The old file's layout gave its indexes away; its text is no longer on disk.
    object.__setattr__(gf, "layout", None)
    return saved


def _rewritten(
    gf: GlossaryFile,
    layout: Layout,
    body: str,
    first: int,
    end: int,
    rewrite: Callable[[_Region], str],
    expected: tuple[Entry, ...] | None,
) -> _Run | None:
    """One run of entries rewritten and verified on its own (steps 1 to 3 of the module
    doc), or None."""
    region = _Region.read(gf, layout, body, first, end)
    if region is None:
        return None
    text = rewrite(region)
    read = _parse(gf, text, layout.indent)
    if read is None:
        return None
    parsed, found = read
    if expected is not None and not _same(parsed.entries, expected):
        return None
    keys = _key_lines(text, layout.indent)
    if keys is None or len(keys) != len(parsed.entries) or (keys and keys[0] != 0):
        return None
    if text and not text.endswith("\n") and region.stop != len(body):
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return _Run(region, text, data, parsed, found, keys)


def _entries_after(old: tuple[Entry, ...], done: list[_Run]) -> tuple[Entry, ...]:
    if len(done) == 1:
        region = done[0].region
        return old[: region.first] + done[0].parsed.entries + old[region.end :]
    out: list[Entry] = []
    at = 0
    for run in done:
        out.extend(old[at : run.region.first])
        out.extend(run.parsed.entries)
        at = run.region.end
    out.extend(old[at:])
    return tuple(out)


def _spliced(
    layout: Layout, bom: str, body: str, done: list[_Run]
) -> tuple[str, bytes, list[int], list[int]]:
    """The new text and bytes, and the key offsets in both: the unchanged stretches copied
    (their offsets moved), the runs put in between."""
    texts: list[str] = [bom]
    datas: list[bytes] = []
    starts: list[int] = []
    bstarts: list[int] = []
    at = bat = 0  # in the old text / bytes
    shift = bshift = 0  # new minus old offsets, so far
    entry = 0
    raw = layout.raw
    for run in done:
        region = run.region
        texts.append(body[at : region.start])
        datas.append(raw[bat : region.bstart])
        starts += _moved_by(layout.starts[entry : region.first], shift)
        bstarts += _moved_by(layout.bstarts[entry : region.first], bshift)
        texts.append(run.text)
        datas.append(run.data)
        starts += [region.start + shift + k for k in run.keys]
        bstarts += [region.bstart + bshift + len(run.text[:k].encode("utf-8")) for k in run.keys]
        shift += len(run.text) - (region.stop - region.start)
        bshift += len(run.data) - (region.bstop - region.bstart)
        at, bat, entry = region.stop, region.bstop, region.end
    texts.append(body[at:])
    datas.append(raw[bat:])
    starts += _moved_by(layout.starts[entry:], shift)
    bstarts += _moved_by(layout.bstarts[entry:], bshift)
    return "".join(texts), b"".join(datas), starts, bstarts


def _moved_by(offsets: list[int], shift: int) -> list[int]:
    if not shift:
        return offsets
    return list(map(shift.__add__, offsets))  # in C: no Python frame per offset


def _check_unique(
    gf: GlossaryFile, layout: Layout, runs: list[tuple[int, int, int]], entries: tuple[Entry, ...]
) -> None:
    """Refuse a result in which two entries share a term (`term_key`), judged with the kept
    index of normalised terms: only the rewritten entries are normalised."""
    replaced = [(first, first + n_old) for first, n_old, _ in runs]
    shift = 0
    renamed = False
    for first, n_old, n_new in runs:
        before = [e.term for e in gf.entries[first : first + n_old]]
        after = [e.term for e in entries[first + shift : first + shift + n_new]]
        renamed = renamed or before != after
        shift += n_new - n_old
    if not renamed:
        return  # the same terms as before: as unique as they were
    by_norm = layout.norms(gf.entries, gf.lang)
    normalize = term_key(gf.lang)
    taken: set[str] = set()
    shift = 0
    for first, n_old, n_new in runs:
        for i in range(first + shift, first + shift + n_new):
            norm = normalize(entries[i].term)
            owner = layout.position(by_norm.get(norm))
            outside = owner is not None and not any(a <= owner < b for a, b in replaced)
            if outside or norm in taken:
                raise ReaderError(gf.path, f"{entries[i].term!r} is already in this glossary")
            taken.add(norm)
        shift += n_new - n_old


def _warnings(gf: GlossaryFile, body: str, done: list[_Run]) -> tuple[Diagnostic, ...]:
    """The file's warnings after a local save, in the reader's order (by entry): those of
    the rewritten regions replaced by what their new text gave, those below them moved by
    the lines the regions gained or lost, so every warning still points at its line."""
    spans = []  # (first line, first line after, lines gained) of each region, old numbering
    line, at = 1, 0
    for run in done:
        line += body.count("\n", at, run.region.start)
        last = line + run.region.text.count("\n")
        spans.append((line, last, run.text.count("\n") - run.region.text.count("\n")))
        line, at = last, run.region.start + len(run.region.text)
    out: list[Diagnostic] = []
    k = 0
    shift = 0  # lines gained above the warning at hand

    def flush() -> None:
        nonlocal k, shift
        first_line = spans[k][0]
        out.extend(_moved(d, first_line - 1 + shift, str(gf.path)) for d in done[k].warnings)
        shift += spans[k][2]
        k += 1

    for old in gf.warnings:
        where = old.location.line or 0
        while k < len(spans) and where >= spans[k][1]:
            flush()
        if k < len(spans) and where >= spans[k][0]:
            continue  # the region's text was rewritten: its warnings are said again
        out.append(_moved(old, shift))
    while k < len(spans):
        flush()
    return tuple(out)


def _moved(d: Diagnostic, lines: int, path: str | None = None) -> Diagnostic:
    where = d.location
    if where.line is None:
        return d
    return Diagnostic(
        Location(path or where.path, where.line + lines, where.column), d.message, d.severity
    )


# --- the edits ------------------------------------------------------------------------------


def update(gf: GlossaryFile, updates: dict[int, Entry]) -> GlossaryFile | None:
    """Entries replaced in place (`edits.update_entries`)."""
    layout = layout_of(gf)
    if layout is None or len(updates) > MAX_BATCH:
        return None
    nl, step = layout.nl, layout.step or 2

    def rewrite(entry: Entry) -> Callable[[_Region], str]:
        def run(region: _Region) -> str:
            splice = splice_update(region.text, region.parsed, 0, entry, nl, step)
            return apply(region.text, [splice], gf.path)

        return run

    return save(gf, [(i, i + 1, rewrite(e), (e,)) for i, e in sorted(updates.items())])


def add(gf: GlossaryFile, new: list[Entry]) -> GlossaryFile | None:
    """Entries appended after the last one (`edits.add_entries`)."""
    layout = layout_of(gf)
    if layout is None:
        return None
    last = len(gf.entries) - 1
    nl, step = layout.nl, layout.step or 2

    def rewrite(region: _Region) -> str:
        splice = splice_add(region.text, region.parsed, new, gf.path, nl, step)
        return apply(region.text, [splice], gf.path)

    return save(gf, [(last, last + 1, rewrite, (gf.entries[last], *new))])


def remove(gf: GlossaryFile, i: int) -> GlossaryFile | None:
    """One entry removed with its lines (`edits.remove_entry`)."""
    if layout_of(gf) is None:
        return None

    def rewrite(region: _Region) -> str:
        return apply(region.text, [splice_remove(region.text, region.parsed, 0)], gf.path)

    return save(gf, [(i, i + 1, rewrite, ())])


def restore(gf: GlossaryFile, text: str) -> GlossaryFile | None:
    """An earlier text of the file put back (`edits.restore_text`, undo): the part that
    differs is found by comparing the texts, and only its entries are read."""
    layout = layout_of(gf)
    bom, body = split_bom(gf.text)
    new_bom, new_body = split_bom(text)
    if layout is None or bom != new_bom:
        return None
    same_start = _common_prefix(body, new_body)
    same_end = _common_suffix(body, new_body, min(len(body), len(new_body)) - same_start)
    if same_start == len(body) == len(new_body):
        return write_checked(
            gf, gf.text, gf.entries, gf.warnings, raw=layout.raw, expected=layout.raw,
            layout=layout, keep_cache=False,
        )  # fmt: skip
    starts = layout.starts
    if same_start < starts[0]:
        return None  # the head of the file (language, comments) changed
    changed_to = len(body) - same_end
    first = bisect_right(starts, same_start) - 1
    end = max(first + 1, bisect_left(starts, changed_to))
    stop = int(starts[end]) if end < len(starts) else len(body)
    piece = new_body[int(starts[first]) : len(new_body) - (len(body) - stop)]
    return save(gf, [(first, end, lambda _region: piece, None)])


def _common_prefix(a: str, b: str) -> int:
    """The length of the common start of two texts, by halving (each step one comparison
    of slices in C, not one per character)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, most: int) -> int:
    """The length of the common end of two texts, at most `most`."""
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo
