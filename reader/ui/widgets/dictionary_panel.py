"""The dictionary panel: what the learner's dictionaries say of the word under the cursor.

Every dictionary of the document's language pair answers, in the learner's order (the
shelf's); a word no dictionary of the pair knows is asked of every dictionary of its
language. Look-ups run in a worker thread: the first one opens the indexes (seconds for
CC-CEDICT's), and the cursor never waits for it. Tab moves into the list; Enter or `a` on a
sense opens Add with that gloss, on a headword with its first senses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reader.ui.session import Session
from reader.ui.widgets.panels import Here, Panel

if TYPE_CHECKING:
    from reader.dictionary import DictEntry, Hit

# Senses listed per entry: WordNet's "run" has fifty.
SENSES_SHOWN = 8


@dataclass(frozen=True)
class Query:
    """A word to look up, with the sentence it is read in."""

    word: str
    lang: str
    to: str | None
    sentence: str
    start: int  # the word's offset in the sentence
    segment_id: str
    side: str
    sentence_index: int
    translation: str  # the aligned translation of the sentence (for the counterpart)


@dataclass(frozen=True)
class Pick:
    """One line of the list the learner may choose: an entry, or one sense of it."""

    hit: Hit
    entry: DictEntry
    sense: int | None  # None: the entry as a whole


class DictionaryPanel(Vertical, Panel):
    DEFAULT_CSS = """
    DictionaryPanel {
        width: 30%;
        min-width: 24;
        max-width: 48;
        height: 1fr;
        border-left: vkey $foreground 20%;
    }
    DictionaryPanel > #dictionary-title { height: auto; padding: 0 1; color: $text-muted; }
    DictionaryPanel > OptionList { height: 1fr; border: none; padding: 0; }
    DictionaryPanel > OptionList:focus { border: none; background-tint: $foreground 5%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose", "Add with this gloss", id="dictionary_add"),
        Binding("escape", "back", "Back to the text", id="dictionary_back"),
    ]

    class Chosen(Message):
        """The learner chose a gloss: open Add prefilled with it."""

        def __init__(self, query: Query, pick: Pick) -> None:
            super().__init__()
            self.query = query
            self.pick = pick

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.query_shown: Query | None = None  # what the list shows (or is being looked up)
        self.answered: Query | None = None  # the last look-up whose answer is shown
        self._pending: Query | None = None  # asked while the panel was hidden
        self._picks: list[Pick | None] = []
        self._opened = False  # whether a look-up has finished once (indexes open)
        self._errors_shown = 0
        self._lock = threading.Lock()

    def _parts(self) -> tuple[Static, OptionList]:
        """Its title and list, made when the panel is first shown: hidden beside the notes,
        the dictionary costs the reading screen's first frame nothing."""
        if not self.children:
            self.mount(Static(_HINT, id="dictionary-title"), OptionList(id="dictionary-entries"))
        return (
            self.query_one("#dictionary-title", Static),
            self.query_one("#dictionary-entries", OptionList),
        )

    # --- what to look up ----------------------------------------------------------------

    def show(self, here: Here) -> None:
        query = query_for(here, self.session)
        if query == self.query_shown:
            return
        if not self.display:
            self._pending = query  # looked up when shown: a hidden panel costs nothing
            return
        self._look_up(query)

    def shown(self) -> None:
        """The panel was made visible: look up what the cursor is on now."""
        self._parts()
        if self._pending is not None and self._pending != self.query_shown:
            self._look_up(self._pending)
        self._pending = None

    def _look_up(self, query: Query | None) -> None:
        self.query_shown = query
        title, entries = self._parts()
        if query is None:
            title.update(_HINT)
            entries.clear_options()
            self._picks = []
            return
        word = self.session.display_text(query.word, 30)
        title.update(
            Text(f"Looking up “{word}”…" if self._opened else "Loading dictionary…", "italic")
        )
        self.run_worker(
            lambda: self._lookup_in_thread(query),
            thread=True,
            exclusive=True,
            group="dictionary",
            name="dictionary look-up",
            exit_on_error=False,  # a broken dictionary is said in the panel, never a crash
        )

    def _lookup_in_thread(self, query: Query) -> tuple[Query, list[Hit], bool]:
        # One look-up at a time: the indexes open on first use, once.
        with self._lock:
            if query != self.query_shown:
                return query, [], True  # the cursor moved on meanwhile
            shelf = self.session.shelf()
            if not shelf.for_language(query.lang):
                return query, [], False
            to = query.to if query.to and shelf.for_language(query.lang, query.to) else None
            hits = shelf.lookup(
                query.word, query.lang, to=to, sentence=query.sentence, start=query.start
            )
            if query.translation and query.to:
                from reader.dictionary.glosses import in_translation

                forms = [query.word, *(h.form for h in hits)]
                hits[:0] = in_translation(shelf, query.translation, query.lang, query.to, forms)
            return query, hits, True

    @on(Worker.StateChanged)
    def _looked_up(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "dictionary":
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self._parts()[0].update(Text(f"Look-up failed: {error}", "italic"))
            self.answered = self.query_shown
            return
        result = event.worker.result
        if event.state != WorkerState.SUCCESS or not isinstance(result, tuple):
            return
        query, hits, any_dictionary = result
        if query != self.query_shown:
            return
        self._opened = True
        self._fill(query, hits, any_dictionary)
        self.answered = query
        # A dictionary damaged since it was added: said once, the others still answer.
        errors = self.session.shelf().errors
        for error in errors[self._errors_shown :]:
            self.notify(str(error), title="Dictionary left out", severity="warning", timeout=8)
        self._errors_shown = len(errors)

    def _fill(self, query: Query, hits: list[Hit], any_dictionary: bool = True) -> None:
        title, entries = self._parts()
        shown = self.session.display_text  # Arabic in visual order where the app reorders
        options, picks = options_for(hits, query.translation, query.to, shown)
        entries.clear_options()
        self._picks = picks
        if not any_dictionary:
            title.update(Text(NO_DICTIONARY.format(lang=query.lang), "italic"))
            return
        if not options:
            word = shown(query.word)
            title.update(Text(f"“{word}”: in no dictionary of {query.lang}.", "italic"))
            return
        title.update(Text.assemble(("Dictionary · ", "dim"), (shown(query.word), "bold")))
        entries.add_options(options)
        first = next((i for i, p in enumerate(picks) if p is not None), None)
        if first is not None:
            entries.highlighted = first

    # --- choosing -----------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def action_choose(self) -> None:
        highlighted = self._parts()[1].highlighted
        if highlighted is not None:
            self._choose(highlighted)

    def _choose(self, index: int) -> None:
        pick = self._picks[index] if 0 <= index < len(self._picks) else None
        if pick is not None and self.query_shown is not None:
            self.post_message(self.Chosen(self.query_shown, pick))

    def action_back(self) -> None:
        self.screen.query_one("#view").focus()

    @property
    def picks(self) -> list[Pick | None]:
        """The list's lines, as the learner may choose them (None: a dictionary's name)."""
        return list(self._picks)


NO_DICTIONARY = (
    "No dictionary of {lang} yet: add one with `reader dict add FILE` (StarDict, dictd, "
    "Yomitan, ECDICT, TSV); Debian's dict-freedict-* packages are found by themselves."
)
_STAR = " ★"  # used in the aligned translation
_HINT = Text("Move to a word (w/b) or select one: its dictionary entries show here.", "dim")


def query_for(here: Here, session: Session) -> Query | None:
    """The word under the word cursor (or the selection), with its sentence."""
    pick, seg = here.pick, here.segment
    if pick is None or not pick.text.strip():
        return None
    doc = here.document
    seg = doc.segment(pick.segment_id) if seg is None or seg.id != pick.segment_id else seg
    text = seg.source if pick.side == "source" else seg.target
    if text is None or pick.sentence >= len(text.spans):
        return None
    if pick.side == "source":
        lang = doc.segment_lang(seg)
        to = doc.target_lang or session.settings.native
        translation = ""
        if seg.target is not None:
            translation = seg.target.sep.join(
                seg.target.sentences[i] for i in seg.counterparts(pick.sentence)
            )
    else:
        lang = doc.target_lang or doc.segment_lang(seg)
        to = doc.segment_lang(seg)
        translation = ""
    start, _end = text.spans[pick.sentence]
    return Query(
        pick.text.strip(),
        lang,
        to if to != lang else None,
        text.sentences[pick.sentence],
        max(pick.start - start, 0),
        seg.id,
        pick.side,
        pick.sentence,
        translation,
    )


def options_for(
    hits: list[Hit],
    translation: str = "",
    to: str | None = None,
    shown: Callable[[str], str] = str,
) -> tuple[list[Option | None], list[Pick | None]]:
    """The list's lines: each dictionary's name, then its entries and their senses. What
    the aligned translation uses is starred, and a reversed dictionary's entries found in
    it come first: the translator already chose among them."""
    from reader.dictionary.glosses import (
        IN_TRANSLATION,
        counterpart,
        glosses_for,
        is_reversed,
        senses,
    )

    def used(hit: Hit, entry: DictEntry, sense: int | None) -> bool:
        glosses = glosses_for(hit.dictionary, entry, sense)
        return counterpart(translation, glosses, to) is not None

    options: list[Option | None] = []
    picks: list[Pick | None] = []
    for hit in hits:
        how = "" if hit.how in ("exact", IN_TRANSLATION) else f" · {shown(hit.form)} ({hit.how})"
        options.append(Option(Text(f"{hit.dictionary.name}{how}", "bold dim"), disabled=True))
        picks.append(None)
        reversed_ = is_reversed(hit.dictionary)
        ordered = list(hit.entries)
        if reversed_ and translation:
            ordered.sort(key=lambda e: not used(hit, e, None))
        for entry in ordered:
            head = Text.assemble((shown(entry.headword), "bold"))
            if reversed_ and translation and used(hit, entry, None):
                head.append(_STAR, "bold")
            if entry.reading:
                head.append(f"  {entry.reading}", "italic")
            if entry.pos:
                head.append(f"  {entry.pos}", "dim")
            if reversed_:
                head.append(f"\n  {entry.text}", "dim")
            options.append(Option(head))
            picks.append(Pick(hit, entry, None))
            if reversed_:
                continue
            found = senses(entry)
            for n, sense in enumerate(found[:SENSES_SHOWN]):
                line = Text(f"  {n + 1}. {sense}")
                if translation and used(hit, entry, n):
                    line.append(_STAR, "bold")
                options.append(Option(line))
                picks.append(Pick(hit, entry, n))
            if len(found) > SENSES_SHOWN:
                more = len(found) - SENSES_SHOWN
                options.append(Option(Text(f"  … {more} more", "dim"), disabled=True))
                picks.append(None)
    return options, picks
