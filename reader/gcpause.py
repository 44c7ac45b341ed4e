"""Pausing Python's cyclic garbage collector around bulk allocation, in batch work only."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Code that runs threads of its own beside the main one (the reading app and its workers)
# holds this above zero while it runs.
_threaded = 0
_lock = threading.Lock()


@contextmanager
def threads_running() -> Iterator[None]:
    """While the block runs, other threads allocate too: the collector is never paused.

    `gc.disable()` is process-wide. Paused by one thread, the collector also stops for every
    other one, which may be making garbage with cycles all the while (a UI repainting).
    """
    global _threaded
    with _lock:
        _threaded += 1
    try:
        yield
    finally:
        with _lock:
            _threaded -= 1


def pauses_allowed() -> bool:
    """Whether `no_gc` pauses here: on the main thread, with no `threads_running` block."""
    return not _threaded and threading.current_thread() is threading.main_thread()


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic collector while a large batch of acyclic objects is made.

    Loading a 50,000-entry glossary makes a few hundred thousand YAML nodes, and a find over a
    book makes a million matches; each generation-2 pass rescans everything alive, so the work
    grew faster than the input. These objects hold no cycles (YAML aliases are checked), so
    reference counting frees them without the collector.

    What survives the batch (the entries, the matcher) would still be scanned once by the
    first young collection after it, a tenth of the time it took to make them. So the
    survivors are moved to the oldest generation directly (`gc.freeze()` then
    `gc.unfreeze()`, which relink the generations' lists without visiting any object); they
    are looked at again only by a full collection, like any long-lived data. Not done when
    the program froze objects itself: unfreezing would undo that.

    Only in single-threaded batch work (`pauses_allowed`): from a worker thread, or while the
    reading app runs, the block runs with the collector as it is.
    """
    if not pauses_allowed():
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
