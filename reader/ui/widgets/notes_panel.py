"""The notes panel beside the text: the entry under the cursor in full, then the other
entries of the paragraph, one line of glosses each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from reader.marks import Found, entry_key
from reader.model import Entry
from reader.ui.shown import ShownStatic, shown
from reader.ui.widgets.panels import Here, Panel

# Entries listed: a paragraph of a dense glossary holds a thousand, and drawing them all
# took half a second on every cursor move.
NOTES_LISTED = 40


def status_label(entry: Entry) -> str:
    if entry.status == "learning" and entry.level:
        return f"learning {entry.level}"
    return entry.status


def entry_in_full(entry: Entry) -> list[str]:
    lines = [f"[b reverse] {shown(entry.term)} [/] [dim]{status_label(entry)}[/dim]"]
    if entry.reading:
        lines.append(f"  [dim]{shown(entry.reading)}[/dim]")
    if entry.pos:
        lines.append(f"  [i]{shown(entry.pos)}[/i]")
    for gloss in entry.glosses:
        lines.append(f"  • {shown(gloss)}")
    if entry.note:
        lines.append(f"  [i]{shown(entry.note)}[/i]")
    if entry.forms:
        lines.append(f"  [dim]forms: {shown(', '.join(entry.forms))}[/dim]")
    if entry.tags:
        lines.append(f"  [dim]tags: {shown(', '.join(entry.tags))}[/dim]")
    return lines


def notes_text(found: list[Found], current: Entry | None) -> str:
    """The panel's text (Textual markup) for what was found in the paragraph."""
    seen: set[str] = set()
    lines: list[str] = []
    if current is not None:
        lines += entry_in_full(current)
        seen.add(entry_key(current))
        lines.append("")
    more = 0
    for f in found:
        key = entry_key(f.entry)
        if key in seen:
            continue
        seen.add(key)
        if len(seen) > NOTES_LISTED:
            more += 1
            continue
        gloss = shown(f.entry.gloss_text) or "[dim]no gloss yet[/dim]"
        lines.append(f"[b]{shown(f.entry.term)}[/b] [dim]{status_label(f.entry)}[/dim]")
        lines.append(f"  {gloss}")
        if f.entry.note:
            lines.append(f"  [i]{shown(f.entry.note)}[/i]")
    if more:
        lines.append(f"[dim]… and {more} more in this paragraph[/dim]")
    if not lines:
        lines = [
            "[dim]No glossary terms in this paragraph.[/dim]",
            "",
            "[dim]Move to a word (w/b) or select one with the mouse, then press a.[/dim]",
        ]
    return "\n".join(lines)


class NotesPanel(VerticalScroll, Panel, can_focus=False):
    """Scrolls when the entries are long; never takes the focus from the text."""

    def __init__(self, *, bidi: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi = bidi
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        # Wrapped glosses keep their indent; Arabic is shaped and ordered as in the text.
        yield ShownStatic(bidi=self.bidi, id="notes-body")

    def show(self, here: Here) -> None:
        text = notes_text(list(here.found), here.entry)
        # An update relays out the whole screen: only when the text changed.
        if text != self._shown:
            self._shown = text
            self.query_one("#notes-body", ShownStatic).show(text)
