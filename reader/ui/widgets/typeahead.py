"""Typing in a table filters it: the library and glossary screens share this."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import DataTable, Input


def type_into_filter(
    screen: Screen[Any], event: events.Key, filter_id: str, keys: frozenset[str]
) -> None:
    """A printable key pressed in the screen's table moves to its filter with that letter,
    except the screen's own single-letter `keys` and a space that would start the filter.

    Keys typed fast (a paste, a terminal sending a burst) can reach the table before the
    focus has moved: once the filter holds text, a space is part of it too."""
    table = screen.query_one(DataTable)
    if screen.focused is not table or not event.character or not event.is_printable:
        return
    filt = screen.query_one(filter_id, Input)
    if event.character.isspace() and not filt.value:
        return
    if event.character in keys and not filt.value:
        return
    filt.focus()
    filt.insert_text_at_cursor(event.character)
    event.stop()
    event.prevent_default()
