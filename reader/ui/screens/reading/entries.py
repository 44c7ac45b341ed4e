"""The reading screen's glossary keys: add, edit and delete entries, set their status or
level, undo and redo, open the file in an editor. Saving goes through the app's study worker
(`StudyRequest`); the text is re-marked when the app says the entries changed."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from textual.app import SuspendNotSupported

from reader.model import Context, Entry, Segment
from reader.normalize import normalize_pick, normalize_term
from reader.ui.messages import GlossaryFilesTouched, ShowGlossary
from reader.ui.screens.reading.base import ReadingBase
from reader.ui.viewmodel.navigator import TextPick


class EntryActions(ReadingBase):
    """Actions on the glossary entries of the text."""

    def action_add_entry(self) -> None:
        pick = self.view.selection()
        if pick is None or not pick.text.strip():
            self.notify("Move the word cursor (w/b) or select text with the mouse first.")
            return
        seg = self.document.segment(pick.segment_id)
        lang = self.lang_of(seg, pick)
        term = normalize_pick(pick.text, lang, at_sentence_start=_at_sentence_start(seg, pick))
        known = self.session.vocabulary.find(term, lang)
        if known:
            self.notify(f"“{known[0].term}” is in the glossary already; editing it.")
            self._edit(known[0], seg)
            return
        sentence = pick.sentence if pick.side == "source" else self.view.cursor().sentence
        reading = ""
        if lang.split("-")[0] == "zh":  # Chinese entries get their pinyin (CC-CEDICT's)
            from reader.dictionary.pinyin import pinyin

            reading = pinyin(term)
        entry = Entry(
            term=term,
            lang=lang,
            glosses=self._glosses_elsewhere(term, lang),
            reading=reading,
            context=Context(self.document.id, seg.id, sentence),
        )
        self.add_in_dialog(entry, seg, self.context_for(seg, sentence), picked=pick.text)

    def _glosses_elsewhere(self, term: str, lang: str) -> tuple[str, ...]:
        """Glosses the learner already gave this term (e.g. in an imported file's notes)."""
        key = normalize_term(term, lang)
        for e in self.session.marks.entries(lang):
            if normalize_term(e.term, lang) == key and e.glosses:
                return e.glosses
        return ()

    def _edit(self, entry: Entry, seg: Segment | None = None) -> None:
        seg = seg or self.current_segment()
        if seg is None:
            return
        source, target = self.context_for(seg, self.view.cursor().sentence)
        from reader.ui.dialogs.entry import EntryDialog

        def done(result: Entry | None) -> None:
            if result is not None and result != entry:
                self.request(lambda study: study.edit_entry(entry, result))

        self.app.push_screen(
            EntryDialog(
                entry,
                source=source,
                target=target,
                where=self.where(seg),
                new=False,
                bidi=self.session.bidi,
            ),
            done,
        )

    def _entry_or_warn(self) -> Entry | None:
        entry = self.entry_under_cursor()
        if entry is None:
            self.notify("No glossary entry here: move the word cursor onto a marked term.")
        return entry

    def action_edit_entry(self) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self._edit(entry)

    def action_delete_entry(self) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self.request(
                lambda study: study.delete_entry(entry),
                failure="Not deleted",
                hint=" Press u to undo.",
                timeout=4,
            )

    def action_undo(self) -> None:
        self.request(lambda study: study.undo(), failure="Not undone", nothing="Nothing to undo.")

    def action_redo(self) -> None:
        self.request(lambda study: study.redo(), failure="Not redone", nothing="Nothing to redo.")

    def action_level(self, level: int) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self.request(lambda study: study.set_level(entry, level))

    def action_set_status(self, status: str) -> None:
        entry = self._entry_or_warn()
        if entry is not None:
            self.request(lambda study: study.set_status(entry, status))

    def action_open_in_editor(self) -> None:
        entry = self._entry_or_warn()
        if entry is None:
            return
        path = self.session.vocabulary.file_of(entry)
        if path is None:
            self.notify("This entry is not saved in a glossary file yet.")
            return
        command = shlex.split(self.session.settings.editor_command())
        line = _line_of_term(Path(path), entry.term)
        argv = [*command, f"+{line}", str(path)] if line else [*command, str(path)]
        try:
            with self.app.suspend():
                subprocess.run(argv, check=False)
        except (SuspendNotSupported, OSError) as exc:
            self.notify(f"Could not run {command[0]}: {exc}", severity="error")
            return
        self.post_message(GlossaryFilesTouched())

    def action_glossary(self) -> None:
        self.post_message(ShowGlossary(self.document))


def _at_sentence_start(seg: Segment, pick: TextPick) -> bool:
    text = seg.source if pick.side == "source" else seg.target
    if text is None or pick.sentence >= len(text.spans):
        return False
    return pick.start == text.spans[pick.sentence][0]


def _line_of_term(path: Path, term: str) -> int | None:
    """The line where an entry's term is written, for the editor's +LINE argument."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    candidates = (f"{term}:", f"- term: {term}", f"term: {term}", f"'{term}':", f'"{term}":')
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if any(stripped.startswith(c) for c in candidates):
            return n
    return None
