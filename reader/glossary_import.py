"""Adding a vocabulary list (`reader.vocab_lists`) to a library's glossaries.

A list of thousands of terms is one careful save per glossary file (`add_entries`: one
read, one check, one atomic write, one backup), never a save per term. Terms the vocabulary
already has (compared as the matcher compares them) are left as they are: an import adds,
it never overwrites what the learner wrote. A term listed twice is added once, with the
glosses of both rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reader.errors import Diagnostic, Location, ReaderError
from reader.gcpause import no_gc
from reader.glossary import GlossaryFile, add_entries, load_glossary, new_glossary, term_keys
from reader.model import Entry
from reader.vocab_lists import ListedTerm, VocabList, read_vocab_list
from reader.vocabulary import Vocabulary


@dataclass(frozen=True)
class ImportResult:
    """What an import did: entries added per file, and what it left out and why."""

    source: VocabList
    added: tuple[tuple[Path, int], ...]
    existing: int  # already in the vocabulary: left as they were
    merged: int  # listed more than once: glosses joined into the first
    warnings: tuple[Diagnostic, ...]


def import_list(
    vocab: Vocabulary,
    path: Path,
    *,
    format: str | None = None,
    lang: str | None = None,
    target: Path | None = None,
) -> ImportResult:
    """Add the terms of the list at `path` to `vocab`'s glossaries.

    A term's language is the one the list names (Lute), else `lang`, else the language of
    `target`, else the library's only glossary language. Entries go to `target` when given,
    else to `<lang>.yaml`. Nothing is written when a file refuses its entries.
    """
    source = read_vocab_list(path, format)
    warnings = list(source.skipped)
    if target is not None:
        target = _checked_target(vocab, target)
    default_lang = lang or _target_lang(vocab, target) or _only_language(vocab)
    entries: list[Entry] = []
    with no_gc():  # a list of 100,000 terms: see reader.gcpause
        for listed in source.terms:
            entry_lang = _lang_of(listed, lang, default_lang, path, warnings)
            if entry_lang is not None:
                entries.append(_entry(listed, entry_lang))
        entries, merged = _merge_repeats(entries)
        fresh = [e for e in entries if not _known(vocab, e)]
    by_path: dict[Path, list[Entry]] = {}
    for entry in fresh:
        by_path.setdefault(target or vocab.default_path(entry.lang), []).append(entry)
    added: list[tuple[Path, int]] = []
    for file_path, batch in by_path.items():
        gf = _glossary(vocab, file_path, batch[0].lang)
        wrong = [e for e in batch if e.lang != gf.lang]
        if wrong:
            raise ReaderError(
                file_path, f"is a {gf.lang} glossary; {wrong[0].term!r} is {wrong[0].lang}"
            )
        add_entries(gf, batch)
        added.append((file_path, len(batch)))
    return ImportResult(source, tuple(added), len(entries) - len(fresh), merged, tuple(warnings))


def _checked_target(vocab: Vocabulary, target: Path) -> Path:
    if target.suffix != ".yaml" or target.parent.resolve() != vocab.folder.resolve():
        # Only files in the folder are read back; entries saved elsewhere would vanish.
        raise ReaderError(target, f"a glossary of this library is a .yaml file in {vocab.folder}")
    return target


def _target_lang(vocab: Vocabulary, target: Path | None) -> str | None:
    if target is None:
        return None
    if target in vocab.errors:
        raise vocab.errors[target]
    for gf in vocab.files:
        if gf.path == target:
            return gf.lang
    return None


def _only_language(vocab: Vocabulary) -> str | None:
    languages = vocab.languages()
    return languages[0] if len(languages) == 1 else None


def _lang_of(
    listed: ListedTerm,
    lang: str | None,
    default: str | None,
    path: Path,
    warnings: list[Diagnostic],
) -> str | None:
    if listed.lang is not None:
        if lang is not None and listed.lang != lang:
            warnings.append(
                Diagnostic(
                    Location(str(path), listed.line),
                    f"{listed.language_name or listed.lang} term {listed.term!r} skipped "
                    f"(importing {lang})",
                    "warning",
                )
            )
            return None
        return listed.lang
    if default is not None:
        return default
    if listed.language_name:
        raise ReaderError(
            path,
            f"language {listed.language_name!r} has no code known here; name it with --lang",
            listed.line,
        )
    raise ReaderError(path, "the list does not say its language; name it with --lang")


def _entry(listed: ListedTerm, lang: str) -> Entry:
    return Entry(
        term=listed.term,
        lang=lang,
        glosses=listed.glosses,
        note=listed.note,
        reading=listed.reading,
        tags=listed.tags,
        status=listed.status,
        level=listed.level,
    )


def _merge_repeats(entries: list[Entry]) -> tuple[list[Entry], int]:
    """One entry per term and language: a repeat adds its glosses to the first."""
    by_lang: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        by_lang.setdefault(entry.lang, []).append(i)
    keys = [("", "")] * len(entries)
    for lang, indexes in by_lang.items():
        for i, norm in zip(indexes, term_keys([entries[i].term for i in indexes], lang)):
            keys[i] = (lang, norm)
    first: dict[tuple[str, str], int] = {}
    out: list[Entry] = []
    for entry, pair in zip(entries, keys):
        at = first.get(pair)
        if at is None:
            first[pair] = len(out)
            out.append(entry)
        else:
            kept = out[at]
            glosses = tuple(dict.fromkeys((*kept.glosses, *entry.glosses)))
            out[at] = replace(kept, glosses=glosses)
    return out, len(entries) - len(out)


def _known(vocab: Vocabulary, entry: Entry) -> bool:
    """The vocabulary has an entry with this term (a form of another entry is no clash)."""
    found = vocab.find(entry.term, entry.lang)
    if not found:
        return False
    mine = term_keys([entry.term], entry.lang)[0]
    return any(key == mine for key in term_keys([e.term for e in found], entry.lang))


def _glossary(vocab: Vocabulary, path: Path, lang: str) -> GlossaryFile:
    if path in vocab.errors:
        raise vocab.errors[path]
    for gf in vocab.files:
        if gf.path == path:
            return gf
    if path.exists():
        return load_glossary(path)
    return new_glossary(path, lang, comment=f"Vocabulary ({lang}), kept by reader and by hand")
