"""The app's glossary work, one job at a time and in order.

Saves, undo, redo and reloads of glossary files must not run on the UI thread (a careful save
of a 50,000-entry file takes a second or more) and must not run two at a time, or out of the
order the learner asked for them: "add" then "undo" must undo that add. So they queue here,
and one worker thread takes them in turn; each job's `done` runs back on the UI thread.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Job:
    """Work for the glossary worker: `run` off the UI thread, then `done(job)` on it."""

    run: Callable[[], Any]
    done: Callable[[Job], None]
    kind: str = "save"  # "save" | "reload": a reload is not queued twice
    result: Any = None
    error: BaseException | None = None
    finished: bool = field(default=False)


class JobQueue:
    """Jobs in order, and whether a worker is taking them."""

    def __init__(self) -> None:
        self._jobs: deque[Job] = deque()
        self._lock = threading.Lock()
        self._running = False

    def add(self, job: Job) -> bool:
        """Queue a job; True when no worker runs and one must be started."""
        with self._lock:
            self._jobs.append(job)
            start = not self._running
            self._running = True
            return start

    def waiting(self, kind: str) -> bool:
        """Whether a job of `kind` is queued and not started yet."""
        with self._lock:
            return any(job.kind == kind for job in self._jobs)

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running

    def next(self) -> Job | None:
        """The next job for the worker; None (and the worker is done) when there is none."""
        with self._lock:
            if not self._jobs:
                self._running = False
                return None
            return self._jobs.popleft()
