"""Keys as data: every binding of a screen, with the learner's keymap applied.

Textual keeps a node's merged bindings and the app's keymap in private attributes; the help
screen, the command palette and the reading screen's "why does this key do nothing" read
the same thing from the public pieces instead: the classes' `BINDINGS` and the keymap of the
config file (`Settings.keys`), which is also what the app gives Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import format_key


def class_bindings(cls: type[DOMNode], keymap: Mapping[str, str] | None = None) -> BindingsMap:
    """The bindings instances of `cls` have, as Textual merges them (`BINDINGS` along the
    class hierarchy, a subclass's binding for a key replacing its bases'), with `keymap`
    (binding id -> keys) applied."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        declared = base.__dict__.get("BINDINGS")
        if declared:
            keys.update(BindingsMap(declared).key_to_bindings)
    merged = BindingsMap.from_keys(keys)
    if keymap:
        merged.apply_keymap(dict(keymap))
    return merged


def in_class_order(cls: type[DOMNode], merged: BindingsMap) -> list[Binding]:
    """The bindings of `merged` in the order the classes declare them (not the keymap's)."""
    order = {b.id or b.action: n for n, (_k, b) in enumerate(class_bindings(cls))}
    found = [binding for _key, binding in merged]
    return sorted(found, key=lambda b: order.get(b.id or b.action, len(order)))


def key_name(binding: Binding) -> str:
    return binding.key_display or format_key(binding.key)


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


def key_help(classes: list[type[DOMNode]], keymap: Mapping[str, str]) -> list[KeyHelp]:
    """Actions of `classes` in binding order, with their keys after the keymap is applied."""
    rows: dict[str, tuple[list[str], str, str, str]] = {}
    worded_by_shown: set[str] = set()
    for cls in classes:
        for binding in in_class_order(cls, class_bindings(cls, keymap)):
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
            shown = key_name(binding)
            if shown not in keys:
                keys.append(shown)
    return [
        KeyHelp(", ".join(keys), desc, ident, detail) for keys, desc, ident, detail in rows.values()
    ]


def working_actions(node: DOMNode, keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(description, action, help) for each binding of `node` that works right now."""
    out: dict[str, tuple[str, str, str]] = {}
    for _key, binding in class_bindings(type(node), keymap):
        if binding.action in out or not binding.description:
            continue
        # Only what makes sense now: no "Reveal" outside the self-test layout.
        if node.check_action(binding.action, ()) is False:
            continue
        key = key_name(binding)
        help_text = f"{binding.tooltip} · {key}" if binding.tooltip else key
        out[binding.action] = (binding.description, binding.action, help_text)
    return list(out.values())


def bindings_for_key(node: DOMNode, keymap: Mapping[str, str], key: str) -> list[Binding]:
    """The bindings of `node` a key press triggers."""
    return list(class_bindings(type(node), keymap).key_to_bindings.get(key, ()))
