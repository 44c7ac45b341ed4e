"""`export_deck`: from a library's glossaries to one deck file, and a summary of what changed.

The steps, each in its own module: choose the entries (recipe), give each a permanent id
(written into its glossary file with the glossary's careful save), find its context sentence
(contexts), build the note fields (notes, with readings and speech; sentences for sentence
cards), then stamp, write and remember (writing: stamps, anki or tsv, state).
"""

from __future__ import annotations

import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.errors import ReaderError
from reader.export.contexts import Found, find_contexts, sentences_with_terms
from reader.export.notes import ExportNote, NoteOptions, Occurrence, build_note
from reader.export.preview import preview_lines
from reader.export.readings import Readings
from reader.export.recipe import Recipe, load_recipe
from reader.export.sentences import build_sentence_note
from reader.export.speech import make_speech
from reader.export.summary import ExportSummary
from reader.gcpause import no_gc
from reader.glossary import GlossaryFile, load_glossary, update_entries
from reader.library import Library
from reader.model import Document, Entry

Progress = Callable[[int, int], None]
Chosen = tuple[int, Entry]  # (index of its glossary file, entry)
FORMATS = ("apkg", "tsv")
_SAMPLES = 3
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def new_entry_id() -> str:
    """A permanent entry id: random, so it says nothing about the text it will outlive."""
    return secrets.token_hex(8)


def library_recipe(library: Library, documents: Sequence[str] = ()) -> Recipe:
    """The recipe used without a recipe file: the whole library, or some of its documents."""
    name = _file_name(library.name)
    key = f"library:{library.root.resolve()}"
    if documents:
        key += "|documents:" + ",".join(documents)
        name += "-" + "-".join(_file_name(d) for d in documents)
    return Recipe(key=key, name=name, documents=tuple(documents))


