"""The collector is paused only in single-threaded batch work, never from another thread."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from reader.gcpause import (
    no_gc,
    pause_for_start_up,
    pauses_allowed,
    start_up_done,
    threads_running,
)


def test_the_main_thread_pauses_in_batch_work() -> None:
    assert pauses_allowed()
    with no_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_worker_thread_never_turns_the_collector_off_for_everyone() -> None:
    seen: list[bool] = []

    def work() -> None:
        with no_gc():
            seen.append(gc.isenabled())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [True] and gc.isenabled()


def test_while_threads_run_the_main_thread_does_not_pause_either() -> None:
    with threads_running():
        assert not pauses_allowed()
        with no_gc():
            assert gc.isenabled()
        with threads_running():  # nested: the app inside a test that runs threads
            pass
        assert not pauses_allowed()
    assert pauses_allowed()
    with no_gc():
        assert not gc.isenabled()


def test_the_start_up_pause_ends_once_and_only_undoes_itself() -> None:
    pause_for_start_up()
    assert not gc.isenabled()
    start_up_done()
    assert gc.isenabled()
    start_up_done()  # a second call (the command line's own, after the app's) changes nothing
    assert gc.isenabled()
    gc.disable()  # a program that turned the collector off itself keeps it off
    try:
        pause_for_start_up()
        start_up_done()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_reading_app_turns_the_collector_back_on_after_its_first_frame(
    tmp_path: Path,
) -> None:
    from reader.library import Library
    from reader.settings import Settings
    from reader.ui.app import make_app
    from reader.vocabulary import Vocabulary

    library = Library(tmp_path / "library")
    app = make_app(library, Vocabulary(library.root), Settings(), watch_interval=0)
    pause_for_start_up()  # as `reader read` does before it imports the app
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        start_up_done()
