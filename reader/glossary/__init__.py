"""Glossary files: hand-editable YAML, read strictly and saved carefully.

A glossary file is a YAML mapping with the entries of one language::

    # Words from the op-ed                  <- comments survive every save
    language: en                            # or taken from a file named en.yaml
    entries:
      stark: 赤裸的；光秃的；明显的              # short form: glosses split on ； or ;
      best shot: [最佳机会]                    # short form with a list of glosses
      nascent:                              # long form
        glosses: [新生的, 初生的]               # a list, or one string split on ；/;
        note: from Latin nasci, to be born
        reading: /ˈnæsənt/
        pos: adj.
        forms: [nascence]                   # extra surface forms matched like the term
        tags: [economist]
        status: learning                    # new (default) | learning | known | ignored
        level: 2                            # 1-5, only while learning
        id: 8c1f0d2a-...                    # permanent id, written on first export
        production: true                    # also make a meaning -> term card
        context: {document: 002_3fb843373e1af618, segment: 1a2b3c4d, sentence: 0}

Each entry becomes a `reader.model.Entry` (term = the key, stripped; lang = the file's
language). Unknown long-form fields are kept in `Entry.extra` and reported as warnings.

Saving never re-dumps the file. `add_entry`, `update_entry` and `remove_entry` (and the
batch forms `add_entries`, `update_entries`: one read, one check, one write for thousands
of entries) splice the text of the changed entries in place using the positions the YAML
composer reports, so comments, order, blank lines, quoting, indentation and the style of
every other entry stay byte-identical. The changed entry is written in the shortest form that holds its fields, the
result is parsed back and compared with the intended entries before anything is written,
and the write is atomic with the previous version kept as `<name>.yaml~` beside the file.
A file that changed on disk since it was read is never overwritten. Two terms are the same
term when the matcher would take them for one (`term_key`: case, apostrophes, hyphens ...).

The modules, in the order a file passes through them: `schema` (fields, tags, terms),
`parse` and `fields` (reading and checking), `files` (disk, `GlossaryFile`), `render`
(one entry as YAML), `splice` (where an edit goes in the text), `edits` (careful saves).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.glossary.edits import (
        add_entries,
        add_entry,
        remove_entry,
        restore_text,
        update_entries,
        update_entry,
    )
    from reader.glossary.files import GlossaryFile, check_glossary, load_glossary, new_glossary
    from reader.glossary.schema import BACKUP_SUFFIX, split_glosses, term_key, term_keys

# Each name from the module that defines it, imported on first use: the reading app opens a
# document before it reads a glossary, and the YAML machinery behind a careful save is not on
# the way to its first frame.
_HOME = {
    "BACKUP_SUFFIX": "schema",
    "GlossaryFile": "files",
    "add_entries": "edits",
    "add_entry": "edits",
    "check_glossary": "files",
    "load_glossary": "files",
    "new_glossary": "files",
    "remove_entry": "edits",
    "restore_text": "edits",
    "split_glosses": "schema",
    "term_key": "schema",
    "term_keys": "schema",
    "update_entries": "edits",
    "update_entry": "edits",
}

__all__ = [
    "BACKUP_SUFFIX",
    "GlossaryFile",
    "add_entries",
    "add_entry",
    "check_glossary",
    "load_glossary",
    "new_glossary",
    "remove_entry",
    "restore_text",
    "split_glosses",
    "term_key",
    "term_keys",
    "update_entries",
    "update_entry",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
