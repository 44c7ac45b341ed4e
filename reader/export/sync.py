"""`reader anki sync`: what the learner has really learnt in Anki, back into the glossary.

Each glossary entry with a permanent id is found in the collection by its note's GUID (the
same GUID every export gives it). Its status follows the intervals of the cards the learner
has studied (suspended and new cards say nothing): every studied card in review with an
interval of at least `known_days` makes it `known`; any other studied card makes it
`learning`, with a level from 1 to 5 that grows with the shortest interval. Entries whose
cards were never studied, and `ignored` entries, are left as they are.

Statuses are saved with the glossary's careful save, one write per changed file. The export
state learns what sync wrote, so the next export does not rewrite those notes in Anki only
because their status tag moved (that would replace the tags and edits the learner made
there), and it learns each note's tags in Anki, so a note that must be rewritten carries
them along.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from reader.errors import ReaderError
from reader.export.collection import REVIEW, SUSPENDED, CollectionNote, read_notes
from reader.export.notes import note_guid, progress_tags, tag_name
from reader.export.notetype import FIELD_INDEX, MODEL_ID
from reader.glossary import GlossaryFile, load_glossary, update_entries
from reader.library import Library
from reader.model import Entry

DEFAULT_KNOWN_DAYS = 21  # Anki calls a card "mature" from an interval of 21 days
_SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class SyncSummary:
    collection: Path
    found: int
    known: tuple[str, ...] = ()
    learning: tuple[str, ...] = ()
    unchanged: int = 0
    not_studied: int = 0
    not_in_anki: int = 0
    empty_cards: tuple[tuple[str, str], ...] = ()
    dry_run: bool = False

    def format_lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "now"
        lines = [f"Found {self.found} glossary entries in {self.collection}"]
        if self.known:
            lines.append(f"  {len(self.known)} {verb} known: {_names(self.known)}")
        if self.learning:
            lines.append(f"  {len(self.learning)} {verb} learning: {_names(self.learning)}")
        lines.append(
            f"  {self.unchanged} unchanged, {self.not_studied} not studied yet, "
            f"{self.not_in_anki} not in this collection"
        )
        if self.empty_cards:
            cards = ", ".join(f"{kind} of {name}" for kind, name in self.empty_cards[:12])
            more = len(self.empty_cards) - 12
            cards += f" and {more} more" if more > 0 else ""
            lines.append(f"  {len(self.empty_cards)} empty cards in Anki: {cards}")
            lines.append("    remove them in Anki: Tools → Empty Cards…, then Delete")
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        return lines


def _names(terms: tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(terms[:limit])
    return shown + (f" and {len(terms) - limit} more" if len(terms) > limit else "")


def progress_from_cards(note: CollectionNote, known_days: int) -> tuple[str, int | None] | None:
    """(status, level) that the note's studied cards show, or None if none was studied."""
    studied = [c for c in note.cards if c.type != 0 and c.queue != SUSPENDED]
    if not studied:
        return None
    if all(c.type == REVIEW and c.ivl >= known_days for c in studied):
        return "known", None
    shortest = min(max(c.ivl, 0) if c.type == REVIEW else 0 for c in studied)
    return "learning", min(5, 1 + shortest * 5 // max(known_days, 1))


def expected_cards(note: CollectionNote) -> set[int]:
    """The cards our templates make from the note's fields as Anki holds them now."""
    fields = note.fields
    if len(fields) <= FIELD_INDEX["MakeProduction"]:
        return {0, 1, 2}  # not our field layout: claim nothing is empty
    out = {0}
    if fields[FIELD_INDEX["MakeProduction"]].strip():
        out.add(1)
    if fields[FIELD_INDEX["SentenceCloze"]].strip():
        out.add(2)
    return out


def sync_collection(
    library_root: Path,
    collection: Path,
    *,
    known_days: int = DEFAULT_KNOWN_DAYS,
    dry_run: bool = False,
) -> SyncSummary:
    """Set glossary statuses from the collection at `collection` (never written)."""
    from reader.export.notetype import TEMPLATES

    library = Library(library_root)
    if not library.root.is_dir():
        raise ReaderError(library.root, "no such library folder")
    paths = library.glossary_paths()
    glossaries = [load_glossary(path) for path in paths]
    by_guid: dict[str, tuple[int, Entry]] = {}
    for index, gf in enumerate(glossaries):
        for entry in gf.entries:
            if entry.id:
                by_guid[note_guid(entry.id)] = (index, entry)
    notes = read_notes(collection, set(by_guid))
    changes: dict[int, list[tuple[Entry, Entry]]] = defaultdict(list)
    known: list[str] = []
    learning: list[str] = []
    unchanged = not_studied = 0
    empty: list[tuple[str, str]] = []
    for guid, note in notes.items():
        index, entry = by_guid[guid]
        if note.model_id == MODEL_ID or len(note.fields) == len(FIELD_INDEX):
            for ord_ in sorted({c.ord for c in note.cards} - expected_cards(note)):
                name = TEMPLATES[ord_].name if ord_ < len(TEMPLATES) else f"card {ord_ + 1}"
                empty.append((name, entry.term))
        found = progress_from_cards(note, known_days)
        if found is None or entry.status == "ignored":
            not_studied += found is None
            unchanged += found is not None
            continue
        status, level = found
        if (entry.status, entry.level if entry.status == "learning" else None) == (status, level):
            unchanged += 1
            continue
        changes[index].append((entry, replace(entry, status=status, level=level)))
        (known if status == "known" else learning).append(entry.term)
    if not dry_run:
        for index, batch in changes.items():
            _save(glossaries[index], batch)
        _remember(notes, by_guid, changes)
    return SyncSummary(
        collection=collection,
        found=len(notes),
        known=tuple(known),
        learning=tuple(learning),
        unchanged=unchanged,
        not_studied=not_studied,
        not_in_anki=len(by_guid) - len(notes),
        empty_cards=tuple(empty),
        dry_run=dry_run,
    )


def _save(gf: GlossaryFile, batch: list[tuple[Entry, Entry]]) -> None:
    """One careful save; a file the app saved meanwhile is read again and the change redone
    on what it now holds (by entry id, so a renamed term is still found)."""
    for attempt in range(_SAVE_ATTEMPTS):
        try:
            update_entries(gf, [(old.id or old, new) for old, new in batch])
            return
        except ReaderError:
            fresh = load_glossary(gf.path)
            if fresh.digest == gf.digest or attempt == _SAVE_ATTEMPTS - 1:
                raise
            by_id = {e.id: e for e in fresh.entries if e.id}
            batch = [
                (by_id[old.id], replace(by_id[old.id], status=new.status, level=new.level))
                for old, new in batch
                if old.id in by_id
            ]
            gf = fresh


def _remember(
    notes: dict[str, CollectionNote],
    by_guid: dict[str, tuple[int, Entry]],
    changes: dict[int, list[tuple[Entry, Entry]]],
) -> None:
    from reader.export import state

    updated = {new.id: new for batch in changes.values() for _, new in batch}
    with state.locked():
        notes_state = state.load_notes()
        for guid, note in notes.items():
            record = notes_state.notes.get(guid)
            if record is None:
                continue
            entry = by_guid[guid][1]
            new = updated.get(entry.id, entry)
            own = {tag_name(t) for t in entry.tags}
            learner = tuple(t for t in note.tags if not t.startswith("reader::") and t not in own)
            progress = progress_tags(new) if entry.id in updated else record.progress
            notes_state.notes[guid] = replace(record, progress=progress, anki_tags=learner)
        state.save_notes(notes_state)
