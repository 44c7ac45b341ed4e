"""Anki export: glossary entries become flashcards that update, never duplicate.

The public entry point is `export_deck(...) -> ExportSummary`, used by `reader export` and by
the reading app. Submodules, in the order an export runs: `recipe` (what goes in), `contexts`
(each entry's sentence), `fields`, `readings`, `speech` and `notes` (the HTML of each field),
`sentences` (sentence cards), `notetype` and `style` (our note types with fixed ids, their
stylesheet), `stamps` and `writing` (which notes changed, the time each is stamped with),
`anki` / `tsv` (the files), `state` (what the exporter remembers), `summary` (what changed).
`sync` and `collection` are `reader anki sync`: statuses from a collection read without
writing to it.

Nothing here imports the `anki` package: that is Anki's own code, AGPL-licensed, and used
only by the tests to check that Anki imports what we write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ExportSummary", "Recipe", "export_deck", "load_recipe"]

if TYPE_CHECKING:
    from reader.export.deck import export_deck
    from reader.export.recipe import Recipe, load_recipe
    from reader.export.summary import ExportSummary


def __getattr__(name: str) -> Any:
    # Lazy, so `import reader.export` stays cheap for the app until the learner presses `x`.
    if name == "export_deck":
        from reader.export.deck import export_deck

        return export_deck
    if name in ("Recipe", "load_recipe"):
        from reader.export import recipe

        return getattr(recipe, name)
    if name == "ExportSummary":
        from reader.export.summary import ExportSummary

        return ExportSummary
    raise AttributeError(name)