def export_deck(
    library_root: str | Path | None,
    recipe: Recipe | str | Path | None = None,
    *,
    documents: Sequence[str] | None = None,
    output: str | Path | None = None,
    fmt: str = "apkg",
    dry_run: bool = False,
    progress: Progress | None = None,
    readings: Readings | None = None,
) -> ExportSummary:
    """Export glossary entries as flashcards and report what changed since the last time.

    `library_root` may be None when the recipe names its library. Without a recipe the whole
    library is exported (or the given `documents`) to `decks/<library name>.apkg`.
    `progress(done, total)` is called as notes are built. With `dry_run` nothing is written:
    not the deck, not entry ids, not the export state. `readings` replaces the built-in
    source of pinyin and phonetic spellings.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if isinstance(recipe, (str, Path)):
        recipe = load_recipe(recipe)
    root = Path(library_root) if library_root is not None else None
    if root is None and recipe is not None:
        root = recipe.library
    if root is None:
        raise ReaderError("reader export", "no library given (use --library or a recipe)")
    library = Library(root)
    if not library.root.is_dir():
        raise ReaderError(library.root, "no such library folder")
    if recipe is None:
        recipe = library_recipe(library, documents or ())
    elif documents:
        recipe = replace(
            recipe, documents=tuple(documents), key=recipe.key + "|" + ",".join(documents)
        )
    key = f"{recipe.key}|{library.root.resolve()}|{fmt}"  # one history per deck and library
    # An explicit output is used as given; the default name takes the format's suffix.
    target = Path(output) if output is not None else _default_output(recipe).with_suffix("." + fmt)
    if not dry_run:
        from reader.export.writing import refuse_unless_ours

        refuse_unless_ours(target, fmt)  # before anything is built; again under the lock
    speech = make_speech(
        recipe.audio if fmt == "apkg" else "tts", dict(recipe.speech), recipe.path or root
    )

    glossaries = [load_glossary(path) for path in library.glossary_paths()]
    chosen = _chosen_entries(glossaries, recipe)
    chosen, duplicate_ids = _drop_duplicate_ids(chosen)
    chosen, fresh = _give_ids(chosen)
    entries = [entry for _, entry in chosen]

    docs = library.load_documents()
    unknown = sorted(set(recipe.documents) - {d.id for d in docs})
    if unknown:
        where = recipe.path or library.documents_dir
        raise ReaderError(where, f"no document {unknown[0]!r} in library {library.root}")
    found: dict[str, Found] = {}
    by_lang: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_lang[entry.lang].append(entry)
    for lang, lang_entries in by_lang.items():
        found.update(find_contexts(lang_entries, lang, docs, need_documents=bool(recipe.documents)))
    if recipe.documents:
        chosen = [c for c in chosen if _in_documents(found[_id(c[1])], recipe.documents)]
        entries = [entry for _, entry in chosen]
    new_ids = [c for c in chosen if c[1].id in fresh]
    if not dry_run:
        _save_ids(glossaries, new_ids)

    deck_name = recipe.deck or _deck_name(library, docs, recipe.documents)
    options = NoteOptions(
        production=recipe.production,
        context_card=recipe.context_cards,
        readings=readings if readings is not None else Readings(),
        speech=speech,
        subdeck_of=deck_name if recipe.subdecks and fmt == "apkg" else None,
    )
    # Tens of thousands of acyclic objects (fields, notes, state records): the cyclic
    # collector would only rescan them, a third of the export's time on 10,000 entries.
    with no_gc():
        built = _build_notes(entries, found, options, docs, progress)
        notes = built.notes
        sentence_notes: list[ExportNote] = []
        if recipe.sentence_cards and fmt == "apkg":
            scope = [d for d in docs if not recipe.documents or d.id in recipe.documents]
            sentence_notes = _sentence_notes(entries, scope, options, recipe.sentence_reverse)
        every = notes + sentence_notes

        from reader.export import state
        from reader.export.writing import Outcome, plan_only, write_export

        previous = state.previous_digests(key)
        before = previous or {}
        names = {note.guid: note.label for note in every}
        old_names = state.previous_names(key)
        gone = [old_names.get(g, g) for g in before if g not in names]
        samples: list[str] = []
        outcome = Outcome()
        if dry_run:
            for note in notes[:_SAMPLES]:
                samples.extend(preview_lines(note))
            outcome = plan_only(every, target, fmt)
        else:
            media = speech.render_all(pair for note in every for pair in note.sounds)
            outcome = write_export(
                every, target, fmt, deck_name=deck_name, recipe=recipe, key=key, media=media
            )
    new = sum(1 for note in every if note.guid not in before)
    if fmt == "apkg":
        changed = sum(1 for g in outcome.fresh if g in before)
    else:
        changed = sum(1 for n in every if n.guid in before and before[n.guid] != n.digest)
    return ExportSummary(
        output=target,
        fmt=fmt,
        deck=deck_name,
        notes=len(every),
        cards=sum(len(n.card_ords) for n in every),
        new=new,
        changed=changed,
        unchanged=len(every) - new - changed,
        gone=len(gone),
        gone_names=tuple(gone),
        previous=previous is not None,
        ids_written=len(new_ids),
        no_context=tuple(built.no_context),
        no_meaning=tuple(built.no_meaning),
        duplicate_terms=built.senses,
        duplicate_ids=tuple(duplicate_ids),
        empty_cards=tuple(outcome.empty),
        sentences=len(sentence_notes),
        media=outcome.media,
        dry_run=dry_run,
        samples=tuple(samples),
    )


@dataclass
class _Built:
    notes: list[ExportNote]
    no_context: list[str]
    no_meaning: list[str]
    senses: tuple[tuple[str, ...], ...]


def _build_notes(
    entries: Sequence[Entry],
    found: dict[str, Found],
    options: NoteOptions,
    docs: Sequence[Document],
    progress: Progress | None,
) -> _Built:
    """The notes, the terms that have no context sentence or no meaning to show, and the
    terms shared by several entries (each kept as its own numbered sense)."""
    meaning_langs = _meaning_langs(docs)
    senses = _senses(entries)
    notes: list[ExportNote] = []
    no_context: list[str] = []
    no_meaning: list[str] = []
    total = len(entries)
    if progress is not None:
        progress(0, total)
    for done, entry in enumerate(entries, 1):
        occurrence = found[_id(entry)].occurrence
        if occurrence is None or occurrence.span is None:
            no_context.append(entry.term)
        if not any(g.strip() for g in entry.glosses):
            no_meaning.append(entry.term)
        notes.append(
            build_note(
                entry,
                occurrence,
                meaning_lang=_meaning_lang(occurrence, entry, meaning_langs),
                options=options,
                sense=senses.get(_id(entry), 0),
            )
        )
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        if _id(entry) in senses:
            groups[_term_key(entry)].append(entry.term)
    return _Built(notes, no_context, no_meaning, tuple(tuple(g) for g in groups.values()))


def _term_key(entry: Entry) -> tuple[str, str]:
    from reader.normalize import normalize_term

    return entry.lang, normalize_term(entry.term, entry.lang)


def _senses(entries: Sequence[Entry]) -> dict[str, int]:
    """Entry id -> its sense number, for entries that share their term with another."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        groups[_term_key(entry)].append(_id(entry))
    return {eid: n for ids in groups.values() if len(ids) > 1 for n, eid in enumerate(ids, 1)}


