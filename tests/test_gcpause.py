"""The collector is paused only in single-threaded batch work, never from another thread."""

from __future__ import annotations

import gc
import threading

from reader.gcpause import no_gc, pauses_allowed, threads_running


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
