"""Anki export: glossary entries become flashcards that update, never duplicate.

The public entry point is `export_deck(...) -> ExportSummary`, used by `reader export` and by
the reading app. Submodules, in the order an export runs: `recipe` (what goes in), `contexts`
(each entry's sentence), `fields` and `notes` (the HTML of each field), `notetype` (our note
type with fixed ids), `anki` / `tsv` (writing), `state` (timestamps and previous digests),
`summary` (what changed).

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
