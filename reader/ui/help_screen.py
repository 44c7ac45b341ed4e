"""The help screen: every key of the screen underneath, read from its bindings.

The list is built from the live bindings with the user's keymap applied, so it shows the
keys as remapped and never drifts from the code. The id column is what the config file's
`keys:` section uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static


@dataclass(frozen=True)
class KeyHelp:
    """One action with all the keys that trigger it."""

    keys: str
    description: str
    binding_id: str
    detail: str = ""  # the tooltip: the footer's one word says little on its own

    @property
    def text(self) -> str:
        return f"{self.description} — {self.detail}" if self.detail else self.description


def key_help(nodes: list[DOMNode], keymap: dict[str, str]) -> list[KeyHelp]:
    """Actions of `nodes` in binding order, with their keys after the keymap is applied."""
    rows: dict[str, tuple[list[str], str, str, str]] = {}
    worded_by_shown: set[str] = set()
    for node in nodes:
        bindings = node._bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        ordered: list[Binding] = []
        for _key, binding in bindings:
            ordered.append(binding)
        # Keep the order of BINDINGS in the class, not of the keymap.
        order = {b.id or b.action: n for n, (_k, b) in enumerate(node._bindings)}
        ordered.sort(key=lambda b: order.get(b.id or b.action, len(order)))
        for binding in ordered:
            if binding.system or binding.action == "command_palette":
                continue
            ident = binding.id or binding.action
            description = binding.description or binding.tooltip or binding.action
            detail = binding.tooltip if binding.tooltip != description else ""
            keys = rows.setdefault(ident, ([], description, ident, detail))[0]
            # Two bindings may share an action (Textual's ctrl+q and our q): the words of the
            # one in the footer are the ones the learner has seen.
            if binding.show and ident not in worded_by_shown:
                worded_by_shown.add(ident)
                rows[ident] = (keys, description, ident, detail)
            shown = _key_name(binding)
            if shown not in keys:
                keys.append(shown)
    return [
        KeyHelp(", ".join(keys), desc, ident, detail) for keys, desc, ident, detail in rows.values()
    ]


def _key_name(binding: Binding) -> str:
    from textual.keys import format_key

    return binding.key_display or format_key(binding.key)


class HelpScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q", "close", "Close", id="help_close", tooltip="Back to reading"
        ),
    ]

    def __init__(self, under: Screen) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        yield Static(
            "[b]Keys[/b] · remap any of them in the config file: "
            '[b]keys: {id: "key,other-key"}[/b] (see the README)',
            id="help-title",
        )
        # A screen may explain what its keys work on (e.g. what the gutter marks mean);
        # kept beside its BINDINGS so it changes with them.
        notes = getattr(self.under, "HELP", "")
        if notes:
            yield Static(notes, id="help-notes")
        yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        keymap = dict(self.app._keymap)
        rows = [(r.keys, r.text, r.binding_id) for r in key_help([self.under, self.app], keymap)]
        rows.append(
            (
                "ctrl+p",
                "Command palette: every action, go to a paragraph or entry",
                "command_palette",
            )
        )
        # The id is what a user copies into the config file, so it must stay on screen in a
        # narrow terminal: the explanation gives up its tail instead.
        keys_width = max(len(r[0]) for r in rows)
        id_width = max(len(r[2]) for r in rows)
        room = self.app.size.width - keys_width - id_width - 8
        table.add_column("Keys", width=keys_width)
        table.add_column("Action", width=max(24, min(room, max(len(r[1]) for r in rows))))
        table.add_column("Id", width=id_width)
        for keys, text, ident in rows:
            table.add_row(keys, text, ident)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
