"""Modal dialogs: add/edit a glossary entry, write a translation, search, import, export,
and long work with a bar.

Each dialog is a ModalScreen that returns its result through `dismiss`; the caller does the
saving, so a dialog never touches a file and Escape always leaves everything as it was.

The names below are imported on first use (PEP 562): opening the app loads none of the
dialogs it has not shown yet.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.ui.dialogs.base import COMPACT_BELOW, Dialog
    from reader.ui.dialogs.confirm import ConfirmDialog
    from reader.ui.dialogs.entry import EntryDialog
    from reader.ui.dialogs.export import ExportDialog
    from reader.ui.dialogs.importing import ImportDialog
    from reader.ui.dialogs.progress import ProgressDialog
    from reader.ui.dialogs.search import SearchDialog
    from reader.ui.dialogs.translation import TranslationDialog

_WHERE = {
    "COMPACT_BELOW": "base",
    "Dialog": "base",
    "ConfirmDialog": "confirm",
    "EntryDialog": "entry",
    "ExportDialog": "export",
    "ImportDialog": "importing",
    "ProgressDialog": "progress",
    "SearchDialog": "search",
    "TranslationDialog": "translation",
}

__all__ = [
    "COMPACT_BELOW",
    "ConfirmDialog",
    "Dialog",
    "EntryDialog",
    "ExportDialog",
    "ImportDialog",
    "ProgressDialog",
    "SearchDialog",
    "TranslationDialog",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
