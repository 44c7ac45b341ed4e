"""The layout modes: one module each, one line each in `MODES`.

`v` cycles through `MODES` in this order; the first is the default. A new mode is a module
here with a `Mode` subclass (its columns and the block of each segment) and a line below.
`SINGLE` is what a one-language document reads in, whatever mode was chosen: never chosen
itself, so it is not in the cycle.
"""

from __future__ import annotations

from reader.ui.viewmodel.modes.base import Mode
from reader.ui.viewmodel.modes.interleaved import INTERLEAVED
from reader.ui.viewmodel.modes.selftest import SELFTEST
from reader.ui.viewmodel.modes.side import SIDE
from reader.ui.viewmodel.modes.single import SINGLE
from reader.ui.viewmodel.modes.translation import TRANSLATION

MODES: dict[str, Mode] = {
    SIDE.name: SIDE,
    INTERLEAVED.name: INTERLEAVED,
    SELFTEST.name: SELFTEST,
    TRANSLATION.name: TRANSLATION,
}
DEFAULT = SIDE.name

__all__ = ["DEFAULT", "MODES", "SINGLE", "Mode", "mode_named", "next_mode"]


def mode_named(name: str) -> Mode:
    """The mode called `name`; the default for a name no mode has (an older state file)."""
    if name == SINGLE.name:
        return SINGLE
    return MODES.get(name) or MODES[DEFAULT]


def next_mode(name: str) -> str:
    """The mode after `name` in the cycle."""
    names = list(MODES)
    return names[(names.index(name) + 1) % len(names)] if name in MODES else DEFAULT
