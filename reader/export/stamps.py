"""Which notes changed since they were last written, and the time each note is stamped with.

A note keeps the stamp it was last written with while its content (fields and content tags,
`ExportNote.digest`) and its status and level tags are what was last written, or what
`reader anki sync` brought back from Anki. Otherwise it gets the export's new stamp, which
the state's clock makes later than any stamp before it and than every note of the package it
replaces. When the state does not know a note, a note identical in the package being
replaced keeps that package's time (another state folder wrote it, or the state was lost).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reader.export.anki import PackagedNote
from reader.export.notes import ExportNote
from reader.export.state import NoteRecord


@dataclass
class StampPlan:
    """`kept`: GUID -> the stamp an unchanged note keeps; every other note is `fresh`."""

    kept: dict[str, int] = field(default_factory=dict)
    fresh: list[str] = field(default_factory=list)
    floor: int = 0  # one past the newest note of the package being replaced

    def stamps(self, new_stamp: int) -> dict[str, int]:
        return {**self.kept, **dict.fromkeys(self.fresh, new_stamp)}


def plan_stamps(
    notes: Sequence[ExportNote],
    records: Mapping[str, NoteRecord],
    package: Mapping[str, PackagedNote],
) -> StampPlan:
    plan = StampPlan(floor=max((p.mtime for p in package.values()), default=-1) + 1)
    for note in notes:
        record = records.get(note.guid)
        if record is not None:
            if record.digest == note.digest and record.progress == note.progress:
                plan.kept[note.guid] = record.stamp
                continue
        else:
            packaged = package.get(note.guid)
            if (
                packaged is not None
                and packaged.fields == note.fields
                and packaged.tags == frozenset(note.all_tags)
            ):
                plan.kept[note.guid] = packaged.mtime
                continue
        plan.fresh.append(note.guid)
    return plan


def now_empty(
    notes: Sequence[ExportNote], records: Mapping[str, NoteRecord]
) -> list[tuple[ExportNote, int]]:
    """(note, card ord) of every card an earlier export made that the note no longer has:
    Anki keeps such a card, blank, until the learner removes it (Tools → Empty Cards)."""
    out = []
    for note in notes:
        record = records.get(note.guid)
        if record is None or record.cards == note.card_ords or record.model != note.model_id:
            continue
        for ord_ in sorted(set(record.cards) - set(note.card_ords)):
            out.append((note, ord_))
    return out
