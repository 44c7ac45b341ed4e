"""Writing an export: stamping each note, the package or TSV file, and the export state.

Everything that reads and writes the export state happens under its lock, so two exports at
once (the app and the command line, two terminals) never hand out the same stamp or lose each
other's records. A dry run goes through the same planning without writing anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.errors import ReaderError
from reader.export import state
from reader.export.anki import PackagedNote, model_digest, read_package, write_apkg
from reader.export.notes import ExportNote
from reader.export.notetype import MODEL_ID, SENTENCE_TEMPLATES, TEMPLATES
from reader.export.recipe import Recipe, deck_id_for
from reader.export.stamps import now_empty, plan_stamps


@dataclass
class Outcome:
    """What writing (or planning) found: the notes stamped anew, the cards an earlier export
    made that are now empty in Anki (card type name, note name), the media files packed."""

    fresh: list[str] = field(default_factory=list)
    empty: list[tuple[str, str]] = field(default_factory=list)
    media: int = 0


def card_name(note: ExportNote, ord_: int) -> str:
    templates = TEMPLATES if note.model_id == MODEL_ID else SENTENCE_TEMPLATES
    return templates[ord_].name if ord_ < len(templates) else f"card {ord_ + 1}"


def _packaged(target: Path) -> dict[str, PackagedNote]:
    """The notes of the package about to be replaced, if it is one."""
    return read_package(target) if target.is_file() else {}


def plan_only(notes: Sequence[ExportNote], target: Path, fmt: str) -> Outcome:
    """A dry run's view of what the export would stamp anew and leave empty in Anki."""
    if fmt != "apkg":
        return Outcome()
    notes_state = state.load_notes()
    records = notes_state.notes
    package = {} if notes_state.wrote(target) else _packaged(target)
    plan = plan_stamps(notes, records, package)
    empty = [(card_name(n, o), n.label) for n, o in now_empty(notes, records)]
    return Outcome(plan.fresh, empty)


def write_export(
    notes: list[ExportNote],
    target: Path,
    fmt: str,
    *,
    deck_name: str,
    recipe: Recipe,
    key: str,
    media: Sequence[Path] = (),
) -> Outcome:
    """Write the deck (or TSV) and remember it; errors name the file they concern."""
    digests = {note.guid: note.digest for note in notes}
    names = {note.guid: note.label for note in notes}
    try:
        with state.locked():
            if fmt == "apkg":
                outcome = _write_apkg(notes, target, deck_name, recipe, media)
            else:
                from reader.export.tsv import write_tsv

                _written(target, lambda: write_tsv(notes, target, check=_ours_check(fmt)))
                outcome = Outcome()
            state.remember_export(key, int(time.time()), target, digests, names)
    except OSError as exc:
        raise ReaderError(state.state_dir(), f"cannot keep export state: {exc.strerror}") from None
    return outcome


def _ours_check(fmt: str) -> Callable[[Path], None]:
    return lambda target: refuse_unless_ours(target, fmt)


def _written(target: Path, write: object) -> None:
    assert callable(write)
    try:
        write()
    except OSError as exc:
        raise ReaderError(target, f"cannot write: {exc.strerror or exc}") from None


def _write_apkg(
    notes: list[ExportNote], target: Path, deck_name: str, recipe: Recipe, media: Sequence[Path]
) -> Outcome:
    notes_state = state.load_notes()
    records = notes_state.notes
    package = {} if notes_state.wrote(target) else _packaged(target)
    plan = plan_stamps(notes, records, package)
    empty = [(card_name(n, o), n.label) for n, o in now_empty(notes, records)]
    digests = model_digest()
    changed_models = [
        mid for mid, d in digests.items() if notes_state.models.get(str(mid), ("", 0))[0] != d
    ]
    if plan.fresh or changed_models:
        stamp = state.next_timestamp(floor=plan.floor)
    else:
        stamp = max(plan.floor, int(time.time()))  # only ids are made from it
    stamps = plan.stamps(stamp)
    model_stamps = {
        mid: stamp if mid in changed_models else notes_state.models[str(mid)][1] for mid in digests
    }
    # A note written anew replaces all its tags in Anki: it carries the learner's own tags
    # there too, as `reader anki sync` last saw them.
    fresh = set(plan.fresh)
    written = [
        replace(n, progress=(*n.progress, *records[n.guid].anki_tags))
        if n.guid in fresh and n.guid in records and records[n.guid].anki_tags
        else n
        for n in notes
    ]
    deck_ids = {name: deck_id_for(name) for name in sorted({n.deck for n in notes if n.deck})}
    _written(
        target,
        lambda: write_apkg(
            written,
            target,
            deck_name=deck_name,
            deck_id=recipe.deck_id or deck_id_for(deck_name),
            timestamp=stamp,
            description=recipe.description,
            stamps=stamps,
            model_stamps=model_stamps,
            deck_ids=deck_ids,
            media=media,
            check=_ours_check("apkg"),
        ),
    )
    for note in notes:
        old = records.get(note.guid)
        records[note.guid] = state.NoteRecord(
            digest=note.digest,
            stamp=stamps[note.guid],
            cards=note.card_ords,
            progress=note.progress,
            anki_tags=old.anki_tags if old is not None else (),
            label=note.label,
            model=note.model_id,
        )
    for mid, digest in digests.items():
        notes_state.models[str(mid)] = (digest, model_stamps[mid])
    notes_state.remember_package(target)
    state.save_notes(notes_state)
    return Outcome(plan.fresh, empty, len(media))


def refuse_unless_ours(target: Path, fmt: str) -> None:
    """An existing output is replaced only if it is an earlier export (a typo in `-o` must
    never overwrite a glossary or a document). Checked before the export is built, for an
    early answer, and again under the file's lock just before it is replaced."""
    if not target.exists():
        return
    if target.is_dir():
        raise ReaderError(target, "is a folder; give a file name")
    if fmt == "apkg":
        ours = _is_anki_package(target)
    else:
        from reader.export.tsv import is_ours

        try:
            with target.open(encoding="utf-8", newline="") as fh:
                ours = is_ours(fh.readline().rstrip("\r\n"))
        except (OSError, UnicodeDecodeError):
            ours = False
    if not ours:
        raise ReaderError(target, f"exists and is not an earlier {fmt} export; not overwritten")


def _is_anki_package(path: Path) -> bool:
    """An Anki package as genanki writes it: a zip of `collection.anki2`, `media` and numbered
    media files. Any other zip (a .docx, an .epub, a backup) is not ours to overwrite."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    extra = names - {"collection.anki2", "collection.anki21", "media"}
    return "collection.anki2" in names and all(name.isdigit() for name in extra)
