"""The search line: what to find in both languages."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from reader.ui.dialogs.base import Dialog


class SearchDialog(Dialog):
    """One line: the text to find in both languages. An empty search clears the hits."""

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Input(self.query_text, placeholder="Search both languages", id="query")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
