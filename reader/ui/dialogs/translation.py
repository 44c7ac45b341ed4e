"""The learner's own translation of one paragraph."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, TextArea

from reader.ui.dialogs.base import Dialog
from reader.ui.shown import ShownStatic, shown


class TranslationDialog(Dialog):
    """The learner's own translation of one paragraph; returns (text, language)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="dialog_save", tooltip="Save and close"
        ),
    ]

    def __init__(
        self, original: str, *, lang: str | None, default_lang: str, bidi: bool = True
    ) -> None:
        super().__init__()
        self.original = original
        self.bidi = bidi
        self.lang = lang
        self.default_lang = default_lang

    def compose(self) -> ComposeResult:
        with Vertical(id="translation-dialog", classes="dialog"):
            yield Label("Your translation", classes="dialog-title")
            yield ShownStatic(shown(self.original), bidi=self.bidi, id="original")
            yield TextArea(id="translation", soft_wrap=True)
            if self.lang is None:
                yield Label("Language of your translation", classes="field-label")
                yield Input(self.default_lang, id="lang", placeholder="en, zh, nl …")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        lang = self.lang
        if lang is None:
            lang = self.query_one("#lang", Input).value.strip().lower()
        if not text:
            self.notify("Write the translation first (Escape to cancel).", severity="warning")
            return
        if not lang:
            self.notify("Give the language of your translation.", severity="error")
            return
        self.dismiss((text, lang))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
