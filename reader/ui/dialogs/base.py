"""What every dialog shares: Escape cancels, and short terminals get borderless fields."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

# Terminal heights below which dialogs drop their field borders to fit.
COMPACT_BELOW = 34


class Dialog(ModalScreen[Any]):
    """A modal dialog: Escape closes it and leaves everything as it was; its fields drop
    their borders in short terminals so every button stays on screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            priority=True,
            id="dialog_cancel",
            tooltip="Close without saving anything",
        ),
    ]

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # Bordered fields take three rows each: in a 24-row terminal the add dialog would
        # lose its Save button and the context sentence below the screen edge.
        compact = self.app.size.height < COMPACT_BELOW
        for widget in self.query("Input, Select, Button"):
            widget.compact = compact  # type: ignore[attr-defined]
        self.set_class(compact, "-compact")

    def action_cancel(self) -> None:
        self.dismiss(None)