def _sentence_notes(
    entries: Sequence[Entry], docs: Sequence[Document], options: NoteOptions, reverse: bool
) -> list[ExportNote]:
    by_id = {doc.id: doc for doc in docs}
    return [
        build_sentence_note(by_id[key[0]], key, terms, reverse=reverse, options=options)
        for key, terms in sentences_with_terms(entries, docs).items()
    ]


def _id(entry: Entry) -> str:
    assert entry.id is not None
    return entry.id


def _chosen_entries(glossaries: Sequence[GlossaryFile], recipe: Recipe) -> list[Chosen]:
    wanted_tags = set(recipe.tags)
    out: list[Chosen] = []
    for index, gf in enumerate(glossaries):
        if recipe.languages and gf.lang not in recipe.languages:
            continue
        for entry in gf.entries:
            if entry.status not in recipe.statuses:
                continue
            if wanted_tags and not wanted_tags.intersection(entry.tags):
                continue
            out.append((index, entry))
    return out


def _drop_duplicate_ids(chosen: list[Chosen]) -> tuple[list[Chosen], list[str]]:
    """Keep the first entry of each id: two notes with one GUID would overwrite each other."""
    seen: set[str] = set()
    kept, dropped = [], []
    for index, entry in chosen:
        if entry.id and entry.id in seen:
            dropped.append(entry.term)
            continue
        if entry.id:
            seen.add(entry.id)
        kept.append((index, entry))
    return kept, dropped


def _give_ids(chosen: list[Chosen]) -> tuple[list[Chosen], set[str]]:
    """Entries without an id get a new permanent one (in memory; see `_save_ids`)."""
    out: list[Chosen] = []
    fresh: set[str] = set()
    for index, entry in chosen:
        if not entry.id:
            entry = replace(entry, id=new_entry_id())
            fresh.add(_id(entry))
        out.append((index, entry))
    return out, fresh


def _save_ids(glossaries: list[GlossaryFile], chosen: list[Chosen]) -> None:
    """Write new ids into the glossary files, before any deck uses them.

    The glossary's careful save writes only the entries' new `id:` lines (the rest of the
    file stays byte-identical) and refuses to overwrite a file edited in the meantime. All
    ids of one file go in one save: a first export of thousands of entries costs one write.
    """
    by_file: dict[int, list[tuple[str | Entry, Entry]]] = defaultdict(list)
    for index, entry in chosen:
        by_file[index].append((replace(entry, id=None), entry))
    for index, changes in by_file.items():
        glossaries[index] = update_entries(glossaries[index], changes)


def _in_documents(found: Found, documents: Iterable[str]) -> bool:
    wanted = set(documents)
    if found.occurrence is not None and found.occurrence.document.id in wanted:
        return True
    return bool(found.documents & wanted)


def _meaning_langs(docs: Sequence[Document]) -> dict[str, str]:
    """Source language -> the translation language most of its documents have."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        if doc.target_lang:
            counts[doc.source_lang][doc.target_lang] += 1
    return {lang: c.most_common(1)[0][0] for lang, c in counts.items()}


def _meaning_lang(
    occurrence: Occurrence | None, entry: Entry, fallback: dict[str, str]
) -> str | None:
    if occurrence is not None and occurrence.document.target_lang:
        return occurrence.document.target_lang
    return fallback.get(entry.lang)


def _deck_name(library: Library, docs: Sequence[Document], documents: Sequence[str]) -> str:
    if len(documents) == 1:
        title = next((d.title for d in docs if d.id == documents[0]), documents[0])
        return f"{library.name}::{title}"
    return library.name


def _default_output(recipe: Recipe) -> Path:
    if recipe.output is not None:
        return recipe.output
    if recipe.path is not None:
        return recipe.path.with_name(recipe.name + ".apkg")
    return Path("decks") / f"{recipe.name}.apkg"


def _file_name(name: str) -> str:
    return _UNSAFE_NAME.sub("-", name).strip(" .-") or "library"
