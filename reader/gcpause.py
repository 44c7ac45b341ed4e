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
            # Asking for the freeze count walks every frozen object, and Textual freezes
            # its own at start-up (tens of thousands): asked after every paragraph's find,
            # it cost the app 4 ms a paragraph. So it is asked only after a batch that made
            # at least a quarter as many objects as were frozen when last asked; a smaller
            # batch leaves its few survivors to the young generation.
            made = gc.get_count()[0]
            if made >= max(_WORTH_MOVING, _frozen[0] // 4):
                _frozen[0] = gc.get_freeze_count()
                if not _frozen[0]:
                    gc.freeze()
                    gc.unfreeze()
            gc.enable()


# Objects made during a pause below which its survivors are not worth moving.
_WORTH_MOVING = 500
# The freeze count when last asked.
_frozen = [0]


# Whether the collector is paused for the reading app's start (`pause_for_start_up`).
_starting = [False]


def pause_for_start_up() -> None:
    """Pause the collector from the command line's start to the app's first frame.

    A start-up makes a few hundred thousand objects that live as long as the app (modules,
    classes, styles, the first screen's widgets), and the collector's passes over them while
    they are made find nothing to free: they cost the first frame tens of milliseconds.
    `start_up_done` (the app calls it after its first refresh) turns the collector back on.
    """
    if gc.isenabled():
        gc.disable()
        _starting[0] = True


def start_up_done() -> None:
    """The first frame is drawn (or the command is over): the collector runs again."""
    if _starting[0]:
        _starting[0] = False
        gc.enable()
