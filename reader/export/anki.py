"""Writing notes to an Anki package (.apkg) with genanki.

The package is written to a temporary file beside the output and renamed over it, so an
interrupted export never leaves a half-written deck where the last good one was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import genanki

from reader.export.notes import ExportNote
from reader.export.notetype import CSS, FIELDS, MODEL_ID, MODEL_NAME, TEMPLATES


def note_model() -> genanki.Model:
    """Our note type, with the fixed ids on the model, every field and every template."""
    fields: list[dict[str, Any]] = [{"name": name, "id": fid} for name, fid in FIELDS]
    templates: list[dict[str, Any]] = [
        {"name": t.name, "qfmt": t.front, "afmt": t.back, "id": t.id} for t in TEMPLATES
    ]
    return genanki.Model(MODEL_ID, MODEL_NAME, fields=fields, templates=templates, css=CSS)


class _Note(genanki.Note):  # type: ignore[misc]
    """A genanki note without its per-field HTML tag scan.

    genanki warns about unknown tags in fields; ours are escaped user text with only the few
    tags this package adds, and the scan is most of genanki's cost on large decks.
    """

    def _check_invalid_html_tags_in_fields(self) -> None:
        return None


def write_apkg(
    notes: Sequence[ExportNote],
    path: Path,
    *,
    deck_name: str,
    deck_id: int,
    timestamp: int,
    description: str = "",
) -> None:
    """Write `notes` as one deck. `timestamp` becomes every note's modification time."""
    model = note_model()
    deck = genanki.Deck(deck_id, deck_name, description=description)
    deck.add_model(model)
    for note in notes:
        deck.add_note(
            _Note(model=model, fields=list(note.fields), guid=note.guid, tags=list(note.tags))
        )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(tmp, timestamp=timestamp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
