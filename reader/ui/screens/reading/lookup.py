"""The reading screen's dictionary and known-word keys: which panels show beside the text
(notes, dictionary, both), Add from a dictionary's gloss, marking a word or a whole
paragraph known, and the unknown words' marking itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model import Context, Entry
from reader.normalize import normalize_pick
from reader.ui.screens.reading.base import ReadingBase

if TYPE_CHECKING:
    from reader.ui.widgets.dictionary_panel import DictionaryPanel

# What `D` steps through.
SIDES = ("notes", "dictionary", "both")
# Moves whose keys (arrows, pages, home, end) move in the dictionary's list while it has
# the focus.
LIST_MOVES = frozenset({"sentence", "page", "start", "end"})


class LookupActions(ReadingBase):
    """Dictionary look-up and the words a learner knows."""

    # --- the panels beside the text -------------------------------------------------------

    def show_side(self, side: str, visible: bool = True) -> None:
        """Show the notes, the dictionary or both beside the text (or neither)."""
        self.side = side
        self._side_visible = visible
        if not self.completed:
            return  # shown so when they come
        self.query_one("#notes").display = visible and side in ("notes", "both")
        from reader.ui.widgets.dictionary_panel import DictionaryPanel

        dictionary = self.query_one("#dictionary", DictionaryPanel)
        dictionary.display = visible and side in ("dictionary", "both")
        if dictionary.display:
            dictionary.shown()

    def in_dictionary(self) -> bool:
        from reader.ui.widgets.dictionary_panel import DictionaryPanel

        focused = self.focused
        return focused is not None and any(
            isinstance(node, DictionaryPanel) for node in focused.ancestors_with_self
        )

    def action_cycle_side(self) -> None:
        side = SIDES[(SIDES.index(self.side) + 1) % len(SIDES)]
        self.session.side = side
        self.show_side(side)
        self.session.state.update(self.session.state_key(self.document), notes=True)
        self.notify(f"Beside the text: {side if side != 'both' else 'notes and dictionary'}.")

    # --- Add from the dictionary -----------------------------------------------------------

    # DictionaryPanel.Chosen, by its handler's name: the panel's module loads with the panel.
    def on_dictionary_panel_chosen(self, message: DictionaryPanel.Chosen) -> None:
        from reader.dictionary.glosses import counterpart, glosses_for, is_reversed

        query, pick = message.query, message.pick
        seg = self.document.segment(query.segment_id)
        glosses = glosses_for(pick.hit.dictionary, pick.entry, pick.sense)
        # The dictionary's form is the word to learn: "stifle" for the text's "stifled",
        # "overnemen" for "nam … over", the longest Chinese word at the cursor.
        if pick.hit.how == "exact":
            term = normalize_pick(query.word, query.lang, at_sentence_start=query.start == 0)
        else:
            term = pick.hit.form
        known = self.session.vocabulary.find(term, query.lang)
        if known:
            self.notify(f"“{known[0].term}” is in the glossary already; editing it.")
            self._edit(known[0], seg)  # type: ignore[attr-defined]  # EntryActions
            return
        reading = "" if is_reversed(pick.hit.dictionary) else pick.entry.reading
        if not reading and query.lang.split("-")[0] == "zh":
            from reader.dictionary.pinyin import pinyin

            reading = pinyin(term)
        sentence = query.sentence_index if query.side == "source" else self.view.cursor().sentence
        entry = Entry(
            term=term,
            lang=query.lang,
            glosses=tuple(glosses),
            reading=reading,
            context=Context(self.document.id, seg.id, sentence),
        )
        context = self.context_for(seg, sentence)
        mark = counterpart(context[1], glosses, self.document.target_lang)
        self.add_in_dialog(entry, seg, context, target_mark=mark)

    # --- the words a learner knows --------------------------------------------------------

    def action_mark_known(self) -> None:
        """`W`: the glossary entry under the cursor is known; else the word is."""
        pick = self.view.selection()
        entry = self.entry_under_cursor()
        if entry is not None:
            self.request(lambda study: study.set_status(entry, "known"))
            return
        if pick is None or not pick.text.strip():
            self.notify("Move the word cursor (w/b) onto a word first.")
            return
        seg = self.document.segment(pick.segment_id)
        lang = self.lang_of(seg, pick)
        store = self.session.unknown
        word = pick.text.strip()
        self.request(
            lambda study: study.mark_known(store, lang, [word]),
            nothing=f"“{word}” is known already.",
            hint=" Press u to undo.",
        )

    def action_mark_paragraph_known(self) -> None:
        """`P`: every word of the paragraph still unknown is known (Lute's "mark page
        read"); the glossary's terms stay as they are."""
        seg = self.current_segment()
        if seg is None:
            return
        lang = self.document.segment_lang(seg)
        store = self.session.unknown
        text = seg.source.text
        self.request(
            lambda study: study.mark_known(store, lang, store.unknown_in(text, lang)),
            nothing="No unknown words left in this paragraph.",
            hint=" Press u to undo.",
            timeout=3,
        )

    def action_toggle_unknown(self) -> None:
        matches = self.matches
        matches.enabled = not matches.enabled
        self.refresh_bindings()
        self.view.terms_changed()
        self.refresh_panels()
        self.notify("Unknown words marked." if matches.enabled else "Unknown words not marked.")
