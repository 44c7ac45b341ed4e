"""Modal dialogs: add/edit a glossary entry, write a translation, search, import, export.

Each dialog is a ModalScreen that returns its result through `dismiss`; the caller does the
saving, so a dialog never touches a file and Escape always leaves everything as it was.
"""

from __future__ import annotations

from reader.ui.dialogs.base import COMPACT_BELOW, Dialog
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.entry import EntryDialog
from reader.ui.dialogs.export import ExportDialog
from reader.ui.dialogs.importing import ImportDialog
from reader.ui.dialogs.search import SearchDialog
from reader.ui.dialogs.translation import TranslationDialog

__all__ = [
    "COMPACT_BELOW",
    "ConfirmDialog",
    "Dialog",
    "EntryDialog",
    "ExportDialog",
    "ImportDialog",
    "SearchDialog",
    "TranslationDialog",
]
