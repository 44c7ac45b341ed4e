"""What an export did, in numbers and names, for the command line and the reading app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportSummary:
    """The outcome of one export (or dry run), compared with the previous export of its recipe.

    `previous` is False on a recipe's first export, when every note counts as new.
    `no_context` and `duplicate_terms` name entries the learner may want to fix;
    `duplicate_ids` are entries left out because another entry already carries their id
    (usually a copied entry: give the copy a new id or delete its `id:` line).
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
    previous: bool = False
    ids_written: int = 0
    no_context: tuple[str, ...] = ()
    duplicate_terms: tuple[tuple[str, ...], ...] = ()
    duplicate_ids: tuple[str, ...] = ()
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
        if self.previous:
            compared = f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged"
            if self.gone:
                compared += f", {self.gone} no longer exported (still in Anki if imported)"
            lines.append(f"  against the previous export: {compared}")
        else:
            lines.append(f"  first export of this recipe: {self.new} new")
        if self.ids_written:
            verb = "would give" if self.dry_run else "gave"
            lines.append(f"  {verb} {self.ids_written} entries their permanent id")
        if self.no_context:
            lines.append(
                f"  {len(self.no_context)} without a context sentence: {_names(self.no_context)}"
            )
        if self.duplicate_terms:
            groups = ", ".join(f"{g[0]} ({len(g)}×)" for g in self.duplicate_terms)
            lines.append(f"  duplicate terms: {groups}")
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


def _names(terms: tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(terms[:limit])
    return shown + (f" and {len(terms) - limit} more" if len(terms) > limit else "")
