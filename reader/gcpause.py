"""Pausing Python's cyclic garbage collector around bulk allocation."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic collector while a large batch of acyclic objects is made.

    Loading a 50,000-entry glossary makes a few hundred thousand YAML nodes, and a find over a
    book makes a million matches; each generation-2 pass rescans everything alive, so the work
    grew faster than the input. These objects hold no cycles (YAML aliases are checked), so
    reference counting frees them without the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
