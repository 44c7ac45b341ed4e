"""The reading screen's keys: every binding has an id (the config file's `keys:` remaps it)
and words for the footer, the help screen and the command palette."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def _nav(keys: str, action: str, description: str, binding_id: str) -> Binding:
    # Priority: the view is a ScrollView whose own arrow/page bindings would scroll instead
    # of moving the sentence cursor. And every move alike: Textual runs priority bindings
    # before the others, so "J w" typed fast ran w first when J was not one of them.
    # Dialogs are separate screens, so they keep their keys.
    return Binding(keys, action, description, show=False, priority=True, id=binding_id)


BINDINGS: list[BindingType] = [
    _nav("j,down", "sentence(1)", "Next sentence", "next_sentence"),
    _nav("k,up", "sentence(-1)", "Previous sentence", "previous_sentence"),
    _nav("J", "paragraph(1)", "Next paragraph", "next_paragraph"),
    _nav("K", "paragraph(-1)", "Previous paragraph", "previous_paragraph"),
    _nav("g,home", "start", "Start of the document", "start"),
    _nav("G,end", "end", "End of the document", "end"),
    _nav("pagedown", "page(1)", "Next page", "page_down"),
    _nav("pageup", "page(-1)", "Previous page", "page_up"),
    _nav("w,right", "word(1)", "Next word", "next_word"),
    _nav("b,left", "word(-1)", "Previous word", "previous_word"),
    _nav("shift+right", "extend(1)", "Extend the phrase right", "extend_right"),
    _nav("shift+left", "extend(-1)", "Extend the phrase left", "extend_left"),
    Binding(
        "v",
        "cycle_layout",
        "Layout",
        id="layout",
        tooltip="Side by side, interleaved, self-test, translation only",
    ),
    Binding(
        "space",
        "reveal",
        "Reveal",
        id="reveal",
        tooltip="Self-test: show the translation of this sentence",
    ),
    Binding(
        "c",
        "contents",
        "Contents",
        id="contents",
        tooltip="Table of contents: type to filter, Enter to go to a chapter",
    ),
    Binding("right_square_bracket", "chapter(1)", "Next chapter", show=False, id="next_chapter"),
    Binding(
        "left_square_bracket",
        "chapter(-1)",
        "Previous chapter (this one's start first)",
        show=False,
        id="previous_chapter",
    ),
    Binding("p", "toggle_notes", "Notes", id="notes", tooltip="Show or hide the notes panel"),
    Binding(
        "D",
        "cycle_side",
        "Dict",
        id="dictionary",
        tooltip="Beside the text: notes, dictionary, or both (Tab into the dictionary)",
    ),
    Binding("slash", "search", "Search", id="search", tooltip="Search both languages"),
    Binding("n", "next_hit(1)", "Next hit", show=False, id="next_hit"),
    Binding("N", "next_hit(-1)", "Previous hit", show=False, id="previous_hit"),
    Binding(
        "a",
        "add_entry",
        "Add",
        id="add_entry",
        tooltip="Add the word or selection to the glossary",
    ),
    Binding("e", "edit_entry", "Edit entry", show=False, id="edit_entry"),
    Binding("d", "delete_entry", "Delete entry", show=False, id="delete_entry"),
    Binding(
        "u,ctrl+z",
        "undo",
        "Undo the last change",
        show=False,
        id="undo",
        tooltip="Entries, statuses, your translations and alignment repairs, one at a time",
    ),
    Binding("U,ctrl+r", "redo", "Redo what was undone", show=False, id="redo"),
    *(
        Binding(str(n), f"level({n})", f"Learning, level {n}", show=False, id=f"level_{n}")
        for n in range(1, 6)
    ),
    Binding(
        "W",
        "mark_known",
        "Known",
        show=False,  # a status key like 1-5 and I: in the help, not the footer
        id="known",
        tooltip="The entry under the cursor is known; on another word, the word is",
    ),
    Binding(
        "P",
        "mark_paragraph_known",
        "¶ known",
        show=False,  # in the help: the footer keeps room for q at 80 columns
        id="paragraph_known",
        tooltip="Every word of the paragraph still unknown is known",
    ),
    Binding(
        "ctrl+k",
        "toggle_unknown",
        "Mark unknown words or not",
        show=False,
        id="toggle_unknown",
    ),
    Binding("I", "set_status('ignored')", "Mark ignored", show=False, id="ignored"),
    Binding(
        "E", "open_in_editor", "Open glossary file in $EDITOR", show=False, id="open_in_editor"
    ),
    Binding("t", "translate", "Write your own translation", show=False, id="translate"),
    Binding("x", "export", "Export Anki deck", show=False, id="export"),
    Binding(
        "L",
        "glossary",
        "Glossary",
        id="glossary",
        tooltip="Entries that apply to this document",
    ),
    Binding(
        "M",
        "repair('merge')",
        "Alignment: merge with the previous link",
        show=False,
        id="align_merge",
    ),
    Binding(
        "S",
        "repair('split')",
        "Alignment: split the link at this sentence",
        show=False,
        id="align_split",
    ),
    Binding(
        "less_than_sign",
        "repair('shrink')",
        "Alignment: give the last translation sentence to the next link",
        show=False,
        id="align_shrink",
    ),
    Binding(
        "greater_than_sign",
        "repair('grow')",
        "Alignment: take the next translation sentence into this link",
        show=False,
        id="align_grow",
    ),
    Binding(
        "R",
        "repair('realign')",
        "Alignment: re-align the rest of the paragraph",
        show=False,
        id="align_rest",
    ),
    Binding(
        "escape",
        "library",
        "Library",
        id="library",
        tooltip="Clear the selection; with none, back to the library",
    ),
]


# What the help screen says about what the keys work on, beside the list of keys.
HELP = (
    "[b]Alignment repair[/b] · a [b]?[/b] beside the text marks a sentence link the "
    "aligner was unsure of. On the sentence under the cursor: [b]M[/b] merges its link "
    "with the previous one, [b]S[/b] splits it, [b]<[/b] / [b]>[/b] give the last "
    "translation sentence to the next link or take the next one in, [b]R[/b] re-aligns "
    "the rest of the paragraph. Repairs are saved in the document.\n"
    "[b]Undo[/b] · [b]u[/b] takes back the last change, whatever it was (an entry, a "
    "status, your translation, a repair, words marked known), and [b]U[/b] puts it back.\n"
    "[b]Dictionary[/b] · [b]D[/b] shows the dictionary beside the text (then both panels, "
    "then the notes): the entries for the word under the cursor from your dictionaries. "
    "[b]Tab[/b] moves into the list; [b]Enter[/b] or [b]a[/b] on a sense opens Add with "
    "that gloss, the sentence and its translation; [b]Escape[/b] goes back to the text.\n"
    "[b]Known words[/b] · in a text without notes of its own, words in no glossary that you "
    "do not know are underlined (the setting [b]unknown_words[/b]; [b]ctrl+k[/b] switches it). "
    "[b]W[/b] marks the word known, [b]P[/b] every unknown word of the paragraph; the "
    "status bar shows how much of the paragraph you know."
)
