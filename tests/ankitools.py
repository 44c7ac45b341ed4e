"""Anki's own collection and importer, for checking exported decks as Anki sees them.

`anki` is a test dependency (AGPL, never a runtime one); every collection lives in a
temporary folder, never in a real profile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageRequest


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(col: Collection, package: Path) -> Any:
    """Import as a new profile's import dialog would, and return Anki's import log."""
    options = col._backend.get_import_anki_package_presets()
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return col.import_anki_package(request).log
