"""What an export did, in numbers and names, for the command line and the reading app."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

EMPTY_CARDS_STEP = "in Anki, after importing: Tools → Empty Cards…, then Delete"


@dataclass(frozen=True)
class ExportSummary:
    """The outcome of one export (or dry run), compared with the previous export of its recipe.

    `previous` is False on a recipe's first export, when every note counts as new.
    `changed` counts the notes Anki will update; `unchanged` ones keep their time, so Anki
    leaves them (and the learner's tags and edits there) alone. `no_context`, `no_meaning`
    and `duplicate_terms` name entries the learner may want to fix; entries sharing a term
    are kept as numbered senses. `duplicate_ids` are entries left out because another entry
    already carries their id (usually a copied entry: give the copy a new id or delete its
    `id:` line). `empty_cards` are (card type, note) pairs an earlier export made that no
    longer have what their front needs: Anki never deletes a card on import, so the
    learner removes them once with Tools → Empty Cards. `gone_names` are the notes of the
    previous export that this one no longer holds (deleted or filtered-out entries).
    """

    output: Path
    fmt: str
    deck: str
    notes: int
    cards: int
    new: int
    changed: int
    unchanged: int
    gone: int = 0
    gone_names: tuple[str, ...] = ()
    previous: bool = False
    ids_written: int = 0
    no_context: tuple[str, ...] = ()
    no_meaning: tuple[str, ...] = ()
    duplicate_terms: tuple[tuple[str, ...], ...] = ()
    duplicate_ids: tuple[str, ...] = ()
    empty_cards: tuple[tuple[str, str], ...] = ()
    sentences: int = 0
    media: int = 0
    dry_run: bool = False
    samples: tuple[str, ...] = ()

    def format_lines(self) -> list[str]:
        what = "notes" if self.fmt == "apkg" else "rows"
        cards = f" ({self.cards} cards)" if self.fmt == "apkg" else ""
        if self.dry_run:
            head = f"Would write {self.notes} {what}{cards} to {self.output}"
        else:
            head = f"Wrote {self.notes} {what}{cards} to {self.output}"
        lines = [f'{head}, deck "{self.deck}"']
        if self.sentences:
            lines.append(f"  {self.sentences} of them sentence notes")
        if self.media:
            lines.append(f"  {self.media} audio files packed")
        if self.previous:
            compared = f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged"
            lines.append(f"  against the previous export: {compared}")
            if self.gone:
                lines.append(
                    f"  {self.gone} no longer exported (still in Anki if imported): "
                    + _names(self.gone_names)
                )
        else:
            lines.append(f"  first export of this recipe: {self.new} new")
        if self.empty_cards:
            lines.append(f"  {len(self.empty_cards)} cards now empty in Anki: {_cards(self)}")
            lines.append(f"    remove them {EMPTY_CARDS_STEP}")
        if self.ids_written:
            verb = "would give" if self.dry_run else "gave"
            lines.append(f"  {verb} {self.ids_written} entries their permanent id")
        if self.no_context:
            lines.append(
                f"  {len(self.no_context)} without a context sentence: {_names(self.no_context)}"
            )
        if self.no_meaning:
            lines.append(
                f"  {len(self.no_meaning)} without a meaning (the card's answer is only its "
                f"sentence): {_names(self.no_meaning)}"
            )
        if self.duplicate_terms:
            groups = ", ".join(f"{g[0]} ({len(g)}×)" for g in self.duplicate_terms)
            lines.append(f"  same term in several entries, kept as numbered senses: {groups}")
        if self.duplicate_ids:
            lines.append(
                f"  left out, id already used by another entry: {_names(self.duplicate_ids)}"
            )
        if self.samples:
            lines.append("  sample cards:")
            lines.extend(f"    {line}" for line in self.samples)
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        return lines


def _cards(summary: ExportSummary) -> str:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, name in summary.empty_cards:
        by_kind[kind].append(name)
    return "; ".join(f"{kind} of {_names(tuple(names))}" for kind, names in by_kind.items())


def _names(terms: tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(terms[:limit])
    return shown + (f" and {len(terms) - limit} more" if len(terms) > limit else "")
