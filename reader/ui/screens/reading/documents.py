"""The reading screen's document keys: the learner's own translation of a paragraph, the
alignment repairs, and the Anki export. Changes are saved by the study service in the app's
worker; the screen then shows the document as saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from reader.marks import document_languages
from reader.model import Document
from reader.ui.messages import DocumentChanged
from reader.ui.screens.reading.base import ReadingBase
from reader.ui.screens.reading.display import display_document

if TYPE_CHECKING:
    from reader.study import Outcome


class DocumentActions(ReadingBase):
    """Actions that change the document itself."""

    def action_translate(self) -> None:
        from reader.ui.dialogs.translation import TranslationDialog  # on first use

        seg = self.current_segment()
        if seg is None:
            return
        if seg.bilingual:
            self.notify("This paragraph already has a translation.")
            return
        document = self.document
        in_library = self.session.in_library(document)

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            text, lang = result
            self.request(
                lambda study: study.translate(document, seg.id, text, lang, in_library=in_library),
                on_done=self._saved,
            )

        dialog = TranslationDialog(
            seg.source.text,
            lang=document.target_lang,
            default_lang=self.session.settings.native,
            bidi=self.session.bidi,
        )
        self.app.push_screen(dialog, done)

    def action_repair(self, kind: str) -> None:
        seg = self.current_segment()
        if seg is None or not seg.bilingual:
            self.notify("Alignment repair needs a paragraph with a translation.")
            return
        document, sentence = self.document, self.view.cursor().sentence
        in_library = self.session.in_library(document)
        self.request(
            lambda study: study.repair(document, seg.id, sentence, kind, in_library=in_library),
            on_done=self._saved,
        )

    def _saved(self, outcome: Outcome) -> None:
        if outcome.document is not None:
            self.show_document(outcome.document)

    @on(DocumentChanged)
    def _document_changed(self, message: DocumentChanged) -> None:
        # An undo or redo of a change to this document (made here or before).
        new = message.document
        if new.id == self.document.id and new is not self.document and self.is_mounted:
            self.show_document(new)

    def show_document(self, document: Document) -> None:
        """Show a new version of the document, at the same place."""
        old_key = self.session.state_key(self.document)
        self.document = document
        self._provider.document = document
        position = self.view.position()
        self.view.set_document(display_document(document))
        self.view.restore(position)
        if self.session.state_key(document) != old_key:
            self.save_position()
        self.refresh_panels()

    def action_export(self) -> None:
        from reader.ui.dialogs.export import ExportDialog  # on first use

        if not self.session.in_library(self.document):
            # The exporter reads documents and glossaries from the library only.
            self.notify(
                "This file is not in the library: import it (i in the library, or "
                "`reader import`) to export its entries.",
                severity="warning",
                timeout=6,
            )
            return
        if not self._any_entry_occurs():
            # An empty deck would replace the learner's cards of this document with none.
            self.notify(
                "Nothing to export: no glossary entry occurs in this document. "
                "Add words with a first.",
                severity="warning",
                timeout=6,
            )
            return
        root = self.session.library.root
        decks = self.session.settings.decks_dir(root)
        title = self.session.display_text(self.document.title, 60)
        self.app.push_screen(ExportDialog(root, self.document.id, decks_dir=decks, title=title))

    def _any_entry_occurs(self) -> bool:
        """Whether the exporter would find a card to make: an entry that occurs in the
        text (what it looks for, with the same matchers that mark the text)."""
        marks = self.session.marks
        if not any(marks.entries(lang) for lang in document_languages(self.document)):
            return False
        return any(marks.in_segment(self.document, seg) for seg in self.document.segments)
